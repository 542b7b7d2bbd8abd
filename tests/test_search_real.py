"""The real catalogue (content/) built and searched in headless Chromium, across languages.

The catalogue grows, so these check that each query finds its practice, not
the exact result list (test_search_browser.py does that on a fixed catalogue).
"""

from __future__ import annotations

import os
import shutil

import pytest

from praxisbook.pipeline import build

from .browsers import serve
from .conftest import ROOT, make_project
from .test_search_browser import found, open_search

pytestmark = pytest.mark.browser

QUERIES = [
    ("de", "politiezone", "bruno-attitudes-police-diversity-network"),  # Dutch word, German page
    ("sv", "Clankriminalität", "nrw-360-degree-measures-against-clan-crime"),  # German, Swedish
    ("nl", "antirasism", "consolidating-anti-racist-working-methods"),  # Swedish, Dutch
    ("fi", "Schulnetzwerk", "bochum-schools-against-racism-network"),  # German, Finnish
    ("de", "Förderschule", "op-koers-social-safety-training-for-special-education"),  # stemmed
]


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("real") / "site"
    project = make_project(root, {})
    shutil.copytree(ROOT / "content" / "practices", project.practices, dirs_exist_ok=True)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1763769600")
    build(project)
    with serve(project.output) as base:
        yield base


@pytest.mark.parametrize(("ui", "query", "slug"), QUERIES)
def test_real_catalogue_is_searchable_across_languages(chromium, real_site, ui, query, slug):
    page = chromium.new_page()
    open_search(page, real_site, f"/{ui}/search/?q={query}")
    results = found(page)
    assert slug in results
    assert len(results) == len(set(results))  # each practice once
    assert page.get_attribute(f"#search-results a[href='/{ui}/practices/{slug}/']", "href")
    page.close()
