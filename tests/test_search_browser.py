"""The search page in real headless Chromium, on the built catalogue of test_search.py.

Queries in several languages with the practices each must find, exact facet
counts before and after ticking values, the URL as the page's state, two UI
languages, and axe-core on the home, entry, listing and search pages.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading

import pytest

from .browsers import serve
from .test_search import search_site  # noqa: F401  (the session's built catalogue)

pytestmark = pytest.mark.browser

A = "bochum-school-network"  # de original, en translation
B = "berlin-police-dialogue"  # de
C = "ghent-police-diversity"  # nl original, fr translation
D = "utrecht-pupil-confidants"  # nl
E = "malmo-anti-racism-plan"  # sv original, en and de translations
F = "gothenburg-extremism-prevention"  # sv

QUERIES = [
    # (UI language, query, the practices it must find)
    ("de", "Schulen", {A, D}),  # D by its labels: "Sicherheit an Schulen", sector "Bildung"
    ("de", "Schule", {A, D}),  # stemmed: German "Schule" finds "Schulen"
    ("sv", "förening", {E}),  # stemmed: Swedish "förening" finds "föreningar"
    ("nl", "inspecteurs", {C}),  # a word of a text: in the index of the text's language
    ("de", "Diversiteitsnetwerk", {C}),  # a Dutch title from the German page
    ("de", "leerlingen", {D, A}),  # A by the Dutch label of its target group "pupils"
    ("nl", "Rassismus", {A, E}),  # German words, one of them in a translation of a Swedish entry
    ("sv", "rasism", {E, A}),  # A by the Swedish words of its theme "anti-racism"
    ("en", "racism", {A, E}),
    ("de", "Polizei", {B, C}),  # C by its sector "Polizei und Justiz"
    ("fr", "police", {C, B}),  # B by its sector "Police et justice"
    ("de", "extremism", {F}),  # a Swedish word from the German page
    ("sv", "ungdomar", {F}),
    ("nl", "Bochum", {A}),  # a place
    ("sv", "Schulnetzwerk", {A}),
    ("fi", "Gand", {C}),  # the French translation's name for Gent
    ("de", "Schulen Bochum", {A}),  # every word must match
    ("de", "Quantenphysik", set()),
]


@pytest.fixture(scope="module")
def site(search_site):  # noqa: F811
    with serve(search_site) as base:
        yield base


@pytest.fixture
def page(chromium):
    context = chromium.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert errors == []


def ready(page) -> None:
    """Wait until the current search has rendered its results and said how many."""
    page.wait_for_function(
        "() => document.getElementById('search-status').textContent"
        " && !document.getElementById('search-results').hasAttribute('aria-busy')"
        " && !document.getElementById('search-facets').hasAttribute('aria-busy')",
        timeout=10_000,
    )


def open_search(page, base: str, address: str) -> None:
    page.goto(base + address)
    ready(page)


def found(page) -> list[str]:
    hrefs = page.eval_on_selector_all("#search-results .card-title a", "a => a.map(x => x.href)")
    return [re.search(r"/practices/([^/]+)/$", h).group(1) for h in hrefs]


def counts(page) -> dict[str, dict[str, int]]:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('fieldset[data-facet]')].map(f =>
             [f.dataset.facet, Object.fromEntries([...f.querySelectorAll('li')].map(li =>
               [li.querySelector('input').value, Number(li.querySelector('.count').textContent)]))]))"""
    )


def nonzero(facet: dict[str, int]) -> dict[str, int]:
    return {value: n for value, n in facet.items() if n}


def tick(page, facet: str, value: str) -> None:
    page.check(f"#f-{facet}-{value}")
    ready(page)


@pytest.mark.parametrize(("ui", "query", "expected"), QUERIES)
def test_query_finds_exactly_these_practices(page, site, ui, query, expected):
    open_search(page, site, f"/{ui}/search/")
    page.fill("#search-q", query)
    page.press("#search-q", "Enter")
    ready(page)
    assert set(found(page)) == expected
    assert len(found(page)) == len(expected)  # each practice once
    status = page.inner_text("#search-status")
    assert re.search(rf"\b{len(expected)}\b", status) if expected else status


def test_browsing_without_a_query_lists_all_with_counts(page, site):
    open_search(page, site, "/de/search/")
    assert found(page) == [F, B, C, D, E, A]  # by title: Åtgärder, Dialogforum, Diversiteits…
    assert page.inner_text("#search-status").startswith("6 ")
    facets = counts(page)
    assert facets["country"] == {"BE": 1, "DE": 2, "NL": 1, "SE": 2}
    assert facets["language"] == {"de": 3, "en": 2, "fr": 1, "nl": 2, "sv": 2}
    assert facets["status"] == {"ongoing": 4, "completed": 1}
    assert facets["evidence"] == {"described": 2, "evaluated": 2, "effective": 1}
    assert facets["sector"] == {
        "education": 2,
        "police-justice": 2,
        "local-government": 1,
        "youth": 1,
    }
    assert facets["theme"]["anti-racism"] == 2


