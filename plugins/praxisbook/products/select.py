"""Which practices an export holds: by UI languages, facets and a list of slugs.

The offline bundle and the booklet share these options. Facets are the search
page's (`search.FACETS`, values from `search.record_filters`), so `--filter
sector=police-justice` selects exactly what ticking that box on the search
page finds: values of one facet are alternatives (OR), facets combine (AND).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..catalogue.model import Practice
from ..catalogue.problems import BuildError
from ..catalogue.project import UI_LANGUAGES
from ..catalogue.schema import Schema
from ..site.search import FACETS, collation_key, record_filters

# Plural and URL spellings people will type, e.g. `sectors=` as in /en/sectors/…
ALIASES = {
    "themes": "theme", "sectors": "sector", "target_groups": "target_group",
    "target-groups": "target_group", "target-group": "target_group", "countries": "country",
    "languages": "language", "statuses": "status", "evidence_level": "evidence",
}  # fmt: skip


@dataclass(frozen=True)
class Selection:
    """What to export; the defaults select every practice in every UI language."""

    languages: tuple[str, ...] = UI_LANGUAGES
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    slugs: tuple[str, ...] = ()
    title: str = ""

    def apply(self, practices: list[Practice]) -> list[Practice]:
        """The selected practices: in the slug list's order, else in catalogue order."""
        chosen = [p for p in practices if matches(p, self.filters)]
        if not self.slugs:
            return chosen
        by_slug = {p.slug: p for p in chosen}
        return [by_slug[s] for s in self.slugs if s in by_slug]


def matches(practice: Practice, filters: dict[str, tuple[str, ...]]) -> bool:
    values = record_filters(practice)
    return all(set(wanted) & set(values.get(name, ())) for name, wanted in filters.items())


def by_title(practices: list[Practice], ui: str) -> list[Practice]:
    """Alphabetical in the UI language, accents and case ignored (as the search page sorts)."""
    return sorted(practices, key=lambda p: (collation_key(p.version_for(ui).title), p.slug))


def parse_languages(values: list[str] | None) -> tuple[str, ...]:
    """UI languages in the site's own order, whatever order they were given in."""
    if not values:
        return UI_LANGUAGES
    unknown = sorted(set(values) - set(UI_LANGUAGES))
    if unknown:
        raise BuildError(f"--lang {', '.join(unknown)}: choose from {', '.join(UI_LANGUAGES)}")
    return tuple(lang for lang in UI_LANGUAGES if lang in values)


def allowed_values(facet: str, schema: Schema) -> set[str] | None:
    """The ids a facet accepts, or None where any code goes (countries, languages)."""
    vocabulary = FACETS[facet]
    return None if vocabulary is None else set(schema.vocabularies[vocabulary].terms)


def parse_filter(text: str, schema: Schema) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    facet = ALIASES.get(name.strip(), name.strip())
    if not sep or facet not in FACETS:
        raise BuildError(f"--filter {text}: write FACET=VALUE, FACET one of {', '.join(FACETS)}")
    value = value.strip().upper() if facet == "country" else value.strip()
    allowed = allowed_values(facet, schema)
    if allowed is not None and value not in allowed:
        raise BuildError(f"--filter {text}: unknown {facet} {value!r}; choose from "
                         f"{', '.join(sorted(allowed))}")  # fmt: skip
    return facet, value


def parse_filters(texts: list[str] | None, schema: Schema) -> dict[str, tuple[str, ...]]:
    filters: dict[str, list[str]] = {}
    for text in texts or []:
        facet, value = parse_filter(text, schema)
        filters.setdefault(facet, []).append(value)
    return {facet: tuple(values) for facet, values in filters.items()}


def read_slugs(path: Path | None, practices: list[Practice]) -> tuple[str, ...]:
    """Slugs from a file, one a line (`#` starts a comment); former slugs are followed."""
    if path is None:
        return ()
    current = {p.slug: p.slug for p in practices}
    current.update({old: p.slug for p in practices for old in p.terms("former_slugs")})
    lines = [line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines()]
    wanted = [line for line in lines if line]
    unknown = [slug for slug in wanted if slug not in current]
    if unknown:
        raise BuildError(f"{path}: no practice with the slug {', '.join(unknown)}")
    if not wanted:
        raise BuildError(f"{path}: names no practice (one slug a line)")
    return tuple(dict.fromkeys(current[slug] for slug in wanted))


def selection_from(args, practices: list[Practice], schema: Schema) -> Selection:
    """A Selection from parsed command-line options (`--lang`, `--filter`, `--slugs`, `--title`)."""
    return Selection(
        languages=parse_languages(args.lang),
        filters=parse_filters(args.filter, schema),
        slugs=read_slugs(args.slugs, practices),
        title=(args.title or "").strip(),
    )
