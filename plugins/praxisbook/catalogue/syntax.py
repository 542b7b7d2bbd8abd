"""A YAML syntax error in plain words: which line, what is wrong there, how to fix it.

libyaml says what its parser expected ("did not find expected key", "mapping
values are not allowed in this context"). An editor needs to know what to
change. Its words alone cannot tell an indentation slip from a colon inside a
value (both are "mapping values are not allowed"), so each rule reads the
error's problem, context and marks together with the line they point at and
the lines above it. The rules are written by hand because the parser knows
nothing of what the editor meant; docs/editing.md lists them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml

KEY = re.compile(r"\s*(?:-\s+)?(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s*:(?:\s+|\Z)(?P<value>.*)\Z")
DASH_WITHOUT_SPACE = re.compile(r"-[^\s-]")
BLOCK_TEXT = re.compile(r".*:\s*[|>][+-]?\s*\Z")
NO_TOKEN = "found character that cannot start any token"
MAY_BE_INDENTATION = (
    "mapping values are not allowed",
    "did not find expected key",
    "did not find expected '-' indicator",
)
FALLBACK_HINT = (
    "check its indentation (two spaces for each level), and put a value in quotes when it"
    " contains `: ` or ` #`, or starts with `@`, `` ` ``, `[`, `{`, `&`, `*`, `!`, `|`, `>`,"
    " `%` or a quote"
)


@dataclass(frozen=True)
class Slip:
    """One syntax error, explained: where (0-based line, 1-based column) and what to do."""

    line: int
    col: int
    message: str
    hint: str
    indent: int | None = None  # the indentation the line was meant to have
    owner: int | None = None  # the line naming the field, when it is not this one


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def tabs_as_spaces(line: str) -> str:
    """A tab-indented line as an editor most likely meant it: a tab for each level."""
    stripped = line.lstrip(" \t")
    return line[: len(line) - len(stripped)].replace("\t", "  ") + stripped


def belonging(lines: list[str], index: int) -> range:
    """Line `index` and the lines below it that are indented further: what it holds."""
    own = indent_of(tabs_as_spaces(lines[index]))
    end = index + 1
    while end < len(lines) and (
        not is_content(lines[end]) or indent_of(tabs_as_spaces(lines[end])) > own
    ):
        end += 1
    return range(index, end)


def is_content(line: str) -> bool:
    return bool(line.strip()) and not line.lstrip().startswith("#")


def is_item(line: str) -> bool:
    return re.match(r"\s*-(?:\s|\Z)", line) is not None


def spaces(n: int) -> str:
    return f"{n} space{'s' * (n != 1)}"


def text_at(lines: list[str], index: int) -> str:
    return lines[index] if 0 <= index < len(lines) else ""


def quoted_example(line: str, value: str | None = None) -> str:
    """`write it as key: "value"`, the line's own value in double quotes."""
    found = KEY.match(line)
    if not found:
        return ""
    value = found["value"].strip() if value is None else value
    return f"write it as `{found['key']}: {json.dumps(value, ensure_ascii=False)}`"


def explain(exc: yaml.MarkedYAMLError, lines: list[str]) -> Slip:
    """The first rule that recognises the error, else a general word on YAML's form."""
    exc.problem = exc.problem or ""
    for rule in RULES:
        if slip := rule(exc, lines):
            return slip
    mark = exc.problem_mark or exc.context_mark
    line = min(mark.line, max(len(lines) - 1, 0)) if mark else 0
    return Slip(line, (mark.column + 1) if mark else 1, "this line cannot be read", FALLBACK_HINT)


# --- the rules, tried in order --------------------------------------------------------------


def unclosed_quote(exc, lines: list[str]) -> Slip | None:
    """A quote left open runs on into the next lines, so libyaml trips further down."""
    hint = "end the value with the same quote mark, or remove the quote at its start"
    if exc.context == "while scanning a quoted scalar" and exc.context_mark:
        mark = exc.context_mark
        return Slip(mark.line, mark.column + 1, "a quote is opened but never closed", hint)
    upto = exc.problem_mark.line if exc.problem_mark else len(lines) - 1
    for index in range(min(upto, len(lines) - 1) + 1):
        opened = re.match(r"\s*(?:-\s+)?(?:[A-Za-z_]\w*\s*:\s+)?([\"'])", lines[index])
        if opened and not closes(lines[index][opened.end() :], opened[1]):
            return Slip(index, opened.end(), "a quote is opened but never closed", hint)
    return None


def closes(rest: str, quote: str) -> bool:
    """Does a quoted value that starts before `rest` end within it?"""
    if quote == '"':
        return '"' in re.sub(r"\\.", "", rest)
    return "'" in rest.replace("''", "")


def tab(exc, lines: list[str]) -> Slip | None:
    mark = exc.problem_mark
    line = text_at(lines, mark.line) if mark else ""
    lead = line[: len(line) - len(line.lstrip(" \t"))]
    if "\t" in lead:
        hint = "replace the tab at the start of the line with spaces: two for each level"
        message = "a tab is used for indenting: use spaces"
        indent = indent_of(tabs_as_spaces(line))
        return Slip(mark.line, lead.index("\t") + 1, message, hint, indent=indent)
    if exc.problem == NO_TOKEN and line[mark.column : mark.column + 1] == "\t":
        return Slip(mark.line, mark.column + 1, "a tab where a value should start", "use a space")
    return None


