"""The offline bundle, unzipped and opened from file:// as users open it.

Two bundles of a small catalogue: everything, and a selection (one sector, two
UI languages, its own title). Every link in them must lead to a file; search
with a facet, browsing and sorting must work in headless Chromium
(Playwright) and Firefox ESR (puppeteer-core, with the strict file-origin
policy users have), request nothing but local files (and blob:/data:), and
load index chunks only as a query needs them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from praxisbook.catalogue.project import Project
from praxisbook.cli import main
from praxisbook.pipeline import prepare
from praxisbook.products import offline
from praxisbook.products.offline import export_offline, public_url
from praxisbook.products.select import Selection
from praxisbook.site import search

from .browsers import FIREFOX, require_browser, unavailable
from .conftest import ROOT, soup
from .export_fixtures import POLICE, unzip

LOCAL_SCHEMES = {"file", "blob", "data"}
FIREFOX_DRIVER = Path(__file__).parent / "firefox"
RESULT_SLUG = re.compile(r"practices/([a-z0-9-]+)/index\.html$")


# ---------------------------------------------------------------- files and links


def test_zip_is_deterministic_with_sorted_entries_under_one_folder(export_project, tmp_path):
    _, site = export_project
    first = export_offline(site, POLICE, tmp_path / "a" / "police.zip")
    second = export_offline(site, POLICE, tmp_path / "b" / "police.zip")
    assert first.path.read_bytes() == second.path.read_bytes()
    with zipfile.ZipFile(first.path) as archive:
        names = archive.namelist()
        stamps = {info.date_time for info in archive.infolist()}
    assert names == sorted(names)
    assert all(name.startswith("police/") for name in names)
    assert {"police/index.html", "police/README.txt"} <= set(names)
    assert stamps == {(2025, 11, 22, 0, 0, 0)}


def test_the_tar_xz_holds_the_zips_files_and_is_deterministic(export_project, tmp_path):
    _, site = export_project
    zipped = export_offline(site, POLICE, tmp_path / "z" / "police.zip")
    first = export_offline(site, POLICE, tmp_path / "a" / "police.tar.xz")
    second = export_offline(site, POLICE, tmp_path / "b" / "police.tar.xz")
    assert first.path.read_bytes() == second.path.read_bytes()
    with zipfile.ZipFile(zipped.path) as archive:
        from_zip = {name: archive.read(name) for name in archive.namelist()}
    with tarfile.open(first.path, "r:xz") as archive:
        members = archive.getmembers()
        from_tar = {m.name: archive.extractfile(m).read() for m in members}
    assert from_tar == from_zip  # the same files under the same folder, byte for byte
    assert {(m.mode, m.uid, m.gid, m.uname, m.mtime) for m in members} == {
        (0o644, 0, 0, "", 1763769600)
    }
    pages = [m.name for m in members if "/practices/" in m.name]
    slugs = [name.split("/")[3] for name in pages]
    assert slugs == sorted(slugs)  # a practice's pages in every language side by side
    assert first.size < zipped.size


def test_a_bundle_is_a_zip_or_a_tar_xz(export_project, tmp_path, capsys):
    project, _ = export_project
    target = tmp_path / "bundle.tar.gz"
    assert main(["--project", str(project.root), "export", "offline", "-o", str(target)]) == 2
    assert "name the file .zip or .tar.xz" in capsys.readouterr().err
    assert not target.exists()


def links(page: Path) -> list[str]:
    """Every address the page links to or loads (a, link, script, img, form, refresh)."""
    html = soup(page)
    found = [
        tag.get(attr) for attr in ("href", "src", "action") for tag in html.find_all(**{attr: True})
    ]
    refresh = html.find("meta", attrs={"http-equiv": "refresh"})
    if refresh:
        found.append(refresh["content"].split("url=", 1)[1])
    return found


def broken_links(folder: Path) -> list[str]:
    broken = []
    for page in sorted(folder.rglob("*.html")):
        for href in links(page):
            parts = urlsplit(href)
            if parts.scheme in ("http", "https", "mailto", "tel", "data") or href[:1] in ("", "#"):
                continue  # elsewhere, or this very page (a search result <template> has href="")
            target = (page.parent / unquote(parts.path)).resolve()
            if parts.scheme or href.startswith("/") or not target.is_file():
                broken.append(f"{page.relative_to(folder)}: {href}")
    return broken


@pytest.mark.parametrize("name", ["full", "police"])
def test_every_link_in_the_bundle_leads_to_a_file(bundles, name):
    pages = list(bundles[name].rglob("*.html"))
    assert len(pages) > 20
    assert broken_links(bundles[name]) == []


def test_full_bundle_has_every_language_and_practice(bundles):
    folder = bundles["full"]
    for lang in ("en", "de", "nl", "fr", "sv", "fi"):
        for slug in ("school-network", "police-diversity-network", "police-racism-training"):
            assert (folder / lang / "practices" / slug / "index.html").is_file()
    assert not (folder / "_search").exists()  # search records are indexed, then removed
    index = [p for p in (folder / "pagefind").rglob("*") if p.is_file()]
    assert index and all(p.suffix == ".js" for p in index)  # only the script versions ship


FRAGMENT_LINE = re.compile(r'^PraxisbookOffline\.putText\(("[^"]+"),(".*")\);$')


def test_fragments_travel_a_few_to_a_script_the_loader_can_name(synthetic_bundle):
    """Each fragment is registered once, unpacked, in the script `fragment_group` names,
    which offline-search.js's `scriptOf` must name the same way (the same digits)."""
    folder = synthetic_bundle / "pagefind"
    where = {}
    for script in sorted((folder / "fragment").iterdir()):
        for line in script.read_text(encoding="utf-8").splitlines():
            name, text = map(json.loads, FRAGMENT_LINE.match(line).groups())
            assert name not in where and text.startswith("pagefind_dcd{")
            where[name] = script.relative_to(folder).as_posix()
    assert len(where) > len(set(where.values())) > 1  # some scripts hold several
    assert all(f"{offline.fragment_group(name)}.js" == script for name, script in where.items())
    loader = (ROOT / "theme" / "static" / "js" / "offline-search.js").read_text(encoding="utf-8")
    assert f"var GROUP_DIGITS = {offline.GROUP_DIGITS};" in loader


