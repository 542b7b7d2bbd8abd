"""The Downloads page: it lists exactly the files that are on disk, with their sizes.

Every build publishes the open data (`opendata.py`); `praxisbook export
downloads` adds the offline bundles and booklets under `downloads/` with a
`manifest.json`. Both end by re-rendering `/<ui>/downloads/` from what is
really there, with sizes in the page's locale. Nothing depends on the clock
or on the order of a folder listing, so two runs give the same bytes.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from babel.units import format_unit

from .pages import Page
from .render import write_pages

TENTH = Decimal("0.1")
FOLDER = "downloads"
MANIFEST = f"{FOLDER}/manifest.json"
OPEN_DATA = (  # path, kind, format: written by every build (opendata.py)
    ("catalogue-excel.csv", "spreadsheet", "CSV"),  # first: what most readers can open
    ("catalogue.json", "catalogue", "JSON"),
    ("catalogue.csv", "table", "CSV"),
    ("dcat.jsonld", "dcat", "JSON-LD"),
    ("schema/practice.schema.json", "schema", "JSON Schema"),
    ("schema/catalogue.schema.json", "catalogue-schema", "JSON Schema"),
)


def human_size(size: int, locale: str) -> str:
    """'1.2 MB', '1,2 Mo', '340 kB' … in decimal units, as file managers show them.

    The value always has a fraction digit (shown only when not zero): for a
    whole 1, Babel 2.18 picks the 'one' pattern, which German lacks, and
    falls back to '1 kbyte'.
    """
    megabytes = size >= 1_000_000
    value = size / 1e6 if megabytes else max(1, round(size / 1e3))
    unit = "digital-megabyte" if megabytes else "digital-kilobyte"
    return format_unit(Decimal(value).quantize(TENTH), unit, "short", locale=locale)


def open_data(site_dir: Path) -> list[dict]:
    return [
        {"path": path, "kind": kind, "format": fmt, "lang": "",
         "bytes": (site_dir / path).stat().st_size}
        for path, kind, fmt in OPEN_DATA
        if (site_dir / path).is_file()
    ]  # fmt: skip


def read_manifest(site_dir: Path) -> list[dict]:
    manifest = site_dir / MANIFEST
    if not manifest.is_file():
        return []
    files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    return [f for f in files if (site_dir / f["path"]).is_file()]


def listing(site_dir: Path, ui: str) -> list[dict]:
    """What the Downloads page in `ui` offers: exports first, then open data."""
    return [
        {**item, "size": human_size(item["bytes"], ui)}
        for item in read_manifest(site_dir) + open_data(site_dir)
    ]


def refresh_pages(site, site_dir: Path, get_template) -> None:
    """Re-render every `/<ui>/downloads/` page from the files in `site_dir`, written as the
    build writes every page (its menu and footer come from the theme too)."""
    pages = [
        Page("downloads", ui, "downloads", None, {"downloads": listing(site_dir, ui)})
        for ui in site.ctx.languages
    ]
    write_pages(site, get_template, site_dir, pages)
