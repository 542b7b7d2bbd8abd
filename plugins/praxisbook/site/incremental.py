"""What a change to a few practices affects, for the live preview (`praxisbook serve`).

First the changed practices' own pages, in every UI language, so that the
editor sees the change at once; then every other page that shows one of them,
now or before the change: the listings it is or was on, listings whose order
moved, the pages whose related practices changed, the browse, search and map
pages and the first home page (their counts), and the comparison's facts.
Every other page is left as it is on disk. What a new model can take over
from the old one (readings and listing rows of the practices that did not change)
it takes over, so that the second step is quick too.
"""

from __future__ import annotations

from ..catalogue.related import related_practices
from .pages import Page, redirect_pages, site_pages

# Counts of every term, and every practice's facts: any change may move them.
ALWAYS = ("browse", "search", "map", "compare-facts")


def inherit(old, new, changed: set[str]) -> None:
    """Give `new` what `old` computed for the practices that did not change."""
    new.readings.update({k: v for k, v in old.readings.items() if k[0] not in changed})
    new.rows.update({k: v for k, v in old.rows.items() if k[0] not in changed})
    new.related_items.update({k: v for k, v in old.related_items.items() if k[0] not in changed})
    new.fact_values.update({k: v for k, v in old.fact_values.items() if k[0] not in changed})


def own_pages(site, changed: set[str]) -> list[Page]:
    """The changed practices' pages (and redirects) in every UI language."""
    practices = [p for p in site.practices if p.slug in changed]
    related = related_practices(site.practices, site.schema, only=changed)
    pages = []
    for ui in site.ctx.languages:
        pages += [
            Page("practice", ui, "practice", p.slug, {"practice": p, "related": related[p.slug]})
            for p in practices
        ]
        pages += [page for page in redirect_pages(site, ui) if page.data["practice"] in practices]
    return pages


def shown_slugs(page: Page) -> tuple[str, ...]:
    """The practices a page shows, in order (a listing), or its own (a practice page)."""
    data = page.data
    if "practice" in data:
        return (data["practice"].slug, *(p.slug for p in data.get("related", ())))
    if "term" in data:
        return tuple(p.slug for p in data["term"].practices)
    return tuple(p.slug for p in data.get("practices", ()))


def shown(pages: list[Page]) -> dict[str, tuple[str, ...]]:
    """Page path → the practices it shows: what the next change is compared with."""
    return {page.path: shown_slugs(page) for page in pages}


def other_pages(
    before: dict, pages: list[Page], changed: set[str], own: set[str] | None = None
) -> list[Page]:
    """Of `pages`, those that differ because `changed` changed, but for the own pages of
    `own` (default: of `changed`), which are already written."""
    own = changed if own is None else own
    return [
        page
        for page in pages
        if not (page.template in ("practice", "redirect") and page.data["practice"].slug in own)
        and (
            page.template in ALWAYS
            or page.data.get("overview") is not None  # the home page's catalogue at a glance
            or set(shown_slugs(page)) & changed
            or before.get(page.path) != shown_slugs(page)
            or changed & set(before.get(page.path, ()))
        )
    ]


def affected_pages(old, new, changed: set[str]) -> list[Page]:
    """Every page of `new` that differs because `changed` changed between `old` and `new`."""
    pages = site_pages(new)
    return own_pages(new, changed) + other_pages(shown(site_pages(old)), pages, changed)
