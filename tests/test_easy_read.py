"""Easy-to-read text: a practice's summary, first on its page.

A small project of its own: a German original whose easy-to-read summary was checked
with readers (`tested`), with a machine translation into English that has its own
easy-to-read text; and the tiny site's Dutch practice, which has none.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from praxisbook.catalogue.project import UI_LANGUAGES
from praxisbook.pipeline import build

from .conftest import (
    DUTCH,
    DUTCH_BODY,
    ENGLISH,
    ENGLISH_BODY,
    GERMAN,
    GERMAN_BODY,
    ROOT,
    make_project,
    soup,
)

EASY_GERMAN = """\
easy_read:
  text: |
    In Bochum arbeiten Schulen zusammen.
    Sie sind gegen Rassismus.
  kind: tested
"""
EASY_ENGLISH = """\
easy_read:
  text: |
    In Bochum, schools work together.
    They are against racism.
"""
ENTRIES = {
    ("school-network", "de"): (GERMAN + EASY_GERMAN, GERMAN_BODY),
    ("school-network", "en"): (ENGLISH + EASY_ENGLISH, ENGLISH_BODY),
    ("police-diversity-network", "nl"): (DUTCH, DUTCH_BODY),
}
TITLES = {"en": "Easy to read", "de": "Leichte Sprache", "nl": "Makkelijk lezen",
          "fr": "Facile à lire", "sv": "Lättläst", "fi": "Selkokieli"}  # fmt: skip


def built(root: Path) -> Path:
    project = make_project(root, ENTRIES)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1763769600")
    build(project)
    return project.output


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return built(tmp_path_factory.mktemp("easy") / "site")


def easy(site: Path, ui: str, slug: str = "school-network"):
    return soup(site / ui / "practices" / slug / "index.html").select_one("section.easy-read")


# ---- a practice's easy-to-read summary


@pytest.mark.parametrize("ui", UI_LANGUAGES)
def test_easy_read_comes_first_under_its_own_heading(site, ui):
    header = soup(site / ui / "practices" / "school-network" / "index.html").select_one(
        "article.practice > header"
    )
    first, second = [tag.name for tag in header.find_all(recursive=False)][:2]
    assert (first, second) == ("h1", "section")
    section = header.select_one("section.easy-read")
    assert section.h2.get_text() == TITLES[ui]
    assert section["aria-labelledby"] == section.h2["id"]


def test_easy_read_text_is_one_sentence_per_line_in_the_best_language(site):
    german = easy(site, "de")
    assert [p.get_text() for p in german.select(".easy-read-text p")] == [
        "In Bochum arbeiten Schulen zusammen.",
        "Sie sind gegen Rassismus.",
    ]
    assert not german.select_one(".easy-read-text").has_attr("lang")
    french = easy(site, "fr")  # no French version: the English one, marked as English
    assert french.select_one(".easy-read-text")["lang"] == "en"
    assert french.select_one(".easy-read-text p").get_text() == "In Bochum, schools work together."


def test_the_note_says_who_wrote_the_words_shown(site):
    assert easy(site, "de").select_one(".easy-read-note").get_text() == (
        "Mit Menschen geprüft, die Leichte Sprache lesen."
    )
    # The English text is a machine translation: the check in German does not cover it.
    assert easy(site, "en").select_one(".easy-read-note").get_text() == (
        "Written by machine. Readers of easy-to-read text have not checked it yet."
    )


def test_practice_without_easy_read_has_no_section(site):
    assert easy(site, "nl", "police-diversity-network") is None


def test_every_seed_practice_with_easy_read_shows_it_with_its_note(seed_site):
    practices = ROOT / "content" / "practices"
    with_easy = {f.parent.name for f in practices.glob("*/*.md") if "\neasy_read:" in f.read_text()}
    shown = set()
    for slug in sorted(p.name for p in practices.iterdir()):
        section = soup(seed_site.output / "de" / "practices" / slug / "index.html").select_one(
            "section.easy-read"
        )
        if section is not None:
            shown.add(slug)
            assert section.select(".easy-read-text p")
            assert "noch nicht geprüft" in section.select_one(".easy-read-note").get_text()
    assert shown == with_easy and shown
