"""Which pages the site has, and what each page's template gets to see.

Every page exists in every UI language, so the language switcher can always
link to the same page in another language and never to a dead end. Lists are
ordered by what the reader sees, in the reader's language (`collation.py`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from ..catalogue.collation import collated
from ..catalogue.facets import Facet
from ..catalogue.model import Practice
from .compare import facts_script
from .minify import minified
from .order import by_title, newest
from .overview import overview
from .urls import output_path

# The A–Z listing lists, fifty to a page: a title, country and language each (_row.html).
PER_PAGE = 50
STATIC_PAGES = (
    "about", "accessibility", "compare", "contribute", "downloads", "easy-read", "privacy",
    "search",
)  # fmt: skip


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


@dataclass(frozen=True)
class Deferred:
    """Page data made only if the page is rendered, from `inputs` alone (with the build's
    settings, theme and schema): the page cache compares those instead."""

    make: Callable
    inputs: tuple

    def __call__(self, *args):
        return self.make(*args)


@dataclass(frozen=True)
class Term:
    """One value of a listed facet, with the practices filed under it."""

    facet: Facet
    id: str
    label: str
    practices: list[Practice]

    @property
    def arg(self) -> str:
        return self.facet.term_path(self.id)


def filed(practices: list[Practice], facet: Facet) -> dict[str, list[Practice]]:
    groups: dict[str, list[Practice]] = defaultdict(list)
    for practice in practices:
        for term in facet.values(practice):
            groups[term].append(practice)
    return groups


def listed_terms(site, ui: str) -> dict[str, list[Term]]:
    """Per listed facet, its terms in use, ordered by their label in `ui`."""
    found = {}
    for facet in site.listings:
        terms = [
            Term(facet, term, site.uis[ui].facet_value(facet, term), by_title(site, members, ui))
            for term, members in sorted(filed(site.practices, facet).items())
        ]
        found[facet.key] = collated(terms, ui, lambda t: t.label)
    return found


def home_pages(site, ui: str) -> list[Page]:
    ordered = by_title(site, site.practices, ui)
    count = max(1, -(-len(ordered) // PER_PAGE))
    return [
        Page("home-page", ui, "home", n, {
            "practices": ordered[(n - 1) * PER_PAGE : n * PER_PAGE],
            "page_number": n,
            "page_count": count,
            "total": len(ordered),
            "newest": newest(site.practices) if n == 1 else [],
            "overview": overview(site, ui) if n == 1 else None,
        })
        for n in range(1, count + 1)
    ]  # fmt: skip


def practice_pages(site, ui: str) -> list[Page]:
    return [
        Page("practice", ui, "practice", p.slug, {"practice": p, "related": site.related[p.slug]})
        for p in site.practices
    ]


def redirect_pages(site, ui: str) -> list[Page]:
    """Old slugs keep working: each becomes a page that forwards to the new one."""
    return [
        Page("practice", ui, "redirect", old, {"practice": p})
        for p in site.practices
        for old in p.terms("former_slugs")
    ]


def listing_pages(site, ui: str) -> list[Page]:
    terms = listed_terms(site, ui)
    pages = [Page("browse", ui, "browse", None, {"terms": terms})]
    for members in terms.values():
        pages += [Page("term", ui, "term", term.arg, {"term": term}) for term in members]
    return pages


def overview_pages(site, ui: str) -> list[Page]:
    """The map, and the scripts of the comparison (site/overview.py, site/compare.py)."""
    # Made when rendered (the fact box, site/factbox.py), from every practice.
    facts = Deferred(partial(facts_script, site, ui), tuple(site.practices))
    return [
        Page("map", ui, "map", None, {"overview": overview(site, ui)}),
        Page("compare-facts", ui, "compare-facts", None, {"facts": facts}),
        Page("compare-select", ui, "compare-select", None, {"code": compare_code(site)}),
    ]


def compare_code(site) -> str:
    """The Compare buttons' code, which each UI language's `compare/select.js` carries after
    its words: the theme's `templates/compare-select.js`, minified as the theme's scripts."""
    path = site.ctx.project.theme / "templates" / "compare-select.js"
    return minified(path, path.read_text(encoding="utf-8"))


def other_pages(site, ui: str) -> list[Page]:
    pages = [Page(kind, ui, kind) for kind in STATIC_PAGES]
    if site.owner.imprint:
        pages.append(Page("imprint", ui, "imprint"))
    return [*pages, Page("not-found", ui, "404")]


def language_pages(site, ui: str) -> list[Page]:
    """Every page of one UI language."""
    pages = home_pages(site, ui) + practice_pages(site, ui) + redirect_pages(site, ui)
    return pages + listing_pages(site, ui) + overview_pages(site, ui) + other_pages(site, ui)


def site_pages(site) -> list[Page]:
    """Every page of the site, in a fixed order so that builds are reproducible.

    An offline bundle may hold fewer UI languages than the site.
    """
    pages = [Page("chooser", "", "chooser"), Page("not-found-root", "", "404")]
    for ui in site.ctx.languages:
        pages += language_pages(site, ui)
    return pages
