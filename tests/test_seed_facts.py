"""The seed practices' facts as a reader sees them, in all six UI languages (issue 12, point 3).

Periods in words, no doubled values, milestones once, headings that do not
collide, "Most recent" by the date a practice was added, and browse lists in
each language's own alphabetical order.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from praxisbook.catalogue.collation import collation_key
from praxisbook.catalogue.model import Period
from praxisbook.catalogue.project import UI_LANGUAGES, find_project
from praxisbook.catalogue.schema import load_schema
from praxisbook.site.localise import UI

from .conftest import ROOT, soup

PROJECT = find_project(Path(__file__).parent)
SCHEMA = load_schema(PROJECT.schema_dir)
SEEDS = sorted(p.name for p in (ROOT / "content" / "practices").iterdir() if p.is_dir())
PERIODS = {  # since 2016 · 2020 – ongoing · a whole span, at the precision given
    "en": ("since 2016", "2020 – ongoing", "1 January 2024 – 30 June 2026"),
    "de": ("seit 2016", "2020 – laufend", "1. Januar 2024 – 30. Juni 2026"),
    "nl": ("sinds 2016", "2020 – lopend", "1 januari 2024 – 30 juni 2026"),
    "fr": ("depuis 2016", "2020 – en cours", "1 janvier 2024 – 30 juin 2026"),
    "sv": ("sedan 2016", "2020 – pågående", "1 januari 2024 – 30 juni 2026"),
    "fi": ("2016 alkaen", "2020 – käynnissä", "1. tammikuuta 2024 – 30. kesäkuuta 2026"),
}


def ui(lang: str) -> UI:
    return UI(lang, PROJECT.translations, SCHEMA)


def words(tag) -> str:
    return " ".join(tag.get_text().split())


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_periods_read_as_words(lang):
    spans = (Period("2016"), Period("2020", ongoing=True), Period("2024-01-01", "2026-06-30"))
    assert tuple(ui(lang).period(span) for span in spans) == PERIODS[lang]


@pytest.fixture(scope="module")
def seed_pages(seed_site) -> dict[tuple[str, str], object]:
    return {
        (lang, slug): soup(seed_site.output / lang / "practices" / slug / "index.html")
        for lang in UI_LANGUAGES
        for slug in SEEDS
    }


def test_no_value_is_doubled(seed_pages):
    for (lang, slug), page in seed_pages.items():
        ongoing = ui(lang).gettext("ongoing")
        for dd in page.select(".facts dd"):
            shown = words(dd)
            assert "– –" not in shown and f"{ongoing}{ongoing}" not in shown, (lang, slug, shown)
            assert shown.count(ongoing) <= 1, (lang, slug, shown)
            items = [words(li) for li in dd.select("li")]
            assert len(items) == len(set(items)), (lang, slug, items)
        whole = words(page.select_one("main"))
        assert not re.search(rf"{re.escape(ongoing)}\s*{re.escape(ongoing)}", whole), (lang, slug)


def test_every_milestone_appears_once(seed_pages):
    for (lang, slug), page in seed_pages.items():
        main = words(page.select_one("main"))
        for item in page.select(".milestones li"):
            milestone = words(item).removeprefix(words(item.select_one(".ms-date"))).strip()
            assert milestone and main.count(milestone) == 1, (lang, slug, milestone)


def test_section_headings_do_not_collide(seed_pages):
    for (lang, slug), page in seed_pages.items():
        headings = [words(h) for h in page.select("main h2")]
        assert not [h for h, n in Counter(headings).items() if n > 1], (lang, slug, headings)
        labels = {words(dt) for dt in page.select(".facts dt")}
        body = {words(h) for h in page.select(".body h2, .body h3")}
        sections = {words(h) for h in page.select("main h2")} - body
        assert not body & (labels | sections), (lang, slug, body & (labels | sections))


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_most_recent_are_the_practices_added_last(seed_site, lang):
    from praxisbook.catalogue.read import read

    added = {}
    for slug in SEEDS:
        for path in (ROOT / "content" / "practices" / slug).glob("*.md"):
            meta = read(path).meta
            if "translation" not in meta:
                added[slug] = meta["added"]
    expected = sorted(SEEDS, key=lambda s: (added[s], s), reverse=True)[:5]
    home = soup(seed_site.output / lang / "index.html")
    shown = [a["href"].rstrip("/").rsplit("/", 1)[1] for a in home.select(".newest li > a")]
    assert shown == expected


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_browse_lists_follow_the_languages_alphabet(seed_site, lang):
    browse = soup(seed_site.output / lang / "browse" / "index.html")
    for section in browse.select(".browse-grid section"):
        labels = [words(a) for a in section.select(".term-list a")]
        assert labels == sorted(labels, key=lambda label: collation_key(label, lang)), labels
