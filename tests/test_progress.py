"""`praxisbook build` shows progress bars on a terminal, and none in CI or in a log."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DUTCH, TINY, make_project

BAR = "━"


@pytest.fixture
def project(tmp_path):
    entries = dict(TINY)
    for i in range(30):  # enough pages for the bar to be drawn
        front = DUTCH.replace("former_slugs: [bruno-attitudes]\n", "")
        entries[(f"zone-{i:02d}", "nl")] = (front.replace("politiezone", f"zone {i}"), "")
    return make_project(tmp_path / "site", entries)


def build_in_terminal(project, **env) -> str:
    """Run the build with a pseudo-terminal as its stderr, as in a person's shell."""
    main, side = pty.openpty()
    script = Path(sys.executable).parent / "praxisbook"
    command = [str(script), "--project", str(project.root), "build"]
    environment = {k: v for k, v in os.environ.items() if k != "CI"} | env
    process = subprocess.Popen(command, stdout=side, stderr=side, env=environment)
    os.close(side)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closes when the build ends
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait(timeout=300) == 0, shown.decode("utf-8", "replace")
    os.close(main)
    return shown.decode("utf-8", "replace")


def test_a_terminal_sees_bars_with_count_rate_and_time_left(project):
    shown = build_in_terminal(project, SOURCE_DATE_EPOCH="1763769600")
    assert BAR in shown and "pages" in shown and "search records" in shown
    assert "/192" in shown  # search records: 32 practices × 6 UI languages
    assert "Built 32 practices" in shown


def test_no_bars_in_ci(project):
    shown = build_in_terminal(project, SOURCE_DATE_EPOCH="1763769600", CI="true")
    assert BAR not in shown and "Built 32 practices" in shown


def test_no_bars_in_a_log(project):
    environment = {k: v for k, v in os.environ.items() if k != "CI"}
    script = Path(sys.executable).parent / "praxisbook"
    command = [str(script), "--project", str(project.root), "build"]
    done = subprocess.run(command, capture_output=True, text=True, env=environment, check=True)
    assert BAR not in done.stderr and "Built 32 practices" in done.stderr
