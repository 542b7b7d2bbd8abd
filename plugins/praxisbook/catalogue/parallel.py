"""Use every core for work that splits cleanly, by forking after the input is in memory.

Forked workers inherit the parsed catalogue, compiled schema and templates for
free (copy-on-write), so only the results travel back. Small jobs stay in one
process, where starting workers would cost more than it saves.
"""

from __future__ import annotations

import os
from collections.abc import Callable

MIN_ITEMS_PER_WORKER = 200
_current: dict[str, Callable] = {}  # the function workers run; set before forking


def workers_for(count: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, count // MIN_ITEMS_PER_WORKER))


def _run_slice(bounds: tuple[int, int]):
    return _current["job"](*bounds)


def map_slices(job: Callable[[int, int], list], count: int) -> list:
    """Run `job(start, stop)` over slices of range(count) in forked workers; concatenate results."""
    workers = workers_for(count)
    if workers == 1:
        return job(0, count)  # without loading multiprocessing, which costs 10 ms at start-up
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return job(0, count)
    step = -(-count // workers)
    slices = [(i, min(i + step, count)) for i in range(0, count, step)]
    _current["job"] = job
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_run_slice, slices)
    finally:
        _current.clear()
    return [item for part in parts for item in part]
