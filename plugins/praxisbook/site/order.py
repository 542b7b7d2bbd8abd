"""The orders lists are shown in: by the title a reader sees, and newest first."""

from __future__ import annotations

from ..catalogue.collation import collated
from ..catalogue.model import Practice

NEWEST = 5


def title_ranks(site, ui: str) -> dict[str, int]:
    """Each practice's place A–Z by the title a reader of `ui` sees, computed once per build.

    Every listing of a language sorts a part of the catalogue the same way; the
    collation key of each title is made once, not once per listing.
    """
    cache = site.orders.setdefault("title", {})
    if ui not in cache:
        ordered = sorted(site.practices, key=lambda p: p.slug)
        ordered = collated(ordered, ui, lambda p: str(site.reading(p, ui).title))
        cache[ui] = {p.slug: rank for rank, p in enumerate(ordered)}
    return cache[ui]


def by_title(site, practices: list[Practice], ui: str) -> list[Practice]:
    """A–Z by the title the reader sees, in the reader's language."""
    ranks = title_ranks(site, ui)
    return sorted(practices, key=lambda p: ranks[p.slug])


def newest(practices: list[Practice], n: int = NEWEST) -> list[Practice]:
    """The practices most recently added to the catalogue."""
    return sorted(practices, key=lambda p: (p.record.get("added", ""), p.slug), reverse=True)[:n]
