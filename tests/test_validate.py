"""One invalid fixture per validation rule, each with its exact expected report.

A fixture in `tests/fixtures/invalid/` is either one practice file,
`<field>_<problem>.md`, or a folder `<rule>/` holding `<slug>/<lang>.md` files
(and images) for rules that need more than one file. Comment lines in a file
say how to install it and what `praxisbook validate` must print for it:

    # file: example/fr.md     where it goes below content/practices/ (default example/en.md)
    # with: complete/school-network/de.md   a valid file from tests/fixtures/ to put beside it
    # encoding: latin-1       save it in this encoding (the fixture itself is UTF-8)
    # grow: 300000            append text until the file has this many bytes (size limits)
    # expect: 6:10: themes[0]: `antiracism` is not in the `themes` vocabulary
    # hint: did you mean `anti-racism`? allowed: …

Each `expect` line is `line:col: field: message`, followed by its `hint` line
when the problem has a hint, in the order of the report. In YAML these lines
are comments: they change nothing but the line numbers, which count them.

Files are installed as if reviewed today: `last_reviewed: "2026-11-22"` gets
today's date, so that no fixture turns stale (a reviewer's warning) with time.

Fixture names follow the schema: `<field path>_<keyword>`, where list items
add nothing to the path (`themes_enum` is about `themes[0]`), an item's own
type is `<field>.items_type`, and the values of a free-form group are
`<field>.value` (`localised_names.value_minLength`). A wrong type on a field
with a list of allowed values reports that list, not the type.
"""

from __future__ import annotations

import datetime
import json
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from praxisbook.catalogue.folders import read_catalogue
from praxisbook.catalogue.problems import Problem
from praxisbook.catalogue.read import read
from praxisbook.catalogue.schema import format_checker, load_schema
from praxisbook.catalogue.validate import validate_catalogue
from praxisbook.cli import main

from .conftest import ROOT, make_project

FIXTURES = Path(__file__).parent / "fixtures"
INVALID = FIXTURES / "invalid"
COMPLETE = FIXTURES / "complete"
SCHEMA_FILE = ROOT / "schema" / "practice.schema.json"
DEFAULT_FILE = "example/en.md"
DIRECTIVE = re.compile(r"^# (file|with|encoding|grow|expect|hint): (.*?)\s*$")

KEYWORDS = (
    "required", "additionalProperties", "enum", "type", "pattern", "format",
    "minLength", "maxLength", "minItems", "maxItems", "uniqueItems",
    "minimum", "maximum", "minProperties", "maxProperties",
)  # fmt: skip

# Rules written by hand in read.py and validate.py, each with a fixture of the same name.
HAND_WRITTEN_RULES = (
    # read.py: the file and its YAML
    "file_not_utf8",
    "file_too_large",
    "front_matter_missing",
    "front_matter_unclosed",
    "front_matter_type",
    "yaml_two_documents",
    # read.py and text.py: characters no text may hold
    "yaml_control_character",
    "yaml_control_character_escaped",
    "yaml_direction_control",
    "yaml_character_not_allowed",
    "body_control_character",
    "body_direction_control",
    # syntax.py: YAML syntax errors in plain words (the file's other problems follow)
    "yaml_syntax",
    "yaml_syntax_indentation",
    "yaml_syntax_colon_in_value",
    "yaml_syntax_list_item_for_field",
    "yaml_syntax_field_for_list_item",
    "yaml_syntax_dash_without_space",
    "yaml_syntax_tab",
    "yaml_syntax_tab_in_line",
    "yaml_syntax_item_in_line",
    "yaml_syntax_unclosed_quote",
    "yaml_syntax_text_after_quote",
    "yaml_syntax_not_a_field",
    "yaml_syntax_unindented_text",
    "yaml_syntax_unclosed_list",
    "yaml_syntax_unclosed_group",
    "yaml_syntax_reserved_character",
    "yaml_anchor",
    "yaml_alias",
    "yaml_tag",
    "yaml_complex_key",
    "yaml_duplicate_key",
    # validate.py: files and folders
    "file_name_not_language",
    "slug_invalid",
    "slug_too_short",
    "stray_file",
    "originals_none",
    "originals_two",
    # validate.py and explain.py: fields that depend on each other or on the original
    "scores.value_above_max",
    "period.end_before_start",
    "period.ongoing_past_end",
    "translation_fact_field",
    "translation.from_self",
    "translation.from_missing_version",
    "localised_names_not_in_original",
    # translations.py: prose facts in the original's shape
    "translation_prose_value_changed",
    "translation_prose_list_length",
    "translation_prose_not_in_original",
    "translation_prose_fact_in_group",
    # validate.py: bodies
    "body_raw_html",
    "body_h1",
    "body_javascript_link",
    "body_relative_link",
    "body_image_outside_folder",
    "body_image_missing",
    "body_image_no_alt",
    # validate.py: links between practices
    "related_unknown",
    "related_self",
    "former_slugs_taken",
    "former_slugs_self",
)

