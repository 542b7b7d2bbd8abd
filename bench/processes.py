"""Where a build's processor time goes, process by process.

Runs a command (default: a build from scratch of bench/out/n2000) and reads
/proc every 0.1 s for it and every process it starts: when each ran and how
much user and system time it used. A build is several processes (the main
one, forked workers for validation, Markdown, search records and pages, the
indexing process and its Pagefind runs), and /usr/bin/time adds them all up;
this shows which of them is on the critical path and which spends its time in
the kernel (creating files) rather than in Python. Linux only.

    .venv/bin/python bench/processes.py                       # cold build, N=2,000
    .venv/bin/python bench/processes.py -- praxisbook build   # any command

Processes that used under 0.3 s are summed by name but not listed.
"""

from __future__ import annotations

import collections
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HZ = os.sysconf("SC_CLK_TCK")
CHECKOUT = Path(__file__).resolve().parent.parent
PROJECT = CHECKOUT / "bench" / "out" / "n2000"


def table() -> dict[int, tuple[str, int, int, int]]:
    """pid → (name, parent, user ticks, system ticks) of every process now."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                text = stat.read()
        except (OSError, ValueError):
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        fields = text[text.rindex(")") + 2 :].split()
        found[int(entry)] = (name, int(fields[1]), int(fields[11]), int(fields[12]))
    return found


def descendants(root: int, now: dict) -> dict:
    children = collections.defaultdict(list)
    for pid, (_, parent, _, _) in now.items():
        children[parent].append(pid)
    found, todo = {}, [root]
    while todo:
        pid = todo.pop()
        if pid in now:
            found[pid] = now[pid]
        todo += children.get(pid, [])
    return found


def watch(command: list[str]) -> tuple[float, dict]:
    """Run `command`; returns its wall time and, per pid, (name, first, last seen, user, sys)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen: dict[int, tuple] = {}
    while process.poll() is None:
        at = time.perf_counter() - started
        for pid, (name, _, user, system) in descendants(process.pid, table()).items():
            first = seen[pid][1] if pid in seen else at
            seen[pid] = (name, first, at, user / HZ, system / HZ)
        time.sleep(0.1)
    return time.perf_counter() - started, seen


def report(wall: float, seen: dict) -> None:
    print(f"wall {wall:.1f} s (load {os.getloadavg()[0]:.2f} at the end)")
    totals = collections.defaultdict(lambda: [0, 0.0, 0.0])
    for pid, (name, first, last, user, system) in sorted(seen.items(), key=lambda i: i[1][1]):
        if user + system >= 0.3:
            print(
                f"{pid:8} {name:16} {first:6.1f}-{last:6.1f} s  user {user:6.2f}  sys {system:6.2f}"
            )
        total = totals[name]
        total[0], total[1], total[2] = total[0] + 1, total[1] + user, total[2] + system
    for name, (count, user, system) in totals.items():
        print(f"{name:16} {count:3} processes  user {user:6.2f}  sys {system:6.2f}")


def main(argv: list[str]) -> None:
    if "--" in argv:
        command = argv[argv.index("--") + 1 :]
    else:  # a build from scratch, as bench/anchor.py's cold runs
        shutil.rmtree(PROJECT / ".cache", ignore_errors=True)
        praxisbook = str(Path(sys.executable).parent / "praxisbook")
        command = [praxisbook, "--project", str(PROJECT), "build", "--no-cache"]
    report(*watch(command))


if __name__ == "__main__":
    main(sys.argv[1:])