def reserved_start(exc, lines: list[str]) -> Slip | None:
    """`@`, the backtick, `|`, `>` and `%` mean something to YAML at the start of a value."""
    block = exc.context in ("while scanning a block scalar", "while scanning a directive")
    mark = exc.context_mark if block else exc.problem_mark
    line = text_at(lines, mark.line) if mark else ""
    char = line[mark.column : mark.column + 1]
    if not char or not (block or exc.problem == NO_TOKEN):
        return None
    shown = "`` ` ``" if char == "`" else f"`{char}`"
    message = f"a value starts with {shown}: put the value in quotes"
    hint = quoted_example(line) or f'write it in double quotes: "{char}…"'
    return Slip(mark.line, mark.column + 1, message, hint)


def item_after_field(exc, lines: list[str]) -> Slip | None:
    """`type: - network`, or two `- ` items on one line."""
    mark = exc.problem_mark
    if not exc.problem.startswith("block sequence entries are not allowed") or not mark:
        return None
    message = "a list item `- ` in the middle of a line"
    hint = "start each item on a line of its own, below its field name: `  - item`"
    return Slip(mark.line, mark.column + 1, message, hint)


def dash_without_space(exc, lines: list[str]) -> Slip | None:
    for mark in (exc.context_mark, exc.problem_mark):  # a plain `-x` ends where it stands
        line = text_at(lines, mark.line) if mark else ""
        if DASH_WITHOUT_SPACE.match(line.lstrip()):
            fixed = "- " + line.strip()[1:]
            message = "a `-` with no space after it: a list item starts with `- `"
            return Slip(mark.line, indent_of(line) + 1, message, f"write `{fixed}`")
    return None


def indentation(exc, lines: list[str]) -> Slip | None:
    mark = exc.problem_mark
    if not mark or not any(exc.problem.startswith(p) for p in MAY_BE_INDENTATION):
        return None
    line = text_at(lines, mark.line)
    n, block = indent_of(line), block_indent(lines, mark.line)
    if block is None or block == n or not is_content(line):
        return None
    if exc.problem.startswith("did not find expected '-'") and n in item_indents(lines, mark):
        return None  # lined up with the list's dashes: a missing `- `, not a slip
    uses = f"use {spaces(block)}" if block else "are not indented"
    where = f"is indented {spaces(n)}" if n else "is not indented"
    message = f"this line {where}; the lines of this block {uses}"
    hint = "indent it like the other lines of its block: two spaces for each level"
    return Slip(mark.line, 1, message, hint, indent=block)


def block_indent(lines: list[str], index: int) -> int | None:
    """The indentation of the earlier lines of the same kind nearest this line's, or None.

    Lines of the same kind are list items for a list item, fields for a field
    (a field on an item's line counts at its own column). The search stops at
    the top-level field the line belongs to. A tie goes to the nearer line.
    The first line below a field that opens a group may stand at any depth.
    """
    line = lines[index]
    kind, n, found = is_item(line), indent_of(line), []
    above = [earlier for earlier in lines[:index] if is_content(earlier)]
    opener = KEY.match(above[-1]) if above else None
    if opener and not opener["value"].strip() and n > indent_of(above[-1]):
        return None
    for earlier in reversed(above):
        d = indent_of(earlier)
        if is_item(earlier) == kind:
            found.append(d)
        elif not kind and KEY.match(earlier):
            found.append(d + 2)  # `- name: A`: its field `name` stands two columns in
        if d == 0 and not is_item(earlier):
            break
    return min(found, key=lambda d: abs(d - n)) if found else None


def item_indents(lines: list[str], mark) -> set[int]:
    return {indent_of(line) for line in lines[: mark.line] if is_item(line)}


def item_where_field(exc, lines: list[str]) -> Slip | None:
    mark = exc.problem_mark
    line = text_at(lines, mark.line) if mark else ""
    if not exc.problem.startswith("did not find expected key") or not is_item(line):
        return None
    message = "a list item `- ` where a `name: value` line was expected"
    hint = (
        "write the list's field name alone on the line above the items (`themes:`), and"
        " each item below it as `  - item`"
    )
    return Slip(mark.line, indent_of(line) + 1, message, hint)


def field_where_item(exc, lines: list[str]) -> Slip | None:
    mark = exc.problem_mark
    line = text_at(lines, mark.line) if mark else ""
    if not exc.problem.startswith("did not find expected '-'") or not KEY.match(line):
        return None
    message = "a `name: value` line where a list item `- ` was expected"
    hint = (
        "start it with `- ` if it is a new item of the list; if it belongs to the item above,"
        " indent it like that item's other fields"
    )
    return Slip(mark.line, indent_of(line) + 1, message, hint)


