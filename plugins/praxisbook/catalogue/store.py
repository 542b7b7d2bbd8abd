"""Validation results kept between runs, so that an unchanged practice is not read again.

Files in `.cache/praxisbook/validation/` hold, for each practice folder, the
stamp of it and everything in it (stamps.py), the problems its own checks
found and its index entries (index.py). A run reads and checks only the
folders whose stamp changed, and runs the rules across practices on the index
of all of them. What the cache holds can never hide a problem:

- **Keyed by everything else that decides a result:** the validation engine's
  source (every module of `catalogue/`), the schema and vocabularies (their
  bytes), the libraries that read and check (each one's installed files),
  Python's version and today's date (rules such as "last reviewed more than
  two years ago" depend on it). A change to any of them empties the cache.
- **Stamps, not contents:** a folder is read again when it, or any entry in
  it, was added, removed or changed in kind, size, modification time, ctime
  or inode.
- **No trust within a tick:** file systems stamp times with a coarse clock; a
  change made just after a folder was stamped, within the same tick, could
  leave its stamp as it was. The result of a folder that changed less than
  MARGIN before the run that checked it began is therefore not kept: the next
  run lists and checks it again, as git does with "racily clean" files.
- **Written whole or not at all:** written to a temporary file, then renamed
  over the old one. A file that does not begin with this code's format and
  the key counts as empty and is replaced; one that cannot be written is left.

The files are Python's `marshal` format: plain values, loaded several times
faster than JSON. It differs between Python versions, which are in the key,
and only a file that begins with the key is ever unmarshalled.
"""

from __future__ import annotations

import datetime
import hashlib
import marshal
import mmap
import os
import sys
import zlib
from dataclasses import dataclass, field
from functools import cached_property
from importlib.util import find_spec
from pathlib import Path

from .index import Entry
from .problems import Problem
from .stamps import Folder, Stamp

FORMAT = 2  # of the files; part of the key
SHARDS = 32
MARGIN = 2_000_000_000  # ns: coarser than any file system's clock tick for ctime
LIBRARIES = ("yaml", "jsonschema", "jsonschema_rs", "referencing", "markdown", "nh3", "babel")
ENGINE = Path(__file__).resolve().parent  # catalogue/: every module that decides a problem
LENGTH = 8  # bytes that give the length of a shard's stamps, after its header


def settled(folder: Folder, started: int) -> bool:
    """Whether a folder stamped during a run that `started` (ns) may be kept with that stamp:
    it changed at least MARGIN before, so a change within the same tick would show."""
    return folder.changed < started - MARGIN


@dataclass
class Results:
    """Folders' results, decoded: texts and index entries by slug, problems only where any."""

    texts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    problems: dict[str, list[Problem]] = field(default_factory=dict)

    def put(self, slug: str, texts: tuple[str, ...], problems: list, entries: list) -> None:
        """A folder's result from plain values, in place of any it had."""
        self.texts[slug], self.entries[slug] = texts, [Entry(*e) for e in entries]
        self.problems.pop(slug, None)
        if problems:
            self.problems[slug] = [Problem(*p) for p in problems]


