"""`praxisbook import-issue`: a rendered "Propose a practice" issue becomes a valid entry file."""

from __future__ import annotations

import io

import pytest
import yaml

from praxisbook.catalogue.schema import load_schema
from praxisbook.cli import main
from praxisbook.editor.importissue import FORM, NOT_A_FIELD, field_path, load_form

from .conftest import ROOT, make_project

# The Bochum seed practice as GitHub renders the issue form's answers.
BOCHUM_ISSUE = """\
### Title

Bochumer Schulnetzwerk gegen Rassismus und Diskriminierung

### Summary

Das Kommunale Integrationszentrum der Stadt Bochum koordiniert das Netzwerk der
derzeit 18 anerkannten Bochumer Schulen, die sich aktiv gegen Rassismus und jede
Form von Diskriminierung einsetzen.

### Language of the text

German (de)

### Country

Germany (DE)

### Themes

- [X] Anti-racism (anti-racism)
- [X] Anti-discrimination (anti-discrimination)
- [ ] Diversity (diversity)
- [ ] Equality (equality)
- [X] Networks and cooperation (networks)

### Source document

Beschreibung der Regionalkoordination des Bochumer Schulnetzwerks gegen Rassismus und Diskriminierung

### Source URL

_No response_

### Places

Bochum

### Lead organisation

Stadt Bochum

### Start

_No response_

### End

_No response_

### Still running

- [X] The source says the practice still runs, with no end date.

### Contact organisation

Kommunales Integrationszentrum der Stadt Bochum (KI Bochum), Regionalkoordination

### Description

## Was

Das KI Bochum unterstützt die Vernetzung der derzeit 18 anerkannten Bochumer Schulen.

### Voraussetzungen für den Titel

Mindestens 70 Prozent aller Menschen an der Schule stimmen zu.

### Confirmation

- [X] Everything above is stated by the source; nothing is guessed.
- [X] I named no person (contacts are offices or units).
"""
SLUG = "bochumer-schulnetzwerk-gegen-rassismus-und-diskriminierung"
EXPECTED = """\
---
title: "Bochumer Schulnetzwerk gegen Rassismus und Diskriminierung"
summary: "Das Kommunale Integrationszentrum der Stadt Bochum koordiniert das Netzwerk der derzeit 18 anerkannten Bochumer Schulen, die sich aktiv gegen Rassismus und jede Form von Diskriminierung einsetzen."
themes:
  - anti-racism
  - anti-discrimination
  - networks
country: "DE"
places:
  - "Bochum"
lead_organisation:
  name: "Stadt Bochum"
period:
  ongoing: true
contact:
  organisation: "Kommunales Integrationszentrum der Stadt Bochum (KI Bochum), Regionalkoordination"
source:
  title: "Beschreibung der Regionalkoordination des Bochumer Schulnetzwerks gegen Rassismus und Diskriminierung"
last_reviewed: "2026-11-22"
added: "2026-11-22"
---

## Was

Das KI Bochum unterstützt die Vernetzung der derzeit 18 anerkannten Bochumer Schulen.

### Voraussetzungen für den Titel

Mindestens 70 Prozent aller Menschen an der Schule stimmen zu.
"""


def line_of(issue: str, text: str) -> int:
    """The line number of the first line that is exactly `text`, counted from 1."""
    return issue.splitlines().index(text) + 1


def broken(issue: str) -> str:
    """No title, a country outside the schema, no theme ticked."""
    issue = issue.replace(
        "Bochumer Schulnetzwerk gegen Rassismus und Diskriminierung\n", "_No response_\n", 1
    )
    issue = issue.replace("Germany (DE)", "Atlantis (AX)")
    return issue.replace("- [X] Anti", "- [ ] Anti").replace("- [X] Networks", "- [ ] Networks")


@pytest.fixture
def project(tmp_path, monkeypatch):
    project = make_project(tmp_path / "site", {})
    monkeypatch.chdir(project.root)
    return project


def run(capsys, project, issue: str, *args: str) -> tuple[int, str, str]:
    path = project.root / "issue.md"
    path.write_text(issue, encoding="utf-8")
    code = main(["import-issue", str(path), "--reviewed", "2026-11-22", *args])
    out, err = capsys.readouterr()
    return code, out, err


NOT_ENGLISH = (
    f"note: the folder name `{SLUG}` comes from a title that is not in English; folder names"
    " are English (docs/editing.md): choose one with --slug\n"
)


def test_issue_becomes_a_valid_entry(project, capsys):
    code, out, err = run(capsys, project, BOCHUM_ISSUE)
    assert (code, out, err) == (0, f"content/practices/{SLUG}/de.md\n", NOT_ENGLISH)
    assert (project.practices / SLUG / "de.md").read_text(encoding="utf-8") == EXPECTED
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == "OK: 1 file checked, no problems.\n"


def test_dry_run_from_stdin_prints_and_writes_nothing(project, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(BOCHUM_ISSUE))
    assert main(["import-issue", "-", "--dry-run", "--reviewed", "2026-11-22"]) == 0
    assert capsys.readouterr().out == EXPECTED
    assert not project.practices.exists()


def test_slug_and_review_date_can_be_given(project, capsys):
    code, out, err = run(capsys, project, BOCHUM_ISSUE, "--slug", "bochum-school-network")
    assert (code, out, err) == (0, "content/practices/bochum-school-network/de.md\n", "")


