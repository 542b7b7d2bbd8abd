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
from praxisbook.catalogue.read import MAX_FILE_BYTES, read
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
    assert (problem.field, problem.message) == ("summary", "contains the control character U+000B")


def test_duplicate_keys_keep_the_first_value(tmp_path):
    doc = read(write(tmp_path, "---\ntitle: First\ntitle: Second\n---\n"))
    assert doc.meta == {"title": "First"}
    [problem] = doc.problems
    assert (problem.line, problem.col, problem.field) == (3, 1, "title")


def test_an_empty_front_matter_is_an_empty_group(tmp_path):
    doc = read(write(tmp_path, "---\n---\nText\n"))
    assert (doc.meta, doc.problems, doc.body) == ({}, [], "Text\n")


# --- syntax errors in plain words, and the problems after them --------------------------------

FIELDS = """\
title: School network
source:
  title: Annual report
  publisher: City
country: DE
"""


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  publisher",
            " publisher",
            (5, 1, "source.publisher", "this line is indented 1 space; the lines of this block use 2 spaces"),
        ),
        (
            "source:",
            " source:",
            (3, 1, "source", "this line is indented 1 space; the lines of this block are not indented"),
        ),
        (
            "country: DE",
            "country: DE\n- NL",
            (7, 1, "country[0]", "a list item `- ` where a `name: value` line was expected"),
        ),
        (
            "  title: Annual report",
            "  title: Report: annual",
            (4, 16, "source.title", "a `:` inside a value: put the value in quotes"),
        ),
        (
            "title: School network",
            "title: 'Children's network'",
            (2, 18, "title", "text after the closing quote: put the whole value in quotes"),
        ),
    ],
)  # fmt: skip
def test_a_syntax_error_says_what_is_wrong_in_plain_words(tmp_path, old, new, expected):
    doc = read(write(tmp_path, f"---\n{FIELDS.replace(old, new)}---\n"))
    [problem] = doc.problems
    assert (problem.line, problem.col, problem.field, problem.message) == expected


def test_a_colon_in_a_value_hints_at_the_quoted_line(tmp_path):
    doc = read(write(tmp_path, "---\nsummary: Schools meet: every month\n---\n"))
    [problem] = doc.problems
    assert problem.hint == 'write it as `summary: "Schools meet: every month"`'


def test_the_rest_of_the_file_is_read_with_the_broken_line_set_aside(tmp_path):
    text = FIELDS.replace("  publisher", "   publisher").replace(
        "country: DE", "country: Nederland"
    )
    doc = read(write(tmp_path, f"---\n{text}---\n"))
    assert doc.meta == {
        "title": "School network",
        "source": {"title": "Annual report"},
        "country": "Nederland",
    }
    assert [p.field for p in doc.problems] == ["source.publisher"]


def test_a_list_item_set_aside_takes_its_fields_along(tmp_path):
    text = "milestones:\n  - date: '2019'\n    text: Founded\n   - date: '2020'\n    text: Grew\n"
    doc = read(write(tmp_path, f"---\n{text}---\n"))
    assert doc.meta == {"milestones": [{"date": "2019", "text": "Founded"}]}
    [problem] = doc.problems
    assert (problem.line, problem.field) == (5, "milestones[1].date")


def test_several_syntax_errors_are_each_reported(tmp_path):
    text = "title: A: B\nsummary: 'open\ncountry DE\nsource:\n\ttitle: x\n"
    doc = read(write(tmp_path, f"---\n{text}---\n"))
    assert [(p.line, p.message) for p in doc.problems] == [
        (2, "a `:` inside a value: put the value in quotes"),
        (3, "a quote is opened but never closed"),
        (4, "this line is not `name: value`"),
        (6, "a tab is used for indenting: use spaces"),
    ]
    assert doc.meta == {"source": None}


def test_a_broken_translation_line_stops_the_parse(tmp_path):
    """Without its `translation:` line, a translation would be checked as a second original."""
    doc = read(write(tmp_path, "---\ntitle: A\ntranslation: {kind: machine from: de\n---\n"))
    assert doc.meta is None
    assert [p.field for p in doc.problems] == ["translation"]


# --- characters no text may hold, and the size limit ------------------------------------------


@pytest.mark.parametrize(
    "char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\u202a", "\u202e", "\u2066", "\u2069"]
)
def test_control_and_direction_characters_are_refused_in_fields_and_text(tmp_path, char):
    doc = read(
        write(tmp_path, f"---\ntitle: a{char}b\nplaces: [x, {char}y]\n---\nText {char}here\n")
    )
    assert [(p.line, p.col, p.field) for p in doc.problems] == [
        (2, 9, "title"),
        (3, 13, "places[1]"),
        (5, 6, "(body)"),
    ]
    assert all(p.message.startswith("contains the ") for p in doc.problems)


@pytest.mark.parametrize("char", ["\t", "\u200e", "\u200f", "\u061c", "\u00a0"])
def test_tabs_and_direction_marks_are_allowed(tmp_path, char):
    assert read(write(tmp_path, f"---\ntitle: a{char}b\n---\nText{char}here\n")).problems == []


def test_a_control_character_written_as_an_escape_is_refused(tmp_path):
    [problem] = read(write(tmp_path, '---\ntitle: "a\\u202Eb"\n---\n')).problems
    assert (problem.line, problem.col, problem.field) == (2, 8, "title")
    assert problem.message.endswith("(RIGHT-TO-LEFT OVERRIDE), written as an escape")


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path):
    path = write(tmp_path, b"\xff" * (MAX_FILE_BYTES + 1))  # not UTF-8: reading it would say so
    [problem] = read(path).problems
    assert (problem.field, problem.message) == (
        "(file)",
        "is 257 kB; a practice file may have at most 256 kB",
    )
    assert read(write(tmp_path, b"---\n---\n" + b"x" * (MAX_FILE_BYTES - 8))).problems == []
