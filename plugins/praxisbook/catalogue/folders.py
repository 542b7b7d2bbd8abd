"""A `practices/` folder as a catalogue: every version file, grouped by practice.

Here, and only here, is the rule for which version is the original: the one
readable file of a folder without a `translation:` field.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .read import Document, read


def is_original(doc: Document) -> bool:
    return isinstance(doc.meta, dict) and "translation" not in doc.meta


def originals(docs: list[Document]) -> list[Document]:
    return [doc for doc in docs if is_original(doc)]


def original_of(docs: list[Document]) -> Document | None:
    """The original version among a practice's documents (the first, if there are two)."""
    return next(iter(originals(docs)), None)


@dataclass
class Catalogue:
    """Every practice file of one `practices/` folder, read once."""

    root: Path
    documents: list[Document]

    def by_slug(self) -> dict[str, list[Document]]:
        groups: dict[str, list[Document]] = defaultdict(list)
        for doc in self.documents:
            groups[doc.slug].append(doc)
        return dict(sorted(groups.items()))


def practice_files(practices: Path) -> list[Path]:
    return sorted(p for p in practices.glob("*/*.md") if p.is_file())


def read_catalogue(practices: Path) -> Catalogue:
    return Catalogue(practices, [read(p) for p in practice_files(practices)])
