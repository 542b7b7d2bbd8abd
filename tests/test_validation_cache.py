"""The validation cache (catalogue/store.py) changes how fast, never what is reported.

Real projects in tmp_path, the installed `praxisbook` script, files changed on
disk behind the cache's back.
"""

from __future__ import annotations

import datetime
import marshal
import os
import shutil
import time

import pytest

from praxisbook.catalogue import store
from praxisbook.catalogue.checking import Scope
from praxisbook.catalogue.stamps import scan
from praxisbook.catalogue.store import engine_key

from .conftest import ROOT
from .test_cli import BROKEN_REPORT, DE, NL, edit, praxisbook


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


def store_folder(root):
    """Where `praxisbook validate` and a build keep their checks of a project in tmp_path."""
    return root / ".cache" / "praxisbook" / "validation"


def kept(root):
    return sorted(store_folder(root).glob("*"))


def header(shard) -> bytes:
    """What a shard begins with: the format and the key (store.py)."""
    return shard.read_bytes().split(b"\n", 1)[0] + b"\n"


def records(shard) -> dict:
    """A shard's records by slug: (names, packed stamps, texts, problems, entries).

    Raises if the shard is not what store.py writes: a header, the length of
    the stamps, the stamps, then texts, problems (where any) and entries by slug.
    """
    data = shard.read_bytes()
    assert data.startswith(b"praxisbook validation ")
    rest = data[len(header(shard)) :]
    length = int.from_bytes(rest[:8], "little")
    stamps, (texts, problems, entries) = (
        marshal.loads(rest[8 : 8 + length]),
        marshal.loads(rest[8 + length :]),
    )
    assert stamps.keys() == texts.keys() == entries.keys() >= problems.keys()
    return {s: (*stamps[s], texts[s], problems.get(s, ()), entries[s]) for s in stamps}


def write_records(shard, found: dict) -> None:
    """Write records as `records` reads them, under the shard's own header."""
    stamps = marshal.dumps({slug: r[:2] for slug, r in found.items()})
    texts = {slug: r[2] for slug, r in found.items()}
    problems = {slug: r[3] for slug, r in found.items() if r[3]}
    entries = {slug: r[4] for slug, r in found.items()}
    length = len(stamps).to_bytes(8, "little")
    outcomes = marshal.dumps((texts, problems, entries))
    shard.write_bytes(header(shard) + length + stamps + outcomes)


def outcome(result) -> tuple:
    return result.returncode, result.stdout, result.stderr


SCOPES = [[], [NL], ["content/practices/school-network"]]


@pytest.mark.parametrize("paths", SCOPES)
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


GARBAGE = [b"", b"{not json", b"\xff\xfe", b'{"format": 1}', b"[]"]
MARSHAL_GARBAGE = [b"", b"\xff\x00junk", marshal.dumps([1, 2])[:-1], marshal.dumps("x")]


@pytest.mark.parametrize("garbage", GARBAGE + ["header+" + repr(g) for g in MARSHAL_GARBAGE])
def test_a_broken_cache_is_rebuilt_silently(broken, garbage):
    expected = outcome(run(broken))
    for shard in kept(broken):
        if isinstance(garbage, str):  # the right format and key, then garbage
            garbage_bytes = MARSHAL_GARBAGE[[repr(g) for g in MARSHAL_GARBAGE].index(garbage[7:])]
            shard.write_bytes(header(shard) + garbage_bytes)
        else:
            shard.write_bytes(garbage)
    assert outcome(run(broken)) == expected
    assert all(isinstance(records(shard), dict) for shard in kept(broken))


def test_a_cache_with_the_right_key_but_wrong_values_is_rebuilt(broken):
    expected = outcome(run(broken))
    for shard in kept(broken):
        wrong = {
            slug: (stamp, 2**62, 0, texts, [["x"]], [[1, 2]])  # trusted: the stamps are the files'
            for slug, (stamp, _checked, _changed, texts, _problems, _entries) in records(
                shard
            ).items()
        }
        shard.write_bytes(header(shard) + marshal.dumps(wrong))
    assert outcome(run(broken)) == expected
    entries = [r[4] for s in kept(broken) for r in records(s).values()]
    assert [1, 2] not in [e for found in entries for e in found]  # replaced


def test_files_of_the_json_format_are_removed(catalogue):
    cache = store_folder(catalogue)
    cache.mkdir(parents=True)
    (cache / "07.json").write_text('{"format": 1}', encoding="utf-8")
    assert run(catalogue).returncode == 0
    assert [p.suffix for p in kept(catalogue)] == [".marshal"] * len(kept(catalogue))


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
    assert [p.name for p in kept(catalogue) if not p.name.endswith(".marshal")] == []


def kept_slugs(root) -> set[str]:
    return {slug for shard in kept(root) for slug in records(shard)}


def test_cold_and_warm_runs_of_the_command_agree_once_results_are_kept(broken):
    cold = [outcome(run(broken, "--no-cache", *paths)) for paths in SCOPES]
    time.sleep(store.MARGIN / 1e9 + 0.1)  # the files are old enough for their results to be kept
    run(broken)
    assert kept_slugs(broken) == {"police-network", "school-network"}
    assert [outcome(run(broken, *paths)) for paths in SCOPES] == cold


@pytest.mark.parametrize(
    ("paths", "count"),
    [
        ([], 3),
        (["."], 3),
        (["a"], 2),
        (["a/en.md"], 1),
        (["a", "a/de.md"], 2),
        (["a/en.md", "b/nl.md"], 2),
        (["b/xx.md", "c"], 0),
    ],
)
def test_files_checked_are_counted_for_the_paths_given(tmp_path, paths, count):
    practices = tmp_path / "practices"
    texts = {"a": ("de.md", "en.md"), "b": ("nl.md",)}
    selected = {practices if p == "." else practices / p for p in paths}
    assert Scope.of(selected, practices).count(texts) == count
