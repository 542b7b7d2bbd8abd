"""Kept results in the engine itself: what a kept folder could hide is still found.

Real projects in tmp_path, files changed on disk behind the store's back,
`check_practices` called in this process with the store's margin shortened,
so that results are kept after a short wait; every report is compared with a
cold run's.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time

import pytest

from praxisbook.catalogue import checking, store
from praxisbook.catalogue.checking import Run, check_practices, survey
from praxisbook.catalogue.parallel import aside
from praxisbook.catalogue.stamps import listing, scan, stamp_folders
from praxisbook.catalogue.store import Results

from .test_cli import DE, edit
from .test_validation_cache import (
    header,
    kept,
    kept_slugs,
    records,
    same_size_edit,
    store_folder,
    write_records,
)

# MARGIN (2 s) is shortened to TICK, well above the file system clock's tick,
# so that results are kept after a short wait instead of two seconds.
TICK = 100_000_000  # ns


@pytest.fixture
def short_margin(monkeypatch):
    monkeypatch.setattr(store, "MARGIN", TICK)


def settle() -> None:
    """Wait until what was just changed is old enough for its result to be kept."""
    time.sleep(2 * TICK / 1e9)


def check(root, cache: bool = True, named: frozenset[str] = frozenset()):
    """check_practices on a project's practices, with its store or without one."""
    folder = store_folder(root) if cache else None
    return check_practices(root / "content" / "practices", root / "schema", folder, named)


def test_unchanged_practices_are_not_read_again(catalogue, short_margin):
    settle()
    assert check(catalogue).problems == []
    assert kept_slugs(catalogue) == {"police-network", "school-network"}
    mark_kept_result(catalogue, "police-network")
    edit(catalogue, "school-network/de.md", "status: ongoing", "status: planned")
    settle()
    assert [p.field for p in check(catalogue).problems] == ["(kept)"]  # police-network: not read
    assert kept_slugs(catalogue) == {"police-network", "school-network"}
    edit(catalogue, "police-network/nl.md", "## ", "## ")  # saved again: read again
    assert check(catalogue).problems == []


def mark_kept_result(root, slug: str) -> None:
    """Add a problem to a folder's kept result, which only the kept result can report."""
    for shard in kept(root):
        found = records(shard)
        if slug in found:
            names, packed, texts, problems, entries = found[slug]
            marker = (f"{slug}/{texts[0]}", 1, 1, "(kept)", "from the store", "", "warning")
            found[slug] = (names, packed, texts, [*problems, marker], entries)
            write_records(shard, found)


def test_a_result_younger_than_the_margin_is_not_kept(catalogue, short_margin):
    assert check(catalogue).problems == []  # the files were written just now
    assert kept_slugs(catalogue) == set()
    settle()
    check(catalogue)
    assert kept_slugs(catalogue) == {"police-network", "school-network"}


