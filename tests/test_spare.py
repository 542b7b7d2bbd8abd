"""The site before last is kept as a spare and written over by the next build
(site/spare.py): the result is what a build into an empty folder writes, and the live
site is never written through it."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from praxisbook.pipeline import build
from praxisbook.site import indexing, pagecache, spare

from .conftest import DUTCH, write_practice
from .test_pagecache import differences, edit, from_scratch, inodes, project, tree

__all__ = ["project"]  # the fixture, shared with test_pagecache.py


def files_and_folders(folder: Path) -> list[str]:
    return sorted(
        str(p.relative_to(folder)) + ("/" if p.is_dir() else "") for p in folder.rglob("*")
    )


def test_a_build_writes_over_the_site_before_last_and_leaves_nothing_stale(project, tmp_path):
    build(project, cache=False)
    page = "en/practices/school-network/index.html"
    # Held open, the first site's file cannot be freed and its inode given to another file.
    first = (project.output / page).open("rb")
    build(project, cache=False)
    assert spare.spare_of(project.output).is_dir()
    edit(project, "zone-1", "nl", "van zone 1", "van de nieuwe zone")
    shutil.rmtree(project.practices / "zone-2")
    write_practice(
        project.root, "zone-9", "nl", DUTCH.replace("former_slugs: [bruno-attitudes]\n", "")
    )
    build(project, cache=False)
    fresh = from_scratch(project, tmp_path)
    assert differences(project.output, fresh) == []
    assert files_and_folders(project.output) == files_and_folders(fresh)  # no empty folder left
    with first:
        assert os.fstat(first.fileno()).st_ino == (project.output / page).stat().st_ino
        assert first.read() == (fresh / page).read_bytes()  # the same file, written over
    assert not list(project.output.glob("*/practices/zone-2"))


def test_writing_into_a_taken_spare_never_reaches_the_live_site(project, tmp_path):
    build(project)
    build(project)  # takes pages over by hard links: the spare shares files with the site
    live = project.output
    folder = spare.spare_of(live)
    shared = {str(p.relative_to(folder)) for p in folder.rglob("*.html") if p.stat().st_nlink > 1}
    assert "en/practices/school-network/index.html" in shared
    before = tree(live)
    taken = spare.take(live, tmp_path / "staging")
    assert taken is not None
    for path in (tmp_path / "staging").rglob("*.html"):
        path.write_text("written over", encoding="utf-8")
    assert tree(live) == before
    assert not shared & taken.files.keys()  # unlinked, not noted to be written over


def test_pages_taken_over_are_linked_in_place_of_the_spares_files(project, tmp_path):
    build(project, cache=False)
    build(project, cache=False)  # the spare's files are its own, not the live site's
    build(project)
    before = inodes(project.output)
    edit(project, "school-network", "de", "treffen sich", "treffen sich monatlich")
    build(project)
    after = inodes(project.output)
    assert (
        after["en/practices/bruno-attitudes/index.html"]
        == before["en/practices/bruno-attitudes/index.html"]
    )  # linked from the last build, not copied over the spare's file
    assert (
        after["de/practices/school-network/index.html"]
        != before["de/practices/school-network/index.html"]
    )
    assert differences(project.output, from_scratch(project, tmp_path)) == []


def test_a_spare_that_another_engine_left_is_not_used(project, tmp_path):
    build(project, cache=False)
    build(project, cache=False)
    other = spare.spare_of(project.output)
    (other / spare.MARK).write_text("another engine", encoding="ascii")
    shutil.rmtree(other / "en" / "practices")
    (other / "en" / "practices").write_text("a file where this engine needs a folder")
    build(project, cache=False)
    assert differences(project.output, from_scratch(project, tmp_path)) == []
    assert (other / spare.MARK).read_text(encoding="ascii") != "another engine"  # a new spare


def test_files_the_build_did_not_write_again_are_swept(tmp_path):
    output = tmp_path / "output"
    (output / "de" / "gone").mkdir(parents=True)
    (output / "de" / "gone" / "index.html").write_text("old", encoding="utf-8")
    (output / "de" / "index.html").write_text("old", encoding="utf-8")
    assert spare.keep(output, tmp_path / "site")
    taken = spare.take(tmp_path / "site", tmp_path / "staging")
    (tmp_path / "staging" / "de" / "index.html").write_text("new", encoding="utf-8")
    assert spare.sweep(taken) == 1
    assert files_and_folders(tmp_path / "staging") == ["de/", "de/index.html"]


def test_writing_over_keeps_the_file_and_leaves_exactly_the_new_bytes(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(b"a longer first version of the page\n")
    inode = path.stat().st_ino
    spare.write_over(path, b"shorter\n")
    assert (path.read_bytes(), path.stat().st_ino) == (b"shorter\n", inode)
    spare.write_over(path, b"longer again, longer than the first version was\n")
    assert path.read_bytes() == b"longer again, longer than the first version was\n"
    assert path.stat().st_ino == inode
    spare.write_over(tmp_path / "new.html", b"")
    assert (tmp_path / "new.html").read_bytes() == b""


def test_writing_over_a_file_with_another_link_leaves_that_link_as_it_was(tmp_path):
    live, built = tmp_path / "live.js", tmp_path / "built.js"
    live.write_bytes(b"the live site's file\n")
    os.link(live, built)
    spare.write_over(built, b"the new build's\n")
    assert live.read_bytes() == b"the live site's file\n"
    assert built.read_bytes() == b"the new build's\n"
    assert live.stat().st_nlink == built.stat().st_nlink == 1


def test_pagefinds_files_moved_into_the_build_never_write_through_a_link(tmp_path, request):
    """A language indexed again moves pagefind.js … over the links that `take_over` made to
    the live site's files (site/indexing.py). Pagefind's run is in memory (scratch.py), on
    another file system: a move from there copies into the file it moves to."""
    live, bundle = tmp_path / "live", tmp_path / "bundle"
    live.mkdir(), bundle.mkdir()
    run = Path(tempfile.mkdtemp(dir="/dev/shm"))
    request.addfinalizer(lambda: shutil.rmtree(run, ignore_errors=True))
    (live / "pagefind.js").write_bytes(b"live\n")
    os.link(live / "pagefind.js", bundle / "pagefind.js")
    (run / "pagefind.js").write_bytes(b"from this run\n")
    indexing._move_files(run, bundle)
    assert (live / "pagefind.js").read_bytes() == b"live\n"
    assert (bundle / "pagefind.js").read_bytes() == b"from this run\n"
    assert list(run.iterdir()) == []


def test_a_file_that_a_page_taken_over_replaces_goes_to_the_trash_unless_shared(tmp_path):
    """Deleting the spare's only link to a file would free its blocks during the build; it is
    moved aside instead, and deleted after the build (pipeline.build_site)."""
    own, shared, trash = tmp_path / "own.html", tmp_path / "shared.html", tmp_path / "trash"
    own.write_bytes(b"the spare's own file\n")
    shared.write_bytes(b"also the live site's\n")
    os.link(shared, tmp_path / "live.html")
    inode = own.stat().st_ino
    pagecache.out_of_the_way(own, trash)
    pagecache.out_of_the_way(shared, trash)
    pagecache.out_of_the_way(tmp_path / "none.html", trash)
    assert not own.exists() and not shared.exists()
    assert [p.stat().st_ino for p in trash.iterdir()] == [inode]
    assert (tmp_path / "live.html").read_bytes() == b"also the live site's\n"


def test_the_trash_of_a_build_that_took_pages_over_is_removed(project, tmp_path):
    build(project, cache=False)
    build(project)  # writes over the spare: its files have one link each
    build(project)  # takes every page over, replacing the spare's files
    trash = pagecache.trash_for(project.output)
    for _ in range(500):  # removed by a process of its own, which may still be at it
        if not trash.exists():
            break
        time.sleep(0.01)
    assert not trash.exists()
    assert differences(project.output, from_scratch(project, tmp_path)) == []