def test_facet_counts_are_disjunctive(page, site):
    open_search(page, site, "/de/search/")
    tick(page, "country", "SE")
    assert sorted(found(page)) == sorted([E, F])
    facets = counts(page)
    assert facets["country"] == {"BE": 1, "DE": 2, "NL": 1, "SE": 2}  # other countries still count
    assert nonzero(facets["theme"]) == {
        "anti-racism": 1,
        "civic-education": 1,
        "extremism-prevention": 1,
    }
    assert nonzero(facets["language"]) == {"sv": 2, "en": 1, "de": 1}

    tick(page, "country", "DE")  # OR within a facet
    assert sorted(found(page)) == sorted([A, B, E, F])
    assert nonzero(counts(page)["theme"]) == {
        "anti-racism": 2, "networks": 1, "integration": 1, "crime-prevention": 1,
        "civic-education": 1, "extremism-prevention": 1,
    }  # fmt: skip

    tick(page, "theme", "anti-racism")  # AND across facets
    assert sorted(found(page)) == sorted([A, E])
    facets = counts(page)
    assert nonzero(facets["country"]) == {"DE": 1, "SE": 1}
    assert nonzero(facets["theme"]) == {
        "anti-racism": 2, "networks": 1, "integration": 1, "crime-prevention": 1,
        "civic-education": 1, "extremism-prevention": 1,
    }  # fmt: skip
    assert nonzero(facets["status"]) == {"ongoing": 2}


def test_facets_narrow_a_query(page, site):
    filter_files: list[str] = []
    page.on("request", lambda r: filter_files.append(r.url) if ".pf_filter" in r.url else None)
    open_search(page, site, "/en/search/?q=racism")
    # the whole catalogue's counts would be wrong for the query; the query's cost a download
    assert filter_files == []
    assert not page.locator("label[for=f-country-DE] .count").is_visible()
    page.hover("#search-facets")  # the reader reaches for the filters: now they load
    ready(page)
    assert filter_files
    assert page.locator("label[for=f-country-DE] .count").is_visible()
    assert nonzero(counts(page)["country"]) == {"DE": 1, "SE": 1}
    tick(page, "language", "sv")
    assert found(page) == [E]
    assert nonzero(counts(page)["language"]) == {"de": 2, "en": 2, "sv": 1}


def test_sort_by_newest_and_title(page, site):
    open_search(page, site, "/sv/search/?sort=newest")
    assert found(page) == [D, C, E, A, B, F]  # by the day each entered the catalogue
    page.select_option("#search-sort", "title")
    ready(page)
    assert found(page) == [B, C, D, E, A, F]  # Swedish order: Å after Z
    assert page.url.endswith("/sv/search/?sort=title")


def test_a_query_sorted_loads_the_orders_once_and_by_relevance_never(page, site):
    orders: list[str] = []
    page.on("request", lambda r: orders.append(r.url) if "/pagefind/sort/" in r.url else None)
    open_search(page, site, "/de/search/?q=Polizei")
    assert sorted(found(page)) == sorted([B, C]) and orders == []
    page.select_option("#search-sort", "newest")
    ready(page)
    assert found(page) == [C, B]  # Ghent entered the catalogue on 15 November, Berlin in October
    page.select_option("#search-sort", "title")
    ready(page)
    assert found(page) == [B, C]  # "Dialogforum …", "Diversiteitsnetwerk …"
    assert page.url.endswith("/de/search/?q=Polizei&sort=title")
    page.fill("#search-q", "")
    page.select_option("#search-sort", "")
    ready(page)
    assert found(page) == [F, B, C, D, E, A]  # browsing: by title
    assert len(orders) == 1 and re.search(r"/pagefind/sort/de_[0-9a-f]{10}\.json$", orders[0])


def test_label_tables_load_only_for_results_that_hold_a_word_only_in_their_labels(page, site):
    tables: list[str] = []
    page.on("request", lambda r: tables.append(r.url) if "/pagefind/labels/" in r.url else None)
    open_search(page, site, "/de/search/?q=Rassismus")  # a search word of "anti-racism" too
    assert sorted(found(page)) == sorted([A, E]) and tables == []  # their texts hold it
    open_search(page, site, "/de/search/?q=leerlingen")
    assert sorted(found(page)) == sorted([D, A])  # A only by the Dutch label of "pupils"
    assert [re.search(r"/labels/(de)_[0-9a-f]{10}\.json$", url)[1] for url in tables] == ["de"] * 2


