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
added or removed next to a text changes what the text's checks find. The
folder is stamped too (device, inode, modification time and ctime): adding,
removing or renaming an entry changes the folder's modification time and
ctime (POSIX), so while they are as they were, so are the folder's entry
names, and only the entries need a `stat` each, not a new directory listing.
A folder is `stat`-ed before it is listed, so the names kept with its stamp
are never older than the stamp. Only stamps that settled before their folder
was checked are kept (store.py), so a change within the clock's tick cannot
hide behind a kept stamp.

A stamp is kept as the entries' names and the numbers packed into bytes: ten
thousand of them load in a few milliseconds.
"""

from __future__ import annotations

import os
import struct
import sys
from collections.abc import Mapping
from pathlib import Path
from stat import S_IFMT, S_ISREG
from typing import NamedTuple

from .problems import Problem, display_path

Stamp = tuple[tuple[str, ...], bytes]  # the names of the entries, sorted; OWN, then ENTRY of each
OWN = struct.Struct("<QQqq")  # the folder's device, inode, mtime_ns, ctime_ns
ENTRY = struct.Struct("<QQqqQ")  # an entry's kind, size, mtime_ns, ctime_ns, inode
MISSING = ENTRY.pack(0, 0, 0, 0, 0)  # a link to nothing


class Folder(NamedTuple):
    """One practice folder: its texts (`*.md`) and the stamp of it and everything in it."""

    slug: str
    files: tuple[str, ...]
    stamp: Stamp
    changed: int  # the latest ctime of the folder and what is in it (ns)


def scan(practices: Path) -> list[Folder]:
    """The practice folders that hold at least one text, sorted by slug.

    The same files as `practices.glob("*/*.md")` that are files (folders.py).
    """
    folders, _ = listing(practices)
    return [f for f in stamp_folders(practices, folders, {}) if f]


def listing(practices: Path) -> tuple[list[str], list[str]]:
    """What `practices/` holds, and the Markdown files in it, sorted by name.

    Whether an entry is a folder is left to stamping, which `stat`s each
    (`stamp_folders` finds no text in anything else).
    """
    names = sorted(_names(str(practices)))
    return names, [name for name in names if name.endswith(".md")]


def stamp_folders(practices: Path, slugs: list[str], kept: Mapping[str, Stamp]) -> list:
    """For each folder: None if it holds no text, False if its stamp is the kept one, or a Folder.

    `kept` holds settled stamps by slug (store.py).
    """
    top = str(practices)
    return [_stamp_folder(f"{top}/{slug}", slug, kept.get(slug)) for slug in slugs]


def _stamp_folder(path: str, slug: str, kept: Stamp | None) -> Folder | bool | None:
    try:
        s = os.stat(path)
    except OSError:
        return None  # gone since it was listed
    own = OWN.pack(s.st_dev, s.st_ino, s.st_mtime_ns, s.st_ctime_ns)
    if kept is not None and kept[1].startswith(own):  # the same entries as when it was kept
        if _as_kept(path, own, kept):
            return False
        names = kept[0]
    else:
        names = tuple(sorted(map(sys.intern, _names(path))))  # "de.md" kept once, not per folder
    found = _stat_all(path, names)
    packed = own + b"".join(map(_packed, found))
    files = tuple(n for n, f in zip(names, found, strict=True) if _is_text(n, f))
    changed = max([s.st_ctime_ns, *(f.st_ctime_ns for f in found if f is not None)])
    return Folder(slug, files, (names, packed), changed) if files else None


def _as_kept(path: str, own: bytes, kept: Stamp) -> bool:
    """Whether the kept entries of a folder are as they were: what nearly every folder is.

    `_stat_all` and `_packed` in one loop, which saves a tenth of the time of
    stamping ten thousand folders.
    """
    stat, pack, packed = os.stat, ENTRY.pack, [own]
    for name in kept[0]:
        try:
            s = stat(f"{path}/{name}")
        except OSError:
            packed.append(MISSING)
            continue
        packed.append(pack(S_IFMT(s.st_mode), s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_ino))
    return b"".join(packed) == kept[1]


def _names(path: str) -> list[str]:
    try:
        return os.listdir(path)
    except (FileNotFoundError, NotADirectoryError):
        return []


def _stat_all(folder: str, names: tuple[str, ...]) -> list[os.stat_result | None]:
    """What each entry names, following a symbolic link as reading it would; None: nothing."""
    found = []
    for name in names:
        try:
            found.append(os.stat(f"{folder}/{name}"))
        except OSError:
            found.append(None)
    return found


def _packed(s: os.stat_result | None) -> bytes:
    if s is None:
        return MISSING
    return ENTRY.pack(S_IFMT(s.st_mode), s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_ino)


def _is_text(name: str, s: os.stat_result | None) -> bool:
    """`*.md` as glob matches it (any name ending so, hidden ones too), and a file."""
    return name.endswith(".md") and s is not None and S_ISREG(s.st_mode)


def plain(found: list) -> list:
    """What `stamp_folders` found, as plain values (parallel.aside); `unplain` gives it back."""
    return [tuple(f) if f else f for f in found]


def unplain(found: list) -> list:
    return [Folder(*f) if f else f for f in found]


def stray_files(practices: Path, names: list[str] | None = None) -> list[Problem]:
    """Markdown files that are not in a practice folder are never built: say so.

    `names`: those files' names, when the caller has listed `practices/` already.
    """
    hint = "put each practice in its own folder: practices/<slug>/<lang>.md"
    found = sorted(practices.glob("*.md")) if names is None else [practices / n for n in names]
    return [
        Problem(display_path(p), 1, 1, "(file name)", "is not inside a practice folder", hint)
        for p in found
    ]
