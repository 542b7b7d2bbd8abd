"""A build that fails or is interrupted stops its search indexing with it (pipeline.py).

Pagefind runs in a forked process, in a process group of its own, while the pages
render. When rendering fails, or the reader presses Ctrl-C, that process and its
Pagefind runs must end with the build rather than run on for the rest of the
index, and the build's temporary folder must go. (`kill` with SIGTERM still ends
the build alone; see docs/performance.md.)
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from praxisbook.catalogue.problems import BuildError
from praxisbook.catalogue.project import Project
from praxisbook.pipeline import build
from praxisbook.site import scratch

from .browsers import wait_for
from .conftest import ROOT


def pagefind_runs(*marks: str) -> list[str]:
    """Command lines of the Pagefind processes running now that mention one of `marks`.

    Only processes named `pagefind` are read: reading any process's command line can
    wait for as long as that process is busy in the kernel (the `rm` of an old site
    that an earlier build left running), and the build may be over by then."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if (entry / "comm").read_text().strip() != "pagefind":
                continue
            line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, UnicodeDecodeError):
            continue
        if any(mark in line for mark in marks):
            found.append(line)
    return found


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """300 generated practices: Pagefind runs for a few seconds."""
    root = tmp_path_factory.mktemp("generated") / "project"
    generator = [sys.executable, str(ROOT / "bench" / "generate.py"), "--n", "300"]
    subprocess.run([*generator, "--out", str(root)], check=True, capture_output=True)
    return root


def test_a_failing_render_stops_the_indexing(generated, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(generated, root, symlinks=True)
    if (root / "theme").is_symlink():
        (root / "theme").unlink()
    shutil.rmtree(root / "theme", ignore_errors=True)  # a theme whose practice page fails
    shutil.copytree(ROOT / "theme", root / "theme")
    page = root / "theme" / "templates" / "practice.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("{% block main %}", "{% block main %}{{ no_such() }}"), "utf-8")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1763769600")
    with pytest.raises(BuildError):
        build(Project(root), cache=False)
    assert multiprocessing.active_children() == []  # the indexer is stopped and joined
    assert pagefind_runs(str(root), scratch_of(os.getpid())) == []  # and no Pagefind run goes on
    assert not list(root.glob(".output.tmp-*"))
    assert not list(scratch.TMPFS.glob(f"{scratch_of(os.getpid())}*"))
    assert not (root / "output").exists()


def scratch_of(pid: int) -> str:
    """The start of the name of a build's scratch folder in memory (site/scratch.py)."""
    return f"{scratch.PREFIX}{pid}-"


def indexing_of(pid: int) -> list[str]:
    """The Pagefind runs of the build with process id `pid`: their records are in its
    scratch folder, or in its temporary folder where there is no room in memory."""
    return pagefind_runs(f".output.tmp-{pid}", scratch_of(pid))


@contextmanager
def ctrl_c_as_in_a_terminal():
    """Commands started meanwhile get Ctrl-C as in a terminal. A command started in the
    background by a shell without job control (`cmd &` in a script, as CI runners and
    `nohup` jobs may run the tests) inherits SIGINT ignored, and Python then leaves it
    ignored: the build would rightly run on. A handled signal is reset to its default in a
    new program, so a handler here is enough."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def test_ctrl_c_stops_the_build_and_its_indexing(generated):
    command = [str(Path(sys.executable).parent / "praxisbook"), "--project", str(generated),
               "build", "--no-cache"]  # fmt: skip
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1763769600"}
    with ctrl_c_as_in_a_terminal():
        build_process = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    staging = f".output.tmp-{build_process.pid}"

    def indexing_or_over() -> bool:
        return build_process.poll() is not None or indexing_of(build_process.pid) != []

    seen = wait_for(indexing_or_over, 120, 0.01)
    running = build_process.poll() is None
    build_process.send_signal(signal.SIGINT)
    _, errors = build_process.communicate(timeout=60)
    assert seen and running, "the build ended before Pagefind was seen: nothing was tested"
    assert build_process.returncode == 130, errors.decode()
    assert errors.decode().rstrip().endswith("Stopped.")
    assert "Traceback" not in errors.decode()
    assert wait_for(lambda: indexing_of(build_process.pid) == [], 5, 0.01)
    assert not (generated / staging).exists()
    assert not list(scratch.TMPFS.glob(f"{scratch_of(build_process.pid)}*"))
    assert not (generated / "output").exists()
