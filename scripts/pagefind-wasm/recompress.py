"""Recompress Pagefind's WebAssembly with zopfli into plugins/praxisbook/site/wasm/.

    .venv/bin/python -m pip install -c constraints.txt zopfli   # once
    make build
    .venv/bin/python scripts/pagefind-wasm/recompress.py [SITE]    # SITE: output/ by default

Run it after an upgrade of Pagefind: it reads the `wasm.<lang>.pagefind` of a
site built with the new version, writes each language's WebAssembly
recompressed (the same bytes once unpacked, named after their SHA-256), and
removes the files no language unpacks to any more. site/smallwasm.py says
why; tests/test_smallwasm.py checks that every UI language has its file.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))
from praxisbook.site.smallwasm import FOLDER, name_for  # noqa: E402


def main() -> None:
    import zopfli.gzip

    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "output"
    wanted = set()
    for path in sorted((site / "pagefind").glob("wasm.*.pagefind")):
        payload = gzip.decompress(path.read_bytes())
        target = FOLDER / name_for(payload)
        wanted.add(target.name)
        if not target.exists():
            target.write_bytes(zopfli.gzip.compress(payload))  # 15 iterations: 100 save 6 bytes
        print(f"{path.name}: {len(path.read_bytes())} -> {target.stat().st_size} bytes")
    for old in FOLDER.glob("*.gz"):
        if old.name not in wanted:
            old.unlink()
            print(f"removed {old.name}")


if __name__ == "__main__":
    main()
