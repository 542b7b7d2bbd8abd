"""A tiny real site, built with the real Pelican and Pagefind, checked as HTML."""

from __future__ import annotations

import filecmp
import os

import pytest

from praxisbook.catalogue.problems import BuildError
from praxisbook.catalogue.project import UI_LANGUAGES
from praxisbook.pipeline import build

from .conftest import soup, write_practice


def test_every_ui_language_has_home_and_entry_pages(tiny_site):
    for lang in UI_LANGUAGES:
        assert (tiny_site / lang / "index.html").is_file()
        for slug in ("school-network", "police-diversity-network"):
            assert (tiny_site / lang / "practices" / slug / "index.html").is_file()


def test_german_entry_page_shows_the_german_version_with_its_facts(tiny_site):
    page = soup(tiny_site / "de" / "practices" / "school-network" / "index.html")
    assert page.html["lang"] == "de"
    assert page.h1.get_text() == "Schulnetzwerk gegen Rassismus"
    assert page.h1.get("lang") is None  # same language as the page
    facts = {dt.get_text(): dd.get_text(" ", strip=True) for dt, dd in _facts(page)}
    assert facts["Land"] == "Deutschland"
    assert facts["Zeitraum"] == "Juni 2019 – laufend"
    assert facts["Bewertungen"].startswith("Reichweite: 2 von 4")
    assert facts["Zuletzt geprüft"] == "22. November 2026"


def test_english_translation_uses_localised_names_and_says_it_is_machine_made(tiny_site):
    page = soup(tiny_site / "en" / "practices" / "school-network" / "index.html")
    assert page.h1.get_text() == "School network against racism"
    facts = {dt.get_text(): dd for dt, dd in _facts(page)}
    run_by = facts["Run by"]
    assert run_by.get_text(" ", strip=True).startswith("City of Bochum")
    assert not run_by.select("[lang]")  # the English spelling, in the page's language
    notice = page.select_one(".notice").get_text(" ", strip=True)
    assert notice.startswith("Machine translation from German")


def test_fallback_page_marks_the_original_language_and_links_canonical(tiny_site):
    page = soup(tiny_site / "fi" / "practices" / "police-diversity-network" / "index.html")
    assert page.h1["lang"] == "nl"
    assert page.select_one(".body")["lang"] == "nl"
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical == "/nl/practices/police-diversity-network/"
    assert not page.find_all("link", rel="alternate", hreflang=True)


def test_hreflang_alternates_only_between_pages_in_that_language(tiny_site):
    page = soup(tiny_site / "en" / "practices" / "school-network" / "index.html")
    links = page.find_all("link", rel="alternate", hreflang=True)
    assert {a["hreflang"]: a["href"] for a in links} == {
        "de": "/de/practices/school-network/",
        "en": "/en/practices/school-network/",
    }


def test_body_html_is_rendered_and_sanitised(tiny_site):
    page = soup(tiny_site / "de" / "practices" / "school-network" / "index.html")
    body = page.select_one(".body")
    assert body.h2.get_text() == "Was"
    assert not page.find("script", src=lambda s: s and "http" in s)


def test_former_slug_redirects_to_the_practice(tiny_site):
    page = soup(tiny_site / "nl" / "practices" / "bruno-attitudes" / "index.html")
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh == "0; url=/nl/practices/police-diversity-network/"


def test_listing_pages_per_taxonomy(tiny_site):
    theme = soup(tiny_site / "de" / "themes" / "anti-racism" / "index.html")
    assert theme.h1.get_text() == "Antirassismus"
    titles = [a.get_text() for a in theme.select(".rows > li > a")]
    assert titles == ["Schulnetzwerk gegen Rassismus"]
    country = soup(tiny_site / "fr" / "countries" / "be" / "index.html")
    assert country.h1.get_text() == "Belgique"
    group = soup(tiny_site / "nl" / "target-groups" / "police-staff" / "index.html")
    assert group.h1.get_text() == "Politiepersoneel"
    sector = soup(tiny_site / "sv" / "sectors" / "education" / "index.html")
    assert sector.h1.get_text() == "Utbildning"


