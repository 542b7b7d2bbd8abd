"""Run a command as a fresh process and measure it: wall, CPU, memory, stages, load."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

EPOCH = "1764000000"  # a fixed SOURCE_DATE_EPOCH, so builds do not depend on git
FINISHED = "Built "  # `praxisbook build` ends its stages with "Built N practices in …"


@dataclass
class Run:
    """One finished run: wall and CPU seconds, peak memory, load, when each stage began."""

    wall: float
    cpu: float
    max_rss_mb: float
    load: float  # the 1-minute load average when the run started
    marks: list[tuple[str, float]] = field(default_factory=list)
    others: float = 0.0  # cores that other processes kept busy during the run, on average

    def stages(self) -> dict[str, float]:
        """Seconds from start to the first stage line, then from each stage line to the next."""
        if not self.marks:
            return {}
        names = ["start-up", *(name for name, _ in self.marks)]
        times = [0.0, *(at for _, at in self.marks), self.wall]
        return {name: times[i + 1] - times[i] for i, name in enumerate(names)}


@dataclass
class Timing:
    """Repeated runs of one step, summarised by their medians."""

    name: str
    runs: list[Run] = field(default_factory=list)

    def median(self, value) -> float:
        return statistics.median(value(run) for run in self.runs)

    @property
    def wall(self) -> float:
        return self.median(lambda r: r.wall)

    def stage_medians(self) -> dict[str, float]:
        names = [list(r.stages()) for r in self.runs]
        if not names[0] or any(n != names[0] for n in names):
            return {}
        return {n: round(self.median(lambda r, n=n: r.stages()[n]), 3) for n in names[0]}

    def summary(self) -> dict:
        return {
            "wall_s": round(self.wall, 3),
            "min_s": round(min(r.wall for r in self.runs), 3),
            "cpu_s": round(self.median(lambda r: r.cpu), 3),
            "max_rss_mb": round(self.median(lambda r: r.max_rss_mb), 1),
            "max_load": round(max(r.load for r in self.runs), 2),
            "others_cores": round(self.median(lambda r: r.others), 2),
            "runs_s": [round(r.wall, 3) for r in self.runs],
            "stages_s": self.stage_medians(),
        }


def busy_seconds() -> float:
    """CPU seconds all processes have used since boot (Linux /proc/stat), 0 elsewhere."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def settle(max_wait: float, threshold: float = 0.25, sample: float = 2.0) -> None:
    """Write what earlier runs left in memory to disk, then wait (at most `max_wait` seconds)
    until other processes use under `threshold` cores.

    A build leaves some 300 MB for the kernel to write back, which it does up to 30 s later,
    inside whichever run comes next: the anchor's after ours, ours after the anchor's.
    """
    if hasattr(os, "sync"):
        os.sync()
    waited = 0.0
    while waited < max_wait:
        before = busy_seconds()
        time.sleep(sample)
        waited += sample
        if (busy_seconds() - before) / sample < threshold:
            return


def command_env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONDONTWRITEBYTECODE": "1"}


def stage_mark(line: str) -> str | None:
    """A stage line (`Rendering 2000 practices …`) gives its first word; the last gives `exit`."""
    text = line.strip()
    if text.endswith("…"):
        return text.split()[0]
    return "exit" if text.startswith(FINISHED) else None


def run(command: list[str], cwd: Path | None = None) -> Run:
    """Run `command` (in `cwd`), noting when each stage line appears; exit on failure."""
    load, busy = os.getloadavg()[0], busy_seconds()
    started = time.perf_counter()
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=command_env(), text=True,
        cwd=cwd,
    )  # fmt: skip
    marks, lines = [], []
    for line in proc.stdout:
        lines.append(line)
        if name := stage_mark(line):
            marks.append((name, time.perf_counter() - started))
    _, status, usage = os.wait4(proc.pid, 0)  # rusage of the child and what it waited for
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({proc.returncode}):\n{''.join(lines[-40:])}")
    cpu = usage.ru_utime + usage.ru_stime
    others = max(0.0, busy_seconds() - busy - cpu) / wall
    return Run(wall, cpu, usage.ru_maxrss / 1024, load, marks, others)


def repeat(name: str, times: int, once, max_wait: float = 0.0) -> Timing:
    """Run `once` `times` times, each after waiting up to `max_wait` s for a quiet machine."""
    timing = Timing(name)
    for i in range(times):
        settle(max_wait)
        timing.runs.append(once())
        done = timing.runs[-1]
        print(
            f"  {name} {i + 1}/{times}: {done.wall:.2f} s (others used {done.others:.2f} cores)",
            file=sys.stderr,
        )
    return timing
