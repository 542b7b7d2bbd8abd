"""Validation results kept between runs, so that an unchanged practice is not read again.

JSON files in `.cache/praxisbook/validation/` hold, for each practice
folder, the stamp of everything in it (stamps.py), the problems
its own checks found and its index entries (index.py). A run reads and checks
only the folders whose stamp changed, and runs the rules across practices on
the index of all of them. What the cache holds can never hide a problem:

- **Keyed by everything else that decides a result:** the validation engine's
  source (every module of `catalogue/`), the schema and vocabularies (their
  bytes), the libraries that read and check (each one's installed files),
  Python's version and today's date (rules such as "last reviewed more than
  two years ago" depend on it). A change to any of them empties the cache.
- **Stamps, not contents:** a folder is read again when any entry in it was
  added, removed or changed in kind, size, modification time, ctime or inode.
- **No trust within a tick:** file systems stamp times with a coarse clock; a
  change made just after a folder was stamped, within the same tick, could
  leave its stamp as it was. A folder that changed less than MARGIN before it
  was last checked is therefore checked again, as git does with "racily clean"
  files.
- **Written whole or not at all:** written to a temporary file, then renamed
  over the old one. A cache that cannot be read, or is not what this code
  writes, counts as empty and is replaced; one that cannot be written is left.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import sys
import zlib
from importlib.util import find_spec
from pathlib import Path

from .index import Entry
from .problems import Problem
from .stamps import Folder

Result = tuple[list[Problem], list[Entry]]

FORMAT = 1  # of the files; part of the key
SHARDS = 32
MARGIN = 2_000_000_000  # ns: coarser than any file system's clock tick for ctime
LIBRARIES = ("yaml", "jsonschema", "jsonschema_rs", "referencing", "markdown", "nh3", "babel")
ENGINE = Path(__file__).resolve().parent  # catalogue/: every module that decides a problem


class Store:
    """The kept results of one `practices/` folder, in SHARDS files under `folder`.

    Each folder's result lives in one shard, chosen by its slug, so that a run
    that checked a few practices rewrites only their shards. `folder` None keeps
    nothing; `trust` False ignores what is kept and replaces it.
    """

    def __init__(self, folder: Path | None, key: str, trust: bool = True):
        self.folder, self.key = folder, key
        self.shards = [self.load(i) if folder and trust else {} for i in range(SHARDS)]
        self.dirty = set() if folder and trust else set(range(SHARDS))

    def load(self, shard: int) -> dict[str, dict]:
        try:
            data = json.loads((self.folder / f"{shard:02d}.json").read_bytes())
            if data["format"] == FORMAT and data["key"] == self.key:
                return dict(data["folders"])
        except Exception:  # missing, unreadable, half-written or foreign: start afresh
            pass
        return {}

    def result(self, folder: Folder) -> Result | None:
        """The kept result of a folder, if nothing in it changed since it was checked."""
        kept = self.shards[shard_of(folder.slug)].get(folder.slug)
        if kept is None or kept["stamp"] != folder.stamp:
            return None
        if folder.changed >= kept["checked"] - MARGIN:
            return None  # changed within a clock tick of being checked: check again
        return decode(kept["problems"], kept["entries"])

    def keep(self, folder: Folder, checked: int, problems: list, entries: list) -> Result:
        """Keep a folder's new result (plain values); returns it decoded."""
        shard = shard_of(folder.slug)
        plain = {"stamp": folder.stamp, "checked": checked}
        self.shards[shard][folder.slug] = {**plain, "problems": problems, "entries": entries}
        self.dirty.add(shard)
        return decode(problems, entries)

    def forget_others(self, slugs: set[str]) -> None:
        """Drop the folders that are gone, so that the files never outgrow the catalogue."""
        for i, shard in enumerate(self.shards):
            gone = set(shard) - slugs
            for slug in gone:
                del shard[slug]
            if gone:
                self.dirty.add(i)

    def save(self) -> None:
        if self.folder is None:
            return
        for i in sorted(self.dirty):
            data = {"format": FORMAT, "key": self.key, "folders": self.shards[i]}
            try:
                write_atomically(self.folder / f"{i:02d}.json", json.dumps(data).encode("utf-8"))
            except OSError:
                return  # a read-only checkout: the next run checks again


def shard_of(slug: str) -> int:
    return zlib.crc32(slug.encode("utf-8")) % SHARDS


def decode(problems: list, entries: list) -> Result:
    """A folder's result from plain values: problems (paths `<slug>/<file>`) and entries."""
    return [Problem(*p) for p in problems], [Entry(*e) for e in entries]


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