# Hints that guess what the editor meant (guess.py), each with a fixture of the same name;
# `<field>_pattern` fixtures show more of the date guesses.
GUESSES = (
    "country_by_name",
    "translation.from_by_name",
    "period.start_local_date",
    "last_reviewed_local_date",
)

URL_FIELDS = (
    "lead_organisation.website", "partners.website", "evidence.evaluation_url",
    "contact.website", "source.url", "see_also.url",
)  # fmt: skip

# Schema constraints that no file can break on its own, and why;
# test_unreachable_constraints_are_still_unreachable checks each reason.
UNREACHABLE = {
    "translation_required": "a file without `translation:` is an original, not a translation",
    "contact.email_format": "the e-mail pattern is stricter than the `email` format",
    **{
        f"{field}_format": "the `uri` format is not checked (rfc3987 is not installed)"
        for field in URL_FIELDS
    },
}


# --- reading fixtures -------------------------------------------------------------


@dataclass
class Expected:
    """What one fixture says about itself."""

    files: dict[str, Path]  # target below content/practices/ -> source file
    lines: list[str]  # the expected report, without the summary line
    errors: int

    @property
    def summary(self) -> str:
        checked = sum(1 for t in self.files if re.fullmatch(r"[^/]+/[^/]+\.md", t))
        errors = f"{self.errors} error{'s' * (self.errors != 1)}"
        return f"Aborted: {errors} in {checked} file{'s' * (checked != 1)} checked."


def fixture_names() -> list[str]:
    return sorted(p.name.removesuffix(".md") for p in INVALID.iterdir())


def directives(path: Path) -> list[tuple[str, str]]:
    text = path.read_text(encoding="utf-8")
    return [m.groups() for line in text.splitlines() if (m := DIRECTIVE.match(line))]


def expectations(name: str) -> Expected:
    """Where the fixture's files go and the report they must give, in report order."""
    source = INVALID / name
    if source.is_dir():
        found = {str(p.relative_to(source)): p for p in sorted(source.rglob("*")) if p.is_file()}
        checked = {p for p in found.values() if p.suffix == ".md"}
    else:
        source = source.with_name(f"{name}.md")
        found = {dict(directives(source)).get("file", DEFAULT_FILE): source}
        folder = Path(next(iter(found))).parent
        for key, value in directives(source):
            if key == "with":
                found[str(folder / Path(value).name)] = FIXTURES / value
        checked = {source}
    lines, errors = [], 0
    for target, path in sorted(found.items()):
        if path not in checked:
            continue  # a valid companion file, or an image
        for key, value in directives(path):
            if key == "expect":
                lines.append(f"content/practices/{target}:{value}")
                errors += 1
            elif key == "hint":
                lines.append(f"    hint: {value}")
    return Expected(found, lines, errors)


REVIEWED = re.compile(r'^(last_reviewed: (?:!!str )?"?)2026-11-22', re.MULTILINE)


def reviewed_today(text: str) -> str:
    """The fixtures' review date made today's; it has the same length, so positions stay."""
    return REVIEWED.sub(rf"\g<1>{datetime.date.today().isoformat()}", text)


