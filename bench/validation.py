"""Time `praxisbook validate`, cold and warm, whole and one practice, against its yardsticks.

    .venv/bin/python bench/validation.py [--n 2000 10000] [--repeat 5] [--settle 30] [--json]

For each N, on the synthetic catalogue in `bench/out/n<N>/` (made with
generate.py when missing), every command runs as a fresh process of the
venv's `praxisbook` script; each figure is the median of `--repeat` runs,
with the median 1-minute load average (os.getloadavg) when the runs started
and how many cores other processes kept busy during them. The yardsticks:

- `praxisbook --version`: the command's start-up alone;
- CSafeLoader: reading every practice file and parsing its front matter with
  PyYAML's libyaml loader, in one process (`--baseline PRACTICES` does that
  alone and prints the seconds), without the interpreter's start-up.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import generate
from timing import Run, Timing, busy_seconds, repeat, run

CHECKOUT = generate.CHECKOUT
MARGIN_S = 2.1  # store.MARGIN: results younger than that are checked again


def praxisbook() -> str:
    here = Path(sys.executable).parent / "praxisbook"
    return str(here if here.exists() else CHECKOUT / ".venv" / "bin" / "praxisbook")


def baseline(practices: Path) -> float:
    """Seconds to read every practice file and parse its front matter with CSafeLoader."""
    import yaml

    started = time.perf_counter()
    for path in sorted(practices.glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        front = text.split("\n---\n", 1)[0].removeprefix("---\n")
        yaml.load(front, Loader=yaml.CSafeLoader)
    return time.perf_counter() - started


def baseline_timing(practices: Path, times: int, wait: float) -> Timing:
    """The baseline in fresh processes; each run's time is the parse alone."""

    def once() -> Run:
        load, busy = os.getloadavg()[0], busy_seconds()
        command = [sys.executable, __file__, "--baseline", str(practices)]
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        wall, (user, system) = time.perf_counter() - started, _children_cpu()
        others = max(0.0, busy_seconds() - busy - (user + system)) / wall
        return Run(float(result.stdout), user + system, 0.0, load, others=others)

    return repeat("CSafeLoader, every front matter (one process)", times, once, wait)


_spent = [0.0, 0.0]


def _children_cpu() -> tuple[float, float]:
    """CPU seconds of the children waited for since the last call."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    spent = (usage.ru_utime - _spent[0], usage.ru_stime - _spent[1])
    _spent[:] = [usage.ru_utime, usage.ru_stime]
    return spent


def one_folder(project: Path) -> Path:
    """A practice in the middle of the catalogue: what an editor changes."""
    folders = sorted(p for p in (project / "content" / "practices").iterdir() if p.is_dir())
    return folders[len(folders) // 2]


def touched(folder: Path) -> None:
    """Save every text of a practice again, unchanged: its stamps change, as after an edit."""
    for path in folder.glob("*.md"):
        path.write_bytes(path.read_bytes())


def steps(project: Path) -> dict:
    base = [praxisbook(), "--project", str(project)]
    folder = one_folder(project)
    one, whole = [*base, "validate", "--cache", str(folder)], [*base, "validate"]

    def cold():
        shutil.rmtree(project / ".cache", ignore_errors=True)
        return run(one)

    def edited():
        touched(folder)
        return run(one)

    return {
        "version": ("`praxisbook --version` (start-up)", lambda: run([*base, "--version"])),
        "one_cold": ("one practice, cold cache", cold),
        "one_warm": ("one practice, warm cache, unchanged", lambda: run(one)),
        "one_edited": ("one practice, warm cache, just edited", edited),
        "whole_cold": ("whole catalogue, `--no-cache` (CI)", lambda: run([*whole, "--no-cache"])),
        "whole_warm": ("whole catalogue, warm cache", lambda: run([*whole, "--cache"])),
    }


def measure(n: int, times: int, wait: float, out: Path) -> dict:
    project = out / f"n{n}"
    if not (project / "content" / "practices").is_dir():
        generate.write_project(project, n)
    files = len(list((project / "content" / "practices").glob("*/*.md")))
    found = {"baseline": baseline_timing(project / "content" / "practices", times, wait)}
    for key, (name, once) in steps(project).items():
        if key.endswith(("warm", "edited")):
            run([praxisbook(), "--project", str(project), "validate", "--cache"])  # fill it
            time.sleep(MARGIN_S)
        found[key] = repeat(name, times, once, wait)
    return {"n": n, "files": files, "timings": {k: summary(t) for k, t in found.items()}}


def summary(timing: Timing) -> dict:
    loads = [r.load for r in timing.runs]
    return {
        "name": timing.name,
        **timing.summary(),
        "load": round(statistics.median(loads), 2),
    }


def markdown(results: list[dict]) -> str:
    head = "| step | " + " | ".join(f"N = {r['n']:,} ({r['files']:,} files)" for r in results)
    lines = [head + " |", "|---" * (len(results) + 1) + "|"]
    for key in results[0]["timings"]:
        cells = [cell(r["timings"][key]) for r in results]
        lines.append(f"| {results[0]['timings'][key]['name']} | " + " | ".join(cells) + " |")
    for name, ratio in TARGETS:
        lines.append(f"| {name} | " + " | ".join(ratio(r["timings"]) for r in results) + " |")
    lines += ["", "Median of runs; load: median 1-minute load average as the runs started;"]
    lines += ["others: cores other processes kept busy during the runs (median)."]
    return "\n".join(lines)


TARGETS = [
    (
        "target: one practice, just edited ≤ 0.5 s and ≤ start-up + 0.2 s",
        lambda t: f"start-up + {t['one_edited']['wall_s'] - t['version']['wall_s']:.2f} s",
    ),
    ("target: whole, warm ≤ 3 s at 10,000", lambda t: f"{t['whole_warm']['wall_s']:.2f} s"),
    (
        "target: whole, cold ≤ 1.5 × CSafeLoader",
        lambda t: f"{t['whole_cold']['wall_s'] / t['baseline']['wall_s']:.2f} ×",
    ),
]


def cell(t: dict) -> str:
    return f"{t['wall_s']:.2f} s (load {t['load']:.2f}, others {t['others_cores']:.2f})"


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[2000, 10000], help="(2000 10000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per step (5)")
    parser.add_argument(
        "--settle", type=float, default=30, metavar="S",
        help="wait up to S seconds for a quiet machine before each run (30)",
    )  # fmt: skip
    parser.add_argument("--out", type=Path, default=CHECKOUT / "bench" / "out")
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    parser.add_argument("--baseline", type=Path, metavar="PRACTICES", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    if args.baseline:
        print(f"{baseline(args.baseline):.6f}")
        return 0
    stdout, sys.stdout = sys.stdout, sys.stderr  # progress to stderr, the report to stdout
    try:
        results = [measure(n, args.repeat, args.settle, args.out) for n in args.n]
    finally:
        sys.stdout = stdout
    print(json.dumps(results, indent=2) if args.json else markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
