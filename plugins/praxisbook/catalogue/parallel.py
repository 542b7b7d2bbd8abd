"""Use every core for work that splits cleanly, by forking after the input is in memory.

Forked workers inherit the parsed catalogue, compiled schema and templates for
free (copy-on-write), so only the results travel back. Small jobs stay in one
process, where starting workers would cost more than it saves.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable
from functools import partial

MIN_ITEMS_PER_WORKER = 200
SLICES_PER_WORKER = 8
_current: dict[str, Callable] = {}  # the function workers run; set before forking


def workers_for(count: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, count // MIN_ITEMS_PER_WORKER))


def _run_slice(bounds: tuple[int, int]):
    return _current["job"](*bounds)


def slices_of(count: int, workers: int) -> list[tuple[int, int]]:
    """About eight slices per worker: enough for a progress bar to move, few enough to be cheap."""
    step = max(1, -(-count // (workers * SLICES_PER_WORKER)))
    return [(i, min(i + step, count)) for i in range(0, count, step)]


def map_slices(
    job: Callable[[int, int], list], count: int, advance: Callable[[int], None] | None = None
) -> list:
    """Run `job(start, stop)` over slices of range(count) in forked workers; concatenate results.

    `advance(n)` is told as each slice of n items is done, in order.
    """
    workers = workers_for(count)
    slices = slices_of(count, workers)
    if workers == 1:  # without loading multiprocessing, which costs 10 ms at start-up
        return _collect(map(lambda bounds: job(*bounds), slices), slices, advance)
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return _collect(map(lambda bounds: job(*bounds), slices), slices, advance)
    _current["job"] = job
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return _collect(pool.imap(_run_slice, slices), slices, advance)
    finally:
        _current.clear()


def _collect(parts, slices: list[tuple[int, int]], advance) -> list:
    found = []
    for part, (start, stop) in zip(parts, slices, strict=True):
        found += part
        if advance:
            advance(stop - start)
    return found


def aside(job: Callable[[], object], fork: bool = True) -> Callable[[], object]:
    """Start `job` in a forked process; returns the function that waits for its result.

    Meanwhile this process is free for other work. The result travels back as
    marshal data, so it must be plain values (tuples, lists, dicts, strings,
    numbers, bytes). If the forked process fails, the function runs `job`
    here, unless called with `redo=False` (when the caller is failing anyway and
    only waits for the process to end); without `fork` (or where the system has
    none), `job` runs here at once.
    """
    if not fork or not hasattr(os, "fork"):
        done = job()
        return lambda redo=True: done
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child, which never returns
        _send(writing, job)
    os.close(writing)
    return partial(_receive, reading, child, job)


def _send(writing: int, job: Callable[[], object]) -> None:
    """In the child: write the job's result, then leave at once."""
    try:
        data = marshal.dumps(job())
        with os.fdopen(writing, "wb") as out:
            out.write(data)
    finally:
        os._exit(0)  # no exit handlers, no buffers of the parent written twice


def _receive(reading: int, child: int, job: Callable[[], object], redo: bool = True) -> object:
    with os.fdopen(reading, "rb") as given:
        data = given.read()
    os.waitpid(child, 0)
    try:
        return marshal.loads(data)
    except (EOFError, ValueError, TypeError):  # the child failed: do its job here
        return job() if redo else None
