"""What a built site weighs: files, pages, and the bytes a first search loads.

The first search is estimated from the files in `output/pagefind/`, the way
Pagefind 1.5's browser code fetches them for one UI language:

- at start: the search page's own scripts (`<script src>` in
  `<ui>/search/index.html`), `pagefind.js`, `pagefind-worker.js` (the search
  runs in a Web Worker), `pagefind-entry.json`, the language's
  `wasm.<lang>.pagefind` and its `pagefind.<hash>.pf_meta` (the chunk list);
- for a one-word query: the one index chunk whose word range holds the word;
  we count a chunk of median size (and give the largest as the worst case);
- for facets: every filter file of the language (a faceted UI asks for all
  filter counts up front);
- to show results: one fragment per result; the search page shows 20 at a
  time, so we add twenty of median size.

Index, filter, fragment, meta and wasm files are gzip-compressed by Pagefind
itself, so their sizes on disk are the bytes sent. Scripts are sent
compressed by any usual server, so their gzip size is given as well.

Checked once against Chromium on the N=2,000 site (docs/performance.md): the
browser fetched exactly these files; only the chunk differed from the median.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import subprocess
from pathlib import Path

RESULTS_SHOWN = 20  # the site's search page shows 20 results at a time (search.js PER_PAGE)
UI_LANGUAGE = "en"
SCRIPT = re.compile(r'<script[^>]*\ssrc="([^"]+)"')


def sizes(files) -> list[int]:
    return sorted(p.stat().st_size for p in files if p.is_file())


def page_sizes(output: Path) -> dict[str, int]:
    return {
        str(p.relative_to(output)): p.stat().st_size
        for p in output.rglob("*.html")
        if "pagefind" not in p.relative_to(output).parts
    }


def entry_pages(pages: dict[str, int], practices: Path) -> list[int]:
    """Sizes of `<ui>/practices/<slug>/index.html` for real practices (not redirects)."""
    slugs = {p.name for p in practices.iterdir() if p.is_dir()}
    return sorted(
        size
        for path, size in pages.items()
        if (parts := Path(path).parts)[1:2] == ("practices",) and parts[2] in slugs
    )


def disk_usage_kib(folder: Path) -> int:
    result = subprocess.run(["du", "-sk", str(folder)], capture_output=True, text=True, check=True)
    return int(result.stdout.split()[0])


def page_scripts(output: Path, ui: str) -> dict[str, int]:
    """Local scripts that the search page of `ui` loads itself, by path in the output."""
    page = output / ui / "search" / "index.html"
    if not page.is_file():
        return {}
    paths = (src.split("?")[0].lstrip("/") for src in SCRIPT.findall(page.read_text()))
    return {
        p: (output / p).stat().st_size for p in paths if "://" not in p and (output / p).is_file()
    }


def entry_languages(pagefind: Path) -> dict:
    entry = pagefind / "pagefind-entry.json"
    return json.loads(entry.read_text(encoding="utf-8"))["languages"] if entry.is_file() else {}


def first_search(pagefind: Path, ui: str) -> dict | None:
    """Bytes of the files a first one-word search with facets loads in UI language `ui`."""
    languages = entry_languages(pagefind)
    key = ui if ui in languages else (next(iter(languages)) if len(languages) == 1 else None)
    if key is None:
        return None
    info = languages[key]
    names = (
        "pagefind.js",
        "pagefind-worker.js",
        "pagefind-entry.json",
        f"wasm.{info['wasm']}.pagefind",
        f"pagefind.{info['hash']}.pf_meta",
    )
    start = {
        f"pagefind/{n}": (pagefind / n).stat().st_size for n in names if (pagefind / n).is_file()
    }
    return totals(pagefind, key, {**page_scripts(pagefind.parent, ui), **start})


def totals(pagefind: Path, key: str, start: dict[str, int]) -> dict:
    chunks = sizes((pagefind / "index").glob(f"{key}_*.pf_index"))
    filters = sizes((pagefind / "filter").glob(f"{key}_*.pf_filter"))
    fragments = sizes((pagefind / "fragment").glob(f"{key}_*.pf_fragment"))
    chunk = int(statistics.median(chunks)) if chunks else 0
    fragment = int(statistics.median(fragments)) if fragments else 0
    scripts = [n for n in start if n.endswith(".js")]
    gzipped = {n: len(gzip.compress((pagefind.parent / n).read_bytes())) for n in scripts}
    first = sum(start.values()) + chunk + sum(filters)
    return {
        "index_language": key,
        "start_files": start,
        "scripts_gzip": gzipped,
        "index_chunks": len(chunks),
        "chunk_median": chunk,
        "chunk_max": max(chunks, default=0),
        "filter_files": len(filters),
        "filter_bytes": sum(filters),
        "fragment_median": fragment,
        "first_search_bytes": first,
        "first_search_gzip_bytes": first - sum(start[n] for n in scripts) + sum(gzipped.values()),
        "results_shown": RESULTS_SHOWN,
        "with_results_bytes": first + RESULTS_SHOWN * fragment,
    }


def site_bytes(output: Path) -> int:
    """Bytes of the files of the site, without `downloads/` (the exports made on demand)."""
    return sum(
        p.stat().st_size
        for p in output.rglob("*")
        if p.is_file() and p.relative_to(output).parts[0] != "downloads"
    )


def measure(output: Path, practices: Path) -> dict:
    count = sum(1 for p in practices.iterdir() if p.is_dir())
    pages = page_sizes(output)
    entries = entry_pages(pages, practices)
    largest = max(pages, key=pages.get)
    pagefind = output / "pagefind"
    return {
        "files": sum(1 for p in output.rglob("*") if p.is_file()),
        "bytes": sum(sizes(output.rglob("*"))),
        "du_kib": disk_usage_kib(output),
        "practices": count,
        "per_practice_bytes": round(site_bytes(output) / max(count, 1)),
        "html_files": len(pages),
        "entry_pages": len(entries),
        "largest_page": {"path": largest, "bytes": pages[largest]},
        "largest_entry_bytes": entries[-1] if entries else 0,
        "median_entry_bytes": int(statistics.median(entries)) if entries else 0,
        "pagefind_files": sum(1 for p in pagefind.rglob("*") if p.is_file()),
        "pagefind_bytes": sum(sizes(pagefind.rglob("*"))),
        "pagefind_pages": sum(lang["page_count"] for lang in entry_languages(pagefind).values()),
        "first_search": {
            ui: first_search(pagefind, ui) for ui in ("en", "de", "nl", "fr", "sv", "fi")
        },
    }


def kb(size: int) -> str:
    return f"{size / 1000:,.1f} kB"


def mb(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"


def search_rows(first: dict | None) -> list[str]:
    if not first:
        return [f"| first search ({UI_LANGUAGE}) | no index for this language |"]
    start = first["start_files"]
    parts = ", ".join(f"{name} {kb(size)}" for name, size in start.items())
    gz = ", ".join(f"{name} {kb(size)}" for name, size in first["scripts_gzip"].items())
    return [
        f"| first search, UI `{UI_LANGUAGE}` (index `{first['index_language']}`) "
        f"| **{kb(first['first_search_bytes'])}** ({kb(first['first_search_gzip_bytes'])} with "
        f"gzipped scripts) |",
        f"| … loaded at start | {parts} (gzip: {gz}) |",
        f"| … one index chunk | median {kb(first['chunk_median'])} of {first['index_chunks']} "
        f"chunks; largest {kb(first['chunk_max'])} |",
        f"| … filter files | {first['filter_files']} files, {kb(first['filter_bytes'])} |",
        f"| … plus {first['results_shown']} result fragments "
        f"| {kb(first['with_results_bytes'])} in all "
        f"(median fragment {kb(first['fragment_median'])}) |",
    ]


def markdown(site: dict) -> list[str]:
    largest = site["largest_page"]
    return [
        "| output | value |",
        "|---|---|",
        f"| HTML files | {site['html_files']:,} ({site['entry_pages']:,} entry pages) |",
        f"| output size | {mb(site['bytes'])} in {site['files']:,} files "
        f"(du: {mb(site['du_kib'] * 1024)}) |",
        f"| per practice, without `downloads/` | **{kb(site['per_practice_bytes'])}** |",
        f"| Pagefind folder | {mb(site['pagefind_bytes'])} in {site['pagefind_files']:,} files, "
        f"{site['pagefind_pages']:,} records indexed |",
        f"| largest page | `{largest['path']}`, {kb(largest['bytes'])} |",
        f"| entry page, largest / median | {kb(site['largest_entry_bytes'])} / "
        f"{kb(site['median_entry_bytes'])} |",
        *search_rows(site["first_search"][UI_LANGUAGE]),
    ]
