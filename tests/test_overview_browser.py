"""axe-core on the home, map, comparison and easy-to-read pages in every UI language, and
the catalogue at a glance in print, in Chromium on the published seed site.

The comparison is checked with its table drawn, and the home page with a practice chosen
for comparison, so that the buttons and the bar the scripts add are checked too.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from praxisbook.catalogue.project import UI_LANGUAGES

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAIR = "bochum-schools-against-racism-network,bruno-attitudes-police-diversity-network"
PAGES = ("", "map/", f"compare/?p={PAIR}", "easy-read/")


@pytest.fixture(scope="module")
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    yield page
    context.close()


def ready(page, path: str) -> None:
    """Wait for what the page's scripts add: the comparison's table, the Compare buttons."""
    if path.startswith("compare/"):
        page.wait_for_selector("#compare-table tbody tr")
    if path == "":
        page.locator(".compare-toggle").first.click()  # the bar shows, a button is pressed
        page.wait_for_selector(".compare-bar:not([hidden])")


@pytest.mark.parametrize("ui", UI_LANGUAGES)
def test_axe_finds_no_violations_on_the_new_pages(page, seed_site, ui):
    from axe_playwright_python.sync_playwright import Axe

    reports = {}
    for path in PAGES:
        page.goto(f"{seed_site.base}/{ui}/{path}")
        ready(page, path)
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        if result.violations_count:
            reports[path] = result.generate_report()
    assert reports == {}
    assert {urlsplit(url).netloc for url in page.requested} == {urlsplit(seed_site.base).netloc}


def test_axe_finds_no_violations_on_the_start_page_with_its_easy_to_read_links(page, seed_site):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{seed_site.base}/")
    assert page.locator(".easy-read-choice a").count() == len(UI_LANGUAGES)
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert result.violations_count == 0, result.generate_report()


def test_the_catalogue_at_a_glance_prints_with_its_bars(page, seed_site):
    page.goto(f"{seed_site.base}/en/")
    page.emulate_media(media="print")
    try:
        bars = page.locator("section.glance svg.bar")
        assert bars.count() > 0 and bars.first.is_visible()
        assert page.locator("section.glance table.bars").first.is_visible()
        assert page.locator("section.glance svg.europe-map").is_visible()
    finally:
        page.emulate_media(media="screen")