def test_the_english_title_names_the_folder(project, capsys):
    issue = BOCHUM_ISSUE.replace(
        "### Summary",
        "### Title in English\n\nBochum schools against racism network\n\n### Summary",
    )
    code, out, err = run(capsys, project, issue)
    assert (code, out, err) == (
        0,
        "content/practices/bochum-schools-against-racism-network/de.md\n",
        "",
    )
    text = (project.practices / "bochum-schools-against-racism-network" / "de.md").read_text(
        "utf-8"
    )
    assert text == EXPECTED  # the English title is no field of the entry


def test_last_reviewed_defaults_to_today(project, capsys, monkeypatch):
    import datetime

    monkeypatch.setattr("sys.stdin", io.StringIO(BOCHUM_ISSUE))
    assert main(["import-issue", "-", "--dry-run"]) == 0
    assert f'last_reviewed: "{datetime.date.today().isoformat()}"' in capsys.readouterr().out


def test_broken_issue_lists_every_problem_with_its_line(project, capsys):
    issue = broken(BOCHUM_ISSUE)
    assert (line_of(issue, "_No response_"), line_of(issue, "Atlantis (AX)")) == (3, 17)
    code, out, err = run(capsys, project, issue)
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[0:2] == ["issue:3: title: required field is missing", "    hint: fill in “Title”"]
    assert lines[2] == "issue:17: country: `AX` is not an allowed value"
    assert lines[3].startswith("    hint: allowed: `AD`, `AL`, `AT`")
    themes = line_of(issue, "- [ ] Anti-racism (anti-racism)")  # the first line under the heading
    assert lines[4:6] == [
        f"issue:{themes}: themes: required field is missing",
        "    hint: tick at least one box under “Themes”",
    ]
    assert lines[6:] == ["Aborted: 3 problems in the issue; nothing was written."]
    assert not project.practices.exists()


def test_bad_values_are_reported_with_the_validator_hints(project, capsys):
    issue = BOCHUM_ISSUE.replace("### Start\n\n_No response_", "### Start\n\nJune 2016")
    issue = issue.replace("### Source URL\n\n_No response_", "### Source URL\n\nwww.bochum.de")
    issue = issue.replace("German (de)", "Klingon (tlh)")
    code, out, _ = run(capsys, project, issue)
    assert code == 1
    assert (
        f"issue:{line_of(issue, 'Klingon (tlh)')}: language: `tlh` is not an allowed value\n" in out
    )
    assert f"issue:{line_of(issue, 'www.bochum.de')}: source.url: `www.bochum.de` " in out
    assert f"issue:{line_of(issue, 'June 2016')}: period.start: `June 2016` " in out
    assert out.endswith("Aborted: 3 problems in the issue; nothing was written.\n")


def test_unticked_confirmation_is_a_problem(project, capsys):
    issue = BOCHUM_ISSUE.replace("- [X] Everything above", "- [ ] Everything above")
    code, out, _ = run(capsys, project, issue)
    assert code == 1
    line = line_of(issue, "- [ ] Everything above is stated by the source; nothing is guessed.")
    assert out.startswith(
        f"issue:{line}: confirmation: not ticked: “Everything above is stated by the source; nothing is guessed.”\n"
    )


def test_existing_folder_is_never_touched(project, capsys):
    run(capsys, project, BOCHUM_ISSUE)
    code, out, err = run(capsys, project, BOCHUM_ISSUE)
    assert (code, out) == (1, "")
    assert "already exists; nothing was written" in err


def test_form_fields_map_to_the_schema():
    """Every question of the issue form fills a schema field, and its options are allowed values."""
    schema = load_schema(ROOT / "schema")
    defs = schema.definitions
    properties = defs["original"]["properties"]
    form = yaml.safe_load((ROOT / FORM).read_text(encoding="utf-8"))
    for item in form["body"]:
        if "id" not in item or item["id"] in NOT_A_FIELD:
            continue
        assert field_path(item["id"], properties, defs) is not None, item["id"]
    assert [q.id for q in load_form(ROOT / FORM)][:4] == [
        "title",
        "english_title",
        "summary",
        "language",
    ]
    codes = {item["id"]: options(item) for item in form["body"] if "id" in item}
    assert set(codes["language"]) == set(defs["language"]["enum"])
    assert set(codes["country"]) == set(defs["country"]["enum"])
    assert set(codes["themes"]) == set(schema.vocabularies["themes"].terms)


def options(item: dict) -> list[str]:
    labels = [
        o["label"] if isinstance(o, dict) else o for o in item["attributes"].get("options", [])
    ]
    return [label.rsplit("(", 1)[-1].rstrip(")") for label in labels if label.endswith(")")]


def test_html_in_the_description_points_at_the_description(project, capsys):
    issue = BOCHUM_ISSUE.replace("## Was\n", "<div>Was</div>\n")
    code, out, _ = run(capsys, project, issue)
    assert code == 1
    assert out.startswith(
        f"issue:{line_of(issue, '<div>Was</div>')}: body: raw HTML is not allowed\n"
    )


def test_a_slug_that_is_not_a_folder_name_is_refused(project, capsys):
    code, out, err = run(capsys, project, BOCHUM_ISSUE, "--slug", "../elsewhere")
    assert (code, out) == (1, "")
    assert err.startswith("praxisbook import-issue: --slug: `../elsewhere` is not a valid slug\n")
    assert not (project.root / "content" / "elsewhere").exists()
