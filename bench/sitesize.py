"""What a built site weighs: files, pages, and one UI language's search index.

For each UI language's index in `output/pagefind/`: its `pf_meta` (the list
of chunks and pages, loaded by every search), its index chunks (a one-word
query loads the one whose word range holds the word), its filter files (the
facet counts, loaded when the reader reaches for the filters) and its
fragments (one per result shown). Pagefind gzips these files itself, so
their sizes on disk are the bytes sent. What a first search really fetches is
measured in a browser by `firstsearch.py`.
"""

from __future__ import annotations

import json
import statistics
import subprocess
from pathlib import Path

UI_LANGUAGE = "en"


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


def entry_languages(pagefind: Path) -> dict:
    entry = pagefind / "pagefind-entry.json"
    return json.loads(entry.read_text(encoding="utf-8"))["languages"] if entry.is_file() else {}


def index_files(pagefind: Path, ui: str) -> dict | None:
    """Sizes of the index files of UI language `ui` (see the module's text)."""
    languages = entry_languages(pagefind)
    key = ui if ui in languages else (next(iter(languages)) if len(languages) == 1 else None)
    if key is None:
        return None
    chunks = sizes((pagefind / "index").glob(f"{key}_*.pf_index"))
    filters = sizes((pagefind / "filter").glob(f"{key}_*.pf_filter"))
    fragments = sizes((pagefind / "fragment").glob(f"{key}_*.pf_fragment"))
    return {
        "index_language": key,
        "meta_bytes": (pagefind / f"pagefind.{languages[key]['hash']}.pf_meta").stat().st_size,
        "wasm_bytes": (pagefind / f"wasm.{languages[key]['wasm']}.pagefind").stat().st_size,
        "index_chunks": len(chunks),
        "chunk_median": int(statistics.median(chunks)) if chunks else 0,
        "chunk_max": max(chunks, default=0),
        "filter_files": len(filters),
        "filter_bytes": sum(filters),
        "fragment_median": int(statistics.median(fragments)) if fragments else 0,
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
        "index_files": {
            ui: index_files(pagefind, ui) for ui in ("en", "de", "nl", "fr", "sv", "fi")
        },
    }


def kb(size: int) -> str:
    return f"{size / 1000:,.1f} kB"


def mb(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"


def search_rows(index: dict | None) -> list[str]:
    if not index:
        return [f"| search index ({UI_LANGUAGE}) | no index for this language |"]
    return [
        f"| search index of UI `{UI_LANGUAGE}`: `pf_meta`, wasm | {kb(index['meta_bytes'])}, "
        f"{kb(index['wasm_bytes'])} |",
        f"| … index chunks | {index['index_chunks']}: median {kb(index['chunk_median'])}, "
        f"largest {kb(index['chunk_max'])} |",
        f"| … filter files (facet counts) | {index['filter_files']} files, "
        f"{kb(index['filter_bytes'])} |",
        f"| … fragments (one per result shown) | median {kb(index['fragment_median'])} |",
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
        *search_rows(site.get("index_files", {}).get(UI_LANGUAGE)),
    ]
