"""The read stage: YAML front matter becomes plain values with their positions.

YAML's own conversions (`NO` is false, `01234` is octal, `12:30` is 750
minutes, `2024-03-01` is a date) never reach the schema; only values written
exactly like JSON literals become numbers, booleans or null.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from praxisbook.catalogue.folders import read_catalogue
from praxisbook.catalogue.read import read
from praxisbook.catalogue.schema import load_schema
from praxisbook.catalogue.validate import validate_catalogue

from .conftest import ROOT


def write(tmp_path: Path, text: str | bytes, name: str = "example/en.md") -> Path:
    path = tmp_path / "practices" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def value_of(tmp_path: Path, written: str):
    doc = read(write(tmp_path, f"---\nvalue: {written}\n---\n"))
    assert doc.problems == []
    return doc.meta["value"]


@pytest.mark.parametrize(
    "written",
    [
        "NO", "no", "yes", "Yes", "on", "off", "y", "~",
        "01234", "00100", "0o14", "0x1F", "1_000", "12:30", "+4930123456",
        "1.10", "1e3", ".5", ".inf", ".nan", "2024-03-01", "2024-13-45",
        "2024-03-01T10:00:00", "True", "NULL", "1234567890",
    ],
)  # fmt: skip
def test_yaml_traps_stay_text(tmp_path, written):
    assert value_of(tmp_path, written) == written


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("4", 4), ("0", 0), ("-1", -1), ("100", 100),
        ("true", True), ("false", False),
        ("null", None), ("", None),
        ('"4"', "4"), ("'true'", "true"), ('"null"', "null"),
        ("|\n  4", "4\n"),
    ],
)  # fmt: skip
def test_only_json_literals_become_numbers_booleans_or_null(tmp_path, written, value):
    result = value_of(tmp_path, written)
    assert result == value
    assert type(result) is type(value)


NESTED = """\
---
title: School network
themes: [anti-racism, networks]
contact:
  email: ki@bochum.de
  person:
    name: Erika Example
    consent:
      date: "2026-10-01"
scores:
  - {kind: reach, value: 2, max: 4}
  - kind: recurrence
    value: 3
---
## What
"""


def test_positions_of_nested_values_and_keys(tmp_path):
    doc = read(write(tmp_path, NESTED))
    assert doc.problems == []
    assert doc.positions[("title",)] == (2, 8)
    assert doc.positions[("themes",)] == (3, 9)
    assert doc.positions[("themes", 1)] == (3, 23)
    assert doc.positions[("contact", "email")] == (5, 10)
    assert doc.positions[("contact", "person", "consent", "date")] == (9, 13)
    assert doc.key_positions[("contact", "person", "consent")] == (8, 5)
    assert doc.positions[("scores", 0)] == (11, 5)
    assert doc.positions[("scores", 0, "max")] == (11, 34)
    assert doc.positions[("scores", 1)] == (12, 5)
    assert doc.positions[("scores", 1, "value")] == (13, 12)
    assert doc.body_line == 15
    assert doc.body == "## What\n"


def test_a_missing_position_falls_back_to_the_nearest_parent_then_the_opening_fence(tmp_path):
    doc = read(write(tmp_path, NESTED))
    assert doc.where(("contact", "person", "role")) == doc.positions[("contact", "person")]
    assert doc.where(("contact", "person", "role"), key=True) == (6, 3)
    assert doc.where(("region",)) == (1, 1)


def test_an_alias_bomb_is_rejected_quickly(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 9):
        ref = chr(ord("a") + n - 1)
        name = chr(ord("a") + n)
        lines.append(f"{name}: &{name} [{','.join(['*' + ref] * 9)}]")
    bomb = "---\n" + "\n".join(lines) + "\n---\n"
    started = time.perf_counter()
    practices = write(tmp_path, bomb).parent.parent
    problems = validate_catalogue(read_catalogue(practices), load_schema(ROOT / "schema"))
    assert time.perf_counter() - started < 2
    messages = {p.message for p in problems}
    assert "anchors (`&name`) are not allowed" in messages
    assert "aliases (`*name`) are not allowed" in messages


def test_a_byte_order_mark_is_ignored(tmp_path):
    doc = read(write(tmp_path, "\ufeff" + NESTED))
    assert doc.problems == []
    assert doc.meta["title"] == "School network"
    assert doc.positions[("contact", "person", "consent", "date")] == (9, 13)


def test_crlf_line_endings_read_like_lf(tmp_path):
    lf = read(write(tmp_path, NESTED))
    crlf = read(write(tmp_path, NESTED.replace("\n", "\r\n"), "example/de.md"))
    assert crlf.problems == []
    assert crlf.meta == lf.meta
    assert crlf.positions == lf.positions
    assert (crlf.body, crlf.body_line) == (lf.body, lf.body_line)


def test_a_file_in_another_encoding_is_a_problem_not_a_traceback(tmp_path):
    text = "---\ntitle: Schulnetzwerk für Vielfalt\n---\n".encode("latin-1")
    doc = read(write(tmp_path, text))
    assert doc.meta is None
    [problem] = doc.problems
    assert (problem.line, problem.col, problem.field) == (2, 23, "(file)")
    assert problem.message == "is not UTF-8 text"


def test_the_column_of_a_bad_byte_counts_characters_not_bytes(tmp_path):
    text = "---\ntitle: Größe ".encode() + b"\xff\n---\n"
    [problem] = read(write(tmp_path, text)).problems
    assert (problem.line, problem.col) == (2, 14)


def test_a_control_character_points_at_itself(tmp_path):
    [problem] = read(write(tmp_path, "---\ntitle: a\nsummary: b\x0bc\n---\n")).problems
    assert (problem.line, problem.col) == (3, 11)
    assert problem.message == "contains the control character U+000B, which YAML does not allow"


def test_duplicate_keys_keep_the_first_value(tmp_path):
    doc = read(write(tmp_path, "---\ntitle: First\ntitle: Second\n---\n"))
    assert doc.meta == {"title": "First"}
    [problem] = doc.problems
    assert (problem.line, problem.col, problem.field) == (3, 1, "title")


def test_an_empty_front_matter_is_an_empty_group(tmp_path):
    doc = read(write(tmp_path, "---\n---\nText\n"))
    assert (doc.meta, doc.problems, doc.body) == ({}, [], "Text\n")
