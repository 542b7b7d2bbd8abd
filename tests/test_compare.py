"""The comparison page and its facts scripts, as built (the browser tests drive them).

The rows of the comparison are the fact box's: the same names, labels and order, all
from the schema's `x-fact-box`. One test builds with that list reordered in a copy of
the schema, so a comparison that listed its rows itself would fail it.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from praxisbook.catalogue.project import UI_LANGUAGES
from praxisbook.catalogue.schema import load_schema
from praxisbook.pipeline import build
from praxisbook.site.compare import unpacked

from .conftest import ROOT, TINY, make_project, soup

# Rows the practice page adds after the schema's: not facts of the practice record.
PAGE_ONLY_ROWS = 2  # "Languages" and "Last reviewed"
CONTACT = """\
contact:
  organisation: Kommunales Integrationszentrum
  email: ki@bochum.example
"""
ENTRIES = {**TINY, ("school-network", "de"): (TINY["school-network", "de"][0] + CONTACT,
                                              TINY["school-network", "de"][1])}  # fmt: skip


def built(root: Path, entries: dict = ENTRIES) -> Path:
    project = make_project(root, entries)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1763769600")
    build(project)
    return project.output


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return built(tmp_path_factory.mktemp("compare") / "site")


def facts(site: Path, ui: str) -> dict:
    return unpacked((site / ui / "compare" / "facts.js").read_text(encoding="utf-8"))


def fact_box_labels(site: Path, ui: str, slug: str) -> list[str]:
    page = soup(site / ui / "practices" / slug / "index.html")
    labels = [dt.get_text(strip=True) for dt in page.select("aside.facts dl > div > dt")]
    return labels[:-PAGE_ONLY_ROWS]


def compared_labels(data: dict, slug: str) -> list[str]:
    """The labels of the rows the comparison shows for one practice (its non-empty ones)."""
    practice = next(p for p in data["practices"] if p[0] == slug)
    return [label for label, value in zip(data["labels"], practice[3], strict=True) if value]


def test_rows_are_the_schemas_fact_box_in_its_order(site):
    schema = load_schema(ROOT / "schema")
    for ui in UI_LANGUAGES:
        assert facts(site, ui)["rows"] == schema.fact_box


@pytest.mark.parametrize("ui", UI_LANGUAGES)
def test_each_practice_has_the_rows_of_its_fact_box_in_the_same_order(site, ui):
    data = facts(site, ui)
    for slug in ("school-network", "police-diversity-network"):
        assert compared_labels(data, slug) == fact_box_labels(site, ui, slug)


def test_values_read_as_in_the_fact_box(site):
    data = facts(site, "de")
    practice = next(p for p in data["practices"] if p[0] == "school-network")
    shown = dict(zip(data["rows"], (data["values"][n] for n in practice[3]), strict=True))
    assert shown["period"] == "Juni 2019 – laufend"
    assert shown["country"] == "Deutschland"
    assert "mailto:ki@bochum.example" in shown["contact"]
    assert shown["evidence"] == ""  # not stated: the comparison says so in words


def test_the_comparison_follows_a_reordered_fact_box(tmp_path):
    root = tmp_path / "site"
    project = make_project(root, ENTRIES)
    (root / "schema").unlink()
    shutil.copytree(ROOT / "schema", root / "schema")
    path = root / "schema" / "practice.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    reordered = schema["$defs"]["original"]["x-fact-box"][::-1]
    schema["$defs"]["original"]["x-fact-box"] = reordered
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=1), encoding="utf-8")
    build(project)
    data = facts(project.output, "en")
    assert data["rows"] == reordered
    assert compared_labels(data, "school-network") == fact_box_labels(
        project.output, "en", "school-network"
    )


def test_each_distinct_value_is_written_once(site):
    data = facts(site, "fr")
    assert len(data["values"]) == len(set(data["values"])) and data["values"][0] == ""
    assert [p[0] for p in data["practices"]] == [  # by title in French
        "police-diversity-network", "school-network",
    ]  # fmt: skip


@pytest.mark.parametrize("ui", UI_LANGUAGES)
def test_the_facts_are_a_classic_script_loaded_by_the_page(site, ui):
    script = (site / ui / "compare" / "facts.js").read_text(encoding="utf-8")
    assert script.startswith('PraxisbookCompare.facts("') and script.endswith('");\n')
    page = soup(site / ui / "compare" / "index.html")
    sources = [s["src"] for s in page.find_all("script")]
    assert sources[-2:] == ["/theme/js/compare.js", f"/{ui}/compare/facts.js"]
    assert all(not s.string and s.get("type") is None for s in page.find_all("script"))
    code = (site / "theme" / "js" / "compare.js").read_text(encoding="utf-8").splitlines()
    requests = [line for line in code if "fetch(" in line or "XMLHttpRequest" in line]
    assert [line for line in requests if not line.strip().startswith("//")] == []


@pytest.mark.parametrize("ui", UI_LANGUAGES)
def test_without_javascript_the_page_says_what_it_does_and_where_the_facts_are(site, ui):
    page = soup(site / ui / "compare" / "index.html")
    fallback = page.select_one("#compare-fallback")
    assert not fallback.has_attr("hidden") and page.select_one("#compare-app").has_attr("hidden")
    assert page.select_one("main .lead").get_text(strip=True)
    links = [a["href"] for a in fallback.select("a")]
    assert links == [f"/{ui}/", f"/{ui}/browse/", f"/{ui}/map/"]


def test_compare_buttons_get_their_words_in_the_page_language(site):
    script = (site / "de" / "compare" / "select.js").read_text(encoding="utf-8")
    words, code = script.split("\n};\n")  # the words, then the buttons' code
    assert '"toggle": "Vergleichen"' in words
    assert 'new URL("/de/compare/", document.currentScript.src)' in words
    assert "window.PraxisbookChoice" in code and "\n//" not in code  # minified
    practice = soup(site / "de" / "practices" / "school-network" / "index.html")
    current = practice.select_one(".lang-switch [aria-current]")  # where the button reads the slug
    assert current["href"] == "/de/practices/school-network/"
    assert not practice.select("[data-compare]")  # the page carries nothing else for it
    sources = [s["src"] for s in practice.find_all("script", src=True)]
    assert sources == ["/de/compare/select.js"]
    about = soup(site / "de" / "about" / "index.html")
    assert not about.find_all("script", src=True)  # no cards, no buttons, no script


def test_offline_facts_hold_only_the_bundles_practices(bundles):
    police = {"police-diversity-network", "police-racism-training"}  # its sector: export_fixtures
    for name, expected in (("full", {"school-network", *police}), ("police", police)):
        script = bundles[name] / "en" / "compare" / "facts.js"
        slugs = {p[0] for p in unpacked(script.read_text(encoding="utf-8"))["practices"]}
        assert slugs == expected
