"""Choosing and comparing practices in real browsers, on the served seed site and from disk.

Online (Chromium, the published seed site): the buttons on cards, search results and
practice pages, the choice kept in sessionStorage while browsing, the comparison's
table. From disk (the offline bundle of export_fixtures.py, opened as file://): in
Chromium, and in Firefox ESR with the file-origin policy users have, the comparison
loads its facts as a classic script and requests nothing but local files.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .test_export_offline import LOCAL_SCHEMES, firefox  # noqa: F401  (Firefox ESR driver)

pytestmark = pytest.mark.browser

BOCHUM = "bochum-schools-against-racism-network"  # DE
BRUNO = "bruno-attitudes-police-diversity-network"  # BE
TABLE_READY = "document.querySelector('#compare-table tbody tr') !== null"
HEADERS = (
    "Array.from(document.querySelectorAll('#compare-table thead th a')).map(a => a.textContent)"
)


@pytest.fixture
def tab(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()


def toggle(page, slug: str):
    return page.locator(f'.compare-toggle[data-slug="{slug}"]')


def hosts(requested: list[str]) -> set[str]:
    return {urlsplit(url).netloc for url in requested if urlsplit(url).scheme in ("http", "https")}


# ---------------------------------------------------------------- online, Chromium


def test_listing_rows_get_real_toggle_buttons_named_by_their_practice(tab, seed_site):
    tab.goto(f"{seed_site.base}/en/")
    buttons = tab.locator("main .rows .compare-toggle")
    assert buttons.count() == len(list((seed_site.output / "en" / "practices").glob("*/")))
    bochum = toggle(tab, BOCHUM)
    assert bochum.evaluate("b => b.tagName") == "BUTTON"
    assert bochum.get_attribute("aria-pressed") == "false"
    name = bochum.evaluate("b => b.textContent")
    assert name.startswith("Compare: ") and "Bochum" in name
    bochum.focus()
    tab.keyboard.press("Space")  # keyboard alone
    assert bochum.get_attribute("aria-pressed") == "true"
    assert tab.locator(".compare-bar").is_visible()
    assert "1 of 4" in tab.locator(".compare-bar p").inner_text()
    toggle(tab, BRUNO).click()
    beside = tab.locator(f'.compare-toggle[data-slug="{BRUNO}"] + a.compare-go')
    assert beside.is_visible()  # the way on, where the reader is, as well as at the top
    assert beside.get_attribute("href").endswith(f"/en/compare/?p={BOCHUM},{BRUNO}")
    assert tab.locator(".compare-go").count() == 2  # beside the chosen ones only
    assert tab.errors == []


def test_the_choice_follows_the_reader_from_page_to_page(tab, seed_site):
    tab.goto(f"{seed_site.base}/en/practices/{BOCHUM}/")
    toggle(tab, BOCHUM).click()
    tab.goto(f"{seed_site.base}/de/practices/{BRUNO}/")  # another page, another language
    toggle(tab, BRUNO).click()
    tab.goto(f"{seed_site.base}/fr/")
    assert toggle(tab, BOCHUM).get_attribute("aria-pressed") == "true"
    assert toggle(tab, BRUNO).get_attribute("aria-pressed") == "true"
    tab.click(".compare-bar a")
    tab.wait_for_function(TABLE_READY)
    assert urlsplit(tab.url).path == "/fr/compare/"
    assert urlsplit(tab.url).query == f"p={BOCHUM},{BRUNO}"
    assert tab.errors == []


def test_choosing_works_within_a_page_where_storage_is_refused(chromium, seed_site):
    context = chromium.new_context()
    refuse = "throw new DOMException('refused', 'SecurityError')"
    context.add_init_script(
        f"Object.defineProperty(window, 'sessionStorage', {{get() {{ {refuse}; }}}})"
    )
    page = context.new_page()
    try:
        page.goto(f"{seed_site.base}/en/")
        toggle(page, BOCHUM).click()
        toggle(page, BRUNO).click()
        assert "2 of 4" in page.locator(".compare-bar p").inner_text()
        assert page.locator(".compare-bar a").get_attribute("href").endswith(f"?p={BOCHUM},{BRUNO}")
    finally:
        context.close()


def test_comparison_shows_both_practices_and_marks_the_rows_that_differ(tab, seed_site):
    tab.goto(f"{seed_site.base}/en/compare/?p={BOCHUM},{BRUNO}")
    tab.wait_for_function(TABLE_READY)
    links = tab.locator("#compare-table thead th a")
    assert [links.nth(i).get_attribute("href") for i in range(2)] == [
        f"{seed_site.base}/en/practices/{BOCHUM}/",  # published: full addresses
        f"{seed_site.base}/en/practices/{BRUNO}/",
    ]
    country = tab.locator('#compare-table tr[data-row="country"]')
    assert country.get_attribute("class") == "differs"
    assert "differs" in country.locator("th").inner_text()  # in words, not only in colour
    assert tab.locator("#compare-fallback").is_hidden()
    same = tab.locator("#compare-table tbody tr:not(.differs)")
    tab.check("#compare-only")
    assert all(not same.nth(i).is_visible() for i in range(same.count()))
    assert hosts(tab.requested) == {urlsplit(seed_site.base).netloc}
    assert tab.errors == []


def test_a_practice_can_be_added_and_removed_on_the_comparison_page(tab, seed_site):
    tab.goto(f"{seed_site.base}/en/compare/?p={BOCHUM}")
    tab.wait_for_function(TABLE_READY)
    assert "at least two" in tab.locator("#compare-status").inner_text()
    tab.select_option("#compare-add", BRUNO)
    tab.click("#compare-add-button")
    assert tab.evaluate(HEADERS)[1].startswith("Bruno@ttitudes")
    assert urlsplit(tab.url).query == f"p={BOCHUM},{BRUNO}"
    tab.locator(".compare-remove").first.click()
    assert urlsplit(tab.url).query == f"p={BRUNO}"
    assert tab.errors == []


def test_search_results_get_compare_buttons(tab, seed_site):
    tab.goto(f"{seed_site.base}/en/search/?q=school")
    tab.wait_for_selector("#search-results li .compare-toggle")
    results = tab.locator("#search-results > li")
    assert tab.locator("#search-results .compare-toggle").count() == results.count() > 0
    assert tab.errors == []


# ---------------------------------------------------------------- from disk


def listing(bundle) -> str:
    return (bundle / "en" / "index.html").as_uri()


def test_comparison_works_from_disk_in_chromium(tab, bundles):
    tab.goto(listing(bundles["full"]))
    toggle(tab, "school-network").click()
    toggle(tab, "police-racism-training").click()
    tab.click(".compare-bar a")
    tab.wait_for_function(TABLE_READY)
    assert tab.url.endswith("/en/compare/index.html?p=school-network,police-racism-training")
    assert tab.evaluate(HEADERS) == [
        "School network against racism",
        "Anti-racism training for police officers",
    ]
    tab.click("#compare-table thead th a")
    tab.wait_for_load_state()
    assert tab.url.endswith("/en/practices/school-network/index.html")
    assert {urlsplit(url).scheme for url in tab.requested} <= LOCAL_SCHEMES
    assert tab.errors == []


def test_comparison_works_from_disk_in_firefox(firefox, bundles):  # noqa: F811
    first, second = "school-network", "police-diversity-network"
    report = firefox({
        "url": listing(bundles["full"]),
        "steps": [
            {"wait": "document.querySelectorAll('.compare-toggle').length > 0"},
            {"click": f'.compare-toggle[data-slug="{first}"]'},
            {"click": f'.compare-toggle[data-slug="{second}"]'},
            {"click": ".compare-bar a"},
            {"wait": TABLE_READY},
            {"eval": HEADERS},
            {"eval": "location.search"},
            {"eval": "document.getElementById('compare-add').value = 'police-racism-training'"},
            {"click": "#compare-add-button"},
            {"eval": HEADERS},
            {"eval": "document.getElementById('compare-fallback').hidden"},
        ],
    })  # fmt: skip
    assert report["errors"] == []
    two, search, three, fallback_hidden = (report["values"][i] for i in (0, 1, 3, 4))
    assert two == ["School network against racism", "Diversiteitsnetwerk van de politiezone"]
    assert search == f"?p={first},{second}"
    assert three[2] == "Anti-racism training for police officers"
    assert fallback_hidden is True
    # Firefox's driver reports every request but file: ones; so none may be left.
    assert {urlsplit(url).scheme for url in report["requests"]} <= LOCAL_SCHEMES