def test_url_holds_the_state_and_back_restores_it(page, site):
    open_search(page, site, "/de/search/?q=Rassismus&country=SE")
    assert found(page) == [E]
    assert page.input_value("#search-q") == "Rassismus"
    assert page.is_checked("#f-country-SE") and not page.is_checked("#f-country-DE")

    tick(page, "country", "DE")
    assert page.url.endswith("/de/search/?q=Rassismus&country=DE&country=SE")
    assert sorted(found(page)) == sorted([A, E])

    page.fill("#search-q", "Schulen")
    page.press("#search-q", "Enter")
    ready(page)
    assert page.url.endswith("/de/search/?q=Schulen&country=DE&country=SE")
    assert found(page) == [A]

    page.go_back()
    ready(page)
    assert page.input_value("#search-q") == "Rassismus"
    assert sorted(found(page)) == sorted([A, E])
    page.go_back()
    ready(page)
    assert found(page) == [E]
    assert not page.is_checked("#f-country-DE")
    page.go_forward()
    ready(page)
    assert page.is_checked("#f-country-DE")

    page.click("#search-clear")
    ready(page)
    assert page.url.endswith("/de/search/?q=Rassismus")


def test_results_speak_the_ui_language(page, site):
    open_search(page, site, "/nl/search/?q=Rassismus")
    cards = page.query_selector_all("#search-results .card")
    by_slug = {found(page)[i]: card for i, card in enumerate(cards)}
    malmo = by_slug[E]
    link = malmo.query_selector(".card-title a")
    assert link.get_attribute("href") == f"/nl/practices/{E}/"
    assert link.inner_text() == "Malmö's plan against racism"  # no Dutch version: English
    assert malmo.query_selector(".card-title").get_attribute("lang") == "en"
    meta = [field.inner_text() for field in malmo.query_selector_all(".card-meta [data-field]")]
    assert meta[0] == "Zweden"
    assert meta[1] == "Antiracisme, Burgerschapsonderwijs"
    assert meta[2].startswith("Engels")  # and a badge: not in the UI language

    open_search(page, site, "/de/search/?q=Rassismus")
    link = page.query_selector(f"#search-results a[href='/de/practices/{E}/']")
    assert link.inner_text() == "Malmös Plan gegen Rassismus"  # the German translation
    card = page.query_selector(f"#search-results .card:has(a[href='/de/practices/{E}/'])")
    assert card.query_selector(".card-title").get_attribute("lang") is None
    assert card.query_selector("[data-field=country]").inner_text() == "Schweden"


def test_keyboard_only(page, site):
    open_search(page, site, "/en/search/")
    page.focus("#search-q")
    page.keyboard.type("racism")
    page.keyboard.press("Enter")
    ready(page)
    assert sorted(found(page)) == sorted([A, E])
    first = page.locator("fieldset[data-facet] input").first
    first.focus()
    page.keyboard.press("Space")
    ready(page)
    assert first.is_checked()
    assert page.evaluate("document.activeElement.type") == "checkbox"  # focus stays put
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"


def test_no_javascript_shows_the_browse_links(chromium, site):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/de/search/")
    assert page.is_visible("#search-fallback a[href='/de/browse/#themes']")
    assert not page.is_visible("#search-app")
    context.close()


def test_with_javascript_the_browse_links_are_hidden(page, site):
    open_search(page, site, "/de/search/")
    assert not page.is_visible("#search-fallback")
    assert page.get_attribute("#search-status", "role") == "status"


def test_first_search_transfers_little(chromium, site):
    context = chromium.new_context()
    page = context.new_page()
    sizes: list[int] = []
    page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]))
    open_search(page, site, "/de/search/?q=Schulen")
    context.close()
    assert sum(sizes) < 400_000  # page, CSS, JS, Pagefind's JS and WASM, index chunks


CSP = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; worker-src 'self'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


class StrictHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def log_message(self, format, *args):
        pass


def test_search_works_under_a_strict_content_security_policy(page, search_site):  # noqa: F811
    handler = functools.partial(StrictHandler, directory=str(search_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        open_search(page, f"http://127.0.0.1:{server.server_address[1]}", "/de/search/?q=Schulen")
        assert set(found(page)) == {A, D}  # and the page fixture saw no CSP error in the console
    finally:
        server.shutdown()
        server.server_close()


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.mark.parametrize(
    "address",
    ["/de/", f"/de/practices/{A}/", f"/fi/practices/{C}/", "/nl/themes/anti-racism/",
     "/de/search/", "/sv/search/?q=rasism&country=SE"],
)  # fmt: skip
def test_axe_finds_no_violations(page, site, address):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site + address)
    if "/search/" in address:
        ready(page)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()
