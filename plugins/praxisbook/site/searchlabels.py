"""A search result's labels from two tables per UI language, not from its page data.

Pagefind stores with every record its metadata (the record's "fragment"),
which the browser loads for each result it shows: ten to a page. The meta
`labels` and `labels_other` of a record (site/search.py) were 0.6 kB of each
fragment's 1.4 kB gzipped, and they are the same few vocabulary labels and
country names over and over. Once Pagefind has indexed them, each fragment
can do without them (stableindex.py rewrites it):

- it loses `labels` and `labels_other`;
- it keeps what is its own: `names`, its places' and organisations' names
  that `labels_other` held, and `original_lang`, the language its original
  is written in (whose search words `labels_other` held);
- the labels come from two files per UI language in the bundle's `labels/`,
  named in the language's entry in `pagefind-entry.json`: `labels`, per facet
  and term, its label in the language and the other words its readers search
  with for it; `labels_other`, its labels in the five other UI languages and
  the other words readers search with in each of them.

search.js loads them only when a result on the page holds a query word in
none of its page data and was matched by its labels (Pagefind says which
metadata fields a result matched): `labels` (1.2 kB gzipped at 2,000
practices) when it was matched by either field, `labels_other` (4.9 kB)
only when by the other languages' labels. From them it puts the record's
two label texts together as search.py wrote them. A search whose results
all hold its words in their texts, titles or names loads neither.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..catalogue.project import UI_LANGUAGES

FOLDER = "labels"  # the tables' folder in the bundle
KEYS = ("labels", "labels_other")  # the two tables' keys in a language's entry, and the files
DROPPED = KEYS  # the record's meta fields of those names: indexed, then left out of fragments
KEPT = "fragments.json"  # beside a UI language's records: per result URL, what its data keeps


def table(site) -> dict:
    """Per facet and term of the catalogue: its labels in `UI_LANGUAGES`' order, then, if
    it has any, the other words readers search with for it, per language."""
    facets = {}
    for facet in site.facets:
        if facet.from_versions:
            continue  # a practice's languages are no subject of it (search._terms)
        vocabulary = site.schema.vocabularies.get(facet.vocabulary or "")
        terms = sorted({term for practice in site.practices for term in facet.values(practice)})
        facets[facet.key] = {term: _term(site, facet, vocabulary, term) for term in terms}
    return {"languages": list(UI_LANGUAGES), "facets": facets}


def _term(site, facet, vocabulary, term: str) -> list:
    labels = [site.uis[lang].facet_value(facet, term) for lang in UI_LANGUAGES]
    words = {lang: list(found) for lang, found in vocabulary.search.get(term, {}).items()
             if found} if vocabulary else {}  # fmt: skip
    return [labels, dict(sorted(words.items()))] if words else [labels]


def dumped(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def tables(full: dict, ui: str) -> dict[str, dict]:
    """`full` (`table`) as the two tables of UI language `ui`, by their keys (`KEYS`)."""
    at = full["languages"].index(ui)
    own, other = {}, {}
    for facet, terms in full["facets"].items():
        own[facet], other[facet] = {}, {}
        for term, (labels, *searched) in terms.items():
            words = searched[0] if searched else {}
            own[facet][term] = [labels[at], *words.get(ui, [])]
            theirs = {lang: found for lang, found in words.items() if lang != ui}
            other[facet][term] = [labels[:at] + labels[at + 1 :], *([theirs] if theirs else [])]
    languages = [lang for lang in full["languages"] if lang != ui]
    return {KEYS[0]: {"facets": own}, KEYS[1]: {"languages": languages, "facets": other}}


def write(records: Path, ui: str, full: dict, kept: dict[str, dict]) -> None:
    """The tables and what each fragment keeps, beside one UI language's records."""
    folder = records / ui
    folder.mkdir(parents=True, exist_ok=True)
    for key, found in tables(full, ui).items():
        (folder / f"{key}.json").write_text(dumped(found), encoding="utf-8")
    (folder / KEPT).write_text(dumped(kept), encoding="utf-8")


def read_kept(records: Path, ui: str) -> dict[str, dict]:
    return json.loads((records / ui / KEPT).read_text(encoding="utf-8"))


def read_table(records: Path, ui: str, key: str) -> bytes:
    return (records / ui / f"{key}.json").read_bytes()


def slimmed(fragment: dict, kept: dict[str, dict]) -> dict:
    """A fragment without the labels, with what its record keeps instead."""
    meta = {k: v for k, v in fragment["meta"].items() if k not in DROPPED}
    return {**fragment, "meta": {**meta, **kept[fragment["url"]]}}
