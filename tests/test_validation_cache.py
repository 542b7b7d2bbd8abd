"""The validation cache (catalogue/store.py) changes how fast, never what is reported.

Real projects in tmp_path, the installed `praxisbook` script, files changed on
disk behind the cache's back.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil

import pytest

from praxisbook.catalogue import stamps, store
from praxisbook.catalogue.checking import check_practices
from praxisbook.catalogue.stamps import scan, scan_aside
from praxisbook.catalogue.store import engine_key

from .conftest import ROOT
from .test_cli import BROKEN_REPORT, DE, NL, break_catalogue, edit, praxisbook, valid_catalogue


@pytest.fixture
def catalogue(tmp_path):
    return valid_catalogue(tmp_path / "site")


@pytest.fixture
def broken(catalogue):
    return break_catalogue(catalogue)


def run(root, *args, env_ci: str | None = None):
    """`praxisbook validate …` in `root`, with CI set as given (unset by default)."""
    saved = os.environ.pop("CI", None)
    try:
        if env_ci is not None:
            os.environ["CI"] = env_ci
        return praxisbook(root, "validate", *args)
    finally:
        os.environ.pop("CI", None)
        if saved is not None:
            os.environ["CI"] = saved


def kept(root):
    return sorted((root / ".cache" / "praxisbook" / "validation").glob("*"))


def outcome(result) -> tuple:
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize("paths", [[], [NL], ["content/practices/school-network"]])
def test_cold_and_warm_runs_report_exactly_the_same(broken, paths):
    cold = run(broken, "--no-cache", *paths)
    assert kept(broken) == []
    first = run(broken, *paths)  # fills the cache
    assert kept(broken)
    warm = run(broken, *paths)
    assert outcome(cold) == outcome(first) == outcome(warm)
    assert cold.returncode == 1
    if not paths:
        assert cold.stdout == BROKEN_REPORT


def test_one_file_reports_what_the_whole_run_reports_for_it(broken):
    run(broken)
    whole = [line for line in run(broken).stdout.splitlines() if line.startswith(NL)]
    one = [line for line in run(broken, NL).stdout.splitlines() if line.startswith(NL)]
    assert one == whole and len(one) == 2


def same_size_edit(path, old: str, new: str) -> None:
    """Change a file's text, keeping its size and modification time as they were."""
    assert len(old) == len(new)
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_a_change_behind_the_caches_back_is_reported(catalogue):
    assert run(catalogue).returncode == 0
    assert run(catalogue).returncode == 0  # warm
    same_size_edit(catalogue / DE, "status: ongoing", "status: ongoinx")
    result = run(catalogue)
    assert result.returncode == 1
    assert "status: `ongoinx` is not in the `statuses` vocabulary" in result.stdout
    assert outcome(result) == outcome(run(catalogue, "--no-cache"))


def test_a_same_size_rewrite_with_its_old_time_changes_the_stamp(catalogue):
    practices = catalogue / "content" / "practices"
    before = {f.slug: f.stamp for f in scan(practices)}
    run(catalogue)  # lets the clock move on, as an editor would
    same_size_edit(catalogue / DE, "status: ongoing", "status: planned")
    after = {f.slug: f.stamp for f in scan(practices)}
    assert after["police-network"] == before["police-network"]
    assert after["school-network"] != before["school-network"]  # ctime moved on


def test_added_and_removed_files_are_noticed(catalogue):
    assert run(catalogue).returncode == 0
    shutil.rmtree(catalogue / "content" / "practices" / "school-network")
    result = run(catalogue)
    assert "there is no practice `school-network`" in result.stdout
    extra = catalogue / "content" / "practices" / "police-network" / "en.md"
    extra.write_text("---\ntitle: Police network\n---\n", encoding="utf-8")
    result = run(catalogue)
    assert "content/practices/police-network/en.md:" in result.stdout
    assert outcome(result) == outcome(run(catalogue, "--no-cache"))


def test_an_image_added_beside_a_text_is_noticed(catalogue):
    edit(catalogue, "police-network/nl.md", "## ", "![Affiche](affiche.png)\n\n## ")
    assert "image `affiche.png` does not exist" in run(catalogue).stdout
    (catalogue / "content" / "practices" / "police-network" / "affiche.png").write_bytes(b"png")
    assert outcome(run(catalogue)) == (0, "OK: 3 files checked, no problems.\n", "")


