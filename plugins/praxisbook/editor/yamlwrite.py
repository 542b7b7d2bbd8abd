"""Writing YAML that the strict reader (catalogue/read.py) reads back as the same values.

Used by `praxisbook new` and `import-issue`: vocabulary ids stay plain, as
editors write them; every other text is a double-quoted JSON string, which
YAML reads exactly, whatever characters it holds.
"""

from __future__ import annotations

import json
import re
import textwrap

WIDTH = 98
PLAIN_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")
PLAIN_KEY = re.compile(r"[a-z_]+\Z")
# YAML 1.1 readers (not ours) turn these plain words into booleans or null: always quote them.
YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if PLAIN_ID.match(text) and text not in YAML11_WORDS:
        return text  # vocabulary ids stay plain, as editors write them
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def yaml_lines(key: str, value: object, indent: int = 0) -> list[str]:
    """`key: value` as block YAML, groups and lists indented by two spaces."""
    head = " " * indent + (key if PLAIN_KEY.match(key) else scalar(key)) + ":"
    if isinstance(value, dict) and value:
        return [head, *(line for k, v in value.items() for line in yaml_lines(k, v, indent + 2))]
    if isinstance(value, list) and value:
        return [head, *(line for item in value for line in item_lines(item, indent + 2))]
    if isinstance(value, str) and (block := block_text(value, indent + 2)):
        return [f"{head} {block[0]}", *block[1:]]
    empty = isinstance(value, dict | list)
    return [f"{head} {json.dumps(value) if empty else scalar(value)}"]


def block_text(text: str, indent: int) -> list[str]:
    """A text of several lines as a `|` block, one line each, as an editor writes it; else []."""
    if "\n" not in text.rstrip("\n") or text.endswith("\n\n") or text[:1].isspace():
        return []  # one line, or blank lines at the end or spaces at the start: keep it quoted
    lines = text.removesuffix("\n").split("\n")
    indicator = "|" if text.endswith("\n") else "|-"
    return [indicator, *((" " * indent + line) if line else "" for line in lines)]


def item_lines(item: object, indent: int) -> list[str]:
    if not isinstance(item, dict) or not item:
        return [" " * indent + "- " + scalar(item)]
    lines = [line for k, v in item.items() for line in yaml_lines(k, v, indent + 2)]
    return [" " * indent + "- " + lines[0].lstrip(), *lines[1:]]


def document_text(front: list[str], body: str) -> str:
    return "---\n" + "\n".join(front).strip("\n") + "\n---\n" + body


def commented(lines: list[str], indent: int) -> list[str]:
    """Comment a block out so that deleting one `# ` per line gives it back, comments and all."""
    return [line[:indent] + "# " + line[indent:] for line in lines]


def wrap_comment(text: str, indent: int) -> list[str]:
    prefix = " " * indent + "# "
    return textwrap.wrap(
        text, WIDTH, initial_indent=prefix, subsequent_indent=prefix + "  ",
        break_long_words=False, break_on_hyphens=False,
    )  # fmt: skip
