"""Index stage: Pagefind over one slim search record per practice and UI language.

What a record holds is one decision shared by search quality, build time and
the size of the site (docs/search.md, "The search record"). For UI language
L, the record of a practice is `_search/L/practices/<slug>/index.html` with
`<html lang="L">`:

- body: the full text of the practice's version in L, if it has one (a
  practice's text is indexed once per language it is written in, not six
  times), and nothing else, so that a match in the body is a match in L;
- meta `title` and `summary`: of the version L shows (the reading chain), for
  the result card;
- meta `original`: the original's title and summary, when L shows another
  version;
- meta `labels`: the labels of its vocabulary terms and its country in L, and
  the other words readers of L search with for them; meta `labels_other`:
  the same labels in the five other UI languages, the search words in the
  practice's own language, and its places' and organisations' names in every
  spelling its versions use. Together they bridge languages; they are kept
  apart because search.js trusts Pagefind's stemming only on words in L;
- meta `other`: the titles and summaries of its other versions;
- filters: facet ids; sort keys: ranks.

Pagefind builds one index per `<html lang>`, so each UI language's index holds
every practice once, stemmed with that language's stemmer. A record sits at
its practice page's path below `_search/`, so Pagefind's result URL is the
practice page. The records are written here in plain Python (no template: it
is the build's largest batch of files), indexed by one Pagefind run per UI
language (site/indexing.py), then deleted.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..catalogue.collation import collated
from ..catalogue.facets import Facet, record_filters
from ..catalogue.model import Practice
from ..catalogue.parallel import map_slices
from ..catalogue.project import UI_LANGUAGES
from . import order, searchlabels
from .localise import UI
from .urls import SEARCH_RECORDS, output_path

BROWSE_TERM = "qxbrowseall"
SORTS = ("newest", "title")  # every record carries both: Pagefind drops pages lacking a key
# How much a match in each metadata field counts (Pagefind's `metaWeights`, set by the
# search page); text in the body counts 1. The title and labels rank above the body,
# other versions' words below it (search.js also orders results by these zones).
META_WEIGHTS = {
    "title": 8.0, "labels": 4.0, "labels_other": 4.0, "summary": 1.5, "original": 1.0,
    "other": 0.5,
}  # fmt: skip
# Heading ids make Pagefind store an anchor per heading for sub-results, which the search
# page does not show.
HEADING_ID = re.compile(r'(<h[1-6]) id="[^"]*"')


def sort_ranks(site, ui: str) -> dict[str, dict[str, int]]:
    """Per slug, its position by newest (added to the catalogue) and by title in `ui`."""
    newest = order.newest(site.practices, len(site.practices))
    by_title = order.by_title(site, site.practices, ui)
    ranks: dict[str, dict[str, int]] = {p.slug: {} for p in site.practices}
    for name, ordered in (("newest", newest), ("title", by_title)):
        for rank, practice in enumerate(ordered):
            ranks[practice.slug][name] = rank
    return ranks


# --- one record -----------------------------------------------------------------------------


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def label_words(site, practice: Practice, ui: str) -> tuple[list[str], list[str]]:
    """The words of its facet values and names: (in `ui`, in the other languages).

    In `ui`: the labels of its terms and the other words readers search with for them
    (vocabularies' `search:`). In the others: the labels in the five other UI languages,
    the search words in the practice's own language, and every spelling of its names.

    Search words only in those two languages: each UI language has its own index, so every
    word here is stored six times, and they were a third of what Pagefind stored per result.
    """
    own, others = [], []
    for facet, search_words, term in _terms(site, practice):
        mine, theirs = term_words(
            site, facet, search_words, term, ui=ui, original=practice.original.lang
        )
        own += mine
        others += theirs
    own = list(dict.fromkeys(own))
    return own, [word for word in dict.fromkeys(others + names(practice)) if word not in own]


def term_words(site, facet, search_words, term: str, *, ui: str, original: str):
    """One term's words for `label_words`, worked out once per build: each term is on
    hundreds of practices, and looking up its labels was most of what a record cost."""
    key = (facet.key, term, ui, original)
    if key not in site.term_words:
        own = [site.uis[ui].facet_value(facet, term), *search_words(term, {ui})]
        others = [site.uis[lang].facet_value(facet, term) for lang in UI_LANGUAGES if lang != ui]
        site.term_words[key] = own, others + search_words(term, {original} - {ui})
    return site.term_words[key]


def _terms(site, practice: Practice):
    """(facet, its vocabulary's `search_words`, term) of every subject the practice has."""
    for facet in site.facets:
        if facet.from_versions:
            continue  # a language's name is no subject of a practice
        vocabulary = site.schema.vocabularies.get(facet.vocabulary or "")
        search_words = vocabulary.search_words if vocabulary else lambda term, langs: []
        for term in facet.values(practice):
            yield facet, search_words, term


def names(practice: Practice) -> list[str]:
    """Region, places and organisations as the original and every version spell them."""
    facts = practice.facts
    found = [facts.region, *facts.places]
    orgs = [facts.lead_organisation, *facts.partners]
    found += [part for org in orgs if org for part in (org.name, org.unit)]
    found = [str(name) for name in found if name]
    for version in practice.versions.values():
        found += list(version.localised_names.values())
    return found


def meta(name: str, text: str) -> str:
    return f'<p data-pagefind-meta="{name}">{esc(text)}</p>'


def indexed_text(practice: Practice, ui: str, shown):
    """The version whose full text this UI language's record holds, if any.

    Its own version in `ui`; or, for an original in a language no UI has, the
    version the page shows (so that its text is searchable at all).
    """
    if ui in practice.versions:
        return practice.versions[ui]
    original = practice.original
    return shown if shown is original and original.lang not in UI_LANGUAGES else None


def record_body(practice: Practice, ui: str, shown) -> str:
    """The full text of the record's own version, if it has one."""
    full = indexed_text(practice, ui, shown)
    if full is None:
        return ""
    text = HEADING_ID.sub(r"\1", full.html)
    return f'<div lang="{full.lang}">{text}</div>'


def original_text(practice: Practice, shown) -> str:
    """The original's title and summary, when the record shows another version."""
    original = practice.original
    return "" if original.lang == shown.lang else f"{original.title}. {original.summary}"


def other_text(practice: Practice, shown) -> str:
    read = (shown.lang, practice.original.lang)
    others = [v for v in practice.versions.values() if v.lang not in read]
    return " ".join(f"{v.title}. {v.summary}" for v in sorted(others, key=lambda v: v.lang))


def record_tags(practice: Practice, site, ranks: dict, shown) -> str:
    filters = record_filters(practice, site.facets) | {"title_lang": [shown.lang]}
    tags = [
        f'<span data-pagefind-filter="{name}:{esc(value)}"></span>'
        for name, values in filters.items()
        for value in values
    ]
    tags += [f'<span data-pagefind-sort="{key}:{ranks[key]}"></span>' for key in SORTS]
    return "".join(tags)


def record_html(site, practice: Practice, ui: str, ranks: dict, words: tuple) -> str:
    """The page Pagefind indexes for one practice in UI language `ui`; `words` are its
    `label_words`."""
    shown = site.reading(practice, ui).version
    own, others = words
    optional = {"original": original_text(practice, shown), "other": other_text(practice, shown)}
    return (
        f'<!DOCTYPE html><html lang="{ui}"><head><meta charset="utf-8">'
        f"<title>{esc(shown.title)}</title></head><body>"
        f"<main data-pagefind-body>{record_body(practice, ui, shown)}<p>{BROWSE_TERM}</p></main>"
        f"{meta('title', shown.title)}{meta('summary', shown.summary)}"
        f"{meta('labels', ' · '.join(own))}{meta('labels_other', ' · '.join(others))}"
        + "".join(meta(name, text) for name, text in optional.items() if text)
        + f"{record_tags(practice, site, ranks, shown)}</body></html>"
    )


def write_records(site, target: Path, languages=None, advance=None, words_of=None) -> dict:
    """The records of every UI language (or `languages`) into `target/_search/`, on every core.

    `words_of(site, practice, ui, labels)`, if given, lists the words of a record (its
    `label_words` are `labels`); returned are their counts per UI language, counted while
    the records are written (the suggestions, suggest.py, are made of them).
    """
    languages = site.ctx.languages if languages is None else languages
    ranks = {ui: sort_ranks(site, ui) for ui in languages}
    jobs = [(ui, p) for ui in languages for p in site.practices]
    # Pagefind numbers the records in the order it finds them, the order of the folders
    # on disk; where that is the order they were made in (a tmpfs, scratch.py), the
    # workers' timing must not decide it. So the folders are made here, in slug order.
    for ui, practice in jobs:
        folder = (target / output_path("search-record", ui, practice.slug)).parent
        folder.mkdir(parents=True, exist_ok=True)

    def write_slice(start: int, stop: int) -> list[tuple[list, dict]]:
        made, counts = [], {ui: Counter() for ui in languages}
        for ui, practice in jobs[start:stop]:
            words = label_words(site, practice, ui)
            path = target / output_path("search-record", ui, practice.slug)
            html_text = record_html(site, practice, ui, ranks[ui][practice.slug], words)
            path.write_text(html_text, "utf-8")
            made.append((ui, result_url(ui, practice.slug), fragment_keeps(practice, words[0])))
            if words_of:
                counts[ui].update(words_of(site, practice, ui, words))
        return [(made, counts)]

    kept: dict[str, dict] = {ui: {} for ui in languages}
    counts = {ui: Counter() for ui in languages}
    for made, counted in map_slices(write_slice, len(jobs), advance):
        for ui, url, keeps in made:
            kept[ui][url] = keeps
        for ui, found in counted.items():
            counts[ui].update(found)
    table = searchlabels.table(site)
    for ui in languages:
        searchlabels.write(target / SEARCH_RECORDS, ui, table, kept[ui])
    return counts


def result_url(ui: str, slug: str) -> str:
    """The URL Pagefind gives a record's result: its practice page's folder."""
    return "/" + output_path("practice", ui, slug).removesuffix("index.html")


def fragment_keeps(practice: Practice, own: list[str]) -> dict[str, str]:
    """What a record's stored data keeps of its labels (searchlabels.py): its names, where
    they are none of its labels in the UI language (`own`), and its original's language."""
    kept = [name for name in dict.fromkeys(names(practice)) if name not in own]
    found = {"original_lang": practice.original.lang}
    return {**found, "names": " · ".join(kept)} if kept else found


# --- the search page's facets ----------------------------------------------------------------


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
            order_ = list(site.schema.vocabularies[facet.vocabulary].terms)
            options.sort(key=lambda o: order_.index(o[0]))
        else:
            options = collated(options, ui.lang, lambda o: o[1])
        if options:
            found.append(FacetOptions(facet, options))
    return found