def test_home_lists_every_practice_along_the_reading_chain(tiny_site):
    """Finnish readers get English where there is no Finnish version, else the original."""
    home = soup(tiny_site / "fi" / "index.html")
    cards = home.select(".rows > li > a")
    by_title = {c.get_text(strip=True): c.get("lang") for c in cards}
    assert by_title == {
        "Diversiteitsnetwerk van de politiezone": "nl",
        "School network against racism": "en",
    }


def test_search_index_is_written(tiny_site):
    assert (tiny_site / "pagefind" / "pagefind.js").is_file()


def test_pages_make_no_request_elsewhere(tiny_site):
    for path in tiny_site.rglob("*.html"):
        page = soup(path)
        for tag in page.find_all(["script", "link", "img"]):
            ref = tag.get("src") or (tag.get("href") if tag.name != "link" else None)
            if tag.name == "link" and tag.get("rel") in (["stylesheet"], ["icon"]):
                ref = tag["href"]
            assert not (ref or "").startswith(("http:", "https:", "//")), (path, ref)


def test_two_builds_are_byte_identical(project, tmp_path):
    os.environ["SOURCE_DATE_EPOCH"] = "1763769600"
    build(project, tmp_path / "a")
    build(project, tmp_path / "b")
    comparison = filecmp.dircmp(tmp_path / "a", tmp_path / "b")
    assert _differences(comparison) == []


def test_invalid_catalogue_keeps_the_previous_output(project):
    build(project)
    before = (project.output / "en" / "index.html").read_text(encoding="utf-8")
    write_practice(project.root, "broken", "de", "title: x\n", "")
    with pytest.raises(BuildError) as failure:
        build(project)
    assert "broken/de.md:1:1: country: required field is missing" in str(failure.value)
    assert (project.output / "en" / "index.html").read_text(encoding="utf-8") == before
    leftovers = [p.name for p in project.root.iterdir() if p.name.startswith(".output")]
    assert leftovers == []


def test_a_killed_builds_folder_is_cleared_and_a_running_ones_is_kept(project):
    import subprocess
    import sys

    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    killed = project.root / f".output.tmp-{ended.stdout.strip()}"
    running = project.root / f".output.tmp-{os.getppid()}"
    for folder in (killed, running):
        (folder / "en").mkdir(parents=True)
    build(project)
    assert not killed.exists()
    assert running.is_dir()


def _facts(page):
    for div in page.select(".facts dl > div"):
        yield div.dt, div.dd


def _differences(comparison) -> list[str]:
    found = comparison.diff_files + comparison.left_only + comparison.right_only
    for sub in comparison.subdirs.values():
        found += _differences(sub)
    return found


def test_home_listing_is_paginated(tmp_path):
    from praxisbook.site.pages import PER_PAGE

    from .conftest import DUTCH, make_project

    front = DUTCH.replace("former_slugs: [bruno-attitudes]\n", "")
    entries = {
        (f"practice-{i:02d}", "nl"): (front.replace("politiezone", f"zone {i:02d}"), "")
        for i in range(PER_PAGE + 5)
    }
    project = make_project(tmp_path / "site", entries)
    build(project)
    first = soup(project.output / "en" / "index.html")
    second = soup(project.output / "en" / "page" / "2" / "index.html")
    assert len(first.select(".rows > li")) == PER_PAGE
    assert len(second.select(".rows > li")) == 5
    assert first.find("link", rel="next")["href"] == "/en/page/2/"
    assert second.find("link", rel="prev")["href"] == "/en/"
    current = second.select_one(".pagination a[aria-current=page]")
    assert current.get_text() == "2"
    assert not (project.output / "en" / "page" / "1").exists()
