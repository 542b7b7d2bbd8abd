"""The schema, declared once in `schema/`, loaded with its vocabularies and annotations.

`schema/practice.schema.json` is plain JSON Schema plus `x-` annotations that
drive the engine, so that no list of fields is typed a second time in Python:

- `x-vocabulary: NAME` – the value is an id of `schema/vocabularies/NAME.yaml`;
  loading turns it into an `enum`, so validator, scaffold and docs share one list;
- `x-translatable: true | "quote"` – prose a translation may carry in its own
  words, in the same shape as the original (a "quote" is shown as a translated quote);
- `x-name: true` – a name a translation may spell its own way (`localised_names`);
- `x-facet: {key, …}` – a search facet and, unless `listing: false`, a browse listing
  (`facets.py`);
- `x-csv: true | [sub-fields]` – columns of `catalogue.csv`;
- `x-related-weight: N` – how much a shared term counts for related practices;
- `x-group: NAME` – the group a field belongs to in `praxisbook new`;
- `x-fact-box: [fields]` (on `$defs/original`) – the fact box's rows, in order.

A translation's prose fields are derived here from the original's
(`prose_schema`), so the two can never disagree.
"""

from __future__ import annotations

import copy
import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import yaml

from .project import UI_LANGUAGES

DEF_PREFIX = "#/$defs/"
ANY_ITEM = "*"  # a list index in a field pattern: ("milestones", "*", "text")
Pattern = tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    name: str
    description: str
    terms: dict[str, dict[str, str]]
    segment: str = ""  # its part of a listing's URL: /<ui>/<segment>/<id>/
    labels: dict[str, str] = field(default_factory=dict)  # its own name, per UI language
    search: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # term → lang → words

    def label(self, term: str, lang: str) -> str:
        labels = self.terms.get(term, {})
        return labels.get(lang) or labels.get("en") or term

    def search_words(self, term: str, langs=None) -> list[str]:
        """Other words readers search with for a term, in `langs` or every language (never
        shown)."""
        found = self.search.get(term, {})
        return [word for lang, words in found.items() if langs is None or lang in langs
                for word in words]  # fmt: skip


@dataclass(frozen=True)
class Field:
    """One field of a version's front matter, as the schema declares it."""

    name: str  # `title`, `lead_organisation.name`, `partners[].name`
    path: Pattern  # ("partners", "*", "name")
    node: dict  # its schema, with `$ref` followed
    required: bool  # required within its parent (the file, or the group it belongs to)
    parent: str  # "" at the top, else the enclosing field's name

    @property
    def description(self) -> str:
        return self.node.get("description", "")

    @property
    def in_list(self) -> bool:
        return self.name.startswith(f"{self.parent}[].")


def resolve(node: dict, defs: dict) -> dict:
    """`node` with its `$ref` followed; the node's own keys (its description) win."""
    ref = node.get("$ref", "")
    if not ref.startswith(DEF_PREFIX):
        return node
    name = ref.removeprefix(DEF_PREFIX)
    own = {k: v for k, v in node.items() if k != "$ref"}
    return {**resolve(defs[name], defs), "x-def": name, **own}


def members(node: dict, defs: dict) -> dict:
    """The schema whose properties a field holds: its own, or its list items'."""
    return resolve(node.get("items", {}), defs) if node.get("type") == "array" else node


def walk(node: dict, defs: dict, prefix: str = "", path: Pattern = ()) -> Iterator[Field]:
    """Every field below `node`, in schema order, groups before their members."""
    required = set(node.get("required", []))
    for key, declared in node.get("properties", {}).items():
        prop = resolve(declared, defs)
        name = prefix + key
        yield Field(name, (*path, key), prop, key in required, prefix.rstrip(".[]"))
        inner = members(prop, defs)
        listed = inner is not prop
        inner_path = (*path, key, ANY_ITEM) if listed else (*path, key)
        yield from walk(inner, defs, name + ("[]." if listed else "."), inner_path)