def test_selected_bundle_holds_the_selection_under_its_own_title(bundles):
    folder = bundles["police"]
    assert sorted(p.name for p in folder.iterdir() if p.is_dir()) == [
        "de",
        "en",
        "pagefind",
        "suggest",
        "theme",
    ]
    assert sorted(p.name for p in (folder / "de" / "practices").iterdir()) == [
        "bruno-attitudes",  # a former slug: a redirect to police-diversity-network
        "police-diversity-network",
        "police-racism-training",
    ]
    home = soup(folder / "de" / "index.html")
    assert home.select_one(".brand-name").get_text() == "Polizei und Justiz"
    assert home.title.get_text().endswith("– Polizei und Justiz")
    assert [a["lang"] for a in home.select(".lang-switch a")] == ["de", "en"]
    chooser = soup(folder / "index.html")
    assert [a["data-lang"] for a in chooser.select("a[data-lang]")] == ["de", "en"]


def test_bundle_states_its_date_and_selection(bundles):
    note = soup(bundles["police"] / "de" / "index.html").select_one(".offline-note")
    assert "22. November 2025" in note.get_text()
    readme = (bundles["police"] / "README.txt").read_text(encoding="utf-8")
    assert readme.startswith("Polizei und Justiz\n")
    assert "made on 2025-11-22" in readme
    assert "Selected by: sector=police-justice." in readme


def test_offline_pages_have_no_canonical_links_without_a_site_address(bundles):
    page = soup(bundles["full"] / "fi" / "practices" / "police-diversity-network" / "index.html")
    assert page.find("link", rel="canonical") is None
    assert page.find("link", rel="alternate", hreflang=True) is None


def test_source_address_never_carries_credentials():
    assert public_url("https://bot:s3cret@github.com/org/praxisbook.git") == (
        "https://github.com/org/praxisbook"
    )
    assert public_url("git@github.com:org/praxisbook.git") == "https://github.com/org/praxisbook"
    assert public_url("/home/someone/praxisbook") == ""


# ---------------------------------------------------------------- Chromium


def result_slugs(hrefs: list[str]) -> set[str]:
    return {RESULT_SLUG.search(href)[1] for href in hrefs}


def settled() -> str:
    """JS: the search page has shown the results of its latest search."""
    return (
        "document.getElementById('search-status').textContent !== '' && "
        "!document.getElementById('search-results').hasAttribute('aria-busy') && "
        "!document.getElementById('search-facets').hasAttribute('aria-busy')"
    )


