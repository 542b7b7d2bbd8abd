"""Pagefind's WebAssembly, recompressed once with zopfli and kept in the repository.

Pagefind's runtime is most of a reader's first search: `wasm.<lang>.pagefind`,
70–73 kB as Pagefind 1.5.2 gzips it, is fetched before any result, and
pagefind.js unpacks it in the browser. Recompressed with zopfli, the same
WebAssembly takes about 3.2 kB less. zopfli needs about a second per
language, too slow for every build, and the WebAssembly changes only with
Pagefind's version; so the recompressed files are kept in `site/wasm/`,
each named after the SHA-256 of what it unpacks to.

A build puts one in place of the file Pagefind wrote only when it unpacks
to the very same bytes, and otherwise keeps Pagefind's: after an upgrade of
Pagefind, search works as before, only the download is larger, until
`scripts/pagefind-wasm/recompress.py` has made the files anew (tests/test_smallwasm.py
fails until then).
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

FOLDER = Path(__file__).parent / "wasm"


def name_for(payload: bytes) -> str:
    """The file name of a recompressed WebAssembly: after what it unpacks to."""
    return hashlib.sha256(payload).hexdigest()[:32] + ".gz"


def swap(bundle: Path, wasm_names: list[str]) -> list[str]:
    """Put the kept recompressed copy in place of each of Pagefind's `wasm.<name>.pagefind`
    in `bundle` that has one; returns the names swapped."""
    swapped = []
    for name in wasm_names:
        path = bundle / f"wasm.{name}.pagefind"
        payload = gzip.decompress(path.read_bytes())
        kept = FOLDER / name_for(payload)
        if kept.is_file() and gzip.decompress(smaller := kept.read_bytes()) == payload:
            path.write_bytes(smaller)
            swapped.append(name)
    return swapped
