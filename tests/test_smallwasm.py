"""Pagefind's WebAssembly in a built site is zopfli's copy kept in site/wasm/ (site/smallwasm.py).

Search itself, on these files, is what the browser tests exercise.
"""

from __future__ import annotations

import gzip
import json

from praxisbook.catalogue.project import UI_LANGUAGES
from praxisbook.site import smallwasm

UPGRADE_HINT = "run scripts/pagefind-wasm/recompress.py on a site built with this Pagefind"


def test_every_ui_language_gets_its_recompressed_webassembly(tiny_site):
    bundle = tiny_site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    names = [info["wasm"] for info in entry["languages"].values()]
    assert sorted(names) == sorted(UI_LANGUAGES)
    for name in names:
        served = (bundle / f"wasm.{name}.pagefind").read_bytes()
        payload = gzip.decompress(served)
        assert payload.startswith(b"pagefind_dcd\0asm")  # Pagefind's marker, then WebAssembly
        kept = smallwasm.FOLDER / smallwasm.name_for(payload)
        assert kept.is_file(), f"no recompressed WebAssembly for {name}: {UPGRADE_HINT}"
        assert served == kept.read_bytes()
        assert len(served) < len(gzip.compress(payload, 9)) - 3000  # zopfli's gain is real


def test_each_kept_file_unpacks_to_what_it_is_named_after():
    files = sorted(smallwasm.FOLDER.glob("*.gz"))
    assert len(files) == len(UI_LANGUAGES)  # one per UI language, none left over
    for path in files:
        assert smallwasm.name_for(gzip.decompress(path.read_bytes())) == path.name


def test_a_webassembly_with_no_kept_copy_stays_as_pagefind_wrote_it(tmp_path):
    written = gzip.compress(b"pagefind_dcd\0asm of another Pagefind", mtime=0)
    (tmp_path / "wasm.xx.pagefind").write_bytes(written)
    assert smallwasm.swap(tmp_path, ["xx"]) == []
    assert (tmp_path / "wasm.xx.pagefind").read_bytes() == written