@pytest.fixture
def tab(chromium):
    context = chromium.new_context()
    page = context.new_page()
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def shown(page) -> list[str]:
    return page.eval_on_selector_all(
        "#search-results a", "as => as.map(a => a.getAttribute('href'))"
    )


def search_page(folder: Path, ui: str, query: str = "") -> str:
    url = (folder / ui / "search" / "index.html").as_uri()
    return f"{url}?q={query}" if query else url


@pytest.mark.browser
def test_search_and_facet_work_from_disk_in_chromium(tab, bundles):
    tab.goto(search_page(bundles["full"], "en", "racism"))
    tab.wait_for_function(settled())
    assert result_slugs(shown(tab)) == {"school-network", "police-racism-training"}
    tab.check("#f-sector-police-justice")
    tab.wait_for_function(f"location.search.includes('sector=') && {settled()}")
    assert result_slugs(shown(tab)) == {"police-racism-training"}
    tab.click("#search-results a")
    tab.wait_for_load_state()
    assert tab.locator("h1").inner_text() == "Anti-racism training for police officers"
    assert {urlsplit(url).scheme for url in tab.requested} <= LOCAL_SCHEMES
    assert not [n for n in pagefind_scripts(tab.requested) if re.search(r"\b(de|nl|fr|sv|fi)_", n)]
    assert tab.errors == []


def pagefind_scripts(requested: list[str]) -> list[str]:
    return [url.split("/pagefind/", 1)[1] for url in requested if "/pagefind/" in url]


@pytest.fixture(scope="session")
def synthetic_project(tmp_path_factory) -> Project:
    """200 generated practices: enough for Pagefind to split its index."""
    out = tmp_path_factory.mktemp("synthetic")
    generator = [sys.executable, str(ROOT / "bench" / "generate.py"), "--n", "200"]
    subprocess.run([*generator, "--out", str(out / "project")], check=True, capture_output=True)
    return Project(out / "project")


@pytest.fixture(scope="session")
def synthetic_bundle(synthetic_project) -> Path:
    """The German bundle of the 200 generated practices."""
    target = synthetic_project.root.parent / "de.zip"
    made = export_offline(prepare(synthetic_project), Selection(languages=("de",)), target)
    return unzip(made.path)


@pytest.fixture(scope="session")
def synthetic_orders(synthetic_project) -> dict[str, list[str]]:
    """Per sort, the German slugs in the order the search records carry (search.sort_ranks)."""
    ranks = search.sort_ranks(prepare(synthetic_project), "de")
    return {name: sorted(ranks, key=lambda slug: ranks[slug][name]) for name in search.SORTS}


def a_title_word(folder: Path) -> str:
    """The longest word of some practice's title, as it stands on the page."""
    pages = sorted((folder / "de" / "practices").glob("*/index.html"))
    title = next(page.h1 for page in map(soup, pages) if page.h1).get_text()  # not a redirect
    return max(re.findall(r"\w+", title), key=len)


@pytest.mark.browser
def test_search_loads_only_the_index_chunks_a_query_needs(tab, synthetic_bundle):
    shipped = {kind: len(list((synthetic_bundle / "pagefind" / kind).iterdir()))
               for kind in ("index", "fragment")}  # fmt: skip
    assert shipped["index"] >= 4  # else there is nothing to leave out
    tab.goto(search_page(synthetic_bundle, "de"))
    tab.wait_for_function(settled())
    word = a_title_word(synthetic_bundle)
    tab.fill("#search-q", word)
    tab.press("#search-q", "Enter")
    tab.wait_for_function(f"location.search.includes('q=') && {settled()}")
    assert shown(tab)
    loaded = set(pagefind_scripts(tab.requested))
    index = [name for name in loaded if name.startswith("index/")]
    fragments = [name for name in loaded if name.startswith("fragment/")]
    assert 1 <= len(index) <= shipped["index"] // 2
    assert len(fragments) <= 20  # two pages of 10 results: the listing, then the query's
    assert {urlsplit(url).scheme for url in tab.requested} <= LOCAL_SCHEMES


