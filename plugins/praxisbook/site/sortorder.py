"""Pagefind's sort orders, taken out of `pf_meta` into a file of their own per UI language.

Pagefind keeps every sort in the language's `pf_meta`: one permutation of all
pages each, 9.2 kB of its 21.7 kB (gzipped) at 2,000 practices. Every search
loads `pf_meta` before its first result, but only a sorted view ("Newest
first", "Title (A–Z)", browsing without a query) uses the sorts; so they move
to `pagefind/sort/<lang>_<hash>.json`, which search.js fetches only to sort,
and orders Pagefind's results itself by the page ids (`result.id`) it lists.

The file is named after its content and its name is written into the
language's entry in `pagefind-entry.json` (key `sort`), next to the `pf_meta`
name it belongs with. Pagefind fetches that entry past every cache, and so
does search.js: the orders are those of the index being searched (unless the
site is replaced between the two fetches: then pages the file does not know
come last), while the file itself may be cached for good.

The file is JSON: `ids` are the page ids in title order; each other sort
(`newest`) lists positions in `ids`. Page ids are hashes, most of the file
and incompressible: listed once, not once per sort, the file is 14.7 kB at
2,000 practices instead of 17.2 kB (gzipped). Plain JSON, not gzip as
Pagefind's own files: static hosts compress it in transit, and the browser
needs no decompression of its own.
"""

from __future__ import annotations

import json

FOLDER = "sort"  # below the bundle (pagefind/), where Pagefind's own files are fetched from
KEY = "sort"  # in a language's entry in pagefind-entry.json: the file's path below the bundle
BY = "title"  # the order `ids` are listed in (search.SORTS)
META_PAGES, META_SORTS = 1, 4  # in a decoded pf_meta: [[page id, words], …], [[name, order], …]


def orders(meta: list) -> dict:
    """The order file's content, from a decoded `pf_meta` whose sorts list page indexes."""
    pages = [page[0] for page in meta[META_PAGES]]
    sorts = dict(meta[META_SORTS])
    at = {page: place for place, page in enumerate(sorts[BY])}
    found = {"ids": [pages[page] for page in sorts[BY]]}
    for name, order in sorted(sorts.items()):
        if name != BY:
            found[name] = [at[page] for page in order]
    return found


def split_off(meta: list) -> bytes:
    """Take `meta`'s sorts out of it; returns the order file's bytes (stableindex names and
    writes it, as it names Pagefind's own files after their content)."""
    data = json.dumps(orders(meta), separators=(",", ":")).encode("ascii")
    meta[META_SORTS] = []
    return data
