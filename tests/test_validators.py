"""Validators nobody here wrote: the Nu Html Checker, DCAT-AP's SHACL shapes, feedparser, sitemaps.

Each heavy check runs once per session, on the published seed site and the
owned test site (site_fixtures.py). Without Java and vnu.jar (`make test`
installs them) or without the DCAT-AP shapes (../shared/validators/, or
PRAXISBOOK_DCAT_SHAPES), those checks are skipped with a loud reason, and fail
instead when PRAXISBOOK_REQUIRE_VALIDATORS or PRAXISBOOK_REQUIRE_BROWSERS is
set, as `.ci/run` does.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from rdflib import Graph

from praxisbook.catalogue.project import UI_LANGUAGES

from .conftest import ROOT

VNU = ROOT / "tests" / "validators" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SHAPES = Path(
    os.environ.get("PRAXISBOOK_DCAT_SHAPES")
    or ROOT.parent / "shared" / "validators" / "dcat-ap-3.0.0-SHACL.ttl"
)
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
ATOM_NS = "http://www.w3.org/2005/Atom"
MAX_URLS, MAX_BYTES = 50_000, 50 * 1024 * 1024  # per sitemap file (sitemaps.org protocol)
# rdflib 7.6's own JSON-LD parser uses its deprecated ConjunctiveGraph: not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


def unavailable(reason: str) -> None:
    """Skip loudly; in CI (a REQUIRE variable set) a missing validator is a failure."""
    message = f"VALIDATOR SKIPPED: {reason}"
    if os.environ.get("PRAXISBOOK_REQUIRE_VALIDATORS") or os.environ.get(
        "PRAXISBOOK_REQUIRE_BROWSERS"
    ):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def vnu_messages(seed_site, owned_site) -> list[dict]:
    """The Nu Html Checker's errors over every HTML file of both sites, in one run."""
    if not shutil.which("java") or not VNU.is_file():
        unavailable("java or vnu.jar is missing (apt-get install default-jre-headless; make test)")
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
         str(seed_site.output), str(owned_site.output)],
        capture_output=True, text=True, timeout=600, check=False,  # its report says what failed
    )  # fmt: skip
    report = run.stderr or run.stdout  # the JSON report; Java may print a line before it
    return json.loads(report[report.index('{"') :])["messages"]


def test_nu_html_checker_finds_no_error_on_any_page(vnu_messages, seed_site, owned_site):
    pages = [*seed_site.output.rglob("*.html"), *owned_site.output.rglob("*.html")]
    assert len(pages) > 300  # both whole sites were checked, not an empty folder
    errors = [f"{m.get('url', '')}: {m.get('message')}" for m in vnu_messages]
    assert errors == []


@pytest.fixture(scope="session")
def shapes() -> Graph:
    if not SHAPES.is_file():
        unavailable(f"DCAT-AP 3.0.0 SHACL shapes not found at {SHAPES} (PRAXISBOOK_DCAT_SHAPES)")
    return Graph().parse(SHAPES, format="turtle")


def shacl_violations(path: Path, shapes: Graph) -> list[str]:
    from pyshacl import validate

    data = Graph().parse(path, format="json-ld")  # inline @context: nothing is fetched
    conforms, _graph, text = validate(data, shacl_graph=shapes, inference="none")
    return [] if conforms else [line for line in text.splitlines() if "Message:" in line]


@pytest.mark.parametrize("which", ["seed_site", "owned_site"])
def test_dcat_passes_the_dcat_ap_shapes(which, shapes, request):
    site = request.getfixturevalue(which)
    assert shacl_violations(site.output / "dcat.jsonld", shapes) == []


