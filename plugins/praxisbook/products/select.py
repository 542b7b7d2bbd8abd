"""Which practices an export holds: by UI languages, facets and a list of slugs.

The offline bundle and the booklet share these options. Facets are the search
page's (from the schema's `x-facet`), so `--filter sector=police-justice`
selects exactly what ticking that box on the search page finds: values of one
facet are alternatives (OR), facets combine (AND).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..catalogue.facets import Facet, facets, record_filters
from ..catalogue.model import Practice
from ..catalogue.problems import BuildError
from ..catalogue.project import UI_LANGUAGES
from ..catalogue.schema import Schema


@dataclass(frozen=True)
class Selection:
    """What to export; the defaults select every practice in every UI language."""

    languages: tuple[str, ...] = UI_LANGUAGES
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    slugs: tuple[str, ...] = ()
    title: str = ""

    def apply(self, practices: list[Practice], all_facets: list[Facet]) -> list[Practice]:
        """The selected practices: in the slug list's order, else in catalogue order."""
        chosen = [p for p in practices if matches(p, self.filters, all_facets)]
        if not self.slugs:
            return chosen
        by_slug = {p.slug: p for p in chosen}
        return [by_slug[s] for s in self.slugs if s in by_slug]


def matches(practice: Practice, filters: dict[str, tuple[str, ...]], all_facets) -> bool:
    values = record_filters(practice, all_facets)
    return all(set(wanted) & set(values.get(name, ())) for name, wanted in filters.items())


def parse_languages(values: list[str] | None) -> tuple[str, ...]:
    """UI languages in the site's own order, whatever order they were given in."""
    if not values:
        return UI_LANGUAGES
    unknown = sorted(set(values) - set(UI_LANGUAGES))
    if unknown:
        raise BuildError(f"--lang {', '.join(unknown)}: choose from {', '.join(UI_LANGUAGES)}")
    return tuple(lang for lang in UI_LANGUAGES if lang in values)


def spellings(facet: Facet) -> set[str]:
    """What people type for a facet: `theme`, or the field's and URL's `themes`, `target-groups`."""
    names = {facet.key, "_".join(facet.path), "-".join(facet.path), facet.segment or facet.key}
    return names | {n.replace("_", "-") for n in names} | {n.replace("-", "_") for n in names}


def find_facet(name: str, all_facets: list[Facet]) -> Facet | None:
    return next((f for f in all_facets if name in spellings(f)), None)


def allowed_values(facet: Facet, schema: Schema) -> set[str] | None:
    """The ids a facet accepts, or None where any code goes (countries, languages)."""
    return set(schema.vocabularies[facet.vocabulary].terms) if facet.vocabulary else None


def canonical(facet: Facet, value: str) -> str:
    """Codes as the catalogue writes them: `DE` for countries, `de` for languages."""
    if facet.names == "territories":
        return value.upper()
    return value.lower() if facet.names == "languages" else value


def parse_filter(text: str, schema: Schema) -> tuple[str, str]:
    all_facets = facets(schema)
    name, sep, value = text.partition("=")
    facet = find_facet(name.strip(), all_facets)
    if not sep or facet is None:
        keys = ", ".join(f.key for f in all_facets)
        raise BuildError(f"--filter {text}: write FACET=VALUE, FACET one of {keys}")
    value = canonical(facet, value.strip())
    allowed = allowed_values(facet, schema)
    if allowed is not None and value not in allowed:
        raise BuildError(f"--filter {text}: unknown {facet.key} {value!r}; choose from "
                         f"{', '.join(sorted(allowed))}")  # fmt: skip
    return facet.key, value


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
