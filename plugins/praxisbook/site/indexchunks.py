"""Pagefind's word index cut into smaller chunks, so that a search loads less of it.

Pagefind 1.5.2 keeps a language's words, in order, in chunk files of about
20,000 page references and word positions each (`chunk_index` in its
`pagefind/src/index/mod.rs`; the size is fixed there). A search loads, for
each query word, the one chunk whose range holds it: at 2,000 practices a
chunk is about 24 kB gzipped, a sixth of a reader's first search. A word's
own entry is usually a fraction of that.

So each language's chunks are cut again, as Pagefind cuts them but about
half as large: whole entries in their order, a new chunk begun before an
entry that would take it past `TARGET_BYTES` (a word larger than that gets a
chunk to itself). The entries' bytes are copied as they are.

A chunk's range in `pf_meta` runs from the shortest beginning of its first
word that sorts after the previous chunk's last word, as Pagefind's does.
Pagefind ends it at the beginning of its last word that tells it from the
next chunk's first word; but its search (`request_indexes` in
`pagefind_web`) wants a word to lie between the two ends, so a word past
that end ("netwerk" after "netw") matched no range, and was then looked for,
by beginnings, in every chunk that might hold it: two or three chunks loaded
for one word, for about one word in six at 2,000 practices. Here the range
ends at the shortest string that sorts at or after the last word and before
the next chunk's start ("netx" for "netwerkverband" before "netz"), so every
word of the index lies in exactly one range, and `pf_meta` stays as small.

A prefix search loads only the chunk its word falls in, as before; with more
chunks, a word that begins the same way more often stands in the next one,
and is not offered as a similar word (docs/search.md).
"""

from __future__ import annotations

from itertools import pairwise

TARGET_BYTES = 26_000  # of CBOR per chunk: about half of what Pagefind puts in one
META_CHUNKS = 2  # in a decoded pf_meta: [[from, to, chunk id], …]


def cut(chunks: list[bytes], target: int | None = None) -> list[tuple[str, str, list[bytes]]]:
    """The CBOR of a language's chunks, in order, as chunks of about `target` bytes (default
    `TARGET_BYTES`): (from, to, the entries' CBOR)."""
    target = TARGET_BYTES if target is None else target
    groups: list[list[tuple[str, bytes]]] = []
    size = 0
    for word, data in (entry for chunk in chunks for entry in _entries(chunk)):
        if not groups or size + len(data) > target:
            groups.append([])
            size = 0
        groups[-1].append((word, data))
        size += len(data)
    ranges = [[group[0][0], group[-1][0]] for group in groups]
    for before, after in pairwise(ranges):
        after[0] = _first_prefix(before[1], after[0])
        before[1] = _last_bound(before[1], after[0])
    return [
        (a, b, [data for _, data in group]) for (a, b), group in zip(ranges, groups, strict=True)
    ]


def _first_prefix(last: str, first: str) -> str:
    """The shortest beginning of a chunk's first word that sorts after the last word
    of the chunk before."""
    common = 0
    while common < min(len(last), len(first)) and last[common] == first[common]:
        common += 1
    return first[: common + 1]


def _last_bound(last: str, start: str) -> str:
    """The shortest string at or after `last` and before `start` (the next range's start,
    which sorts after `last`): a beginning of `last` with its final letter raised by one."""
    for end in range(len(last)):
        bound = last[:end] + _next_letter(last[end])
        if bound > last and bound < start:
            return bound
    return last


def _next_letter(letter: str) -> str:
    """The character after `letter`, past the surrogates, which no text holds."""
    code = ord(letter) + 1
    return chr(0xE000 if 0xD800 <= code <= 0xDFFF else min(code, 0x10FFFF))


def _entries(chunk: bytes):
    """(word, its entry's bytes) of a chunk: a CBOR array holding the array of entries,
    each an array whose first item is the word."""
    count, at = _read_head(chunk, 1)  # chunk[0]: the outer array of one
    for _ in range(count):
        start = at
        _, inner = _read_head(chunk, at)  # the entry's array head, then the word's string head
        length, word_at = _read_head(chunk, inner)
        at = _skip(chunk, start)
        yield chunk[word_at : word_at + length].decode("utf-8"), chunk[start:at]


def _read_head(data: bytes, at: int) -> tuple[int, int]:
    """The number in the item head at `at` (a length, or an integer's value) and where the
    item's content begins. A reader of heads only, for the hot loop below: the full codec,
    with its checks, is stableindex's (whose `_head` writes a head)."""
    info = data[at] & 31
    if info < 24:
        return info, at + 1
    size = 1 << (info - 24)
    return int.from_bytes(data[at + 1 : at + 1 + size], "big"), at + 1 + size


# Bytes of an item head, by its first byte: the integers' heads are their whole item.
_HEAD_BYTES = bytes(1 if b & 31 < 24 else 1 + (1 << ((b & 31) - 24)) for b in range(256))


def _skip(data: bytes, at: int) -> int:
    """Where the item at `at` ends. Pagefind's index holds integers, strings and arrays
    only; the integers, most of it, are skipped by their head alone (the hot loop)."""
    pending = 1
    while pending:
        pending -= 1
        byte = data[at]
        if byte < 0x40:  # an unsigned or negative integer
            at += _HEAD_BYTES[byte]
            continue
        if byte >= 0xA0:
            raise ValueError(f"unexpected CBOR item {byte:#x} in Pagefind's word index")
        number, at = _read_head(data, at)
        if byte >= 0x80:
            pending += number  # an array: its items follow
        else:
            at += number  # a byte or text string
    return at
