"""A build that fails or is killed stops its search indexing with it (pipeline.render_site).

Pagefind runs in a forked process, in a process group of its own, while the pages
render. When rendering fails, or the build gets SIGTERM (what CI sends to a
cancelled job), that process and its Pagefind runs must end with the build, not
run on for the rest of the index, and the build's temporary folder must go.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from praxisbook.catalogue.problems import BuildError
from praxisbook.catalogue.project import Project
from praxisbook.pipeline import build

from .conftest import ROOT


def processes_mentioning(text: str) -> list[str]:
    """Command lines of the running processes that contain `text`."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, UnicodeDecodeError):
            continue
        if text in line:
            found.append(line)
    return found


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def test_a_failing_render_stops_the_indexing(generated, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(generated, root, symlinks=True)
    (root / "theme").unlink()  # a theme of its own, whose practice page cannot render
    shutil.copytree(ROOT / "theme", root / "theme")
    page = root / "theme" / "templates" / "practice.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("{% block main %}", "{% block main %}{{ no_such() }}"), "utf-8")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1763769600")
    with pytest.raises(BuildError):
        build(Project(root))
    assert multiprocessing.active_children() == []  # the indexer is stopped and joined
    assert processes_mentioning(str(root)) == []  # and no Pagefind run goes on
    assert not list(root.glob(".output.tmp-*"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """300 generated practices: Pagefind runs for a few seconds."""
    root = tmp_path_factory.mktemp("generated") / "project"
    generator = [sys.executable, str(ROOT / "bench" / "generate.py"), "--n", "300"]
    subprocess.run([*generator, "--out", str(root)], check=True, capture_output=True)
    return root


def test_sigterm_stops_the_build_and_its_indexing(generated):
    command = [str(Path(sys.executable).parent / "praxisbook"), "--project", str(generated),
               "build", "--no-cache"]  # fmt: skip
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1763769600"}
    build_process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    staging = f".output.tmp-{build_process.pid}"
    indexing = wait_for(lambda: any("pagefind" in p for p in processes_mentioning(staging)), 120)
    build_process.send_signal(signal.SIGTERM)
    _, errors = build_process.communicate(timeout=60)
    assert indexing, "Pagefind never ran: nothing was tested"
    assert build_process.returncode == 128 + signal.SIGTERM
    assert b"Traceback" not in errors
    assert wait_for(lambda: processes_mentioning(staging) == [], 5)
    assert not (generated / staging).exists()
    assert not (generated / "output").exists()


def test_the_sigterm_handler_is_the_builds_own():
    """multiprocessing stops a Pool's workers with SIGTERM: they must die of it at once, as
    before the build had a handler, not raise SystemExit while holding the task queue's
    lock (a build hung so, waiting for a worker that waited for that lock)."""
    script = (
        "import multiprocessing, signal\n"
        "from praxisbook.cli import stop_on_sigterm\n"
        "stop_on_sigterm()\n"
        "with multiprocessing.get_context('fork').Pool(2) as pool:\n"
        "    workers = pool.map(signal.getsignal, [signal.SIGTERM] * 4)\n"
        "print(all(w == signal.SIG_DFL for w in workers), callable(signal.getsignal(15)))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, check=True)  # fmt: skip
    assert done.stdout.split() == ["True", "True"]
