"""`praxisbook validate` as editors and CI run it: the installed script, exit codes, exact text."""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from praxisbook.cli import parser

from .conftest import make_project
from .test_validate import copy_complete, copy_files, expectations, fixture_names

SCRIPT = Path(sys.executable).parent / "praxisbook"


def praxisbook(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed console script, as `make validate` and the workflows do."""
    assert SCRIPT.is_file(), f"{SCRIPT} is missing: install the project into the venv"
    env = {**os.environ, "PYTHONUTF8": "1", "COLUMNS": "80"}
    return subprocess.run(
        [str(SCRIPT), *args],
        cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120,
        check=False,
    )  # fmt: skip


def valid_catalogue(root: Path) -> Path:
    """A project holding the valid catalogue of tests/fixtures/complete."""
    make_project(root, {})
    copy_complete(root / "content" / "practices")
    return root


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "content" / "practices" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def break_catalogue(catalogue: Path) -> Path:
    """Five problems in three files of one catalogue."""
    today = datetime.date.today().isoformat()
    edit(catalogue, "police-network/nl.md", today, "22.11.2026")
    edit(catalogue, "police-network/nl.md", "[school-network]", "[school-netwerk]")
    edit(catalogue, "school-network/de.md", "status: ongoing", "status: running")
    edit(catalogue, "school-network/de.md", 'start: "2019-06"', 'start: "Juni 2019"')
    edit(catalogue, "school-network/en.md", "translation: {", "country: DE\ntranslation: {")
    return catalogue


NL = "content/practices/police-network/nl.md"
DE = "content/practices/school-network/de.md"
EN = "content/practices/school-network/en.md"
BROKEN_REPORT = f"""\
{NL}:7:16: last_reviewed: `22.11.2026` is not written `YYYY-MM-DD`
    hint: did you mean `2026-11-22`?
{NL}:9:11: related[0]: there is no practice `school-netwerk`
    hint: did you mean `school-network`?
{DE}:27:10: period.start: `Juni 2019` is not written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`
    hint: did you mean `2019-06`?
{DE}:29:9: status: `running` is not in the `statuses` vocabulary
    hint: allowed: `planned`, `ongoing`, `completed`
{EN}:5:1: country: is a fact, not allowed in a translation
    hint: remove it here: facts are kept once, in the original (de.md)
Aborted: 5 errors in 3 files checked.
"""


def test_a_clean_catalogue_passes(catalogue):
    result = praxisbook(catalogue, "validate")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "OK: 3 files checked, no problems.\n",
        "",
    )


def test_a_broken_catalogue_reports_every_problem_sorted_then_the_count(broken):
    result = praxisbook(broken, "validate")
    assert result.stdout == BROKEN_REPORT
    assert (result.returncode, result.stderr) == (1, "")


def test_the_project_can_be_named_instead_of_entered(broken, tmp_path):
    result = praxisbook(tmp_path, "--project", str(broken), "validate")
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "Aborted: 5 errors in 3 files checked."


def test_json_report_parses_and_holds_every_problem(broken):
    result = praxisbook(broken, "validate", "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["files"] == 3
    rows = [(p["path"], p["line"], p["col"], p["field"]) for p in report["problems"]]
    assert rows == [
        (NL, 7, 16, "last_reviewed"),
        (NL, 9, 11, "related[0]"),
        (DE, 27, 10, "period.start"),
        (DE, 29, 9, "status"),
        (EN, 5, 1, "country"),
    ]
    first = report["problems"][0]
    assert first["message"] == "`22.11.2026` is not written `YYYY-MM-DD`"
    assert first["hint"] == "did you mean `2026-11-22`?"
    assert {p["severity"] for p in report["problems"]} == {"error"}


def test_github_report_is_one_annotation_per_problem(broken):
    result = praxisbook(broken, "validate", "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"::error file={NL},line=7,col=16,title=last_reviewed::"
        "`22.11.2026` is not written `YYYY-MM-DD`. Hint: did you mean `2026-11-22`?",
        f"::error file={NL},line=9,col=11,title=related[0]::"
        "there is no practice `school-netwerk`. Hint: did you mean `school-network`?",
        f"::error file={DE},line=27,col=10,title=period.start::"
        "`Juni 2019` is not written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."
        " Hint: did you mean `2019-06`?",
        f"::error file={DE},line=29,col=9,title=status::"
        "`running` is not in the `statuses` vocabulary."
        " Hint: allowed: `planned`, `ongoing`, `completed`",
        f"::error file={EN},line=5,col=1,title=country::"
        "is a fact, not allowed in a translation."
        " Hint: remove it here: facts are kept once, in the original (de.md)",
        "Aborted: 5 errors in 3 files checked.",
    ]


def test_github_annotation_properties_are_escaped():
    from praxisbook.catalogue.problems import Problem

    problem = Problem("a,b.md", 1, 2, "localised_names.Sint-Joost: x", "100% wrong\nreally")
    assert problem.github() == (
        "::error file=a%2Cb.md,line=1,col=2,title=localised_names.Sint-Joost%3A x"
        "::100%25 wrong%0Areally"
    )


def test_one_file_shows_only_its_problems_but_cross_entry_rules_see_the_catalogue(broken):
    result = praxisbook(broken, "validate", NL)
    assert result.stdout == "".join(
        [*BROKEN_REPORT.splitlines(keepends=True)[:4], "Aborted: 2 errors in 1 file checked.\n"]
    )
    assert result.returncode == 1


def test_one_clean_file_of_a_broken_catalogue_passes(broken):
    edit(broken, "police-network/nl.md", "school-netwerk", "school-network")
    edit(broken, "police-network/nl.md", "22.11.2026", datetime.date.today().isoformat())
    result = praxisbook(broken, "validate", NL)
    assert (result.returncode, result.stdout) == (0, "OK: 1 file checked, no problems.\n")


def options_of(command: str | None) -> list[str]:
    """Every option string, choice and command name the parser knows for `command`."""
    main = parser()
    found = []
    for action in main._actions:
        if command is None:
            found += action.option_strings
        if isinstance(action.choices, dict):  # the sub-commands
            if command is None:
                found += list(action.choices)
            else:
                sub = action.choices[command]
                for sub_action in sub._actions:
                    found += sub_action.option_strings
                    found += [str(c) for c in sub_action.choices or []]
                    if not sub_action.option_strings:
                        found.append(sub_action.metavar or sub_action.dest)
    return found


@pytest.mark.parametrize("command", [None, "validate"])
def test_help_mentions_every_option(tmp_path, command):
    args = ["--help"] if command is None else [command, "--help"]
    result = praxisbook(tmp_path, *args)
    assert result.returncode == 0
    options = options_of(command)
    assert "--format" in options or command is None
    words = set(re.findall(r"[\w-]+", result.stdout))
    missing = [o for o in options if o not in words]
    assert not missing, f"`praxisbook {' '.join(args)}` does not mention {missing}"


def test_no_invalid_fixture_makes_a_traceback(tmp_path):
    """Every fixture at once, each in its own practices/ folder, in one run."""
    root = tmp_path / "site"
    make_project(root, {})
    folders, errors, checked = [], 0, 0
    for name in fixture_names():
        expected = expectations(name)
        practices = root / "fixtures" / name / "practices"
        copy_files(expected, practices)
        folders.append(str(practices.relative_to(root)))
        errors += expected.errors
        checked += int(re.search(r"in (\d+) files? checked", expected.summary)[1])
    result = praxisbook(root, "validate", *folders)
    assert "Traceback" not in result.stderr
    assert result.stderr == ""
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == f"Aborted: {errors} errors in {checked} files checked."


@pytest.mark.slow
def test_a_build_prints_only_praxisbooks_own_progress(tmp_path):
    """Pelican's own summary ("Done: Processed 0 articles, 0 drafts, …") confuses editors."""
    root = tmp_path / "site"
    make_project(root, {})
    copy_complete(root / "content" / "practices")
    result = praxisbook(root, "build", "-o", str(tmp_path / "out"))
    assert result.returncode == 0
    assert result.stdout.startswith(f"Site ready in {tmp_path / 'out'}/.")
    lines = [*result.stderr.splitlines(), *result.stdout.splitlines()]  # progress, then result
    assert any(line.startswith("Validating ") for line in lines)
    for line in lines:
        pelican = (
            r"Done: Processed|\d+ (articles?|drafts?|pages?)\b|^\s*(WARNING|ERROR|INFO)\b|^\[\d"
        )
        assert not re.search(pelican, line), line
    makefile = (Path(__file__).parents[1] / "Makefile").read_text(encoding="utf-8")
    assert "\t$(BIN)/praxisbook build $(if $(PUBLISH),--publish)\n" in makefile  # what make runs


def test_version_prints_the_installed_version(tmp_path):
    from importlib import metadata

    result = praxisbook(tmp_path, "--version")
    expected = f"praxisbook {metadata.version('praxisbook')}\n"
    assert (result.returncode, result.stdout, result.stderr) == (0, expected, "")


HEAVY = ("jsonschema", "jsonschema_rs", "pelican", "babel", "markdown", "jinja2", "rich", "yaml")


def imported_modules(cwd: Path, *args: str) -> set[str]:
    """Top-level packages a run of the command imports (`python -X importtime`)."""
    env = {**os.environ, "PYTHONUTF8": "1"}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "praxisbook.cli", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    names = re.findall(r"^import time:.*\|\s*(\S+)$", result.stderr, re.MULTILINE)
    assert names, result.stderr
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["validate", "--help"]])
def test_start_up_loads_no_heavy_library(tmp_path, args):
    assert imported_modules(tmp_path, *args) & set(HEAVY) == set()


def test_validating_loads_neither_pelican_nor_the_site_libraries(catalogue):
    loaded = imported_modules(catalogue, "validate", "--no-cache", "content/practices")
    assert loaded & {"pelican", "babel", "markdown", "jinja2", "rich"} == set()
    assert "yaml" in loaded  # it did read the files
