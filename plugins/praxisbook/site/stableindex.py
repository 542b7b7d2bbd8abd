"""Make Pagefind's output byte-identical from one build to the next.

Pagefind 1.5.2 writes its word index and page fragments deterministically, but
not its filter files, its `pf_meta` files or `pagefind-entry.json`: their
order comes from Rust hash maps (see Pagefind issue #638 and the
"TODO: Change filter indexes to BTree" in `pagefind/src/index/mod.rs`). The
browser looks values up by name, so order carries no meaning; this module
rewrites those files in sorted order and names them after their new content.
The sort orders leave `pf_meta` for a file of their own (sortorder.py).

Each page's data (its "fragment") is rewritten without the labels the browser
gets from tables per language instead (searchlabels.py), and the word index
is cut into smaller chunks (indexchunks.py). Both are named after their new
content with a hash only as long as their number needs: page ids are most of
`pf_meta`, which every search loads, and a hash cannot be compressed
(Pagefind's seven hex digits: 12.5 kB gzipped at 2,000 practices; four: 8.6).

The files are gzip-compressed `pagefind_dcd` + CBOR, encoded by minicbor as
arrays of unsigned integers, text strings and arrays; the small codec below
covers what Pagefind writes and round-trips it byte for byte (tested).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import struct
import zlib
from pathlib import Path

from . import indexchunks, searchlabels, sortorder
from .spare import write_over

SIGNATURE = b"pagefind_dcd"
# For the many files rewritten here (fragments, word index chunks): gzip's level 9 takes
# three times as long for 0.5 % less.
MANY_LEVEL = 6
# What deflate keeps beyond its window for matches: zlib's MIN_LOOKAHEAD.
LOOKAHEAD = 262


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
    return gzipped(SIGNATURE + encode(value), 9)


def gzipped(data: bytes, level: int) -> bytes:
    """`gzip.compress(data, level, mtime=0)`, byte for byte, in less time for small files.

    zlib sets up a window of 32 kB for each file, and a fragment is about 1 kB: a
    third of the time went on that. The gzip header records no window size, and
    deflate finds the same matches in any window that holds the data and its
    look-ahead, so the smallest such window gives the same bytes (tested).
    """
    bits = max(9, min(15, (len(data) + LOOKAHEAD).bit_length()))
    return zlib.compress(data, level, wbits=16 + bits)


def _name(lang: str, data: bytes, taken: set[str], length: int) -> str:
    digest = hashlib.sha256(data).hexdigest()
    name = f"{lang}_{digest[:length]}"
    while name in taken:  # a clash of short hashes: lengthen, as Pagefind does
        length += 1
        name = f"{lang}_{digest[:length]}"
    taken.add(name)
    return name


def _stable_filters(source: Path, bundle: Path, lang: str, filters: list, taken: set) -> list:
    renamed = []
    for filter_name, old in filters:
        path = source / "filter" / f"{old}.pf_filter"
        name, values = read_file(path)
        path.unlink()
        data = packed([name, sorted(values, key=lambda v: v[0])])
        new = _name(lang, data, taken, 7)
        write_over(bundle / "filter" / f"{new}.pf_filter", data)
        renamed.append([filter_name, new])
    return sorted(renamed)


def id_length(files: int) -> int:
    """Hex digits for naming `files` files of a kind (fragments, chunks): enough that at most
    about one in 16 shares its first ones with another, which then gets a longer name; 4 up
    to 4,096 files, 5 up to 65,536."""
    return max(4, math.ceil(math.log(max(files, 1), 16)) + 1)


def _slim_fragments(
    source: Path, bundle: Path, lang: str, pages: list, *, kept: dict, taken: set[str]
) -> list:
    """Each page's fragment without its labels (searchlabels.py), named anew; `pages` is
    `pf_meta`'s list of [page id, word count], returned with the new ids."""
    folder, length = bundle / "fragment", id_length(len(pages))
    renamed = []
    for page_id, words in pages:
        path = source / "fragment" / f"{page_id}.pf_fragment"
        fragment = json.loads(gzip.decompress(path.read_bytes())[len(SIGNATURE) :])
        path.unlink()
        text = json.dumps(searchlabels.slimmed(fragment, kept), ensure_ascii=False,
                          separators=(",", ":"))  # fmt: skip
        data = gzipped(SIGNATURE + text.encode("utf-8"), MANY_LEVEL)
        new = _name(lang, data, taken, length)
        write_over(folder / f"{new}.pf_fragment", data)
        renamed.append([new, words])
    return renamed


