"""Real headless browsers for tests: Debian's Chromium through Playwright, served sites.

Playwright never downloads a browser here; it drives the system's Chromium by
`executable_path`. Without one, browser tests are skipped with a loud reason,
unless PRAXISBOOK_REQUIRE_BROWSERS is set (as `.ci/run` does): then they fail.
"""

from __future__ import annotations

import functools
import http.server
import os
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("PRAXISBOOK_CHROMIUM", "/usr/bin/chromium")
FIREFOX = os.environ.get("PRAXISBOOK_FIREFOX", "/usr/bin/firefox-esr")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]


def require_browser(path: str) -> None:
    """Skip loudly without the browser; fail instead when browsers are required."""
    if not Path(path).is_file():
        unavailable(f"{path} is missing (apt-get install chromium firefox-esr)")


def unavailable(reason: str) -> None:
    """Skip loudly for a missing browser or driver; fail when browsers are required."""
    message = f"BROWSER TEST SKIPPED: {reason}"
    if os.environ.get("PRAXISBOOK_REQUIRE_BROWSERS"):
        pytest.fail(message)
    pytest.skip(message)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep test output readable
        pass


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (for a server started elsewhere)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, seconds: float, step: float = 0.1) -> bool:
    """Whether `condition()` comes true within `seconds`, asked every `step` seconds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def fetch(url: str, timeout: float = 5) -> str:
    """The text at `url`, or "" while nothing answers there (a server still starting)."""
    try:
        return urllib.request.urlopen(url, timeout=timeout).read().decode("utf-8")
    except OSError:
        return ""


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def chromium():
    """A headless Debian Chromium driven by Playwright, shared by the session."""
    require_browser(CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
