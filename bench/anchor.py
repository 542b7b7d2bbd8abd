"""`praxisbook build` against the anchor: Hugo + Pagefind building the same catalogue.

The anchor is a script kept outside this repository, named by `--anchor` (or
`BENCH_ANCHOR`) and called as `SCRIPT CATALOGUE PYTHON` from the checkout: it
renders the catalogue's texts as N practices × 6 languages with Hugo and
indexes them with the pinned Pagefind. The two commands run in turn, A B A B,
so that both see the same machine; the ratio is that of their medians, and
each pair's ratio is kept too. Both sides are measured cold (our build with
no cache of any kind; the anchor always starts from an empty `public/`) and
warm (our build into the folder of the last one, nothing changed).
"""

from __future__ import annotations

import shutil
import statistics
import sys
from pathlib import Path

from timing import Timing, run, settle

CACHE = ".cache"


def commands(script: Path, project: Path, checkout: Path) -> dict[str, list[str]]:
    praxisbook = str(Path(sys.executable).parent / "praxisbook")
    build = [praxisbook, "--project", str(project), "build"]
    return {
        "cold": [*build, "--no-cache"],
        "warm": build,
        "anchor": [str(script), str(project), sys.executable],
    }


def alternate(ours, anchor, times: int, wait: float) -> tuple[Timing, Timing]:
    """`ours` and `anchor` in turn, `times` each, after one untimed run of each."""
    a, b = Timing("praxisbook"), Timing("anchor")
    ours(), anchor()  # warm-up: the anchor generates its Hugo project on first use
    for _ in range(times):
        settle(wait)
        a.runs.append(ours())
        settle(wait)
        b.runs.append(anchor())
    return a, b


def summary(a: Timing, b: Timing) -> dict:
    pairs = [x.wall / y.wall for x, y in zip(a.runs, b.runs, strict=True)]
    return {
        "praxisbook": a.summary(),
        "anchor": b.summary(),
        "ratio": round(a.wall / b.wall, 3),
        "pair_ratios": [round(r, 3) for r in pairs],
        "pair_median": round(statistics.median(pairs), 3),
    }


def compare(script: Path, project: Path, checkout: Path, times: int, wait: float) -> dict:
    """Cold against the anchor, then warm against it; ratios of medians."""
    run_at = {"cwd": checkout}
    found = commands(script, project, checkout)

    def anchor():
        return run(found["anchor"], **run_at)

    def cold():
        shutil.rmtree(project / CACHE, ignore_errors=True)
        return run(found["cold"])

    result = {"cold": summary(*alternate(cold, anchor, times, wait))}
    result["warm"] = summary(*alternate(lambda: run(found["warm"]), anchor, times, wait))
    return result
