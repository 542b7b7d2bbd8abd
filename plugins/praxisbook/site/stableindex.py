"""Make Pagefind's output byte-identical from one build to the next.

Pagefind 1.5.2 writes its word index and page fragments deterministically, but
not its filter files, its `pf_meta` files or `pagefind-entry.json`: their
order comes from Rust hash maps (see Pagefind issue #638 and the
"TODO: Change filter indexes to BTree" in `pagefind/src/index/mod.rs`). The
browser looks values up by name, so order carries no meaning; this module
rewrites those files in sorted order and names them after their new content.
The sort orders leave `pf_meta` for a file of their own (sortorder.py).

The files are gzip-compressed `pagefind_dcd` + CBOR, encoded by minicbor as
arrays of unsigned integers, text strings and arrays; the small codec below
covers what Pagefind writes and round-trips it byte for byte (tested).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

from . import sortorder

SIGNATURE = b"pagefind_dcd"


def encode(value: object) -> bytes:
    """CBOR with definite lengths and the shortest heads, as minicbor writes it."""
    if isinstance(value, bool) or value is None:
        return {False: b"\xf4", True: b"\xf5", None: b"\xf6"}[value]
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(v) for v in value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    raise TypeError(f"cannot encode {type(value).__name__} as CBOR")


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for extra, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if n < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | extra]) + struct.pack(fmt, n)
    raise ValueError(f"integer too large for CBOR: {n}")


def decode(data: bytes) -> object:
    value, end = _decode(data, 0)
    if end != len(data):
        raise ValueError(f"{len(data) - end} bytes left after the CBOR value")
    return value


def _decode(data: bytes, at: int) -> tuple[object, int]:
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if major == 7:
        if info in (20, 21, 22):
            return (False, True, None)[info - 20], at
        if info == 27:
            return struct.unpack(">d", data[at : at + 8])[0], at + 8
        raise ValueError(f"unsupported CBOR simple value {info}")
    if info < 24:
        n = info
    elif info <= 27:
        size = 1 << (info - 24)
        n, at = int.from_bytes(data[at : at + size], "big"), at + size
    else:
        raise ValueError("indefinite-length CBOR is not used by Pagefind")
    if major == 0:
        return n, at
    if major == 1:
        return -1 - n, at
    if major in (2, 3):
        raw = data[at : at + n]
        return (raw if major == 2 else raw.decode("utf-8")), at + n
    if major == 4:
        items = []
        for _ in range(n):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"unsupported CBOR major type {major}")


def read_file(path: Path) -> object:
    data = path.read_bytes()
    if not data.startswith(SIGNATURE):
        data = gzip.decompress(data)
    return decode(data[len(SIGNATURE) :])


def packed(value: object) -> bytes:
    return gzip.compress(SIGNATURE + encode(value), compresslevel=9, mtime=0)


def _name(lang: str, data: bytes, taken: set[str], length: int) -> str:
    digest = hashlib.sha256(data).hexdigest()
    name = f"{lang}_{digest[:length]}"
    while name in taken:  # a clash of short hashes: lengthen, as Pagefind does
        length += 1
        name = f"{lang}_{digest[:length]}"
    taken.add(name)
    return name


def _stable_filters(bundle: Path, lang: str, filters: list, taken: set[str]) -> list:
    renamed = []
    for filter_name, old in filters:
        path = bundle / "filter" / f"{old}.pf_filter"
        name, values = read_file(path)
        path.unlink()
        data = packed([name, sorted(values, key=lambda v: v[0])])
        new = _name(lang, data, taken, 7)
        (bundle / "filter" / f"{new}.pf_filter").write_bytes(data)
        renamed.append([filter_name, new])
    return sorted(renamed)


def _write_orders(bundle: Path, lang: str, data: bytes, taken: set[str]) -> str:
    """The sort orders' file, named after its content; returns its path below `bundle`."""
    name = f"{sortorder.FOLDER}/{_name(lang, data, taken, 10)}.json"
    (bundle / sortorder.FOLDER).mkdir(exist_ok=True)
    (bundle / name).write_bytes(data)
    return name


def stabilise(bundle: Path, languages: list[str] | None = None) -> None:
    """Rewrite `bundle` (a `pagefind/` folder) so identical input gives identical bytes.

    Only `languages` (default: all), when the others were taken over already stable.
    """
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    taken: set[str] = set()
    for lang, info in sorted(entry["languages"].items()):
        if languages is not None and lang not in languages:
            continue
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = read_file(meta_path)
        meta_path.unlink()
        meta[3] = _stable_filters(bundle, lang, meta[3], taken)
        info[sortorder.KEY] = _write_orders(bundle, lang, sortorder.split_off(meta), taken)
        data = packed(meta)
        info["hash"] = _name(lang, data, taken, 10)
        (bundle / f"pagefind.{info['hash']}.pf_meta").write_bytes(data)
    text = json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    entry_path.write_text(text, encoding="utf-8")
