"""Index stage: Pagefind over the rendered site, in one pass.

Pagefind's Python API costs at least 0.1 s per call, so the whole site is
indexed by one run of the pinned binary (PyPI `pagefind-bin`), which reads
every HTML file itself. No network is needed or used.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from pagefind.service import _must_get_executable

from .problems import BuildError


def pagefind_binary() -> str:
    return str(_must_get_executable().resolve())


def index(site: Path) -> None:
    """Write `site/pagefind/` for every page marked `data-pagefind-body`."""
    command = [pagefind_binary(), "--site", str(site), "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise BuildError(f"Pagefind could not index {site}:\n{output}")
