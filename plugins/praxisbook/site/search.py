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
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pagefind_bin import get_executable

from ..catalogue.model import Practice
from ..catalogue.problems import BuildError
from .localise import UI
from .stableindex import stabilise
from .urls import SEARCH_RECORDS

BUNDLE = "pagefind"

# Facet (Pagefind filter key and URL parameter) → vocabulary that labels its ids;
# None: labelled by Babel (countries, languages). Statuses and evidence levels are
# ordered scales, shown in vocabulary order; the others are sorted by label.
FACETS: dict[str, str | None] = {
    "theme": "themes",
    "sector": "sectors",
    "target_group": "target_groups",
    "country": None,
    "language": None,
    "status": "statuses",
    "evidence": "evidence_levels",
}
ORDERED_SCALES = ("status", "evidence")
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


def record_filters(practice: Practice) -> dict[str, list[str]]:
    """The facet values of one practice, as vocabulary ids and codes.

    `language` lists the languages of all its versions: a practice with a
    German original and an English translation can be read in either.
    """
    evidence = (practice.facts.get("evidence") or {}).get("level")
    values = {
        "theme": practice.terms("themes"),
        "sector": practice.terms("sectors"),
        "target_group": practice.terms("target_groups"),
        "country": [practice.country],
        "language": practice.languages,
        "status": practice.terms("status"),
        "evidence": [evidence] if evidence else [],
    }
    return {name: terms for name, terms in values.items() if terms}


# Letters that a language's alphabet puts after z ('{' sorts after 'z' in ASCII).
AFTER_Z = {"sv": "åäö", "fi": "åäö"}


def collation_key(text: str, lang: str = "") -> str:
    """Case- and accent-blind sort key: 'Österreich' sorts with 'Oslo', not after 'Z'.

    Babel has no collation, so this is a simple stand-in for CLDR's: in Swedish
    and Finnish, å, ä and ö keep their own places after z.
    """
    text = text.casefold()
    for i, letter in enumerate(AFTER_Z.get(lang, "")):
        text = text.replace(letter, f"z{{{i}")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def sort_ranks(practices: list[Practice], ui: str) -> dict[str, dict[str, int]]:
    """Per slug, its position by newest (start date) and by title in `ui`."""
    newest = sorted(practices, key=lambda p: (p.start, p.slug), reverse=True)
    by_title = sorted(practices, key=lambda p: (collation_key(p.version_for(ui).title, ui), p.slug))
    ranks: dict[str, dict[str, int]] = {p.slug: {} for p in practices}
    for name, ordered in (("newest", newest), ("title", by_title)):
        for rank, practice in enumerate(ordered):
            ranks[practice.slug][name] = rank
    return ranks


@dataclass(frozen=True)
class Facet:
    """One facet of the search page: its key and its (id, label, count) options."""

    name: str
    options: list[tuple[str, str, int]]


def facet_label(ui: UI, facet: str, term: str) -> str:
    if facet == "country":
        return ui.country(term)
    if facet == "language":
        return ui.language(term)
    return ui.label(FACETS[facet], term)


def facet_options(practices: list[Practice], ui: UI) -> list[Facet]:
    """Every facet with the values that occur in the catalogue, labelled in `ui`."""
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    for practice in practices:
        for name, terms in record_filters(practice).items():
            for term in terms:
                counts[name][term] = counts[name].get(term, 0) + 1
    facets = []
    for name, vocabulary in FACETS.items():
        options = [(t, facet_label(ui, name, t), n) for t, n in counts[name].items()]
        if name in ORDERED_SCALES:
            order = list(ui.schema.vocabularies[vocabulary].terms)
            options.sort(key=lambda o: order.index(o[0]))
        else:
            options.sort(key=lambda o: (collation_key(o[1], ui.lang), o[0]))
        if options:
            facets.append(Facet(name, options))
    return facets


def pagefind_binary() -> str:
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