@pytest.mark.parametrize("change", ["add", "remove", "rename", "add, folder's time set back"])
def test_a_file_added_removed_or_renamed_in_a_kept_folder_is_noticed(
    catalogue, short_margin, change
):
    folder = catalogue / "content" / "practices" / "police-network"
    edit(catalogue, "police-network/nl.md", "## ", "![Affiche](affiche.png)\n\n## ")
    if change in ("remove", "rename"):
        (folder / "affiche.png").write_bytes(b"png")
    settle()
    check(catalogue)
    assert "police-network" in kept_slugs(catalogue)
    before = folder.stat()
    settle()  # a tick later: a change in the same tick as the kept stamp is what MARGIN is for
    if change.startswith("add"):
        (folder / "affiche.png").write_bytes(b"png")
    if change == "add, folder's time set back":
        os.utime(folder, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert folder.stat().st_mtime_ns == before.st_mtime_ns
    if change == "remove":
        (folder / "affiche.png").unlink()
    if change == "rename":
        (folder / "affiche.png").rename(folder / "poster.png")
    warm = check(catalogue)
    assert warm == check(catalogue, cache=False)
    missing = [p for p in warm.problems if "`affiche.png` does not exist" in p.message]
    assert len(missing) == (change in ("remove", "rename"))


def test_a_same_size_edit_of_a_kept_folder_with_its_old_time_is_noticed(catalogue, short_margin):
    settle()
    check(catalogue)
    assert kept_slugs(catalogue) == {"police-network", "school-network"}
    settle()
    same_size_edit(catalogue / DE, "status: ongoing", "status: ongoinx")
    warm = check(catalogue)
    assert warm == check(catalogue, cache=False)
    assert [p.message for p in warm.problems] == ["`ongoinx` is not in the `statuses` vocabulary"]


def test_kept_entry_names_are_used_only_while_the_folder_is_as_it_was(catalogue):
    practices = catalogue / "content" / "practices"
    folder = practices / "police-network"
    [(names, packed)] = [f.stamp for f in scan(practices) if f.slug == "police-network"]
    kept = {"police-network": ((*names, "ghost.md"), packed)}  # a name the folder does not hold
    [found] = stamp_folders(practices, ["police-network"], kept)
    assert found.stamp[0] == (*names, "ghost.md")  # not listed again: its own stamp is as kept
    assert found.files == ("nl.md",)
    settle()
    (folder / "poster.png").write_bytes(b"png")
    [found] = stamp_folders(practices, ["police-network"], kept)
    assert found.stamp[0] == tuple(sorted((*names, "poster.png")))  # listed again


def test_a_shard_with_stamps_and_no_outcomes_is_rebuilt(broken, short_margin):
    settle()
    expected = check(broken)
    for shard in kept(broken):
        data = shard.read_bytes()
        length = int.from_bytes(data[len(header(shard)) :][:8], "little")
        shard.write_bytes(data[: len(header(shard)) + 8 + length])  # the stamps alone
    assert check(broken) == expected == check(broken, cache=False)
    assert kept_slugs(broken) == {"police-network", "school-network"}


def surveyed(root, aside: bool, named=(), trust: bool = True) -> tuple:
    """What `survey` finds in a project, with or without a forked process stamping one of two."""
    cache = store_folder(root)
    run = Run(root / "content" / "practices", root / "schema", cache, trust)
    folders, _ = listing(run.practices)
    ahead = [slug for slug in folders if slug in named]
    with forking_for_two() if aside else contextlib.nullcontext():
        return survey(run, folders, dict(zip(ahead, run.stamp(ahead), strict=True)))


def test_stamping_in_a_forked_process_finds_what_stamping_here_finds(catalogue, short_margin):
    practices = catalogue / "content" / "practices"
    (practices / "police-network" / "affiche.png").write_bytes(b"png")
    found, results = surveyed(catalogue, aside=False, trust=False)
    assert [f.slug for f in found.values()] == ["police-network", "school-network"]
    assert results == Results()
    assert surveyed(catalogue, aside=True, trust=False) == (found, results)
    settle()
    check(catalogue)
    found, results = surveyed(catalogue, aside=False)
    assert surveyed(catalogue, aside=True) == (found, results)
    assert set(found.values()) == {False} and sorted(results.entries) == sorted(
        kept_slugs(catalogue)
    )


def test_a_named_practice_that_changed_is_checked_first_with_the_same_report(broken, short_margin):
    settle()
    check(broken)
    edit(broken, "police-network/nl.md", "[school-netwerk]", "[school-network]")
    found, results = surveyed(broken, aside=True, named={"police-network"})
    assert found["police-network"] and not found["school-network"]
    assert [p.field for p in results.problems["police-network"]] == ["last_reviewed"]  # ahead
    cold = check(broken, cache=False)
    with forking_for_two():
        assert check(broken, named=frozenset({"police-network"})) == cold
    assert len(cold.problems) == 4


def test_what_a_forked_process_fails_to_send_is_done_here():
    parent = os.getpid()

    def job():
        if os.getpid() != parent:
            os._exit(3)  # the forked process dies before it sends anything
        return ("done here", os.getpid())

    assert aside(job)() == ("done here", parent)
    assert aside(lambda: ("sent", os.getpid()))()[1] != parent
    assert aside(lambda: ("not forked", os.getpid()), fork=False)() == ("not forked", parent)


@contextlib.contextmanager
def forking_for_two():
    """Stamp one of two practices in a forked process."""
    saved = checking.ASIDE_FROM, checking.ASIDE_SHARE
    checking.ASIDE_FROM, checking.ASIDE_SHARE = 1, 0.5
    try:
        yield
    finally:
        checking.ASIDE_FROM, checking.ASIDE_SHARE = saved


# --- what a build keeps (pipeline.check, checking.Keeping) ----------------------------------


def build_check(root, **kw):
    """The check `praxisbook build` and the preview begin with, on a project in tmp_path."""
    from praxisbook import pipeline
    from praxisbook.catalogue.project import find_project

    return pipeline.check(find_project(root), convert=True, **kw)


@pytest.fixture
def not_in_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)


