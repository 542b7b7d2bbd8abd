"""How long an editor waits: a practice's title saved, until `praxisbook serve` serves it.

`praxisbook serve` builds, serves and watches the generated project; then, a
few times, a practice's English title is changed on disk and the page is
fetched until it shows the new title. The time from writing the file to the
first answer with the new title is what the editor sees (a browser reloads as
soon as the page's poll learns of the change, at most a second later).
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from timing import command_env

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browsers import fetch, free_port  # shared with the preview's tests

TITLE = re.compile(r"^title: (.*)$", re.MULTILINE)


def wait_for(condition, seconds: float, step: float) -> float | None:
    """Seconds until `condition()` held, or None after `seconds`."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return time.monotonic() - started
        time.sleep(step)
    return None


def edited_title(path: Path, label: str) -> str:
    text = path.read_text(encoding="utf-8")
    new = f"Edited title {label}"
    path.write_text(TITLE.sub(f"title: {new}", text, count=1), encoding="utf-8")
    return new


def measure(project: Path, edits: int = 5, pause: float = 15.0) -> dict:
    """Start the preview, then edit a title `edits` times; medians in seconds."""
    files = sorted((project / "content" / "practices").glob("*/en.md"))
    path, original = files[len(files) // 2], None
    port = free_port()
    script = str(Path(sys.executable).parent / "praxisbook")
    command = [script, "--project", str(project), "serve", "--port", str(port)]
    url = f"http://127.0.0.1:{port}/en/practices/{path.parent.name}/"
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL, env=command_env())
    try:
        started = wait_for(lambda: "<h1" in fetch(url), 900, 0.5)
        original = path.read_text(encoding="utf-8")
        seen = []
        for i in range(edits):
            time.sleep(pause)  # the search index of the last edit refreshes meanwhile
            new = edited_title(path, f"{i} {time.time_ns()}")
            seen.append(wait_for(lambda new=new: new in fetch(url), 60, 0.02))
    finally:
        server.terminate()
        server.wait(timeout=30)
        if original is not None:
            path.write_text(original, encoding="utf-8")
    shown = [s for s in seen if s is not None]
    return {
        "first_serve_s": round(started or 0, 2),
        "edit_s": [round(s, 3) for s in seen if s is not None],
        "edit_median_s": round(statistics.median(shown), 3) if shown else None,
        "missed": len(seen) - len(shown),
    }
