"""Index stage: Pagefind over one small search record per practice and UI language.

Layout (docs/search.md): for every UI language and practice the render stage
writes a *record* page, `_search/<ui>/practices/<slug>/index.html`, with
`<html lang="<ui>">`. Its body holds the text of every language version of the
practice; its filters hold vocabulary ids; its sort keys are precomputed ranks.
Pagefind builds one index per `<html lang>`, so each UI language gets an index
in which every practice appears exactly once, stemmed with that language's
stemmer, and a search page loads only its own language's index. Because a
record sits at its practice page's path under `_search/`, Pagefind's own
result URL *is* the practice page, so no `url` metadata (which Pagefind would
also search) is needed. The records folder is deleted after indexing.

Indexing is one run of the pinned binary (PyPI `pagefind-bin`) over the
records folder: Pagefind's Python API costs at least 0.1 s per call. No
network is needed or used.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from ..catalogue.collation import collated
from ..catalogue.facets import Facet, record_filters
from ..catalogue.model import Practice
from ..catalogue.problems import BuildError
from . import order
from .localise import UI
from .stableindex import stabilise
from .urls import SEARCH_RECORDS

BUNDLE = "pagefind"
# A word in every record. Pagefind's filter-only search (`search(null)`) loads every
# chunk of the word index (its empty term prefix-matches all chunks), which grows
# with the catalogue; browsing searches for this word instead and loads one chunk.
BROWSE_TERM = "qxbrowseall"
SORTS = ("newest", "title")  # every record carries both: Pagefind drops pages lacking a key
# Pagefind's ready-made UIs: the search page uses the JS API (pagefind.js) instead.
UNUSED = [
    f"pagefind-{ui}.{ext}" for ui in ("ui", "modular-ui", "component-ui") for ext in ("js", "css")
]
UNUSED.append("pagefind-highlight.js")


def sort_ranks(site, ui: str) -> dict[str, dict[str, int]]:
    """Per slug, its position by newest (added to the catalogue) and by title in `ui`."""
    newest = newest_first(site.practices)
    by_title = order.by_title(site, site.practices, ui)
    ranks: dict[str, dict[str, int]] = {p.slug: {} for p in site.practices}
    for name, ordered in (("newest", newest), ("title", by_title)):
        for rank, practice in enumerate(ordered):
            ranks[practice.slug][name] = rank
    return ranks


def newest_first(practices: list[Practice]) -> list[Practice]:
    return order.newest(practices, len(practices))


def record_data(site, ui: str) -> dict[str, dict]:
    """What each practice's search record for `ui` holds (theme/templates/search-record.html)."""
    ranks = sort_ranks(site, ui)
    return {
        p.slug: {
            "practice": p, "reading": site.reading(p, ui),
            "filters": record_filters(p, site.facets), "sort": ranks[p.slug],
            "browse_term": BROWSE_TERM,
        }
        for p in site.practices
    }  # fmt: skip


@dataclass(frozen=True)
class FacetOptions:
    """One facet of the search page: its facet and its (id, label, count) options."""

    facet: Facet
    options: list[tuple[str, str, int]]

    @property
    def name(self) -> str:
        return self.facet.key


def facet_options(site, ui: UI) -> list[FacetOptions]:
    """Every facet with the values that occur in the catalogue, labelled in `ui`."""
    counts: dict[str, dict[str, int]] = {facet.key: {} for facet in site.facets}
    for practice in site.practices:
        for name, terms in record_filters(practice, site.facets).items():
            for term in terms:
                counts[name][term] = counts[name].get(term, 0) + 1
    found = []
    for facet in site.facets:
        options = [(t, ui.facet_value(facet, t), n) for t, n in sorted(counts[facet.key].items())]
        if facet.order == "vocabulary":
            order = list(site.schema.vocabularies[facet.vocabulary].terms)
            options.sort(key=lambda o: order.index(o[0]))
        else:
            options = collated(options, ui.lang, lambda o: o[1])
        if options:
            found.append(FacetOptions(facet, options))
    return found


def pagefind_binary() -> str:
    from pagefind_bin import get_executable  # loads only when indexing

    return str(get_executable().resolve())


@dataclass(frozen=True)
class IndexStats:
    seconds: float
    records: int
    languages: dict[str, int]  # UI language → pages in its index


def run_pagefind(records: Path, bundle: Path) -> IndexStats:
    """Index every record under `records` into `bundle` in one Pagefind run.

    Timed on its own by the benchmarks; raises BuildError with Pagefind's
    output when Pagefind fails or leaves a record out.
    """
    started = time.perf_counter()
    expected = {lang.name: sum(1 for _ in lang.rglob("*.html")) for lang in records.iterdir()}
    command = [pagefind_binary(), "--site", str(records), "--output-path", str(bundle)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise BuildError(f"Pagefind could not index {records}:\n{output}")
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    indexed = {lang: info["page_count"] for lang, info in entry["languages"].items()}
    if indexed != expected:
        raise BuildError(
            f"Pagefind indexed {indexed} search records, expected {expected}:\n{output}"
        )
    stabilise(bundle)
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    return IndexStats(time.perf_counter() - started, sum(expected.values()), indexed)


def index(site: Path) -> IndexStats:
    """Write `site/pagefind/` from the search records, then delete the records."""
    records = site / SEARCH_RECORDS
    if not records.is_dir():  # an empty catalogue: nothing to search, and Pagefind would fail
        return IndexStats(0.0, 0, {})
    try:
        return run_pagefind(records, site / BUNDLE)
    finally:
        shutil.rmtree(records, ignore_errors=True)