@pytest.mark.browser
def test_results_come_ten_at_a_time_and_more_moves_the_focus(tab, synthetic_bundle):
    """Ten cards, each of which costs a fragment (its script holds a few others, about eight
    at 2,000 practices); "Show more results" adds the next ten."""
    tab.goto(search_page(synthetic_bundle, "de"))
    tab.wait_for_function(settled())
    assert tab.locator("#search-results > li").count() == 10
    first = fragments_of(tab.requested)
    assert 1 <= len(first) <= 10
    tab.click("#search-more")
    tab.wait_for_function("document.querySelectorAll('#search-results > li').length === 20")
    eleventh = tab.locator("#search-results > li").nth(10).locator(".card-title a")
    assert eleventh.evaluate("a => a === document.activeElement")
    assert first < fragments_of(tab.requested) and len(fragments_of(tab.requested)) <= 20
    scripts = len(list((synthetic_bundle / "pagefind" / "fragment").iterdir()))
    assert len(fragments_of(tab.requested)) < scripts  # the rest were left on disk
    assert tab.is_visible("#search-more")  # 200 practices: more to come
    assert tab.errors == []


def fragments_of(requested: list[str]) -> set[str]:
    return {name for name in pagefind_scripts(requested) if name.startswith("fragment/")}


def in_order(hrefs: list[str]) -> list[str]:
    return [RESULT_SLUG.search(href)[1] for href in hrefs]


@pytest.mark.browser
def test_browsing_and_sorting_work_from_disk_in_chromium(tab, synthetic_bundle, synthetic_orders):
    """The sort orders are a file of the index of their own, fetched through the same shim."""
    tab.goto(search_page(synthetic_bundle, "de"))
    tab.wait_for_function(settled())
    assert in_order(shown(tab)) == synthetic_orders["title"][:10]
    tab.select_option("#search-sort", "newest")
    tab.wait_for_function(f"location.search.includes('sort=newest') && {settled()}")
    assert in_order(shown(tab)) == synthetic_orders["newest"][:10]
    orders = [name for name in pagefind_scripts(tab.requested) if name.startswith("sort/")]
    assert len(orders) == 1  # once a page
    assert {urlsplit(url).scheme for url in tab.requested} <= LOCAL_SCHEMES
    assert tab.errors == []


@pytest.mark.browser
def test_language_switcher_works_from_disk(tab, bundles):
    tab.goto((bundles["full"] / "en" / "practices" / "school-network" / "index.html").as_uri())
    tab.click(".lang-switch a[lang=de]")
    tab.wait_for_load_state()
    assert tab.url.endswith("/de/practices/school-network/index.html")
    assert tab.locator("h1").inner_text() == "Schulnetzwerk gegen Rassismus"


@pytest.mark.browser
def test_selected_bundle_searches_its_own_practices_in_chromium(tab, bundles):
    tab.goto(search_page(bundles["police"], "de", "politiepersoneel"))
    tab.wait_for_function(settled())
    # the Dutch word from its text, and the Dutch label of the other's target group
    assert result_slugs(shown(tab)) == {"police-diversity-network", "police-racism-training"}
    assert {urlsplit(url).scheme for url in tab.requested} <= LOCAL_SCHEMES


# ---------------------------------------------------------------- Firefox


