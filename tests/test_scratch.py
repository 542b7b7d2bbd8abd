"""Where the search records are made (site/scratch.py): in memory when there is room, else
in the build's own folder, and never left behind by a build that has ended."""

from __future__ import annotations

import os
from pathlib import Path

from praxisbook.pipeline import running
from praxisbook.site import scratch


def test_a_scratch_folder_of_this_build_where_there_is_room(tmp_path: Path):
    memory, site = tmp_path / "memory", tmp_path / "site"
    memory.mkdir()
    work = scratch.scratch_for(site, 100, memory)
    assert work.parent == memory
    assert work.name.startswith(f"{scratch.PREFIX}{os.getpid()}-")
    (work / "_search").mkdir()
    scratch.remove(work, site)
    assert not work.exists()


def test_the_site_folder_where_there_is_no_room_or_no_such_file_system(tmp_path: Path):
    site = tmp_path / "site"
    site.mkdir()
    assert scratch.scratch_for(site, 10**12, tmp_path) == site  # more than any disk has
    assert scratch.scratch_for(site, 100, tmp_path / "none") == site
    scratch.remove(site, site)  # the site's own folder is never removed
    assert site.is_dir()


def test_leftovers_of_builds_that_no_longer_run_are_removed(tmp_path: Path):
    ours = tmp_path / f"{scratch.PREFIX}{os.getpid()}-a1"
    gone = tmp_path / f"{scratch.PREFIX}4194305-b2"  # above any process id Linux gives
    other = tmp_path / "someone-elses"
    for folder in (ours, gone, other):
        (folder / "_search").mkdir(parents=True)
    scratch.clear_leftovers(running, tmp_path)
    assert ours.is_dir() and other.is_dir()
    assert not gone.exists()
