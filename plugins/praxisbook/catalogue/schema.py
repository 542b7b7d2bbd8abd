"""The schema, declared once in `schema/`, loaded with its vocabularies.

`schema/practice.schema.json` marks vocabulary-bound fields with
`"x-vocabulary": NAME`; loading turns each into an `enum` of that vocabulary's
ids, so the validator, the scaffold, the field reference and the published
schema all use one list.
"""

from __future__ import annotations

import copy
import datetime
import json
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator, FormatChecker

from .project import UI_LANGUAGES

FORMAT_CHECKER = FormatChecker()


@FORMAT_CHECKER.checks("partial-date", raises=ValueError)
def is_partial_date(value: object) -> bool:
    """`YYYY`, `YYYY-MM` or a real calendar day `YYYY-MM-DD`."""
    if isinstance(value, str) and len(value) == 10:
        datetime.date.fromisoformat(value)
    return True


@dataclass(frozen=True)
class Vocabulary:
    name: str
    description: str
    terms: dict[str, dict[str, str]]

    def label(self, term: str, lang: str) -> str:
        labels = self.terms.get(term, {})
        return labels.get(lang) or labels.get("en") or term


@dataclass(frozen=True)
class Schema:
    document: dict
    vocabularies: dict[str, Vocabulary]

    @property
    def original(self) -> dict:
        return self.subschema("original")

    @property
    def translation(self) -> dict:
        return self.subschema("translation")

    def subschema(self, name: str) -> dict:
        return {**self.document["$defs"][name], "$defs": self.document["$defs"]}

    @property
    def definitions(self) -> dict:
        return self.document["$defs"]

    def validator(self, name: str) -> Draft202012Validator:
        return self.validators[name]

    @cached_property
    def validators(self) -> dict[str, Draft202012Validator]:
        """One validator per version kind, built once (building one costs more than using it)."""
        return {
            name: Draft202012Validator(self.subschema(name), format_checker=FORMAT_CHECKER)
            for name in ("original", "translation")
        }


def load_vocabulary(path: Path) -> Vocabulary:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    terms = {str(k): {lang: str(v[lang]) for lang in v} for k, v in data["terms"].items()}
    return Vocabulary(path.stem, str(data.get("description", "")), terms)


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


@cache
def load_schema(schema_dir: Path) -> Schema:
    """Read the schema and vocabularies from a project's `schema/` folder."""
    vocabularies = {
        p.stem: load_vocabulary(p) for p in sorted((schema_dir / "vocabularies").glob("*.yaml"))
    }
    document = json.loads((schema_dir / "practice.schema.json").read_text(encoding="utf-8"))
    resolved = copy.deepcopy(document)
    inject_enums(resolved, vocabularies)
    return Schema(resolved, vocabularies)


def missing_labels(schema: Schema) -> list[str]:
    """Vocabulary terms lacking a label in one of the UI languages."""
    return [
        f"{v.name}.{term}.{lang}"
        for v in schema.vocabularies.values()
        for term, labels in v.terms.items()
        for lang in UI_LANGUAGES
        if not labels.get(lang)
    ]