def test_a_changed_schema_empties_the_cache(catalogue):
    schema = catalogue / "schema"
    schema.unlink()  # the project's schema was a link to this checkout's: make it its own
    shutil.copytree(ROOT / "schema", schema)
    assert run(catalogue).returncode == 0
    statuses = schema / "vocabularies" / "statuses.yaml"
    statuses.write_text(statuses.read_text(encoding="utf-8").replace("ongoing:", "running:"))
    result = run(catalogue)
    assert "status: `ongoing` is not in the `statuses` vocabulary" in result.stdout


def test_the_key_holds_the_date_and_the_schema(tmp_path):
    today = datetime.date(2026, 11, 22)
    schema = tmp_path / "schema"
    shutil.copytree(ROOT / "schema", schema)
    key = engine_key(schema, today)
    assert key == engine_key(schema, today)
    assert key != engine_key(schema, today + datetime.timedelta(days=1))
    (schema / "practice.schema.json").write_text("{}", encoding="utf-8")
    assert key != engine_key(schema, today)


@pytest.mark.parametrize("garbage", [b"", b"{not json", b"\xff\xfe", b'{"format": 1}', b"[]"])
def test_a_broken_cache_is_rebuilt_silently(broken, garbage):
    expected = outcome(run(broken))
    for shard in kept(broken):
        shard.write_bytes(garbage)
    assert outcome(run(broken)) == expected
    assert all(json.loads(shard.read_bytes())["folders"] is not None for shard in kept(broken))


def test_a_cache_with_the_right_key_but_wrong_values_is_rebuilt(broken):
    expected = outcome(run(broken))
    for shard in kept(broken):
        data = json.loads(shard.read_bytes())
        for record in data["folders"].values():
            record["entries"] = [[1, 2]]
            record["checked"] = 2**62  # trusted: the stamps are the files' own
            record["problems"] = [["x"]]
        shard.write_text(json.dumps(data), encoding="utf-8")
    assert outcome(run(broken)) == expected
    entries = [
        r["entries"] for s in kept(broken) for r in json.loads(s.read_bytes())["folders"].values()
    ]
    assert [1, 2] not in [e for found in entries for e in found]  # replaced


def test_ci_checks_every_file_afresh_unless_told_otherwise(catalogue):
    assert run(catalogue, env_ci="true").returncode == 0
    assert kept(catalogue) == []
    assert run(catalogue, "--cache", env_ci="true").returncode == 0
    assert kept(catalogue)
    assert run(catalogue, env_ci="false").returncode == 0


def test_writes_leave_no_temporary_file(catalogue):
    run(catalogue)
    edit(catalogue, "school-network/de.md", "status: ongoing", "status: planned")
    run(catalogue)
    assert [p.name for p in kept(catalogue) if not p.name.endswith(".json")] == []


def test_unchanged_practices_are_not_read_again(catalogue, monkeypatch):
    monkeypatch.setattr(store, "MARGIN", 0)  # trust stamps at once: no clock tick to wait for
    practices = catalogue / "content" / "practices"
    cache = catalogue / ".cache" / "praxisbook" / "validation"
    first = check_practices(practices, catalogue / "schema", cache)
    checked_first = checked_times(cache)
    edit(catalogue, "school-network/de.md", "status: ongoing", "status: planned")
    second = check_practices(practices, catalogue / "schema", cache)
    checked_second = checked_times(cache)
    assert checked_second["police-network"] == checked_first["police-network"]  # kept
    assert checked_second["school-network"] > checked_first["school-network"]  # read again
    assert second.problems == first.problems == []


def checked_times(cache) -> dict[str, int]:
    found = {}
    for shard in cache.glob("*.json"):
        found |= {s: r["checked"] for s, r in json.loads(shard.read_bytes())["folders"].items()}
    return found


def test_stamping_half_in_a_forked_process_gives_the_same_stamps(catalogue, monkeypatch):
    practices = catalogue / "content" / "practices"
    (practices / "police-network" / "affiche.png").write_bytes(b"png")
    monkeypatch.setattr(stamps, "ASIDE_FROM", 1)  # fork even for two practices
    assert scan_aside(practices)() == scan(practices)
    assert [f.slug for f in scan(practices)] == ["police-network", "school-network"]