def test_dcat_names_publisher_contact_keywords_themes_places_and_dates(owned_site):
    data = json.loads((owned_site.output / "dcat.jsonld").read_text(encoding="utf-8"))
    assert isinstance(data["@context"], dict)  # inline: readable offline
    dataset = data["dcat:dataset"]
    assert data["dct:publisher"]["foaf:name"] == "Example Municipality"
    assert dataset["dcat:contactPoint"]["vcard:hasEmail"] == {
        "@id": "mailto:accessibility@example.org"
    }
    words = {(k["@value"], k["@language"]) for k in dataset["dcat:keyword"]}
    assert ("Anti-racism", "en") in words and ("Antirassismus", "de") in words
    themes = {t["@id"].rsplit("/", 1)[1] for t in dataset["dcat:theme"]}
    assert {"SOCI", "EDUC"} <= themes
    places = [p["@id"] for p in dataset["dct:spatial"]]
    assert places == [f"http://publications.europa.eu/resource/authority/country/{c}"
                      for c in ("BEL", "DEU")]  # fmt: skip
    assert dataset["dct:issued"] == {"@value": "2026-11-22", "@type": "xsd:date"}
    sizes = {d["dcat:downloadURL"]["@id"]: int(d["dcat:byteSize"]["@value"])
             for d in dataset["dcat:distribution"]}  # fmt: skip
    for url, size in sizes.items():
        assert url.startswith(owned_site.base)
        assert (owned_site.output / url.removeprefix(owned_site.base + "/")).stat().st_size == size


def sitemap_files(site) -> list[Path]:
    """sitemap.xml and, when it is an index, every part it names."""
    top = site.output / "sitemap.xml"
    root = ET.parse(top).getroot()
    if root.tag != f"{{{SITEMAP_NS}}}sitemapindex":
        return [top]
    locs = [e.text for e in root.iter(f"{{{SITEMAP_NS}}}loc")]
    assert all(loc.startswith(f"{site.base}/") for loc in locs)
    return [top, *(site.output / loc.removeprefix(f"{site.base}/") for loc in locs)]


def test_sitemap_follows_the_protocol(seed_site):
    for path in sitemap_files(seed_site):
        root = ET.parse(path).getroot()
        assert root.tag in (f"{{{SITEMAP_NS}}}urlset", f"{{{SITEMAP_NS}}}sitemapindex")
        assert path.stat().st_size <= MAX_BYTES
        urls = [e.text for e in root.iter(f"{{{SITEMAP_NS}}}loc")]
        assert 0 < len(urls) <= MAX_URLS
        hrefs = [link.get("href") for link in root.iter("{http://www.w3.org/1999/xhtml}link")]
        for url in urls + hrefs:
            parts = urlsplit(url)
            assert parts.scheme in ("http", "https") and parts.netloc, url
            assert url.startswith(f"{seed_site.base}/"), url
        for url in urls:  # every listed page exists
            target = seed_site.output / url.removeprefix(f"{seed_site.base}/")
            assert (target / "index.html" if url.endswith("/") else target).is_file(), url


def test_robots_txt_points_to_the_sitemap(seed_site):
    robots = (seed_site.output / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {seed_site.base}/sitemap.xml" in robots.splitlines()


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_atom_feed_parses_cleanly_with_absolute_ids(seed_site, lang):
    data = (seed_site.output / lang / "feed.atom").read_bytes()
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10" and len(parsed.entries) == 8
    raw = ET.fromstring(data)  # feedparser resolves relative ids, so read them as written
    ids = [e.text for e in raw.iter(f"{{{ATOM_NS}}}id")]
    links = [e.get("href") for e in raw.iter(f"{{{ATOM_NS}}}link")]
    assert len(ids) == 9  # the feed's and one per entry
    for url in ids + links:
        assert urlsplit(url).scheme in ("http", "https") and url.startswith(seed_site.base), url


def test_catalogue_json_links_are_absolute_when_published(seed_site):
    data = json.loads((seed_site.output / "catalogue.json").read_text(encoding="utf-8"))
    links = [data["$schema"], *(u for p in data["practices"] for u in p["urls"].values())]
    assert all(link.startswith(f"{seed_site.base}/") for link in links)
    schema = json.loads((seed_site.output / "schema/catalogue.schema.json").read_text("utf-8"))
    assert schema["$id"] == f"{seed_site.base}/schema/catalogue.schema.json"


def test_without_a_site_url_there_is_no_feed_no_sitemap_and_no_link_to_them(tiny_site):
    for name in ("sitemap.xml", "robots.txt", *(f"{lang}/feed.atom" for lang in UI_LANGUAGES)):
        assert not (tiny_site / name).exists(), name
    for page in tiny_site.rglob("*.html"):
        assert "application/atom+xml" not in page.read_text(encoding="utf-8"), page