def leaf_patterns(node: dict, defs: dict, path: Pattern = ()) -> Iterator[tuple[Pattern, dict]]:
    """(pattern, schema) of every value below `node`, list items as `*`."""
    node = resolve(node, defs)
    if node.get("type") == "array":
        yield from leaf_patterns(node.get("items", {}), defs, (*path, ANY_ITEM))
    elif "properties" in node:
        for key, prop in node["properties"].items():
            yield from leaf_patterns(prop, defs, (*path, key))
    else:
        yield path, node


def pattern_of(path: tuple) -> Pattern:
    """A value path ('milestones', 2, 'text') as its pattern ('milestones', '*', 'text')."""
    return tuple(ANY_ITEM if isinstance(part, int) else part for part in path)


def _partial_date(value: object) -> bool:
    """`YYYY`, `YYYY-MM` or a real calendar day `YYYY-MM-DD`."""
    if isinstance(value, str) and len(value) == 10:
        datetime.date.fromisoformat(value)
    return True


@cache
def format_checker():
    """jsonschema's format checker with `partial-date`; imported late, it is slow to load."""
    from jsonschema import FormatChecker

    checker = FormatChecker()
    checker.checks("partial-date", raises=ValueError)(_partial_date)
    return checker


@dataclass(frozen=True)
class Schema:
    document: dict
    vocabularies: dict[str, Vocabulary]

    def __reduce__(self):
        """Pickled for worker processes without its caches (compiled validators do not pickle)."""
        return (Schema, (self.document, self.vocabularies))

    @property
    def definitions(self) -> dict:
        return self.document["$defs"]

    def subschema(self, name: str) -> dict:
        return {**self.definitions[name], "$defs": self.definitions}

    def validator(self, name: str):
        return self.validators[name]

    def errors(self, kind: str, meta: object) -> list:
        """jsonschema's errors for one front matter of a version `kind`; [] when it is valid.

        Once the quick check (precheck.py) is compiled, it answers for the valid
        ones, which are nearly all; it is compiled for large catalogues only.
        """
        quick = self.__dict__.get("quick")
        if quick is not None and quick.passes(kind, meta):
            return []
        return list(self.validator(kind).iter_errors(meta))

    @cached_property
    def quick(self):
        from .precheck import QuickCheck

        return QuickCheck(self, format_checker)

    @cached_property
    def validators(self) -> dict:
        """One validator per version kind, built once (building one costs more than using it)."""
        from jsonschema import Draft202012Validator

        return {
            name: Draft202012Validator(self.subschema(name), format_checker=format_checker())
            for name in ("original", "translation")
        }

    @property
    def facts(self) -> dict:
        """The original's properties: every field of the practice record."""
        return self.definitions["original"]["properties"]

    def fields(self, kind: str = "original") -> list[Field]:
        return list(walk(self.definitions[kind], self.definitions))

    def annotated(self, key: str) -> dict[Pattern, object]:
        """Pattern → value of annotation `key`, for every field of the original that has it.

        A list of plain values (`places`) may carry it on its items: ("places", "*").
        """
        found: dict[Pattern, object] = {}
        for f in self.fields():
            if key in f.node:
                found[f.path] = f.node[key]
            items = members(f.node, self.definitions)
            if items is not f.node and key in items and "properties" not in items:
                found[(*f.path, ANY_ITEM)] = items[key]
        return found

    @cached_property
    def translatable(self) -> dict[Pattern, object]:
        """Prose a translation may carry: pattern → True, or "quote"."""
        return {p: v for p, v in self.annotated("x-translatable").items() if v}

    @cached_property
    def names(self) -> frozenset[Pattern]:
        """Values that are names, which `localised_names` may spell in a translation's language."""
        return frozenset(p for p, v in self.annotated("x-name").items() if v)

    @property
    def fact_box(self) -> list[str]:
        return list(self.definitions["original"].get("x-fact-box", []))

    @cached_property
    def prose_fields(self) -> list[str]:
        """Top-level fields of the original that hold prose a translation may carry."""
        top = {p[0] for p in self.translatable if len(p) > 1 or p[0] in self.facts}
        return [name for name in self.facts if name in top and name not in ("title", "summary")]


