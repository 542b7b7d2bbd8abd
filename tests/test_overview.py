"""The map page and the home page's catalogue at a glance agree with the catalogue.

A small project of its own: the tiny site's three practices and one Austrian practice
that names a region (Tirol), built once for the module. The expected numbers are
counted from the content files here, never taken from the build.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
import yaml
from babel import Locale

from praxisbook.catalogue.project import UI_LANGUAGES
from praxisbook.pipeline import build

from .conftest import TINY, make_project, soup

TIROL = """\
title: Schulsozialarbeit in Tiroler Schulen
summary: Schulsozialarbeiterinnen helfen Schulen in Tirol, Konflikte früh zu lösen.
themes: [school-safety, crime-prevention]
sectors: [education]
target_groups: [pupils]
country: AT
region: Tirol
source: {title: Testquelle Tirol}
last_reviewed: 2026-11-22
added: 2026-11-19
"""
ENTRIES = {**TINY, ("tirol-school-social-work", "de"): (TIROL, "## Was\n\nBeratung an Schulen.\n")}
BABEL = {"en": "en_GB"}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("overview") / "site", ENTRIES)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1763769600")
    build(project)
    return project.output


def records() -> list[dict]:
    """The originals' front matter, as written in ENTRIES."""
    return [yaml.safe_load(front) for front, _ in ENTRIES.values() if "translation:" not in front]


def expected_countries() -> Counter:
    return Counter(record["country"] for record in records())


def country_name(code: str, ui: str) -> str:
    return Locale.parse(BABEL.get(ui, ui)).territories[code]


def rows(page: Path) -> int:
    return len(soup(page).select("main .rows > li"))


def listing(site: Path, href: str) -> Path:
    return site / href.strip("/") / "index.html"


# ---- the map page


@pytest.mark.parametrize("ui", UI_LANGUAGES)
def test_map_page_is_an_inline_svg_named_by_its_heading(site, ui):
    page = soup(site / ui / "map" / "index.html")
    svg = page.select_one("main svg.europe-map")
    assert svg is not None and not page.select("main img, main object, main iframe")
    assert page.find(id=svg["aria-labelledby"]).name == "h1"
    assert "http" not in str(svg)  # nothing to request, not even a namespace
    assert page.select_one(".map-legend-list")
    nav = page.select_one(f'.main-nav a[href="/{ui}/map/"]')
    assert nav["aria-current"] == "page"


@pytest.mark.parametrize("ui", UI_LANGUAGES)
def test_map_links_each_country_with_practices_to_its_listing(site, ui):
    page = soup(site / ui / "map" / "index.html")
    links = {a["data-country"]: a for a in page.select("svg.europe-map a")}
    counts = expected_countries()
    assert set(links) == set(counts)
    for code, link in links.items():
        assert link["href"] == f"/{ui}/countries/{code.lower()}/"
        assert rows(listing(site, link["href"])) == counts[code]
        name = link.title.get_text()
        assert name.startswith(f"{country_name(code, ui)} (") and str(counts[code]) in name


def test_a_country_whose_practices_name_a_region_still_links_to_its_country_page(site):
    page = soup(site / "de" / "map" / "index.html")
    austria = page.select_one('svg.europe-map a[data-country="AT"]')
    assert austria["href"] == "/de/countries/at/"
    assert austria.title.get_text() == "Österreich (1 Praxisbeispiel)"
    assert (site / "de" / "countries" / "at" / "index.html").is_file()


@pytest.mark.parametrize("ui", UI_LANGUAGES)
def test_map_table_agrees_with_the_map_and_the_catalogue(site, ui):
    page = soup(site / ui / "map" / "index.html")
    rows = {
        row.th.a["href"]: (row.th.get_text(strip=True), row.td.get_text(strip=True))
        for row in page.select("table.country-table tbody tr")
    }
    expected = {
        f"/{ui}/countries/{code.lower()}/": (country_name(code, ui), str(n))
        for code, n in expected_countries().items()
    }
    assert rows == expected
    assert {a["href"] for a in page.select("svg.europe-map a")} == set(rows)
    assert page.select("table.country-table thead th[scope=col]")


def test_countries_without_practices_are_drawn_but_neither_linked_nor_read_out(site):
    page = soup(site / "en" / "map" / "index.html")
    france = page.select_one('svg.europe-map [data-country="FR"]')
    assert france.name == "g" and france["aria-hidden"] == "true"
    assert france.find("a") is None


def test_map_stylesheet_is_linked_only_where_a_map_is(site):
    def has_map_css(path: str) -> bool:
        return bool(soup(site / path).select('link[href="/theme/css/map.css"]'))

    assert has_map_css("en/map/index.html") and has_map_css("en/index.html")
    assert not has_map_css("en/about/index.html")
    assert not has_map_css("en/practices/school-network/index.html")
    assert (site / "theme" / "css" / "map.css").is_file()


# ---- the catalogue at a glance, on each home page


@pytest.mark.parametrize("ui", UI_LANGUAGES)
def test_home_page_shows_the_catalogue_at_a_glance_as_tables_of_numbers(site, ui):
    page = soup(site / ui / "index.html")
    glance = page.select_one("section.glance")
    tables = glance.select("table.bars")
    assert len(tables) == 2  # themes and countries
    for table in tables:
        for row in table.select("tbody tr"):
            href, number = row.th.a["href"], row.td.get_text(strip=True)
            assert rows(listing(site, href)) == int(number)  # the number is text, not a bar
            assert row.select_one("svg.bar")["aria-hidden"] == "true"
    themes = Counter(t for record in records() for t in record["themes"])
    theme_rows = tables[0].select("tbody tr")
    assert [int(r.td.get_text(strip=True)) for r in theme_rows] == sorted(themes.values())[::-1]


@pytest.mark.parametrize("ui", UI_LANGUAGES)
def test_home_page_has_a_small_map_that_leads_to_the_map_page(site, ui):
    glance = soup(site / ui / "index.html").select_one("section.glance")
    small = glance.select_one("svg.europe-map.europe-map--small")
    assert {a["data-country"] for a in small.select("a")} == set(expected_countries())
    assert glance.select_one(f'a[href="/{ui}/map/"]')


def test_only_the_first_home_page_has_the_overview(tmp_path):
    from praxisbook.site.pages import PER_PAGE

    entries = dict(ENTRIES)
    for n in range(PER_PAGE + 1):  # two home pages
        front = TIROL.replace("Tiroler Schulen", f"Tiroler Schulen {n}")
        entries[(f"tirol-copy-{n}", "de")] = (front, "## Was\n\nText.\n")
    project = make_project(tmp_path / "site", entries)
    build(project)
    assert soup(project.output / "en" / "index.html").select_one("section.glance")
    assert not soup(project.output / "en" / "page" / "2" / "index.html").select("section.glance")


def test_an_offline_bundle_maps_its_own_practices_with_links_that_work_from_disk(bundles):
    folder = bundles["police"]  # export_fixtures.py: the police-justice sector, BE and IE
    page_path = folder / "de" / "map" / "index.html"
    page = soup(page_path)
    links = {a["data-country"]: a["href"] for a in page.select("svg.europe-map a")}
    assert links == {"BE": "../countries/be/index.html", "IE": "../countries/ie/index.html"}
    assert all((page_path.parent / href).resolve().is_file() for href in links.values())
    css = page.select_one('link[href$="map.css"]')["href"]
    assert (page_path.parent / css).resolve().is_file()