class Store:
    """The kept results of one `practices/` folder, in SHARDS files under `folder`.

    Each folder's result lives in one shard, chosen by its slug, so that a run
    that checked a few practices rewrites only their shards. A shard holds two
    parts: the folders' stamps, then their outcomes; a process that only
    stamps loads only the first. The files are read when the store is made
    and decoded when first needed, so that a forked process decodes the same
    bytes. `folder` None keeps nothing; `trust` False ignores what is kept and
    replaces it.
    """

    def __init__(self, folder: Path | None, key: str, trust: bool = True):
        self.folder, self.header = folder, f"praxisbook validation {FORMAT} {key}\n".encode()
        self.raw = [self.read(i) if folder and trust else b"" for i in range(SHARDS)]
        self.dirty = set() if folder and trust else set(range(SHARDS))

    def read(self, shard: int) -> memoryview:
        """A shard's two parts, undecoded; empty if it is missing or another key's.

        The file is mapped, not read: copying megabytes into fresh memory costs
        more than decoding them where they lie. It is never changed in place
        (`write_atomically`), so the mapping holds what was there when it was made.
        """
        try:
            with open(self.folder / f"{shard:02d}.marshal", "rb") as file:
                data = _mapped(file)
        except OSError:
            return memoryview(b"")
        ours = data[: len(self.header)] == self.header  # never unmarshal another key's
        return memoryview(data)[len(self.header) :] if ours else memoryview(b"")

    @cached_property
    def stamps(self) -> list[dict[str, Stamp]]:
        found = [_decoded(raw[LENGTH : LENGTH + _length(raw)]) for raw in self.raw]
        return [part if isinstance(part, dict) else {} for part in found]

    @cached_property
    def outcomes(self) -> list[tuple[dict, dict, dict]]:
        """Each shard's texts, problems (where any) and index entries by slug, as plain values.

        A folder with a stamp and no texts or entries fails `results`: the run starts afresh.
        """
        return [_parts(_decoded(raw[LENGTH + _length(raw) :], ())) for raw in self.raw]

    @cached_property
    def settled(self) -> dict[str, Stamp]:
        """The kept stamps by slug: each settled before its folder was checked (`keep`)."""
        found: dict[str, Stamp] = {}
        for shard in self.stamps:
            found.update(shard)
        return found

    def results(self) -> Results:
        """Every kept result, decoded, in no order."""
        found = Results()
        for texts, problems, entries in self.outcomes:
            found.texts.update(texts)
            found.entries.update({s: [Entry(*e) for e in kept] for s, kept in entries.items()})
            found.problems.update({s: [Problem(*p) for p in kept] for s, kept in problems.items()})
        return found

    def keep(self, folder: Folder, started: int, problems: list, entries: list) -> None:
        """Keep a folder's new result, as plain values, if it settled before the run `started`.

        A folder that changed less than MARGIN before may have changed again
        since it was stamped with its stamp as it was: its result is dropped.
        """
        shard, slug = shard_of(folder.slug), sys.intern(folder.slug)
        texts, kept_problems, kept_entries = self.outcomes[shard]
        for part in (self.stamps[shard], texts, kept_problems, kept_entries):
            part.pop(slug, None)
        if settled(folder, started):
            self.stamps[shard][slug], texts[slug], kept_entries[slug] = (
                folder.stamp,
                folder.files,
                entries,
            )
            if problems:
                kept_problems[slug] = problems
        self.dirty.add(shard)

    def forget_others(self, slugs: list[str]) -> None:
        """Drop the folders that are gone, so that the files never outgrow the catalogue."""
        present = set(slugs)
        for i, kept in enumerate(self.stamps):
            if not present.issuperset(kept):
                for part in (kept, *self.outcomes[i]):
                    for slug in set(part) - present:
                        del part[slug]
                self.dirty.add(i)

    def save(self) -> None:
        if self.folder is None:
            return
        written = {i: self.encoded(i) for i in sorted(self.dirty)}
        self.raw = []  # no longer mapped: some systems refuse to replace a mapped file
        try:
            for i, data in written.items():
                write_atomically(self.folder / f"{i:02d}.marshal", data)
            for old in self.folder.glob("*.json"):  # the files of FORMAT 1
                old.unlink()
        except OSError:
            return  # a read-only checkout: the next run checks again

    def encoded(self, shard: int) -> bytes:
        stamps, outcomes = marshal.dumps(self.stamps[shard]), marshal.dumps(self.outcomes[shard])
        return self.header + len(stamps).to_bytes(LENGTH, "little") + stamps + outcomes


def _mapped(file) -> mmap.mmap | bytes:
    """A file's bytes, mapped where the system can map it (an empty file cannot be)."""
    try:
        return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return file.read()


def _length(raw: memoryview) -> int:
    return int.from_bytes(raw[:LENGTH], "little")


def _decoded(part: memoryview, empty=None):
    """A part of a shard as written, or `empty` ({}) if marshal cannot read it."""
    try:
        return marshal.loads(part)
    except Exception:  # half-written or foreign: start afresh
        return {} if empty is None else empty


def _parts(found: object) -> tuple[dict, dict, dict]:
    """Three dicts, as `Store.outcomes` keeps them, or three empty ones."""
    ok = isinstance(found, tuple) and len(found) == 3 and all(isinstance(d, dict) for d in found)
    return found if ok else ({}, {}, {})


def shard_of(slug: str) -> int:
    return zlib.crc32(slug.encode("utf-8")) % SHARDS


def write_atomically(path: Path, data: bytes) -> None:
    """Write a temporary file beside `path`, then rename it over `path`."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def engine_key(schema_dir: Path, today: datetime.date) -> str:
    """A digest of everything besides the practice files that decides validation's results."""
    digest = hashlib.sha256(f"{FORMAT} {sys.version} {today.isoformat()}".encode())
    schema_files = [schema_dir / "practice.schema.json", *(schema_dir / "vocabularies").glob("*")]
    for path in sorted(ENGINE.glob("*.py")) + sorted(schema_files):
        digest.update(f"\0{path.name}\0".encode() + _bytes(path))
    for name in LIBRARIES:
        digest.update(f"\0{name}\0{_installed(name)}".encode())
    return digest.hexdigest()


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"(unreadable)"


def _installed(name: str) -> str:
    """Which copy of a library is installed, without importing it: its file's stamp."""
    spec = find_spec(name)
    if spec is None or not spec.origin:
        return "(none)"
    s = os.stat(spec.origin)
    return f"{spec.origin} {s.st_size} {s.st_mtime_ns} {s.st_ino}"
