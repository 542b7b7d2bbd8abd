"""Facets and listings, read from the schema's `x-facet` annotations.

A facet is a field whose values are ids (a vocabulary's, or codes that Babel
names): the search page filters by it, and unless it says `listing: false` the
site lists its practices at `/<ui>/<segment>/<id>/`. Adding one takes a
vocabulary file (its ids, URL segment and six labels) and a schema property
with `x-facet`; nothing here names a field.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .schema import Schema, resolve


@dataclass(frozen=True)
class Facet:
    key: str  # filter key and URL parameter: `theme`
    path: tuple[str, ...]  # where its values are in the record: ("evidence", "level")
    vocabulary: str | None  # labels its ids; None where Babel names them
    names: str | None  # Babel's table for codes: `territories` or `languages`
    segment: str | None  # URL segment of its listing; None: no listing
    labels: dict[str, str] = field(default_factory=dict)  # its own name, per UI language
    order: str = "label"  # options by label, or in the vocabulary's order (a scale)
    from_versions: bool = False  # the values are the practice's languages

    @property
    def listing(self) -> bool:
        return self.segment is not None

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("en") or self.key

    def values(self, practice) -> list[str]:
        """The ids a practice has for this facet (its languages, for the language facet)."""
        return list(practice.languages) if self.from_versions else practice.terms(self.path)

    def term_path(self, term: str) -> str:
        """`themes/anti-racism`, `countries/de`: the listing's part of a URL."""
        return f"{self.segment}/{term.lower()}"


def _facet(path: tuple, node: dict, schema: Schema) -> Facet:
    spec = node["x-facet"]
    name = node.get("x-vocabulary") or resolve(node.get("items", {}), schema.definitions).get(
        "x-vocabulary"
    )
    vocabulary = schema.vocabularies.get(name) if name else None
    listing = spec.get("listing", True)
    segment = spec.get("segment") or (vocabulary.segment if vocabulary else None)
    labels = spec.get("labels") or (vocabulary.labels if vocabulary else {})
    return Facet(
        key=spec["key"], path=path, vocabulary=name, names=spec.get("names"),
        segment=segment if listing else None, labels=dict(labels),
        order=spec.get("order", "label"), from_versions=spec.get("from") == "versions",
    )  # fmt: skip


def facets(schema: Schema) -> list[Facet]:
    """Every facet, in schema order; a facet of the versions (languages) where `after` says."""
    found = [_facet(f.path, f.node, schema) for f in schema.fields() if "x-facet" in f.node]
    for node in schema.definitions.values():
        spec = node.get("x-facet", {})
        if spec.get("from") == "versions":
            keys = [facet.key for facet in found]
            at = keys.index(spec["after"]) + 1 if spec.get("after") in keys else len(found)
            found.insert(at, _facet((), node, schema))
    return found


def listings(schema: Schema) -> list[Facet]:
    return [facet for facet in facets(schema) if facet.listing]


def record_filters(practice, all_facets: list[Facet]) -> dict[str, list[str]]:
    """The facet values of one practice, as ids and codes; facets it lacks are left out."""
    values = {facet.key: facet.values(practice) for facet in all_facets}
    return {key: terms for key, terms in values.items() if terms}