def test_validate_after_a_build_reads_what_the_build_kept(catalogue, short_margin, not_in_ci):
    settle()
    assert build_check(catalogue).ok
    assert kept_slugs(catalogue) == {"police-network", "school-network"}
    mark_kept_result(catalogue, "police-network")
    assert [p.field for p in check(catalogue).problems] == ["(kept)"]  # not read again


def test_a_build_keeps_exactly_what_validate_keeps(broken, short_margin, not_in_ci):
    settle()
    assert not build_check(broken).ok  # five problems: each is kept with its folder
    by_build = kept_records(broken)
    shutil.rmtree(store_folder(broken))
    assert check(broken) == check(broken, cache=False)
    assert kept_records(broken) == by_build
    assert any(record[3] for found in by_build.values() for record in found.values())  # problems


def kept_records(root) -> dict:
    """The records of the shards that hold any (a build also writes the empty ones)."""
    return {shard.name: found for shard in kept(root) if (found := records(shard))}


def test_a_change_after_the_build_checked_a_practice_is_found(catalogue, short_margin, not_in_ci):
    settle()
    build_check(catalogue)
    settle()
    same_size_edit(catalogue / DE, "status: ongoing", "status: ongoinx")  # its old time, too
    warm = check(catalogue)
    assert warm == check(catalogue, cache=False)
    assert any("ongoinx" in p.message for p in warm.problems)


def test_a_build_in_ci_or_of_some_practices_keeps_nothing(catalogue, short_margin, monkeypatch):
    settle()
    monkeypatch.setenv("CI", "true")
    build_check(catalogue)
    assert kept(catalogue) == []
    monkeypatch.delenv("CI")
    build_check(catalogue, include=lambda doc: doc.slug == "police-network")
    assert kept(catalogue) == []


def split_build_check(root, between) -> list:
    """The build's check (`Keeping`) with `between(keeping)` run after the files were
    stamped and read, before the check ends and is kept; returns its problems."""
    from praxisbook.catalogue.checking import Keeping
    from praxisbook.catalogue.schema import load_schema
    from praxisbook.catalogue.validate import check_catalogue

    keeping = Keeping(root / "content" / "practices", root / "schema", store_folder(root))
    catalogue = keeping.catalogue()
    between(keeping)
    schema = load_schema(root / "schema")
    problems, checked = check_catalogue(catalogue, schema, today=keeping.today)
    keeping.keep(catalogue, checked)
    return problems


def test_practices_saved_just_before_a_build_are_kept_once_settled(catalogue, short_margin):
    save_both_again(catalogue)
    assert split_build_check(catalogue, settled_after_reading_young_folders) == []
    assert kept_slugs(catalogue) == {"police-network", "school-network"}
    mark_kept_result(catalogue, "police-network")
    assert [p.field for p in check(catalogue).problems] == ["(kept)"]  # not read again


def save_both_again(root) -> None:
    """Save a file of each practice: too young now for the stamps a check takes first."""
    for name in ("police-network/nl.md", "school-network/de.md"):
        edit(root, name, "## ", "## ")


def settled_after_reading_young_folders(keeping) -> None:
    assert {path.parent.name for path in keeping.read_bytes} == {"police-network", "school-network"}
    settle()


def saved_again(keeping) -> None:
    settled_after_reading_young_folders(keeping)
    edit(
        keeping.run.practices.parent.parent, "school-network/de.md", "status: ongoing", "status: x"
    )
    settle()


def other_bytes_read(keeping) -> None:
    path = keeping.run.practices.parent.parent / DE
    settled_after_reading_young_folders(keeping)
    keeping.read_bytes[path] = b"what the check read, if not what the file holds now"


@pytest.mark.parametrize("between", [saved_again, other_bytes_read])
def test_practices_saved_just_before_a_build_are_not_kept_if_changed_since(
    catalogue, short_margin, between
):
    save_both_again(catalogue)
    split_build_check(catalogue, between)
    assert kept_slugs(catalogue) == {"police-network"}
    assert check(catalogue) == check(catalogue, cache=False)
