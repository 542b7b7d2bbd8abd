"""Cutting Pagefind's word index into small chunks (site/indexchunks.py) loses no exact match.

The search-quality catalogue is built twice, its word index once in a single
chunk per language and once in chunks of 2,000 bytes, and in Chromium Pagefind
searches both for the words on either side of each boundary between two
chunks, where a word could be missed, each quoted, as search.js's exact
searches are, and each on a fresh instance (Pagefind keeps the chunks it has
loaded). The same pages must be found. Pagefind looks a query's chunks up by
the ranges in `pf_meta` (`request_indexes` in its `pagefind_web`), so a range
that left a word out would show here as a missing result; and each word must
load its own chunk and no other, which a range ending short of its last word
did not (its words past the end were looked for in every chunk that might
hold them).

Prefix searches are not compared: Pagefind matches a prefix against the words
of the chunks it loaded, so the words a prefix finds depend on where chunks
end, with Pagefind's own chunks as with these (docs/search.md, "Smaller
downloads").
"""

from __future__ import annotations

import gzip
from itertools import pairwise

import pytest

from praxisbook.site import indexchunks
from praxisbook.site.stableindex import SIGNATURE, decode, read_file

from .browsers import serve
from .search_quality import build_catalogue
from .test_search import entry_of

pytestmark = pytest.mark.browser

UIS = ("en", "de", "fi")  # each query costs a fresh Pagefind, about 70 ms

# Each query's results, and the index chunks Pagefind fetched for it. Each query on a fresh
# Pagefind (a module imported anew), a new page every 100: instances are freed slowly, and
# WebAssembly memory runs out after a few hundred.
SEARCH_EACH = """async (queries) => {
  const found = [];
  const fetchFile = window.fetch;
  let chunks = [];
  window.fetch = (url, ...rest) => {
    const name = String(url).split('/').pop();
    if (name.endsWith('.pf_index')) chunks.push(name.replace('.pf_index', ''));
    return fetchFile(url, ...rest);
  };
  for (const query of queries) {
    chunks = [];
    const pagefind = await import('/pagefind/pagefind.js?fresh=' + found.length);
    await pagefind.options({ noWorker: true });
    const result = await pagefind.search(query);
    found.push([result.results.map((r) => r.id).sort(), chunks.sort()]);
    await pagefind.destroy();
  }
  window.fetch = fetchFile;
  return found;
}"""


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory):
    """The catalogue's output with one chunk per language, and with chunks of 2,000 bytes."""
    sites = {}
    for name, target in (("one", 10**9), ("small", 2_000)):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(indexchunks, "TARGET_BYTES", target)
            sites[name] = build_catalogue(tmp_path_factory.mktemp(name) / "site")
    return sites


def chunks(bundle, ui: str) -> list[list[str]]:
    """The words (stems) of each chunk of a language's index, in order."""
    return list(chunk_words(bundle, ui).values())


def chunk_words(bundle, ui: str) -> dict[str, list[str]]:
    """Each chunk's id and its words (stems), in order."""
    meta = read_file(bundle / f"pagefind.{entry_of(bundle)['languages'][ui]['hash']}.pf_meta")
    found = {}
    for *_, chunk_id in meta[indexchunks.META_CHUNKS]:
        raw = gzip.decompress((bundle / "index" / f"{chunk_id}.pf_index").read_bytes())
        found[chunk_id] = [entry[0] for entry in decode(raw[len(SIGNATURE) :])[0]]
    return found


def boundary_words(cut: list[list[str]]) -> list[str]:
    """The words on either side of each boundary between two chunks."""
    return sorted({word for a, b in pairwise(cut) for word in (a[-1], b[0])})


def searched(chromium, site, ui: str, queries: list[str]) -> list[list[list[str]]]:
    """For each query: the ids of the pages found, and the chunks loaded to find them."""
    found = []
    with serve(site) as base:
        for start in range(0, len(queries), 100):
            page = chromium.new_page()
            page.goto(f"{base}/{ui}/about/")  # a page in the language that runs no search
            found += page.evaluate(SEARCH_EACH, queries[start : start + 100])
            page.close()
    return found


@pytest.mark.parametrize("ui", UIS)
def test_small_chunks_find_what_one_chunk_finds(chromium, two_sites, ui):
    one, small = (two_sites[name] / "pagefind" for name in ("one", "small"))
    cut = chunks(small, ui)
    assert len(cut) > 10 and len(chunks(one, ui)) == 1  # the index is really cut small
    assert [word for chunk in cut for word in chunk] == chunks(one, ui)[0]
    queries = [f'"{word}"' for word in boundary_words(cut)]
    expected = [pages for pages, _ in searched(chromium, two_sites["one"], ui, queries)]
    assert sum(map(len, expected)) > len(queries)  # the queries find things
    found = searched(chromium, two_sites["small"], ui, queries)
    assert [q for q, a, (b, _) in zip(queries, expected, found, strict=True) if a != b] == []
    holder = {word: chunk for chunk, words in chunk_words(small, ui).items() for word in words}
    # One chunk per word, its own. Pagefind's script drops punctuation from a query before it
    # looks up the chunks, so a word indexed with a quote mark it kept ("welt“") is left out.
    loaded = {q: c for q, (_, c) in zip(queries, found, strict=True) if q[1:-1].isalnum()}
    assert len(loaded) > 0.9 * len(queries)
    assert {q: c for q, c in loaded.items() if c != [holder[q[1:-1]]]} == {}