def text_after_quote(exc, lines: list[str]) -> Slip | None:
    """`title: "School" network`: the closing quote ends the value before the line does."""
    mark = exc.problem_mark
    line = text_at(lines, mark.line) if mark else ""
    found = KEY.match(line)
    if not exc.problem.startswith("did not find expected key") or not found:
        return None
    value = found["value"].strip()
    if not value or value[0] not in "\"'" or value[0] not in line[: mark.column].rstrip()[-1:]:
        return None
    inner = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value
    message = "text after the closing quote: put the whole value in quotes"
    hint = quoted_example(line, inner)
    hint += ' (a `"` inside double quotes is written `\\"`)' if '"' in inner else ""
    return Slip(mark.line, mark.column + 1, message, hint)


def colon_in_value(exc, lines: list[str]) -> Slip | None:
    mark = exc.problem_mark
    line = text_at(lines, mark.line) if mark else ""
    found = KEY.match(line)
    if not exc.problem.startswith("mapping values are not allowed") or not found:
        return None
    if mark.column < found.start("value"):
        return None
    message = "a `:` inside a value: put the value in quotes"
    return Slip(mark.line, mark.column + 1, message, quoted_example(line))


def not_a_field(exc, lines: list[str]) -> Slip | None:
    """A line with no `name:`, such as the second line of a value broken in two.

    libyaml reads it together with the next line's field name, so it points at
    that line's `:`, or says it "could not find expected ':'" after it.
    """
    index = key_without_line(exc, lines)
    if index is None:
        return None
    above = [i for i in range(index) if is_content(lines[i])]
    if above and BLOCK_TEXT.match(lines[above[-1]]):
        message = "this line belongs to the text above, but is not indented"
        hint = "indent each line of a `|` or `>` text two spaces more than its field name"
        return Slip(index, 1, message, hint, owner=above[-1])
    hint = (
        "if it continues the line above, join the two lines; a field is written"
        " `name: value`, a list item `- item`"
    )
    return Slip(index, indent_of(text_at(lines, index)) + 1, "this line is not `name: value`", hint)


def key_without_line(exc, lines: list[str]) -> int | None:
    """The line without `name:` that libyaml's error is about, if it is about one."""
    if exc.problem == "could not find expected ':'" and exc.context_mark:
        return exc.context_mark.line
    mark = exc.problem_mark
    found = KEY.match(text_at(lines, mark.line)) if mark else None
    if not exc.problem.startswith("mapping values are not allowed") or not found:
        return None
    if mark.column >= found.start("value"):
        return None  # the `:` is inside the value, not the field name's own
    above = [i for i in range(mark.line) if is_content(lines[i])]
    plain = above and not KEY.match(lines[above[-1]]) and not is_item(lines[above[-1]])
    return above[-1] if plain else None


def unclosed_bracket(exc, lines: list[str]) -> Slip | None:
    found = re.match(r"did not find expected ',' or '([\]}])'", exc.problem or "")
    if not found or not exc.context_mark:
        return None
    mark = exc.context_mark
    if found[1] == "]":
        message = "a list opened with `[` is not closed with `]`"
        hint = "write the whole list on one line, `[a, b]`, or each item on a line as `- item`"
    else:
        message = "a group opened with `{` is not closed with `}`"
        hint = "write it on one line, `{name: value, name: value}`, or one `name: value` per line"
    return Slip(mark.line, mark.column + 1, message, hint)


RULES = (
    tab,
    unclosed_quote,
    dash_without_space,
    indentation,
    item_where_field,
    field_where_item,
    text_after_quote,
    not_a_field,
    colon_in_value,
    item_after_field,
    unclosed_bracket,
    reserved_start,
)


# --- the field a line belongs to ---------------------------------------------------------------


def field_path(lines: list[str], index: int, indent: int | None = None) -> tuple:
    """The field a line holds, from the lines above it: ("milestones", 1, "date").

    `indent` is where the line was meant to stand, for a line indented by mistake.
    """
    line = text_at(lines, index)
    level, in_item = indent_of(line) if indent is None else indent, is_item(line)
    found = KEY.match(line)
    path: list = [found["key"]] if found else []
    if in_item:
        path.insert(0, items_above(lines, index, level))
    for i in range(index - 1, -1, -1):
        earlier = lines[i]
        d = indent_of(earlier)
        # a list's items may stand at the same indentation as the list's field name
        owner = d < level or (d == level and in_item and not is_item(earlier))
        if not is_content(earlier) or not owner:
            continue
        if is_item(earlier):
            path.insert(0, items_above(lines, i, d))
        elif key := KEY.match(earlier):
            path.insert(0, key["key"])
        level, in_item = d, is_item(earlier)
        if level == 0 and not in_item:
            break
    return tuple(path)


def items_above(lines: list[str], index: int, indent: int) -> int:
    """How many items of the same list come before line `index`."""
    count = 0
    for earlier in reversed(lines[:index]):
        if not is_content(earlier):
            continue
        d, item = indent_of(earlier), is_item(earlier)
        if d < indent or (d == indent and not item):
            break
        count += d == indent
    return count
