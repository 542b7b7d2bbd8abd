"""Translated prose facts: validated against the original, shown in the reader's language."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from praxisbook.catalogue.model import Text
from praxisbook.catalogue.project import Project
from praxisbook.cli import main
from praxisbook.pipeline import build, prepare

from .conftest import make_project, soup

COMPLETE = Path(__file__).parent / "fixtures" / "complete"
FINNISH = """\
---
title: Koulujen verkosto rasismia vastaan
summary: Kunnallinen keskus yhdistää kouluja, jotka toimivat rasismia ja syrjintää vastaan.
translation: {kind: machine, from: de}
---
## Mitä

Koulut tapaavat säännöllisesti.
"""


def complete_project(root: Path) -> Project:
    project = make_project(root, {})
    shutil.copytree(COMPLETE, project.practices)
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The complete fixture (every field, an English translation with every prose fact), built."""
    project = complete_project(tmp_path_factory.mktemp("prose") / "site")
    (project.practices / "school-network" / "fi.md").write_text(FINNISH, encoding="utf-8")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1763769600")
    build(project)
    return project.output


def validate(root: Path, capsys, *paths: str) -> tuple[int, str]:
    old = Path.cwd()
    os.chdir(root)
    try:
        code = main(["validate", *paths])
    finally:
        os.chdir(old)
    return code, capsys.readouterr().out


def test_a_translation_with_the_originals_milestones_translated_validates(tmp_path, capsys):
    project = complete_project(tmp_path / "site")
    assert validate(project.root, capsys) == (0, "OK: 3 files checked, no problems.\n")


def test_a_changed_original_makes_its_translations_stale(tmp_path, capsys):
    project = complete_project(tmp_path / "site")
    original = project.practices / "school-network" / "de.md"
    original.write_text(
        original.read_text(encoding="utf-8").replace("zwölf Schulen", "elf Schulen"), "utf-8"
    )
    code, out = validate(project.root, capsys)
    assert code == 0  # a warning: the translation still stands, but needs a look
    head, hint, summary = out.splitlines()
    assert summary == "OK: 0 errors and 1 warning in 3 files checked."
    assert head == (
        "content/practices/school-network/en.md:5:48: translation.digest: warning: "
        "de.md has changed since this translation was made"
    )
    assert hint.startswith("    hint: compare this file with de.md and bring it up to date")
    new = hint.rsplit("`digest: ", 1)[1].rstrip("`")
    english = project.practices / "school-network" / "en.md"
    text = english.read_text(encoding="utf-8")
    english.write_text(text.replace(text.split("digest: ")[1][:12], new), encoding="utf-8")
    assert validate(project.root, capsys) == (0, "OK: 3 files checked, no problems.\n")


def test_english_page_is_english_from_facts_to_source(site):
    page = soup(site / "en" / "practices" / "school-network" / "index.html")
    main_text = page.select_one(".practice")
    milestones = [li.get_text(" ", strip=True) for li in page.select(".milestones li")]
    assert milestones == [
        "June 2019 The network is founded with twelve schools.",
        "2023 Forty schools take part.",
    ]
    assert not page.select(".milestones [lang]")
    facts = {
        dt.get_text(): dd
        for dt, dd in zip(page.select(".facts dt"), page.select(".facts dd"), strict=True)
    }
    assert facts["What adopting it takes"].get_text(strip=True).startswith("Needs a coordinating")
    contact = [li for li in facts["Contact"].select("li")]
    assert contact[-1].get_text() == "Please send requests by e-mail." and not contact[-1].select(
        "[lang]"
    )
    assert "Coordinator" in facts["Contact"].get_text()
    # a name stays as the original spells it, marked, unless the version localises it
    assert contact[0].span["lang"] == "de"
    source = page.select_one(".source p")
    assert source.a.get_text() == "Annual report 2023 of the Municipal Integration Centre"
    assert not source.select("[lang]")
    languages = {e.get("lang") for e in main_text.select("[lang]")} - {None}
    assert languages <= {"de", "fi"}  # only the language links, the quote's original words
    assert "Schulnetzwerk" not in main_text.get_text()


def test_a_translated_quote_says_so_and_keeps_the_original_one_click_away(site):
    page = soup(site / "en" / "practices" / "school-network" / "index.html")
    quote = page.select_one("details.original-quote")
    assert "Translated quote" in quote.summary.get_text()
    original = quote.select_one("blockquote")
    assert original["lang"] == "de"
    assert original.get_text(strip=True) == "Eine Befragung der Schulen zeigt mehr Projekttage."
    german = soup(site / "de" / "practices" / "school-network" / "index.html")
    assert not german.select("details.original-quote")  # the original's own words


def test_finnish_version_without_prose_takes_each_fact_from_english_then_the_original(site):
    page = soup(site / "fi" / "practices" / "school-network" / "index.html")
    assert page.h1.get_text() == "Koulujen verkosto rasismia vastaan"
    assert page.h1.get("lang") is None
    texts = [span for span in page.select(".milestones li span[lang]")]
    assert [(s["lang"], s.get_text()) for s in texts] == [
        ("en", "The network is founded with twelve schools."),
        ("en", "Forty schools take part."),
    ]


def test_text_keeps_its_language_through_pickling():
    text = Text("Vierzig Schulen", "de", original=Text("x", "nl"), quote=True)
    again = pickle.loads(pickle.dumps(text))
    assert (again, again.lang, again.original.lang, again.quote) == (text, "de", "nl", True)


def test_the_reading_chain_is_a_setting(tmp_path):
    project = complete_project(tmp_path / "site")
    settings = project.root / "pelicanconf.py"
    settings.write_text(settings.read_text() + '\nREADING_CHAIN = ["ui", "original"]\n')
    site = prepare(project)
    practice = site.practices[1]
    assert practice.slug == "school-network"
    assert site.reading(practice, "fi").lang == "de"  # straight to the original
    assert site.reading(practice, "en").lang == "en"