def _smaller_chunks(source: Path, bundle: Path, lang: str, chunks: list, taken: set) -> list:
    """The word index in smaller chunks (indexchunks.py); `chunks` is `pf_meta`'s list of
    [from, to, chunk id], returned for the new chunks."""
    folder, raw = bundle / "index", []
    for _from, _to, chunk_id in chunks:
        path = source / "index" / f"{chunk_id}.pf_index"
        raw.append(gzip.decompress(path.read_bytes())[len(SIGNATURE) :])
        path.unlink()
    cut = indexchunks.cut(raw)
    length, listed = id_length(len(cut)), []
    for first, last, entries in cut:
        body = b"\x81" + _head(4, len(entries)) + b"".join(entries)  # [[entry, …]]
        data = gzipped(SIGNATURE + body, MANY_LEVEL)
        name = _name(lang, data, taken, length)
        write_over(folder / f"{name}.pf_index", data)
        listed.append([first, last, name])
    return listed


def _write_named(bundle: Path, folder: str, lang: str, data: bytes, taken: set[str]) -> str:
    """A file of ours in the bundle, named after its content; returns its path below it."""
    name = f"{folder}/{_name(lang, data, taken, 10)}.json"
    (bundle / folder).mkdir(exist_ok=True)
    write_over(bundle / name, data)
    return name


def stabilise(source: Path, bundle: Path, records: Path, lang: str, info: dict) -> None:
    """Rewrite one UI language's index from Pagefind's output folder `source` into `bundle`
    (a `pagefind/` folder) so identical input gives identical bytes, its fragments slimmed
    with what searchlabels.py wrote beside the `records`; `info` is the language's entry in
    `pagefind-entry.json`, updated here.

    Each file read is deleted from `source`: what is left there (pagefind.js, the
    WebAssembly …) is Pagefind's as it stands. Every name starts with the language, so
    two languages can be rewritten at once.
    """
    taken: set[str] = set()
    for folder in ("fragment", "index", "filter"):
        (bundle / folder).mkdir(parents=True, exist_ok=True)
    meta_path = source / f"pagefind.{info['hash']}.pf_meta"
    meta = read_file(meta_path)
    meta_path.unlink()
    kept = searchlabels.read_kept(records, lang)
    meta[1] = _slim_fragments(source, bundle, lang, meta[1], kept=kept, taken=taken)
    chunks = meta[indexchunks.META_CHUNKS]
    meta[indexchunks.META_CHUNKS] = _smaller_chunks(source, bundle, lang, chunks, taken)
    meta[3] = _stable_filters(source, bundle, lang, meta[3], taken)
    for key in searchlabels.KEYS:
        table = searchlabels.read_table(records, lang, key)
        info[key] = _write_named(bundle, searchlabels.FOLDER, lang, table, taken)
    orders = sortorder.split_off(meta)
    info[sortorder.KEY] = _write_named(bundle, sortorder.FOLDER, lang, orders, taken)
    data = packed(meta)
    info["hash"] = _name(lang, data, taken, 10)
    write_over(bundle / f"pagefind.{info['hash']}.pf_meta", data)


def write_entry(bundle: Path, entry: dict) -> None:
    """`pagefind-entry.json` with its keys in sorted order (Pagefind's order varies)."""
    text = json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    write_over(bundle / "pagefind-entry.json", text.encode("utf-8"))
