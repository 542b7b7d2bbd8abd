"""What a reader's first search costs, in Debian's Chromium (Playwright) on the built site.

    .venv/bin/python bench/firstsearch.py bench/out/n2000   # a project built into output/

The site is served on 127.0.0.1 by Python's HTTP server. For each window width
(1280 px: the filter panel is open; 390 px: it starts folded; either way the
facet counts load only once the reader reaches for the filters), a fresh
browser context opens `/<ui>/search/?q=WORD` and waits until the results are
shown; every file the browser fetched is then counted as a static host sends
it: gzipped (level 6), except Pagefind's index, meta, fragment, filter and
wasm files, which are gzipped on disk and sent as they are, and added up by
part (`PARTS`). The sorted views are counted the same way, at 1280 px:
browsing (`/<ui>/search/`, by title) and the word newest first; they load
the sort orders too (site/sortorder.py). On the loaded page, further one-word queries are typed and
submitted; each is timed from the submit to the frame after the results
list stops being busy (`aria-busy`, which `search.js` sets while it works).
"""

from __future__ import annotations

import gzip
import json
import statistics
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browsers import CHROMIUM, CHROMIUM_ARGS, serve

UI = "en"
WIDTHS = (1280, 390)
GZIP_MAGIC = b"\x1f\x8b"

SUBMIT_AND_WAIT = """(q) => new Promise((resolve) => {
  const list = document.getElementById('search-results');
  const started = performance.now();
  const done = () => requestAnimationFrame(() => resolve(performance.now() - started));
  new MutationObserver((changes, observer) => {
    if (!list.hasAttribute('aria-busy')) { observer.disconnect(); done(); }
  }).observe(list, { attributes: true, attributeFilter: ['aria-busy'] });
  document.getElementById('search-q').value = q;
  document.getElementById('search-form').requestSubmit();
})"""
RESULTS_SHOWN = (
    "() => { const l = document.getElementById('search-results');"
    " return l && !l.hasAttribute('aria-busy') && l.children.length > 0; }"
)


def sent_bytes(site: Path, url: str) -> tuple[str, int]:
    """A fetched file's path in the site and what a gzipping host would send for it."""
    path = unquote(urlsplit(url).path)
    file = site / path.lstrip("/")
    if path.endswith("/"):
        file = file / "index.html"
    data = file.read_bytes()
    return path, len(data) if data.startswith(GZIP_MAGIC) else len(gzip.compress(data, 6))


def first_search(browser, base: str, site: Path, query: str, width: int) -> dict:
    """Open the search page with `query` (`q=…`); what it fetched until the results showed."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    page.goto(f"{base}/{UI}/search/{query and '?'}{query}")
    page.wait_for_function(RESULTS_SHOWN, timeout=60_000)
    page.wait_for_load_state("networkidle")
    files = dict(sent_bytes(site, url) for url in fetched if url.startswith(base))
    context.close()
    search = {p: n for p, n in files.items() if "/pagefind/" in p or p.endswith(".js")}
    return {
        "query": query,
        "width": width,
        "files": len(files),
        "bytes": sum(files.values()),
        "search_bytes": sum(search.values()),
        "parts": parts(files),
        "largest": sorted(files.items(), key=lambda item: -item[1])[:8],
    }


PARTS = (  # (part, test on a fetched file's path), the first that matches counts
    ("Pagefind runtime", lambda p: p.endswith((".pagefind", "/pagefind.js"))),
    ("pf_meta", lambda p: p.endswith(".pf_meta")),
    ("index chunks", lambda p: p.endswith(".pf_index")),
    ("result fragments", lambda p: p.endswith(".pf_fragment")),
    ("filter indexes", lambda p: p.endswith(".pf_filter")),
    ("sort orders", lambda p: "/pagefind/sort/" in p),
    ("page, styles, scripts, rest", lambda p: True),
)


def parts(files: dict[str, int]) -> dict[str, dict]:
    """Bytes and files of a first search by what they are for."""
    found = {name: {"bytes": 0, "files": 0} for name, _ in PARTS}
    for path, size in files.items():
        name = next(name for name, test in PARTS if test(path))
        found[name]["bytes"] += size
        found[name]["files"] += 1
    return found


def query_times(browser, base: str, first: str, words: list[str]) -> list[float]:
    """Milliseconds from submitting each word on the loaded page to its results shown."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/{UI}/search/?q={first}")
    page.wait_for_function(RESULTS_SHOWN, timeout=60_000)
    page.wait_for_load_state("networkidle")
    times = [round(page.evaluate(SUBMIT_AND_WAIT, word), 1) for word in words]
    page.close()
    return times


def measure(site: Path, words: list[str]) -> dict:
    """The first search at each width with `words[0]`; then the others timed one by one."""
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        loads = [first_search(browser, base, site, f"q={words[0]}", w) for w in WIDTHS]
        views = [first_search(browser, base, site, q, WIDTHS[0]) for q in sorted_views(words[0])]
        times = query_times(browser, base, words[0], words[1:])
        browser.close()
    return {
        "ui": UI, "word": words[0], "first": loads, "sorted": views, "words": words[1:],
        "query_ms": times, "query_median_ms": statistics.median(times),
    }  # fmt: skip


def sorted_views(word: str) -> list[str]:
    """Browsing (by title) and a word newest first: the views that need the sort orders."""
    return ["", f"q={word}&sort=newest"]


def title_words(practices: Path, count: int) -> list[str]:
    """Distinct longer words from English titles of the catalogue, spread over it."""
    seen: list[str] = []
    files = sorted(practices.glob("*/en.md"))
    for file in files[:: max(1, len(files) // (3 * count))]:
        title = next(line for line in file.read_text(encoding="utf-8").splitlines()
                     if line.startswith("title:"))  # fmt: skip
        words = (w.strip("\"'.,:;()").lower() for w in title.removeprefix("title:").split())
        new = [w for w in words if len(w) > 5 and w.isalpha() and w not in seen]
        seen += new[:1]
        if len(seen) == count:
            break
    return seen


def main() -> None:
    """`python bench/firstsearch.py PROJECT`: measure a project already built into its output/."""
    project = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("bench/out/n2000")
    words = title_words(project / "content" / "practices", 8)
    print(json.dumps(measure(project / "output", words), indent=1))


if __name__ == "__main__":
    main()
