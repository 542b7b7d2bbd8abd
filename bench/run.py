"""Time `praxisbook validate` and `praxisbook build` on a synthetic catalogue.

    .venv/bin/python bench/run.py [--n 2000] [--repeat 3] [--json]

Generates N practices into `bench/out/n<N>/` (git-ignored) with
`bench/generate.py`, runs every command as a fresh process of the venv's
`praxisbook` script and reports the median of `--repeat` runs: validation
(whole and one file, cold and warm), the build (cold and again), the build
against the Hugo + Pagefind anchor (`--anchor`), the live preview's edit
latency, the offline bundle, the size of the built site and the bytes a
first search loads. `--record DOC` adds a row to DOC's history table.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import anchor
import firstsearch
import generate
import history
import latency
import report
import sitesize
from timing import Timing, repeat, run

CHECKOUT = generate.CHECKOUT
CACHE = ".cache"  # where the engine keeps work between runs (Project.cache lies inside)
PACKAGES = ("pelican", "pagefind", "pagefind-bin", "jsonschema", "markdown", "pyyaml", "jinja2")


def praxisbook_script() -> Path:
    """The console script next to this interpreter, else the checkout's venv."""
    here = Path(sys.executable).parent / "praxisbook"
    return here if here.exists() else CHECKOUT / ".venv" / "bin" / "praxisbook"


def one_file(project: Path) -> Path:
    """A file in the middle of the catalogue: what a pull request changes."""
    files = sorted((project / "content" / "practices").glob("*/*.md"))
    return files[len(files) // 2]


def cold(project: Path, command: list[str]):
    """A run with no cache: the engine keeps converted bodies in `<project>/.cache/`."""

    def once():
        shutil.rmtree(project / CACHE, ignore_errors=True)
        return run(command)

    return once


def command_timings(project: Path, times: int, wait: float) -> dict[str, Timing]:
    """Each command with an empty cache, then with the cache the previous runs left."""
    base = [str(praxisbook_script()), "--project", str(project)]
    validate, single = [*base, "validate"], [*base, "validate", str(one_file(project))]
    build = [*base, "build"]
    steps = {
        "validate": ("validate, cold cache", cold(project, validate)),
        "validate_one": ("validate one file, cold cache", cold(project, single)),
        "validate_warm": ("validate, warm cache", lambda: run(validate)),
        "validate_one_warm": ("validate one file, warm cache", lambda: run(single)),
        "build": ("build, cold (no cache)", cold(project, [*build, "--no-cache"])),
        "build_warm": ("build again, nothing changed", lambda: run(build)),
    }
    result = {}
    for key, (name, once) in steps.items():
        if key.endswith("warm"):
            run(build if key.startswith("build") else validate)  # fill the cache (not timed)
        result[key] = repeat(name, times, once, wait)
    return result


def bundle_size(project: Path, out: Path) -> dict:
    """The offline bundle of every practice and language, as a zip and as a .tar.xz: sizes
    and how long each took."""
    command = [str(praxisbook_script()), "--project", str(project), "export", "offline"]
    made = {}
    for suffix in (".zip", ".tar.xz"):
        target = out / f"offline-{project.name}{suffix}"
        done = run([*command, "-o", str(target)])
        made[suffix] = {"bytes": target.stat().st_size, "seconds": round(done.wall, 1)}
    return {**made[".zip"], "solid": made[".tar.xz"]}


def environment() -> dict:
    versions = {}
    for package in PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    commit = subprocess.run(
        ["git", "-C", str(CHECKOUT), "describe", "--always", "--dirty"],
        capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "commit": commit,
        "versions": versions,
    }


def benchmark(args: argparse.Namespace) -> dict:
    n, times, wait = args.n, args.repeat, args.settle
    project = args.out / f"n{n}"
    env = environment()  # before the runs: other people may commit while they go on
    started = time.perf_counter()
    files = generate.write_project(project, n, args.seed)
    print(f"Generated {n} practices ({files} files) in {time.perf_counter() - started:.1f} s")
    timings = command_timings(project, times, wait)
    site = sitesize.measure(project / "output", project / "content" / "practices")
    result = {
        "n": n, "files": files, "repeat": times, "settle_s": wait, "environment": env,
        "timings": {name: t.summary() for name, t in timings.items()}, "site": site,
    }  # fmt: skip
    print("A first search in Chromium …")
    words = firstsearch.title_words(project / "content" / "practices", 8)
    result["first_search"] = firstsearch.measure(project / "output", words)
    if args.anchor:
        print("Alternating with the anchor (Hugo + Pagefind) …")
        result["anchor"] = anchor.compare(args.anchor, project, CHECKOUT, times, wait)
    print("Timing the live preview …")
    result["preview"] = latency.measure(project)
    print("Making the offline bundle …")
    result["bundle"] = bundle_size(project, args.out)
    env["commit_at_end"] = environment()["commit"]  # differs if the engine changed meanwhile
    return result


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="number of practices (2000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per step (3)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (1)")
    parser.add_argument(
        "--out", type=Path, default=CHECKOUT / "bench" / "out", help="work folder (bench/out)"
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=30,
        metavar="S",
        help="before each run, wait up to S seconds for other processes to go quiet (30)",
    )
    parser.add_argument(
        "--anchor",
        type=Path,
        default=os.environ.get("BENCH_ANCHOR") or None,
        metavar="SCRIPT",
        help="the Hugo + Pagefind anchor, run as SCRIPT CATALOGUE PYTHON (or BENCH_ANCHOR)",
    )
    parser.add_argument(
        "--record", type=Path, metavar="DOC", help="add a row to DOC's history table"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    parser.add_argument("--show", type=Path, metavar="FILE", help="print a saved --json report")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    if args.show:
        print(report.markdown(json.loads(args.show.read_text(encoding="utf-8"))))
        return 0
    stdout, sys.stdout = sys.stdout, sys.stderr  # progress to stderr, the report to stdout
    try:
        result = benchmark(args)
    finally:
        sys.stdout = stdout
    print(
        json.dumps(result, indent=2, ensure_ascii=False) if args.json else report.markdown(result)
    )
    if args.record:
        history.record(args.record, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
