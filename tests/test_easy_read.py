"""Easy-to-read text: a practice's summary first on its page, and the page about the site.

A small project of its own: a German original whose easy-to-read summary was checked
with readers (`tested`), with a machine translation into English that has its own
easy-to-read text; and the tiny site's Dutch practice, which has none.
"""

from __future__ import annotations

import os
import re
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
from .site_fixtures import OWNER_SETTINGS

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
MOST_WORDS = 20  # in one sentence of the easy-to-read page


def built(root: Path, settings: str = "") -> Path:
    project = make_project(root, ENTRIES)
    with (root / "pelicanconf.py").open("a", encoding="utf-8") as handle:
        handle.write(settings)
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


# ---- the page about the site in easy-to-read language


@pytest.mark.parametrize("ui", UI_LANGUAGES)
def test_easy_read_page_exists_in_every_language_and_is_linked_from_home(site, ui):
    page = soup(site / ui / "easy-read" / "index.html")
    assert page.html["lang"] == ui
    assert page.h1.get_text() == TITLES[ui]
    assert [h2.get_text() for h2 in page.select("main h2")][:3]  # what, how, feedback
    home = soup(site / ui / "index.html")
    assert home.select_one(f'main a[href="/{ui}/easy-read/"]')
    assert home.select_one(f'footer a[href="/{ui}/easy-read/"]')


@pytest.mark.parametrize("ui", UI_LANGUAGES)
def test_easy_read_page_keeps_to_short_sentences(site, ui):
    paragraphs = soup(site / ui / "easy-read" / "index.html").select(".easy-read-page p")
    long = [
        sentence
        for p in paragraphs
        for sentence in re.split(r"(?<=[.?!])\s+", p.get_text(" ", strip=True))
        if len(sentence.split()) > MOST_WORDS
    ]
    assert long == []
    assert paragraphs[-1]["class"] == ["easy-read-note"]  # says that readers have not checked it


def test_without_a_feedback_route_the_page_invents_none(site):
    page = soup(site / "en" / "easy-read" / "index.html")
    assert "does not name a way to write to us" in page.select_one("main").get_text()
    assert not page.select('main a[href^="mailto:"]')


def test_feedback_goes_where_the_accessibility_statement_sends_it(tmp_path):
    site = built(tmp_path / "owned", OWNER_SETTINGS)
    for ui in ("en", "de"):
        page = soup(site / ui / "easy-read" / "index.html")
        statement = soup(site / ui / "accessibility" / "index.html")
        route = [a["href"] for a in page.select('main a[href^="mailto:"]')]
        assert route == ["mailto:accessibility@example.org"]
        assert statement.select_one(f'main a[href="{route[0]}"]')


def test_the_start_page_links_the_easy_to_read_page_in_every_language(site):
    chooser = soup(site / "index.html")
    links = {
        a["hreflang"]: (a["href"], a.get_text()) for a in chooser.select(".easy-read-choice a")
    }
    assert links == {ui: (f"/{ui}/easy-read/", TITLES[ui]) for ui in UI_LANGUAGES}
