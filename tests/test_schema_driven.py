"""The schema drives the engine: a new facet is a vocabulary file and a schema property, nothing else."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest

from praxisbook.catalogue.schema import load_schema
from praxisbook.pipeline import build

from .conftest import ROOT, TINY, make_project, soup

VOCABULARY = """\
description: How the practice works.
segment: approaches
labels:
  en: Approaches
  de: Ansätze
  nl: Aanpakken
  fr: Approches
  sv: Arbetssätt
  fi: Toimintatavat
terms:
  peer-learning:
    en: Peer learning
    de: Voneinander lernen
    nl: Van elkaar leren
    fr: Apprentissage entre pairs
    sv: Kollegialt lärande
    fi: Vertaisoppiminen
  mentoring:
    en: Mentoring
    de: Mentoring
    nl: Mentoraat
    fr: Mentorat
    sv: Mentorskap
    fi: Mentorointi
"""
PROPERTY = {
    "description": "How the practice works, from the `approaches` vocabulary.",
    "type": "array", "minItems": 1, "uniqueItems": True,
    "items": {"type": "string", "x-vocabulary": "approaches"},
    "x-facet": {"key": "approach"}, "x-csv": True, "x-group": "how-good",
}  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The tiny project with its own copy of the schema, one facet added, built."""
    root = tmp_path_factory.mktemp("facet") / "site"
    project = make_project(root, TINY)
    (root / "schema").unlink()
    shutil.copytree(ROOT / "schema", root / "schema")
    (root / "schema" / "vocabularies" / "approaches.yaml").write_text(VOCABULARY, "utf-8")
    path = root / "schema" / "practice.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["$defs"]["original"]["properties"]["approaches"] = PROPERTY
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    german = project.practices / "school-network" / "de.md"
    text = german.read_text(encoding="utf-8")
    german.write_text(text.replace("country: DE\n", "country: DE\napproaches: [peer-learning]\n"))
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1763769600")
    build(project)
    return project.output


def test_the_new_facet_is_on_the_search_page(site):
    page = soup(site / "de" / "search" / "index.html")
    fieldset = page.select_one("fieldset[data-facet=approach]")
    assert fieldset.legend.get_text() == "Ansätze"
    options = [
        (box["value"], box.find_next("label").get_text(" ", strip=True))
        for box in fieldset.select("input")
    ]
    assert options == [("peer-learning", "Voneinander lernen 1")]


def test_the_new_facet_has_listings_and_a_browse_section(site):
    listing = soup(site / "fr" / "approaches" / "peer-learning" / "index.html")
    assert listing.h1.get_text() == "Apprentissage entre pairs"
    assert [a["href"] for a in listing.select(".rows > li > a")] == [
        "/fr/practices/school-network/"
    ]
    browse = soup(site / "sv" / "browse" / "index.html")
    section = browse.select_one("section#approaches")
    assert section.h2.get_text() == "Arbetssätt"
    assert section.a["href"] == "/sv/approaches/peer-learning/"


def test_the_new_facet_is_in_the_fact_box_only_where_the_schema_says(site):
    page = soup(site / "en" / "practices" / "school-network" / "index.html")
    labels = [dt.get_text() for dt in page.select(".facts dt")]
    assert "Approaches" not in labels  # not in x-fact-box: the schema decides what the box shows


def test_the_new_facet_is_a_csv_column(site):
    with (site / "catalogue.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    german = next(r for r in rows if r["slug"] == "school-network" and r["language"] == "de")
    assert german["approaches"] == "peer-learning"


def test_the_new_facet_is_validated_against_its_vocabulary(tmp_path):
    schema_dir = tmp_path / "schema"
    shutil.copytree(ROOT / "schema", schema_dir)
    (schema_dir / "vocabularies" / "approaches.yaml").write_text(VOCABULARY, "utf-8")
    path = schema_dir / "practice.schema.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["$defs"]["original"]["properties"]["approaches"] = PROPERTY
    path.write_text(json.dumps(data), encoding="utf-8")
    schema = load_schema(schema_dir)
    items = schema.facts["approaches"]["items"]
    assert items["enum"] == ["peer-learning", "mentoring"]
