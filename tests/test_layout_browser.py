"""Layout in a real Chromium: no sideways scrolling at 320 CSS px, one left edge at every width.

320 CSS px is what a 1280 px window shows at 400 % zoom, where WCAG 1.4.10
(Reflow) allows no scrolling in two directions. Every page type is loaded in
every UI language once per session, in one browser, from the published seed
site (and the owned site for the imprint); search is loaded with a query, so
results show, and every disclosure (the filters) is opened.
"""

from __future__ import annotations

import pytest

from praxisbook.catalogue.project import UI_LANGUAGES

pytestmark = pytest.mark.browser

PAGE_TYPES = (
    "", "practices/nrw-360-degree-measures-against-clan-crime/", "themes/anti-racism/",
    "countries/nl/", "browse/", "search/?q=school", "about/", "accessibility/", "privacy/",
    "contribute/", "downloads/", "404.html", "map/", "easy-read/",
    "compare/?p=bochum-schools-against-racism-network,bruno-attitudes-police-diversity-network,"
    "digital-safety-plan-for-schools,consolidating-anti-racist-working-methods",
)  # fmt: skip
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > width + 0.5)
    .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""
EDGES = """() => {
  const left = s => { const e = document.querySelector(s); return e && e.getBoundingClientRect().left; };
  return {brand: left('.brand'), nav: left('.main-nav li a'), main: left('main h1')};
}"""


def overflow(page, url: str) -> dict | None:
    """What sticks out sideways on `url` at the page's width, or None."""
    page.goto(url)
    if "search/?q=" in url:
        page.wait_for_selector("#search-results li", timeout=15_000)
    if "compare/?p=" in url:  # four columns: the table scrolls in its own box, not the page
        page.wait_for_selector("#compare-table tbody tr", timeout=15_000)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    found = page.evaluate(OVERFLOW)
    return found if found["scroll"] > found["width"] else None


@pytest.fixture(scope="module")
def narrow(chromium):
    context = chromium.new_context(viewport={"width": 320, "height": 640})
    yield context.new_page()
    context.close()


def test_no_page_scrolls_sideways_at_320_px_in_any_language(narrow, seed_site, owned_site):
    urls = [f"{seed_site.base}/{lang}/{path}" for lang in UI_LANGUAGES for path in PAGE_TYPES]
    urls += [f"{seed_site.base}/", f"{seed_site.base}/404.html"]
    urls += [f"{owned_site.base}/{lang}/imprint/" for lang in UI_LANGUAGES]
    problems = {url: found for url in urls if (found := overflow(narrow, url))}
    assert problems == {}


@pytest.mark.parametrize("width", [1280, 390, 320])
def test_header_navigation_and_content_share_one_left_edge(chromium, seed_site, width):
    context = chromium.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        for lang in UI_LANGUAGES:
            page.goto(f"{seed_site.base}/{lang}/about/")
            edges = page.evaluate(EDGES)
            assert abs(edges["brand"] - edges["main"]) < 1, (lang, edges)
            assert abs(edges["nav"] - edges["main"]) < 1, (lang, edges)
    finally:
        context.close()


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
OWNER_PAGES = (
    "en/about/", "de/accessibility/", "fr/privacy/", "nl/imprint/", "sv/contribute/",
    "fi/downloads/", "en/practices/school-network/", "404.html",
)  # fmt: skip


def test_axe_finds_no_violations_on_the_pages_about_the_owner(chromium, owned_site):
    """axe-core on the pages this issue added or changed, published by a named owner."""
    from axe_playwright_python.sync_playwright import Axe

    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        reports = {}
        for path in OWNER_PAGES:
            page.goto(f"{owned_site.base}/{path}")
            result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
            if result.violations_count:
                reports[path] = result.generate_report()
        assert reports == {}
    finally:
        context.close()
