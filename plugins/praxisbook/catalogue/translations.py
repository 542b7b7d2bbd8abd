"""Rules for translations: prose in the original's shape, no changed values, no stale text.

A translation may carry the original's prose facts in its own words, in the
same shape (`milestones:` with the same dates and translated `text`). It may
repeat a value only to line up a list item with the original's, and then the
value must be the original's. A digest of the texts it was made from tells
when those texts have changed since.
"""

from __future__ import annotations

import hashlib
import json

from .problems import Problem
from .read import Document
from .schema import Schema, pattern_of

DIGEST_LENGTH = 12
LINE_UP_HINT = "keep one item for each of the original's, in the same order, and translate its text"


def translatable_texts(meta: dict, schema: Schema, path: tuple = ()) -> list[tuple[str, str]]:
    """(field, text) of every translatable text in a front matter, in order."""
    found = []
    items = meta.items() if isinstance(meta, dict) else enumerate(meta)
    for key, value in items:
        here = (*path, key)
        if isinstance(value, dict | list):
            found += translatable_texts(value, schema, here)
        elif isinstance(value, str) and pattern_of(here) in schema.translatable:
            found.append((".".join(map(str, here)), value))
    return found


def digest(meta: dict, body: str, schema: Schema) -> str:
    """Fingerprint of a version's texts: title, summary, text and translatable facts."""
    texts = [p for p in translatable_texts(meta, schema) if p[0] not in ("title", "summary")]
    data = [meta.get("title"), meta.get("summary"), body.strip(), texts]
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


class ProseCheck:
    """Compares a translation's prose fields with the original's, value by value."""

    def __init__(self, doc: Document, original: Document, schema: Schema):
        self.doc, self.original, self.schema = doc, original, schema
        self.problems: list[Problem] = []

    @property
    def name(self) -> str:
        return self.original.path.name

    def run(self) -> list[Problem]:
        for key in self.schema.prose_fields:
            if key in self.doc.meta:
                self.compare(self.doc.meta[key], self.original.meta.get(key), (key,))
        return self.problems

    def compare(self, mine: object, theirs: object, path: tuple) -> None:
        if theirs is None:
            hint = "remove it here, or add it to the original first"
            self.report(path, f"the original ({self.name}) has no `{path[-1]}` here", hint, True)
        elif isinstance(mine, list) and isinstance(theirs, list):
            self.compare_lists(mine, theirs, path)
        elif isinstance(mine, dict) and isinstance(theirs, dict):
            for key, value in mine.items():
                self.compare(value, theirs.get(key), (*path, key))
        elif pattern_of(path) not in self.schema.translatable and mine != theirs:
            self.changed_value(mine, theirs, path)

    def compare_lists(self, mine: list, theirs: list, path: tuple) -> None:
        if len(mine) != len(theirs):
            message = f"has {len(mine)} items; the original ({self.name}) has {len(theirs)}"
            self.report(path, message, LINE_UP_HINT, key=True)
        for i, (item, original_item) in enumerate(zip(mine, theirs, strict=False)):
            self.compare(item, original_item, (*path, i))

    def changed_value(self, mine: object, theirs: object, path: tuple) -> None:
        shown = json.dumps(theirs, ensure_ascii=False) if not isinstance(theirs, str) else theirs
        hint = (
            f"a translation repeats a value only to line up with the original: write `{shown}` "
            f"as {self.name} does, or leave the line out"
        )
        self.report(path, f"`{mine}` differs from the original's `{shown}`", hint)

    def report(self, path: tuple, message: str, hint: str, key: bool = False) -> None:
        self.problems.append(self.doc.problem(path, message, hint, key=key))


def stale(doc: Document, made_from: Document | None, schema: Schema) -> list[Problem]:
    """A warning when the texts this translation was made from have changed since."""
    block = doc.meta.get("translation")
    recorded = block.get("digest") if isinstance(block, dict) else None
    if not isinstance(recorded, str) or made_from is None or not isinstance(made_from.meta, dict):
        return []
    now = digest(made_from.meta, made_from.body, schema)
    if now == recorded:
        return []
    source = made_from.path.name
    message = f"{source} has changed since this translation was made"
    hint = f"compare this file with {source} and bring it up to date, then write `digest: {now}`"
    return [doc.problem(("translation", "digest"), message, hint, severity="warning")]