@pytest.fixture(scope="session")
def firefox():
    """Runs a job in Firefox ESR through tests/firefox/run.mjs; returns its report."""
    require_browser(FIREFOX)
    if (
        not shutil.which("node")
        or not (FIREFOX_DRIVER / "node_modules" / "puppeteer-core").is_dir()
    ):
        unavailable("node or tests/firefox/node_modules is missing (make test runs npm ci)")

    def run(job: dict) -> dict:
        command = ["node", str(FIREFOX_DRIVER / "run.mjs"), json.dumps(job)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    return run


def choose_sort(name: str) -> str:
    """JS: the reader picks a sort order (Firefox's driver has no select step)."""
    return (
        "(() => { const s = document.getElementById('search-sort');"
        f" s.value = '{name}'; s.dispatchEvent(new Event('change', {{bubbles: true}}));"
        " return s.value; })()"
    )


def hrefs_js() -> str:
    return "Array.from(document.querySelectorAll('#search-results a')).map(a => a.getAttribute('href'))"


@pytest.mark.browser
def test_search_and_facet_work_from_disk_in_firefox(firefox, bundles):
    report = firefox({
        "url": search_page(bundles["full"], "en", "racism"),
        "steps": [
            {"wait": settled()},
            {"eval": hrefs_js()},
            {"eval": "fetch('../index.html').then(() => 'allowed', () => 'refused')"},
            {"click": "#f-sector-police-justice"},
            {"wait": f"location.search.includes('sector=') && {settled()}"},
            {"eval": hrefs_js()},
        ],
    })  # fmt: skip
    probe = "/en/index.html"  # the fetch() above is refused with a logged error, as it should be
    assert [error for error in report["errors"] if probe not in error] == []
    first, fetch, filtered = report["values"]
    assert result_slugs(first) == {"school-network", "police-racism-training"}
    assert fetch == "refused"  # the user's file-origin policy is in force
    assert result_slugs(filtered) == {"police-racism-training"}
    # Firefox's driver reports every request but file: ones; so none may be left.
    assert {urlsplit(url).scheme for url in report["requests"]} <= LOCAL_SCHEMES


@pytest.mark.browser
def test_selected_bundle_searches_and_switches_language_in_firefox(firefox, bundles):
    report = firefox({
        "url": search_page(bundles["police"], "de", "politiepersoneel"),
        "steps": [
            {"wait": settled()},
            {"eval": hrefs_js()},
            {"click": ".lang-switch a[lang=en]"},
            {"wait": "document.readyState === 'complete' && document.documentElement.lang === 'en'"},
            {"eval": "location.pathname"},
        ],
    })  # fmt: skip
    assert report["errors"] == []
    found, path = report["values"]
    assert result_slugs(found) == {"police-diversity-network", "police-racism-training"}
    assert path.endswith("/en/search/index.html")
    assert {urlsplit(url).scheme for url in report["requests"]} <= LOCAL_SCHEMES


@pytest.mark.browser
def test_sorting_works_from_disk_in_firefox(firefox, synthetic_bundle, synthetic_orders):
    report = firefox({
        "url": search_page(synthetic_bundle, "de") + "?sort=newest",
        "steps": [
            {"wait": settled()},
            {"eval": hrefs_js()},
            {"eval": choose_sort("title")},
            {"wait": f"location.search.includes('sort=title') && {settled()}"},
            {"eval": hrefs_js()},
        ],
    })  # fmt: skip
    assert report["errors"] == []
    newest, _, by_title = report["values"]
    assert in_order(newest) == synthetic_orders["newest"][:10]
    assert in_order(by_title) == synthetic_orders["title"][:10]
    assert {urlsplit(url).scheme for url in report["requests"]} <= LOCAL_SCHEMES


# ---------------------------------------------------------------- ranking and suggestions offline


# The offline shim loads each index file as a script tag: those of the label tables.
LABEL_SCRIPTS = "document.querySelectorAll('script[src*=\"/pagefind/labels/\"]').length"
SUGGESTED = "(document.getElementById('search-suggest').hidden ? '' : document.getElementById('search-suggest').textContent)"


@pytest.mark.browser
def test_labels_and_did_you_mean_work_from_disk_in_chromium(tab, bundles):
    tab.goto(search_page(bundles["full"], "de", "Rassimus"))
    tab.wait_for_function(settled())
    assert shown(tab) == []
    assert "rassismus" in tab.evaluate(SUGGESTED).lower()
    tab.goto(search_page(bundles["full"], "fi", "Polizeibeschäftigte"))  # a label, in German
    tab.wait_for_function(settled())
    assert result_slugs(shown(tab)) == {"police-diversity-network", "police-racism-training"}
    assert [n for n in pagefind_scripts(tab.requested) if n.startswith("labels/fi_")]  # tables
    assert tab.errors == []
    assert {urlsplit(url).scheme for url in tab.requested} <= LOCAL_SCHEMES


@pytest.mark.browser
def test_labels_and_did_you_mean_work_from_disk_in_firefox(firefox, bundles):
    report = firefox({
        "url": search_page(bundles["full"], "nl", "racsim"),
        "steps": [{"wait": settled()}, {"eval": hrefs_js()}, {"eval": SUGGESTED}],
    })  # fmt: skip
    assert report["errors"] == []
    found, suggested = report["values"]
    assert found == [] and "racism" in suggested.lower()
    assert {urlsplit(url).scheme for url in report["requests"]} <= LOCAL_SCHEMES
    report = firefox({
        "url": search_page(bundles["full"], "fi", "Polizeibeschäftigte"),  # a label, in German
        "steps": [{"wait": settled()}, {"eval": hrefs_js()}, {"eval": LABEL_SCRIPTS}],
    })  # fmt: skip
    assert report["errors"] == []
    assert result_slugs(report["values"][0]) == {
        "police-diversity-network",
        "police-racism-training",
    }
    assert report["values"][1] > 0  # Firefox reports no file:// requests: the shim's tags
