"""Turn jsonschema's errors into messages an editor can act on.

Each JSON Schema keyword gets its own sentence and hint. The hints reuse the
schema's own descriptions and vocabularies, so they cannot drift from the rules.
"""

from __future__ import annotations

import difflib

from jsonschema import ValidationError

from .problems import Problem
from .read import Document

TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a group of fields",
    "integer": "a whole number",
    "boolean": "true or false",
}
PATTERN_HINTS = {
    "^[0-9]{4}(": ("is not a date", "write `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, e.g. `2016-06`"),
    "^[a-z0-9]+(": ("is not a valid slug", "use lowercase ASCII letters, digits and hyphens"),
    "^https?://": ("is not a web address", "write the full address, starting with `https://`"),
    "^\\+[0-9]": ("is not an international phone number", "write it like `+49 234 910 0`"),
    "^[^@\\s]+@": ("is not an e-mail address", "write it like `office@example.org`"),
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": ("is not a full date", "write `YYYY-MM-DD`"),
}
MAX_LISTED = 20


def type_of(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    for py, name in ((str, "text"), (int, "a number"), (list, "a list"), (dict, "a group")):
        if isinstance(value, py):
            return name
    return "nothing"


def allowed(values: list, limit: int = MAX_LISTED) -> str:
    shown = ", ".join(f"`{v}`" for v in values[:limit])
    more = f" and {len(values) - limit} more" if len(values) > limit else ""
    return f"allowed: {shown}{more}"


def suggest(value: object, values: list, limit: int = MAX_LISTED) -> str:
    """'did you mean …?' (ignoring case) followed by the allowed values."""
    by_folded = {str(v).casefold(): str(v) for v in values}
    close = difflib.get_close_matches(str(value).casefold(), list(by_folded), n=1, cutoff=0.6)
    prefix = f"did you mean `{by_folded[close[0]]}`? " if close else ""
    return prefix + allowed(values, limit)


class Explainer:
    """Problems for one document from one validator run."""

    def __init__(self, doc: Document, facts: dict, original_file: str):
        self.doc = doc
        self.facts = facts  # the original's properties, to recognise facts in translations
        self.original_file = original_file

    def problems(self, error: ValidationError) -> list[Problem]:
        path = tuple(error.absolute_path)
        handler = getattr(self, f"on_{error.validator}", None)
        if handler is None:
            return [self.doc.problem(path, error.message)]
        return handler(error, path)

    def on_required(self, error, path):
        props = error.schema.get("properties", {})
        missing = [r for r in error.validator_value if r not in error.instance]
        return [
            self.doc.problem((*path, name), "required field is missing", self.add_hint(props, name))
            for name in missing
        ]

    def add_hint(self, props: dict, name: str) -> str:
        desc = props.get(name, {}).get("description", "")
        return f"add `{name}:` ({desc})" if desc else f"add `{name}:`"

    def on_additionalProperties(self, error, path):
        known = list(error.schema.get("properties", {}))
        extras = [k for k in error.instance if k not in known]
        return [self.extra(path, key, known) for key in extras]

    def extra(self, path, key, known):
        where = (*path, key)
        if not path and key in self.facts:
            hint = f"remove it here: facts are kept once, in the original ({self.original_file})"
            return self.doc.problem(
                where, "is a fact, not allowed in a translation", hint, key=True
            )
        hint = suggest(key, known, limit=len(known))
        return self.doc.problem(where, "unknown field", hint, key=True)

    def on_enum(self, error, path):
        vocab = error.schema.get("x-vocabulary")
        what = f"not in the `{vocab}` vocabulary" if vocab else "not an allowed value"
        value = error.instance
        return [
            self.doc.problem(path, f"`{value}` is {what}", suggest(value, error.validator_value))
        ]

    def on_type(self, error, path):
        expected = error.validator_value
        wanted = TYPE_NAMES.get(expected, expected)
        got = type_of(error.instance)
        return [self.doc.problem(path, f"must be {wanted}, not {got}", type_hint(expected, got))]

    def on_pattern(self, error, path):
        for start, (message, hint) in PATTERN_HINTS.items():
            if error.validator_value.startswith(start):
                return [self.doc.problem(path, f"`{error.instance}` {message}", hint)]
        return [self.doc.problem(path, f"`{error.instance}` has the wrong form")]

    def on_format(self, error, path):
        message = {
            "partial-date": "is not a calendar date",
            "date": "is not a calendar date",
            "email": "is not an e-mail address",
            "uri": "is not a web address",
        }.get(error.validator_value, f"is not a valid {error.validator_value}")
        hint = "check the day and month" if "date" in error.validator_value else ""
        return [self.doc.problem(path, f"`{error.instance}` {message}", hint)]

    def on_minLength(self, error, path):
        n, limit = len(error.instance), error.validator_value
        desc = error.schema.get("description", "")
        message = f"is too short ({n} characters, at least {limit})"
        return [self.doc.problem(path, message, desc)]

    def on_maxLength(self, error, path):
        n, limit = len(error.instance), error.validator_value
        message = f"is too long ({n} characters, at most {limit})"
        return [self.doc.problem(path, message, "shorten it; details belong in the text")]

    def on_minItems(self, error, path):
        need = error.validator_value
        hint = "add an item, or leave the field out if the source says nothing"
        return [self.doc.problem(path, f"needs at least {need} item{'s' * (need != 1)}", hint)]

    def on_maxItems(self, error, path):
        limit = error.validator_value
        message = f"has {len(error.instance)} items, at most {limit} allowed"
        return [self.doc.problem(path, message, "keep the most important ones")]

    def on_uniqueItems(self, error, path):
        seen, twice = set(), None
        for item in error.instance:
            key = repr(item)
            twice = twice or (item if key in seen else None)
            seen.add(key)
        return [self.doc.problem(path, f"lists `{twice}` twice", "remove the repeated item")]

    def on_minimum(self, error, path):
        message = f"must be at least {error.validator_value}"
        return [self.doc.problem(path, message, f"`{error.instance}` is too small")]

    def on_maximum(self, error, path):
        message = f"must be at most {error.validator_value}"
        return [self.doc.problem(path, message, f"`{error.instance}` is too large")]

    def on_minProperties(self, error, path):
        names = list(error.schema.get("properties", {}))
        hint = "fill in " + (f"one of {allowed(names)[9:]}" if names else "at least one entry")
        return [self.doc.problem(path, "is empty", hint + ", or leave the field out")]

    def on_maxProperties(self, error, path):
        limit = error.validator_value
        return [self.doc.problem(path, f"has more than {limit} entries", "keep the important ones")]


def type_hint(expected: str, got: str) -> str:
    if expected == "boolean":
        return "write `true` or `false` (yes/no/on/off are not read as booleans)"
    if expected == "integer":
        return "write a whole number without quotes, e.g. `3`"
    if expected == "string":
        return 'put the value in quotes, e.g. "0800 123"'
    if expected == "array":
        return "write one item per line, each starting with `- `"
    if expected == "object":
        return "write the sub-fields indented below the field name"
    return ""
