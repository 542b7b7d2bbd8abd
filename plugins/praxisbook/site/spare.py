"""The site before last, kept as a spare that the next build writes over.

A build renders into a temporary folder beside `output/` and swaps it in
(pipeline.py). The site it replaces used to be deleted: at 2,000 practices
25,000 files and 13,000 folders. On the file system of the machine this
project is measured on (ext4 without a journal) that deletion is what makes
the next build slow: such a file system does not hand out an inode again
within a minute of freeing it (six minutes while the freed inode is not yet
written back), and every file or folder created in that time first steps over
each inode freed near it. A folder with a file then took 5 to 16 times as
much processor time to create, and a build from scratch right after another
took 25 s instead of 21 s (docs/performance.md, "Freed inodes"), whether our
own build or another program had freed them.

So the replaced site is kept as a spare (`.output.spare`, beside `output/`),
and the next build takes it as its temporary folder: every file it writes
again is written over in place and keeps its inode, every folder is already
there, and nothing is created or freed for them. Before the swap, `sweep`
deletes what the build did not write again (a practice that was removed, an
index file under a new name), so the site is exactly what a build into an
empty folder writes (tests/test_spare.py). The price is a second copy of the
site on disk between builds; `make clean` removes it.

- A file the build writes, links or copies gets a new change time (ctime),
  so a file whose inode and change time are as they were when the spare was
  taken was not written again: that is the whole test, with no clock compared
  across processes.
- A file of the spare that is also a file of the live site (a hard link made
  by the page cache, pagecache.py) is unlinked first: writing over it in place
  would change the live site before the swap.
- A spare left by another version of the engine is not used: its folders and
  files may not have the shapes this version writes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .pagecache import engine_digest

MARK = ".praxisbook-spare"  # in the spare: the engine that built it


@dataclass(frozen=True)
class Taken:
    folder: Path
    files: dict[str, tuple[int, int]]  # path below `folder` → (inode, ctime in ns)
    folders: list[str]  # every folder below it, parents first


def spare_of(output: Path) -> Path:
    return output.with_name(f".{output.name}.spare")


def keep(old: Path, output: Path) -> bool:
    """Keep `old` (the site just replaced) as the spare of `output`; False if there is
    one already (another build's), and `old` is the caller's to remove."""
    spare = spare_of(output)
    if spare.exists():
        return False
    (old / MARK).write_text(engine_digest(), encoding="ascii")
    try:
        old.rename(spare)
    except OSError:  # another build kept its own in the meantime
        return False
    return True


def take(output: Path, staging: Path) -> Taken | None:
    """Move the spare of `output` to `staging` and note its files; None if there is no
    spare this engine can use (it is left where it is)."""
    spare = spare_of(output)
    try:
        if (spare / MARK).read_text(encoding="ascii") != engine_digest():
            return None
        spare.rename(staging)  # atomic: of two builds at once, one gets it
    except (OSError, ValueError):
        return None
    (staging / MARK).unlink()
    taken = Taken(staging, {}, [])
    _note(taken, str(staging), "")
    return taken


def _note(taken: Taken, folder: str, prefix: str) -> None:
    """Note the inode and ctime of every file below `folder`, and every folder; a file with
    other links is unlinked instead (it is also the live site's)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            name = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                taken.folders.append(name)
                _note(taken, entry.path, name + "/")
                continue
            info = entry.stat(follow_symlinks=False)
            if info.st_nlink > 1:
                os.unlink(entry.path)
            else:
                taken.files[name] = (info.st_ino, info.st_ctime_ns)


def write_over(path: Path | str, data: bytes) -> None:
    """Write `data` as the file `path`, over the spare's file there without truncating it
    first, then cut off what is left of a longer old file.

    Why not `open(path, "w")`: truncating frees the file's blocks, which on the disk this
    is measured on (ext4 mounted with `discard`) waits for the device to discard them, and
    ext4 then writes a file truncated to nothing back to disk as soon as it is closed.
    Rewriting 10,000 files of 12 kB took 1.1 s that way and 0.1 s in place
    (docs/performance.md, "Writing over in place"). A file with other links (the live
    site's, pagecache.py) is never written into: it is replaced.
    """
    handle, size = _open_unshared(path)
    with os.fdopen(handle, "wb") as out:  # a handle given: "w" truncates nothing
        out.write(data)
        if size > len(data):
            out.truncate(len(data))


def _open_unshared(path: Path | str) -> tuple[int, int]:
    """A handle to write `path` with, and the size of the file there (0 if none or if it
    had other links, in which case it was replaced by a new one)."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o666)
    found = os.fstat(handle)
    if found.st_nlink <= 1:
        return handle, found.st_size
    os.close(handle)
    os.unlink(path)
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666), 0


def sweep(taken: Taken) -> int:
    """Delete every file of the spare that the build did not write again, and the folders
    that leaves empty; returns how many files."""
    root = str(taken.folder)  # plain strings: 25,000 files at 2,000 practices
    stale = [f"{root}/{name}" for name, was in taken.files.items() if _as_taken(root, name, was)]
    for path in stale:
        os.unlink(path)
    for name in reversed(taken.folders):  # children first
        try:
            os.rmdir(f"{root}/{name}")
        except OSError:  # not empty: the build wrote into it
            pass
    return len(stale)


def _as_taken(root: str, name: str, was: tuple[int, int]) -> bool:
    try:
        info = os.lstat(f"{root}/{name}")
    except OSError:  # removed by the build itself, or a folder on its way
        return False
    return (info.st_ino, info.st_ctime_ns) == was
