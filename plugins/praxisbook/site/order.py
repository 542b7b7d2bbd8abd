"""The orders lists are shown in: by the title a reader sees, and newest first."""

from __future__ import annotations

from ..catalogue.collation import collated
from ..catalogue.model import Practice

NEWEST = 5


def by_title(site, practices: list[Practice], ui: str) -> list[Practice]:
    """A–Z by the title the reader sees, in the reader's language."""
    ordered = sorted(practices, key=lambda p: p.slug)
    return collated(ordered, ui, lambda p: str(site.reading(p, ui).title))


def newest(practices: list[Practice], n: int = NEWEST) -> list[Practice]:
    """The practices most recently added to the catalogue."""
    return sorted(practices, key=lambda p: (p.record.get("added", ""), p.slug), reverse=True)[:n]
