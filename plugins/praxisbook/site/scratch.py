"""Where the search records and Pagefind's own output are kept while the index is made.

Both are intermediate: at 2,000 practices, 12,000 records and as many of
Pagefind's page files, each written, read once and deleted within seconds of
the build. On the disk of the machine this project is measured on, creating
and deleting them cost more processor time in the kernel than making them
(docs/performance.md, "Intermediate files in memory"). In a file system held
in memory (a tmpfs: `/dev/shm` on Linux) that cost is a fraction.

So they go there, in a folder named after the build's process, when that file
system exists and has room to spare; otherwise (another system, a small
container's `/dev/shm`) inside the build's own temporary folder, as before.
The site itself is always built on disk. The pipeline removes the folder when
the build ends, fails or is stopped; the next build removes the folder of one
that was killed (`clear_leftovers`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

TMPFS = Path("/dev/shm")
PREFIX = "praxisbook-scratch-"
# Room a record and its share of Pagefind's output take (tmpfs keeps whole 4 kB pages per
# file; two UI languages are indexed at once): 12 kB per practice and UI language is twice
# what 2,000 practices took. Used only if twice the estimate is free.
BYTES_PER_RECORD = 12 * 1024


def scratch_for(site_dir: Path, records: int, tmpfs: Path = TMPFS) -> Path:
    """A folder for `records` search records and their indexing: in `tmpfs` if it has room,
    else `site_dir` itself."""
    need = 2 * records * BYTES_PER_RECORD
    try:
        if not tmpfs.is_dir() or shutil.disk_usage(tmpfs).free < need:
            return site_dir
        return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=tmpfs))
    except OSError:  # not writable, or gone
        return site_dir


def remove(scratch: Path, site_dir: Path) -> None:
    """Delete a scratch folder made by `scratch_for` (not `site_dir`, the site's own)."""
    if scratch != site_dir:
        shutil.rmtree(scratch, ignore_errors=True)


def clear_leftovers(running, tmpfs: Path = TMPFS) -> None:
    """Remove the scratch folders of builds whose process no longer runs (`running(pid)`)."""
    for folder in tmpfs.glob(f"{PREFIX}*-*") if tmpfs.is_dir() else ():
        pid = folder.name.removeprefix(PREFIX).split("-", 1)[0]
        if pid.isdigit() and not running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
