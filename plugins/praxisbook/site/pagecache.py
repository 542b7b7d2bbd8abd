"""Take over the pages of the previous build whose inputs did not change.

A page is a function of the engine, the theme, the schema, the settings and
what its template is given (`Page.data`): the practice and its related
practices, or the practices of a listing. Each page gets a key, a digest of
all of that, with every practice in its data standing for the bytes of its
files. When the previous build wrote a page under the same key and the file
is still as that build left it (same size, time and inode), the new build
links the file instead of rendering it again.

Only the kinds of page whose templates read nothing but their data are taken
over (`CACHED`); home, browse, search and the other pages that show counts or
parts of the whole catalogue are always rendered. A value in a page's data
that this module does not know makes the page render too: the cache may miss,
never serve a stale page. `tests/test_pagecache.py` builds the same catalogue
with and without the cache after edits and compares every byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path

from ..catalogue.model import Practice
from .pages import Deferred, Page, Term

# Page kinds whose templates read only their page's data (and the build's inputs).
CACHED = ("practice", "term", "home-page", "compare-facts")
PARTS = ("pages", "search")
LIBRARIES = ("jinja2", "markupsafe", "markdown", "babel", "pelican", "nh3", "pagefind")
ENGINE = Path(__file__).resolve().parents[1]  # the praxisbook package


class Unknown(Exception):
    """A value whose inputs this module cannot name: its page is rendered, not taken over."""


def tree_digest(*roots: Path) -> str:
    """A digest of every file's name and bytes below `roots` (or of the files themselves)."""
    digest = hashlib.sha256()
    for root in roots:
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for path in files:
            if path.exists() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root.parent)).encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


@cache
def engine_digest() -> str:
    """The engine's own source: a change to the code renders and indexes everything again."""
    return tree_digest(ENGINE)


def settings_files(project) -> list[Path]:
    return [project.settings_file, project.root / "publishconf.py"]


def build_inputs(site, dated: bool = True) -> str:
    """A digest of everything every page depends on: engine, libraries, theme, schema, settings
    (and the build date, which every page's footer shows, unless not `dated`)."""
    ctx, project = site.ctx, site.ctx.project
    versions = {name: metadata.version(name) for name in LIBRARIES}
    settings = json.dumps(dict(ctx.settings), sort_keys=True, default=lambda o: type(o).__name__)
    context = [ctx.languages, ctx.mode, ctx.bundle, ctx.repository]
    context += [ctx.build_date.isoformat()] if dated else []
    parts = [
        engine_digest(),
        tree_digest(project.theme, project.schema_dir, *settings_files(project)),
        json.dumps([versions, settings, context], sort_keys=True, default=str),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def practice_digest(practice: Practice) -> str:
    """The bytes of a practice's files, as read: what its pages and rows are made of."""
    digest = hashlib.sha256(practice.slug.encode())
    for version in sorted(practice.versions.values(), key=lambda v: v.lang):
        front = json.dumps(version.front_matter, sort_keys=True, default=str, ensure_ascii=False)
        digest.update(f"\0{version.path.name}\0{front}\0{version.body}".encode())
    return digest.hexdigest()


@dataclass
class Fingerprints:
    """Stand-ins for what page data holds, computed once per practice."""

    practices: dict[str, str] = field(default_factory=dict)

    def of(self, value: object) -> object:
        if isinstance(value, Practice):
            return ["practice", value.slug, self.practice(value)]
        if isinstance(value, Deferred):
            return ["deferred", self.of(list(value.inputs))]
        if isinstance(value, Term):
            return ["term", value.facet.key, value.id, value.label, self.of(value.practices)]
        if isinstance(value, list | tuple):
            return [self.of(item) for item in value]
        if isinstance(value, dict):
            return {str(key): self.of(item) for key, item in sorted(value.items())}
        if value is None or isinstance(value, str | int | float | bool):
            return value
        raise Unknown(type(value).__name__)

    def practice(self, practice: Practice) -> str:
        if practice.slug not in self.practices:
            self.practices[practice.slug] = practice_digest(practice)
        return self.practices[practice.slug]


def page_keys(site, pages: list[Page]) -> dict[str, str]:
    """Page path → key, for the pages that may be taken over."""
    inputs, prints, keys = build_inputs(site), Fingerprints(), {}
    for page in pages:
        if page.kind not in CACHED:
            continue
        try:
            data = prints.of(page.data)
        except Unknown:
            continue
        text = json.dumps([inputs, page.path, page.template, data], sort_keys=True)
        keys[page.path] = hashlib.sha256(text.encode()).hexdigest()
    return keys


# --- the record of what the last build wrote ----------------------------------------------


def manifest_path(site, output: Path) -> Path:
    """One record per output folder, in the project's cache (not in the published site)."""
    name = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:16]
    return site.ctx.project.cache / "pages" / f"{name}.json"