def load_vocabulary(path: Path) -> Vocabulary:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    terms = {
        str(k): {lang: str(text) for lang, text in v.items() if lang != "search"}
        for k, v in data["terms"].items()
    }
    search = {
        str(k): {lang: [w.strip() for w in str(words).split(",") if w.strip()]
                 for lang, words in v["search"].items()}
        for k, v in data["terms"].items()
        if isinstance(v.get("search"), dict)
    }  # fmt: skip
    labels = {str(k): str(v) for k, v in (data.get("labels") or {}).items()}
    segment = str(data.get("segment") or path.stem.replace("_", "-"))
    description = str(data.get("description", ""))
    return Vocabulary(path.stem, description, terms, segment, labels, search)


def inject_enums(node: object, vocabularies: dict[str, Vocabulary]) -> None:
    """Give every `x-vocabulary` node the enum of its vocabulary's ids, in place."""
    if isinstance(node, dict):
        name = node.get("x-vocabulary")
        if name in vocabularies:
            node["enum"] = list(vocabularies[name].terms)
        for value in node.values():
            inject_enums(value, vocabularies)
    elif isinstance(node, list):
        for value in node:
            inject_enums(value, vocabularies)


# --- a translation's prose fields, derived from the original's ---------------------------


def prose_schema(node: dict, defs: dict, in_item: bool = False) -> dict | None:
    """The part of `node` a translation may carry, or None when it holds no prose.

    Translatable texts keep their rules. Inside a list item, the other values
    may appear too, so that the item lines up with the original's (a
    milestone's `date`); validation checks that they equal the original's.
    """
    node = resolve(node, defs)
    if node.get("x-translatable"):
        return _plain(node)
    if node.get("type") == "array":
        item = resolve(node.get("items", {}), defs)
        items = (
            _prose_object(item, defs, True) if "properties" in item else prose_schema(item, defs)
        )
        keep = ("type", "description", "maxItems")
        return {**{k: node[k] for k in keep if k in node}, "items": items} if items else None
    if "properties" not in node:
        return _plain(node) if in_item else None
    return _prose_object(node, defs, in_item)


def _prose_object(node: dict, defs: dict, in_item: bool) -> dict | None:
    props = {k: prose_schema(v, defs, in_item) for k, v in node["properties"].items()}
    props = {k: v for k, v in props.items() if v is not None}
    if not any(_holds_prose(v) for v in props.values()):
        return None
    keep = ("type", "description", "additionalProperties")
    return {**{k: node[k] for k in keep if k in node}, "minProperties": 1, "properties": props}


def _holds_prose(node: dict) -> bool:
    if node.get("x-translatable"):
        return True
    inner = [node.get("items", {}), *node.get("properties", {}).values()]
    return any(_holds_prose(n) for n in inner if n)


def _plain(node: dict) -> dict:
    """A value's own rules, without what names its place in the original ($ref name)."""
    return {k: v for k, v in node.items() if k != "x-def"}


def add_prose_fields(document: dict) -> None:
    """Give `$defs/translation` the prose fields of `$defs/original`, in place."""
    defs = document["$defs"]
    target = defs["translation"]["properties"]
    for name, prop in defs["original"]["properties"].items():
        if name in target:
            continue
        derived = prose_schema(prop, defs)
        if derived is not None:
            target[name] = derived


@cache
def load_schema(schema_dir: Path) -> Schema:
    """Read the schema and vocabularies from a project's `schema/` folder."""
    vocabularies = {
        p.stem: load_vocabulary(p) for p in sorted((schema_dir / "vocabularies").glob("*.yaml"))
    }
    document = json.loads((schema_dir / "practice.schema.json").read_text(encoding="utf-8"))
    resolved = copy.deepcopy(document)
    inject_enums(resolved, vocabularies)
    add_prose_fields(resolved)
    return Schema(resolved, vocabularies)


def missing_labels(schema: Schema) -> list[str]:
    """Vocabulary terms (and vocabularies) lacking a label in one of the UI languages."""
    missing = [
        f"{v.name}.{term}.{lang}"
        for v in schema.vocabularies.values()
        for term, labels in v.terms.items()
        for lang in UI_LANGUAGES
        if not labels.get(lang)
    ]
    return missing + [
        f"{v.name}.labels.{lang}"
        for v in schema.vocabularies.values()
        for lang in UI_LANGUAGES
        if not v.labels.get(lang)
    ]
