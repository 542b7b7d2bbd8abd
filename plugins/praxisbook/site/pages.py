"""Which pages the site has, and what each page's template gets to see.

Every page exists in every UI language, so the language switcher can always
link to the same page in another language and never to a dead end.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..catalogue.model import Practice
from ..catalogue.project import UI_LANGUAGES
from .search import BROWSE_TERM, record_filters, sort_ranks
from .urls import TAXONOMIES, output_path

PER_PAGE = 20
STATIC_PAGES = ("about", "accessibility", "contribute", "downloads", "search")


@dataclass
class Page:
    """One HTML file to write: its kind, UI language, argument, template and data."""

    kind: str
    ui: str
    template: str
    arg: object = None
    data: dict = field(default_factory=dict)

    @property
    def path(self) -> str:
        return output_path(self.kind, self.ui, self.arg)


def group_by_term(practices: list[Practice]) -> dict[str, dict[str, list[Practice]]]:
    """For each taxonomy, the practices filed under each of its terms."""
    groups: dict[str, dict[str, list[Practice]]] = {t: defaultdict(list) for t in TAXONOMIES}
    for practice in practices:
        for taxonomy in TAXONOMIES:
            field_name = "country" if taxonomy == "countries" else taxonomy
            for term in practice.terms(field_name):
                groups[taxonomy][term].append(practice)
    return {t: dict(sorted(terms.items())) for t, terms in groups.items()}


def by_title(practices: list[Practice], ui: str) -> list[Practice]:
    return sorted(practices, key=lambda p: (p.version_for(ui).title.casefold(), p.slug))


def newest(practices: list[Practice], n: int = 5) -> list[Practice]:
    dated = [p for p in practices if p.start]
    return sorted(dated, key=lambda p: (p.start, p.slug), reverse=True)[:n]


def home_pages(practices: list[Practice], ui: str) -> list[Page]:
    ordered = by_title(practices, ui)
    count = max(1, -(-len(ordered) // PER_PAGE))
    return [
        Page("home-page", ui, "home", n, {
            "practices": ordered[(n - 1) * PER_PAGE : n * PER_PAGE],
            "page_number": n,
            "page_count": count,
            "total": len(ordered),
            "newest": newest(practices) if n == 1 else [],
        })
        for n in range(1, count + 1)
    ]  # fmt: skip


def practice_pages(practices: list[Practice], related: dict, ui: str) -> list[Page]:
    return [
        Page("practice", ui, "practice", p.slug, {"practice": p, "related": related[p.slug]})
        for p in practices
    ]


def redirect_pages(practices: list[Practice], ui: str) -> list[Page]:
    """Old slugs keep working: each becomes a page that forwards to the new one."""
    return [
        Page("practice", ui, "redirect", old, {"practice": p})
        for p in practices
        for old in p.terms("former_slugs")
    ]


def taxonomy_pages(groups: dict, ui: str) -> list[Page]:
    pages = [Page("browse", ui, "browse", None, {"groups": groups})]
    for taxonomy, terms in groups.items():
        for term, members in terms.items():
            data = {"taxonomy": taxonomy, "term": term, "practices": by_title(members, ui)}
            pages.append(Page(taxonomy, ui, "term", term, data))
    return pages


def search_record_pages(practices: list[Practice], ui: str) -> list[Page]:
    """One search record per practice: what Pagefind indexes for `ui` (see search.py)."""
    ranks = sort_ranks(practices, ui)
    return [
        Page("search-record", ui, "search-record", p.slug, {
            "practice": p, "filters": record_filters(p), "sort": ranks[p.slug],
            "browse_term": BROWSE_TERM,
        })
        for p in practices
    ]  # fmt: skip


def other_pages(ui: str) -> list[Page]:
    pages = [Page(kind, ui, kind) for kind in STATIC_PAGES]
    return [*pages, Page("not-found", ui, "404")]


def site_pages(
    practices: list[Practice], related: dict, languages: tuple[str, ...] = UI_LANGUAGES
) -> list[Page]:
    """Every page of the site, in a fixed order so that builds are reproducible.

    An offline bundle may hold fewer UI languages than the site (`languages`).
    """
    groups = group_by_term(practices)
    pages = [Page("chooser", "", "chooser"), Page("not-found-root", "", "404")]
    for ui in languages:
        pages += home_pages(practices, ui) + practice_pages(practices, related, ui)
        pages += redirect_pages(practices, ui) + taxonomy_pages(groups, ui) + other_pages(ui)
        pages += search_record_pages(practices, ui)
    return pages
