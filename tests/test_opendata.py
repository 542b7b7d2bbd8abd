"""Open data and JSON-LD published by every build; feeds and sitemap by a published build.

Feeds and sitemaps need absolute URLs, so only a build with a site URL writes
them: those tests read `owned_site` (site_fixtures.py), published at the
address of a local server.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from praxisbook.catalogue.project import UI_LANGUAGES
from praxisbook.catalogue.read import read
from praxisbook.site.opendata import VERSION_COLUMNS

from .conftest import TINY, soup

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def catalogue_validator(site):
    practice = Resource.from_contents(load(site / "schema" / "practice.schema.json"))
    assert practice.id() == "/schema/practice.schema.json"  # where the catalogue schema looks
    registry = Registry().with_resource(practice.id(), practice)
    return Draft202012Validator(load(site / "schema" / "catalogue.schema.json"), registry=registry)


def test_catalogue_json_conforms_to_its_published_schema(tiny_site):
    validator = catalogue_validator(tiny_site)
    data = load(tiny_site / "catalogue.json")
    assert [e.message for e in validator.iter_errors(data)] == []
    assert [p["slug"] for p in data["practices"]] == ["police-diversity-network", "school-network"]


def test_catalogue_json_round_trips_every_entry(tiny_site):
    data = load(tiny_site / "catalogue.json")
    versions = {(p["slug"], v["language"]): v for p in data["practices"] for v in p["versions"]}
    assert set(versions) == set(TINY)
    content = tiny_site.parent / "content" / "practices"
    for (slug, lang), version in versions.items():
        original = read(content / slug / f"{lang}.md")
        assert version["front_matter"] == original.meta
        assert version["body"] == original.body


def test_invalid_catalogue_data_is_rejected_by_the_schema(tiny_site):
    data = load(tiny_site / "catalogue.json")
    data["practices"][0]["versions"][0]["front_matter"]["country"] = "Belgium"
    assert list(catalogue_validator(tiny_site).iter_errors(data))


def test_catalogue_csv_has_stable_columns_and_one_row_per_version(tiny_site):
    with (tiny_site / "catalogue.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0])[: len(VERSION_COLUMNS)] == VERSION_COLUMNS
    assert VERSION_COLUMNS[:3] == ("slug", "language", "is_original")
    assert list(rows[0])[-1] == "url"
    assert {(r["slug"], r["language"]) for r in rows} == set(TINY)
    german = next(r for r in rows if r["language"] == "de")
    assert german["themes"] == "anti-racism; networks"
    assert german["period_start"] == "2019-06" and german["period_ongoing"] == "true"
    assert german["url"] == "/de/practices/school-network/"


def test_dcat_describes_both_distributions(tiny_site):
    dcat = load(tiny_site / "dcat.jsonld")
    assert dcat["@type"] == "dcat:Catalog"
    urls = [d["dcat:downloadURL"]["@id"] for d in dcat["dcat:dataset"]["dcat:distribution"]]
    assert urls == ["/catalogue.json", "/catalogue.csv", "/catalogue-excel.csv"]


def test_atom_feed_per_ui_language(owned_site):
    for lang in ("en", "fi"):
        feed = ET.parse(owned_site.output / lang / "feed.atom").getroot()
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        titles = sorted(e.find(f"{ATOM}title").text for e in feed.iter(f"{ATOM}entry"))
        assert len(titles) == 2
    english = ET.parse(owned_site.output / "en" / "feed.atom").getroot()
    titles = {e.find(f"{ATOM}title").text for e in english.iter(f"{ATOM}entry")}
    assert "School network against racism" in titles


def test_sitemap_lists_pages_with_their_language_alternates(owned_site):
    base = owned_site.base
    root = ET.parse(owned_site.output / "sitemap.xml").getroot()
    entries = {u.find(f"{SITEMAP}loc").text: u for u in root.iter(f"{SITEMAP}url")}
    page = entries[f"{base}/fi/practices/school-network/"]
    alternates = {a.get("hreflang"): a.get("href") for a in page.iter(f"{XHTML}link")}
    assert alternates == {
        "de": f"{base}/de/practices/school-network/",
        "en": f"{base}/en/practices/school-network/",
    }
    assert f"{base}/de/themes/anti-racism/" in entries
    assert not [loc for loc in entries if "bochum-school-network" in loc]  # redirects are not pages

    for path in ("map/", "compare/", "easy-read/"):  # map, comparison, easy to read: every language
        page = entries[f"{base}/sv/{path}"]
        assert {a.get("hreflang") for a in page.iter(f"{XHTML}link")} == set(UI_LANGUAGES)
    assert not [loc for loc in entries if not loc.endswith("/")]  # no facts.js, no select.js


def test_entry_pages_carry_schema_org_json_ld(tiny_site):
    page = soup(tiny_site / "en" / "practices" / "school-network" / "index.html")
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "CreativeWork"
    assert data["name"] == "School network against racism"
    assert data["inLanguage"] == "en"
    assert data["creator"] == {"@type": "Organization", "name": "City of Bochum"}  # localised
    assert data["keywords"] == ["Anti-racism", "Networks and cooperation"]  # labels, in English
    assert data["translationOfWork"]["inLanguage"] == "de"


def test_large_sitemaps_are_split_under_an_index(tiny_site, monkeypatch):
    from praxisbook.catalogue.project import Project
    from praxisbook.pipeline import prepare
    from praxisbook.site import feeds
    from praxisbook.site.links import SiteLinks
    from praxisbook.site.pages import site_pages

    pages = site_pages(prepare(Project(tiny_site.parent)))
    links = SiteLinks("https://example.org", "2026-11-22")
    whole = feeds.sitemaps(pages, links)
    count = len(list(ET.fromstring(whole["sitemap.xml"]).iter(f"{SITEMAP}url")))
    monkeypatch.setattr(feeds, "SITEMAP_LIMIT", 40)
    split = feeds.sitemaps(pages, links)
    index = ET.fromstring(split["sitemap.xml"])
    assert index.tag == f"{SITEMAP}sitemapindex"
    locs = [e.text for e in index.iter(f"{SITEMAP}loc")]
    assert locs == [f"https://example.org/sitemap-{n}.xml" for n in range(1, len(split))]
    parts = [ET.fromstring(split[f"sitemap-{n}.xml"]) for n in range(1, len(split))]
    assert all(len(list(p.iter(f"{SITEMAP}url"))) <= 40 for p in parts)
    assert sum(len(list(p.iter(f"{SITEMAP}url"))) for p in parts) == count
