"""The catalogue as a whole: the map page and the home page's "at a glance".

Both count practices per listed term (a theme, a country) from the same model
the listings are made from, so a number on the map, in its table or in a bar
is the number of practices on that term's listing page. A practice counts once
for its country, whether or not it also names a region: a country's listing
holds every practice of the country.

The map itself is drawn by `theme/templates/_map.html` from `theme/map/europe.json`
(docs/map.md); this module only reads that file and supplies the counts.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..catalogue.collation import collated
from ..catalogue.facets import Facet

GLANCE = ("theme", "country")  # the facets the home page shows as bars, by their key
MAP_FACET = "country"
MAP_FILE = Path("map") / "europe.json"  # inside the theme


@dataclass(frozen=True)
class Bar:
    """One term with its number of practices, and its bar's length in percent of the longest."""

    term: str
    arg: str  # the listing's part of a URL: `themes/anti-racism`
    label: str
    count: int
    share: int


@dataclass(frozen=True)
class Chart:
    """The bars of one facet, most practices first."""

    facet: Facet
    bars: list[Bar]


@dataclass(frozen=True)
class Overview:
    """What the map page and the home page show of the whole catalogue in one UI language."""

    charts: list[Chart]
    countries: list[Bar]  # the map's table: countries with practices, by name
    counts: dict[str, int]  # country code → number of practices, for the map's shades
    europe: dict  # theme/map/europe.json


@cache
def europe_map(path: Path) -> dict:
    """The map data, read once per process: the build never needs the network for it."""
    return json.loads(path.read_text(encoding="utf-8"))


def term_counts(practices, facet: Facet) -> Counter:
    return Counter(term for practice in practices for term in facet.values(practice))


def bars(site, ui: str, facet: Facet) -> list[Bar]:
    """The facet's terms in use, by label in `ui` (sort them by count where needed)."""
    key = ("term counts", facet.key)  # the same in every UI language: counted once
    if key not in site.orders:
        site.orders[key] = term_counts(site.practices, facet)
    counts = site.orders[key]
    most = max(counts.values(), default=1)
    found = [
        Bar(term, facet.term_path(term), site.uis[ui].facet_value(facet, term), n,
            max(1, round(100 * n / most)))
        for term, n in sorted(counts.items())
    ]  # fmt: skip
    return collated(found, ui, lambda bar: bar.label)


def chart(site, ui: str, facet: Facet) -> Chart:
    by_label = bars(site, ui, facet)
    return Chart(facet, sorted(by_label, key=lambda bar: -bar.count))  # stable: ties by label


def listed(facets: dict[str, Facet], key: str) -> bool:
    return key in facets and facets[key].listing


def overview(site, ui: str) -> Overview:
    """Counts for the map and the bars, in UI language `ui`."""
    by_key = {facet.key: facet for facet in site.facets}
    countries = bars(site, ui, by_key[MAP_FACET])
    return Overview(
        charts=[chart(site, ui, by_key[key]) for key in GLANCE if listed(by_key, key)],
        countries=countries,
        counts={bar.term: bar.count for bar in countries},
        europe=europe_map(site.ctx.project.theme / MAP_FILE),
    )
