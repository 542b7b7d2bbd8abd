"""`docs/fields.md` and the scaffold are generated from the schema; these tests catch drift."""

from __future__ import annotations

import json
import re

import pytest

from praxisbook.catalogue.schema import load_schema
from praxisbook.cli import main
from praxisbook.editor.fielddocs import fields_markdown
from praxisbook.editor.scaffold import Scaffold

from .conftest import ROOT

FIELDS_MD = ROOT / "docs" / "fields.md"


@pytest.fixture(scope="module")
def schema():
    return load_schema(ROOT / "schema")


def declared_fields(node: dict, defs: dict, prefix: str = "") -> set[str]:
    """Field names read straight from the JSON, independently of the code under test."""
    names = set()
    for key, declared in node.get("properties", {}).items():
        prop = deref(declared, defs)
        names.add(prefix + key)
        if prop.get("type") == "array":
            names |= declared_fields(deref(prop["items"], defs), defs, f"{prefix}{key}[].")
        else:
            names |= declared_fields(prop, defs, f"{prefix}{key}.")
    return names


def deref(node: dict, defs: dict) -> dict:
    while "$ref" in node:
        target = defs[node["$ref"].split("/")[-1]]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def raw_schema() -> dict:
    return json.loads((ROOT / "schema" / "practice.schema.json").read_text(encoding="utf-8"))


def holds_prose(node: dict, defs: dict) -> bool:
    node = deref(node, defs)
    inner = [node.get("items", {}), *node.get("properties", {}).values()]
    return bool(node.get("x-translatable")) or any(holds_prose(n, defs) for n in inner if n)


def prose_fields(node: dict, defs: dict, prefix: str = "", in_item: bool = False) -> set[str]:
    """The fields a translation may carry in the original's shape, read from the annotations:
    translatable texts, the groups and lists that hold them, and inside a list item its other
    values too (to line it up with the original's)."""
    found = set()
    for key, declared in node.get("properties", {}).items():
        prop, name = deref(declared, defs), prefix + key
        if prop.get("x-translatable") or (in_item and "properties" not in prop):
            found.add(name)
        elif holds_prose(prop, defs):
            item = deref(prop.get("items", {}), defs)
            if prop.get("type") == "array":
                found |= {name, *prose_fields(item, defs, f"{name}[].", True)}
            else:
                found |= {name, *prose_fields(prop, defs, f"{name}.", in_item)}
    return found


def expected_fields(kind: str) -> set[str]:
    raw = raw_schema()
    defs = raw["$defs"]
    found = declared_fields(defs[kind], defs)
    if kind == "translation":
        found |= prose_fields(defs["original"], defs) - {"title", "summary"}
    return found


def documented_fields(text: str, section: str) -> set[str]:
    part = text.split(f"\n## {section}")[1].split("\n## ", maxsplit=1)[0]
    return set(re.findall(r"^\| `([a-z_.\[\]]+)` \|", part, flags=re.MULTILINE))


def scaffolded_fields(lines: list[str]) -> set[str]:
    """Field names in a scaffold, commented or not, with their nesting from the indentation."""
    names, stack = set(), []
    for line in lines:
        prefix, rest = re.match(r"([ #]*)(.*)", line).groups()
        column = len(prefix.replace("# ", ""))  # commenting out inserts `# ` at the field's column
        if not re.fullmatch(r'-|[a-z_]+:(?: ""| true)?', rest):
            continue  # a note, not a field
        while stack and stack[-1][0] >= column:
            stack.pop()
        key = "[]" if rest == "-" else rest.split(":")[0]
        stack.append((column, key))
        if key != "[]":
            names.add(".".join(k for _, k in stack).replace(".[]", "[]"))
    return names


@pytest.mark.parametrize(
    ("kind", "section"), [("original", "Original"), ("translation", "Translation")]
)
def test_field_docs_cover_exactly_the_schema(kind, section):
    expected = expected_fields(kind)
    assert documented_fields(FIELDS_MD.read_text(encoding="utf-8"), section) == expected


@pytest.mark.parametrize("kind", ["original", "translation"])
def test_scaffold_covers_exactly_the_schema(schema, kind):
    expected = expected_fields(kind)
    lines = Scaffold(schema.definitions).lines(schema.definitions[kind], {}, every=True)
    assert scaffolded_fields(lines) == expected


def test_committed_field_docs_are_current(schema):
    assert FIELDS_MD.read_text(encoding="utf-8") == fields_markdown(schema), (
        "docs/fields.md is out of date: run `make docs`"
    )


def test_every_pattern_and_vocabulary_term_is_in_words(schema):
    text = fields_markdown(schema)
    assert "matches the pattern" not in text
    for vocabulary in schema.vocabularies.values():
        for term, labels in vocabulary.terms.items():
            row = f"| `{term}` | " + " | ".join(
                labels[lang] for lang in ("en", "de", "nl", "fr", "sv", "fi")
            )
            assert row in text


def test_field_rows_say_type_requirement_rules_and_description(schema):
    text = fields_markdown(schema)
    assert (
        "| `title` | text | **required** | 3 to 160 characters | "
        "Name of the practice, as its owner calls it. |"
    ) in text
    assert (
        "| `period.start` | text | optional | a date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` "
        "(`2016-06` for June 2016) |"
    ) in text
    assert (
        "| `partners[].name` | text | required in each `partners` item | 2 to 200 characters |"
        in text
    )
    assert "| `country` | text | **required** | a code from [Countries](#countries) |" in text
    assert "| `DE` | Germany |" in text
    assert (
        "| `translation.kind` | text | required in `translation` | one of `official`, `editorial`, `machine` |"
        in text
    )


def test_schema_docs_command(tmp_path, capsys):
    assert main(["schema-docs"]) == 0
    assert capsys.readouterr().out == FIELDS_MD.read_text(encoding="utf-8")
    target = tmp_path / "fields.md"
    assert main(["schema-docs", "-o", str(target)]) == 0
    assert capsys.readouterr().out == f"Wrote {target}.\n"
    assert main(["schema-docs", "--check", "-o", str(target)]) == 0
    target.write_text("stale\n", encoding="utf-8")
    assert main(["schema-docs", "--check", "-o", str(target)]) == 1
    assert capsys.readouterr().err == f"{target} is out of date: run `make docs`.\n"
