"""A `practices/` folder as the file system sees it: each practice's files and their stamps.

A stamp is what the file system tells of a file without reading it: its kind,
size, modification time, inode change time (ctime) and inode number. Saving a
file changes its modification time; but a file can also change with its size
and modification time as they were (`touch -d`, `os.utime`, `cp -p`, `git
checkout` of another version, an editor that writes a new file and renames
it over the old one). The kernel sets ctime to the current time on every
change to a file's content or metadata, and no program can set it back; a
file renamed into place also brings its own inode number. So two equal stamps
mean an untouched file, except for a change made within the same tick of the
file system's clock as the stamp was taken, which store.py guards against.

Every entry of a practice folder is stamped, not only its texts: an image
added or removed next to a text changes what the text's checks find.
"""

from __future__ import annotations

import marshal
import os
from dataclasses import dataclass
from pathlib import Path
from stat import S_IFMT, S_ISREG

from .problems import Problem, display_path

Stamp = list  # [name, mode, size, mtime_ns, ctime_ns, inode]: plain, as store.py keeps it
MISSING = [0, -1, 0, 0, 0]  # a link to nothing
ASIDE_FROM = 4000  # folders from which stamping half of them in a forked process pays


@dataclass(frozen=True)
class Folder:
    """One practice folder: its texts (`*.md`) and the stamp of everything in it."""

    slug: str
    files: tuple[str, ...]
    stamp: list[Stamp]
    changed: int  # the latest ctime in it (ns): when anything in it last changed


def scan(practices: Path) -> list[Folder]:
    """The practice folders that hold at least one text, sorted by slug.

    The same files as `practices.glob("*/*.md")` that are files (folders.py),
    found with one directory listing per folder.
    """
    return _stamp(_folders_in(practices))


def _folders_in(practices: Path) -> list[os.DirEntry]:
    return sorted((e for e in _entries(practices) if e.is_dir()), key=_name)


def _stamp(folders: list[os.DirEntry]) -> list[Folder]:
    found = []
    for entry in folders:
        stamp = sorted(map(stamp_of, _entries(entry.path)))
        # `*.md` as glob matches it: any name ending so, hidden ones included
        files = tuple(s[0] for s in stamp if s[0].endswith(".md") and S_ISREG(s[1]))
        if files:
            found.append(Folder(entry.name, files, stamp, max(s[4] for s in stamp)))
    return found


def _entries(folder) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as found:
            return list(found)
    except (FileNotFoundError, NotADirectoryError):
        return []


def _name(entry: os.DirEntry) -> str:
    return entry.name


def stamp_of(entry: os.DirEntry) -> Stamp:
    """The stamp of what an entry names, following a symbolic link as reading it would."""
    try:
        s = entry.stat()
    except OSError:
        return [entry.name, *MISSING]
    return [entry.name, S_IFMT(s.st_mode), s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_ino]


def stray_files(practices: Path) -> list[Problem]:
    """Markdown files that are not in a practice folder are never built: say so."""
    hint = "put each practice in its own folder: practices/<slug>/<lang>.md"
    return [
        Problem(display_path(p), 1, 1, "(file name)", "is not inside a practice folder", hint)
        for p in sorted(practices.glob("*.md"))
    ]


def scan_aside(practices: Path, aside: bool = True):
    """`scan(practices)` on two cores: half of it in a forked process.

    Stamping is mostly waiting on system calls, one or two per file. Returns a
    function that gives the folders once both halves are done, so that the
    caller can load its kept results meanwhile. Small catalogues, machines
    without `fork` and `aside` false stamp here, at once.
    """
    folders = _folders_in(practices)
    if not aside or not hasattr(os, "fork") or len(folders) < ASIDE_FROM:
        found = _stamp(folders)
        return lambda: found
    half = len(folders) // 2
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child, which never returns
        _stamp_into(writing, folders[:half])
    os.close(writing)
    mine = _stamp(folders[half:])
    return lambda: _stamps_from(reading, child, folders[:half]) + mine


def _stamp_into(writing: int, folders: list[os.DirEntry]) -> None:
    """In the child: write the stamps as plain values, then leave at once."""
    try:
        plain = [(f.slug, f.files, f.stamp, f.changed) for f in _stamp(folders)]
        with os.fdopen(writing, "wb") as out:
            out.write(marshal.dumps(plain))
    finally:
        os._exit(0)  # no exit handlers, no buffers of the parent written twice


def _stamps_from(reading: int, child: int, folders: list[os.DirEntry]) -> list[Folder]:
    with os.fdopen(reading, "rb") as given:
        data = given.read()
    os.waitpid(child, 0)
    try:
        return [Folder(*plain) for plain in marshal.loads(data)]
    except (EOFError, ValueError, TypeError):  # the child failed: stamp its half here
        return _stamp(folders)