def stamp(path: Path) -> list[int]:
    info = path.stat()
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def load(path: Path) -> dict:
    """The last build's record: `pages` (path → [key, size, mtime, inode]) and `search`
    (UI language → [key, files' digest]); empty parts if it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    parts = {name: data.get(name) if isinstance(data, dict) else None for name in PARTS}
    return {name: part if isinstance(part, dict) else {} for name, part in parts.items()}


def save(path: Path, keys: dict[str, str], output: Path, search: dict) -> None:
    """Write the record of `output` atomically (a half-written one would be ignored)."""
    pages = {p: [key, *stamp(output / p)] for p, key in keys.items() if (output / p).is_file()}
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(f"{path.name}.{os.getpid()}")
    text = json.dumps({"pages": pages, "search": search}, sort_keys=True)
    scratch.write_text(text, encoding="utf-8")
    os.replace(scratch, path)


def forget(site, output: Path) -> None:
    """Drop the record, for a writer that changes `output` in place (the live preview)."""
    manifest_path(site, output).unlink(missing_ok=True)


def reusable(keys: dict[str, str], record: dict, previous: Path) -> set[str]:
    """The paths whose file in `previous` was written under the same key and left as it was."""
    found = set()
    for path, key in keys.items():
        entry = record.get(path)
        if entry and entry[0] == key and _unchanged(previous / path, entry[1:]):
            found.add(path)
    return found


def _unchanged(path: Path, stamps: list) -> bool:
    try:
        return stamp(path) == stamps
    except OSError:
        return False


def take_over(paths: set[str], previous: Path, target: Path) -> None:
    """Hard-link (or, across file systems, copy) the reused pages into the new build."""
    trash = trash_for(previous)
    for path in sorted(paths):
        link_or_copy(previous / path, target / path, trash)


def trash_for(output: Path) -> Path:
    """Where a build taking files over from `output` puts the files they replace: named
    after the build, so that a build that dies leaves it to the next one to remove."""
    return output.with_name(f".{output.name}.replaced-{os.getpid()}")


def link_or_copy(source: Path, destination: Path, trash: Path | None = None) -> None:
    """Hard-link `source` as `destination`, in place of the file there (the spare's,
    site/spare.py: copying over it would cost a read and a write a page); across file
    systems, copy.

    The file there goes into `trash`, if given, which the build deletes in the background
    when it is done: deleting it here would free its blocks, and on the disk this is
    measured on that waits for the device (docs/performance.md, "Writing over in place").
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    out_of_the_way(destination, trash)
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def out_of_the_way(path: Path, trash: Path | None) -> None:
    """Remove `path`: into `trash` if it is the file's only link (deleting it would free it),
    unlinked if not (or with no trash)."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return
    if trash is None or found.st_nlink > 1:
        os.unlink(path)
        return
    try:
        os.rename(path, trash / str(found.st_ino))
    except FileNotFoundError:  # the first file of this build: no trash yet
        trash.mkdir(exist_ok=True)
        os.rename(path, trash / str(found.st_ino))
