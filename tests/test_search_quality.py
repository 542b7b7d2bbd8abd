"""The search-quality suite (tests/search_quality.py) in Chromium, on the real Pagefind index."""

from __future__ import annotations

import pytest

from praxisbook.site import indexchunks

from .browsers import serve
from .search_quality import CASES, ROOT, build_catalogue, run_case

pytestmark = pytest.mark.browser


# The suite's catalogue fits in one chunk of Pagefind's word index per language; cut into
# chunks of 2 kB (site/indexchunks.py), a query's words lie in different chunks, as in a
# large catalogue, and the suite runs on both.
CHUNKS = {"one chunk": None, "small chunks": 2_000}


@pytest.fixture(scope="module", params=list(CHUNKS))
def quality_site(request, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        if CHUNKS[request.param]:
            patch.setattr(indexchunks, "TARGET_BYTES", CHUNKS[request.param])
        output = build_catalogue(tmp_path_factory.mktemp("quality") / "site")
    with serve(output) as base:
        yield base


@pytest.fixture(scope="module")
def quality_page(chromium):
    context = chromium.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def test_the_suite_covers_every_kind_in_every_ui_language():
    assert len(CASES) >= 40
    assert {c.ui for c in CASES} == {"en", "de", "nl", "fr", "sv", "fi"}
    kinds = {c.kind for c in CASES}
    assert {"label", "cross-language", "typo", "absent", "prefix", "multi-word"} <= kinds
    assert {c.ui for c in CASES if c.kind == "label"} == {"en", "de", "nl", "fr", "sv", "fi"}


def test_the_docs_give_the_suites_size():
    docs = (ROOT / "docs" / "search.md").read_text(encoding="utf-8")
    assert f"`tests/search_quality.py` holds {len(CASES)} queries" in docs


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.ui}-{c.kind}-{c.query}")
def test_query(quality_page, quality_site, case):
    outcome = run_case(quality_page, quality_site, case)
    assert outcome.problems == []