def copy_files(expected: Expected, practices: Path) -> None:
    """Put a fixture's files into a `practices/` folder, in the encoding they ask for."""
    for target, source in expected.files.items():
        dest = practices / target
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix != ".md":
            shutil.copyfile(source, dest)
            continue
        said = dict(directives(source))
        data = reviewed_today(source.read_text(encoding="utf-8")).encode(
            said.get("encoding", "utf-8")
        )
        if "grow" in said:
            line = b"The schools meet every month.\n"
            data += line * (int(said["grow"]) // len(line) + 1)
        dest.write_bytes(data)


def copy_complete(practices: Path) -> None:
    """The valid catalogue of tests/fixtures/complete, reviewed today."""
    for source in COMPLETE.glob("*/*.md"):
        dest = practices / source.relative_to(COMPLETE)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(reviewed_today(source.read_text(encoding="utf-8")), encoding="utf-8")


def install(name: str, root: Path) -> Expected:
    """A project in `root` holding the fixture's files; returns what it should report."""
    expected = expectations(name)
    make_project(root, {})
    copy_files(expected, root / "content" / "practices")
    return expected


# --- the schema's constraints -----------------------------------------------------


def schema_constraints(schema: dict) -> set[str]:
    """Every constraint of the original and the translation, as `<field path>_<keyword>`."""
    definitions = schema["$defs"]
    found: set[str] = set()

    def resolve(node: dict) -> dict:
        while "$ref" in node:
            target = definitions[node["$ref"].removeprefix("#/$defs/")]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return node

    def walk(node: dict, path: list[str], item: bool = False) -> None:
        node = resolve(node)
        name = ".".join(path) or "front_matter"
        for keyword in KEYWORDS:
            if keyword == "enum" and "x-vocabulary" in node:
                found.add(f"{name}_enum")
            elif keyword not in node:
                continue
            elif keyword == "required":
                found.update(f"{'.'.join([*path, r])}_required" for r in node[keyword])
            elif keyword == "additionalProperties" and isinstance(node[keyword], dict):
                walk(node[keyword], [*path, "value"])
            elif keyword == "additionalProperties" and node[keyword] is False:
                found.add(f"{name}_additionalProperties")
            elif keyword == "type" and item:
                found.add(f"{name}.items_type")
            else:
                found.add(f"{name}_{keyword}")
        for key, sub in node.get("properties", {}).items():
            walk(sub, [*path, key])
        if "items" in node:
            walk(node["items"], path, item=True)

    walk(definitions["original"], [])
    walk(definitions["translation"], [])
    return found


SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_the_walk_sees_the_schema():
    constraints = schema_constraints(SCHEMA)
    for sample in (
        "themes_enum",
        "themes.items_type",
        "title_minLength",
        "period.start_pattern",
        "contact.person.consent_required",
        "contact.person.consent.date_format",
        "scores.value_maximum",
        "localised_names.value_maxLength",
        "translation.kind_enum",
        "front_matter_additionalProperties",
    ):
        assert sample in constraints
    assert len(constraints) > 250


def test_every_schema_constraint_has_a_fixture():
    fixtures = set(fixture_names())
    missing = sorted(schema_constraints(SCHEMA) - fixtures - set(UNREACHABLE))
    assert not missing, f"add tests/fixtures/invalid/<name>.md for: {', '.join(missing)}"


def test_every_hand_written_rule_has_a_fixture():
    missing = sorted(set(HAND_WRITTEN_RULES) - set(fixture_names()))
    assert not missing, f"add tests/fixtures/invalid/<name>.md for: {', '.join(missing)}"


def test_every_guess_has_a_fixture():
    missing = sorted(set(GUESSES) - set(fixture_names()))
    assert not missing, f"add tests/fixtures/invalid/<name>.md for: {', '.join(missing)}"


def test_every_fixture_is_named_after_a_rule():
    known = schema_constraints(SCHEMA) | set(HAND_WRITTEN_RULES) | set(GUESSES)
    assert sorted(set(fixture_names()) - known) == []
    assert not set(UNREACHABLE) & set(fixture_names())


def test_unreachable_constraints_are_still_unreachable():
    assert set(UNREACHABLE) <= schema_constraints(SCHEMA)
    assert "uri" not in format_checker().checkers, "uri is checked now: give *_format fixtures"
    email = SCHEMA["$defs"]["original"]["properties"]["contact"]["properties"]["email"]
    assert email["pattern"].startswith("^[^@\\s]+@")  # jsonschema's `email` only wants an `@`
    assert not format_checker().conforms("office.example.org", "email")
    assert re.search(email["pattern"], "office.example.org") is None


def test_a_file_without_translation_field_is_an_original(tmp_path):
    path = tmp_path / "example" / "en.md"
    path.parent.mkdir()
    path.write_text("---\ntitle: A translation?\n---\n", encoding="utf-8")
    assert not read(path).is_translation


# --- the fixtures themselves ----------------------------------------------------------


def validate_text(root: Path, monkeypatch, capsys, *args: str) -> tuple[int, list[str]]:
    monkeypatch.chdir(root)
    code = main(["validate", *args])
    return code, capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("name", fixture_names())
def test_invalid_fixture_reports_exactly_its_problem(name, tmp_path, monkeypatch, capsys):
    expected = install(name, tmp_path / "site")
    assert expected.errors, f"{name} says nothing about what to expect"
    code, out = validate_text(tmp_path / "site", monkeypatch, capsys)
    assert out == [*expected.lines, expected.summary]
    assert code == 1


def test_the_complete_catalogue_is_valid(tmp_path, monkeypatch, capsys):
    root = tmp_path / "site"
    make_project(root, {})
    copy_complete(root / "content" / "practices")
    code, out = validate_text(root, monkeypatch, capsys)
    assert out == ["OK: 3 files checked, no problems."]
    assert code == 0


def test_the_complete_original_uses_every_field():
    doc = read(COMPLETE / "school-network" / "de.md")
    translation = read(COMPLETE / "school-network" / "en.md")
    original_fields = set(SCHEMA["$defs"]["original"]["properties"]) - {"related"}
    assert set(doc.meta) == original_fields  # `related` needs another practice: nl.md has it
    derived = load_schema(ROOT / "schema").definitions["translation"]["properties"]
    assert set(translation.meta) == set(derived)  # declared, and the prose fields of the original


# --- robustness -----------------------------------------------------------------------


def mutations(text: str, count: int, seed: int = 0):
    """Copies of `text` with characters of its front matter deleted or doubled."""
    rng = random.Random(seed)
    end = text.index("\n---\n", 4)
    for _ in range(count):
        chars = list(text)
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(4, end)
            if rng.random() < 0.5:
                del chars[at]
            else:
                chars.insert(at, chars[at] * rng.randint(1, 3))
        yield "".join(chars)


def test_mangled_front_matter_always_gives_problems_never_an_exception(tmp_path):
    source = (COMPLETE / "school-network" / "de.md").read_text(encoding="utf-8")
    practices = tmp_path / "practices"
    path = practices / "school-network" / "de.md"
    path.parent.mkdir(parents=True)
    schema = load_schema(ROOT / "schema")
    for text in mutations(source, 300):
        path.write_text(text, encoding="utf-8")
        problems = validate_catalogue(read_catalogue(practices), schema)
        assert isinstance(problems, list)
        for p in problems:
            assert isinstance(p, Problem)
            assert p.line >= 1 and p.col >= 1
            assert "\n" not in p.message and "\n" not in p.hint, p


def test_a_link_with_a_broken_host_is_a_problem_not_a_traceback(tmp_path, monkeypatch, capsys):
    root = tmp_path / "site"
    make_project(root, {})
    copy_complete(root / "content" / "practices")
    page = root / "content" / "practices" / "police-network" / "nl.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nZie [x](ftp://[x) en [y](https://[y).\n")
    code, lines = validate_text(root, monkeypatch, capsys)
    assert code == 1
    assert [line.split(": ", 2)[2] for line in lines if ": (body): " in line] == [
        "link to `ftp:` is not allowed"
    ]
