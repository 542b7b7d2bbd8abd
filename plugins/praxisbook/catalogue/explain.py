"""Turn jsonschema's errors into messages an editor can act on.

Each JSON Schema keyword gets its own sentence and hint. The hints reuse the
schema's own descriptions and vocabularies, so they cannot drift from the rules.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

from .guess import code_for, date_for
from .problems import Problem, field_name
from .read import Document
from .schema import resolve

TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a group of fields",
    "integer": "a whole number",
    "boolean": "true or false",
}
PATTERN_HINTS = {
    "^[0-9]{4}(": (
        "is not written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`",
        "e.g. `2016-06` for June 2016, or `2016` when only the year is known",
    ),
    "^[a-z0-9]+(": ("is not a valid slug", "use lowercase ASCII letters, digits and hyphens"),
    "^https?://": ("is not a web address", "write the full address, starting with `https://`"),
    "^\\+[0-9]": ("is not an international phone number", "write it like `+49 234 910 0`"),
    "^[^@\\s]+@": ("is not an e-mail address", "write it like `office@example.org`"),
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": ("is not written `YYYY-MM-DD`", "e.g. `2026-11-22`"),
    "^[0-9a-f]{12}$": (
        "is not a digest",
        "copy the 12 characters `praxisbook new` or a warning's hint gives, or remove the line",
    ),
}
MAX_LISTED = 20
PARTIAL_DATE, FULL_DATE = "^[0-9]{4}(", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
EMPTY_HINT = "fill in a value after the colon, or remove the line"


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


def did_you_mean(value: object, values: list) -> str:
    """'did you mean `x`?' for the closest value (ignoring case), or ''."""
    by_folded = {str(v).casefold(): str(v) for v in values}
    close = difflib.get_close_matches(str(value).casefold(), list(by_folded), n=1, cutoff=0.75)
    return f"did you mean `{by_folded[close[0]]}`?" if close else ""


def suggest(value: object, values: list, limit: int = MAX_LISTED) -> str:
    """'did you mean …?' (ignoring case) followed by the allowed values."""
    prefix = did_you_mean(value, values)
    return f"{prefix} {allowed(values, limit)}" if prefix else allowed(values, limit)


class Explainer:
    """Problems for one document from one validator run."""

    def __init__(
        self, doc: Document, facts: dict, original_file: str, definitions: dict | None = None
    ):
        self.doc = doc
        self.facts = facts  # the original's properties, to recognise facts in translations
        self.original_file = original_file
        self.definitions = definitions or {}  # to describe fields that are only a `$ref`

    def problems(self, error) -> list[Problem]:
        path = tuple(error.absolute_path)
        handler = getattr(self, f"on_{error.validator}", None)
        if handler is None:
            return [self.doc.problem(path, error.message)]
        return handler(error, path)

    def on_required(self, error, path):
        props = error.schema.get("properties", {})
        missing = [r for r in error.validator_value if r not in error.instance]
        # point at the key of the group that lacks the field (`person:`), or at a list
        # item's `- `; a field missing from the front matter as a whole at its `---`
        at_key = bool(path) and not isinstance(path[-1], int)
        return [
            self.doc.problem(
                (*path, name), "required field is missing", self.add_hint(props, name), key=at_key
            )
            for name in missing
        ]

    def add_hint(self, props: dict, name: str) -> str:
        prop = props.get(name, {})
        ref = self.definitions.get(prop.get("$ref", "").rsplit("/", 1)[-1], {})
        desc = prop.get("description") or ref.get("description", "")
        return f"add `{name}:` ({desc})" if desc else f"add `{name}:`"

    def on_additionalProperties(self, error, path):
        known = list(error.schema.get("properties", {}))
        extras = [k for k in error.instance if k not in known]
        return [self.extra(path, key, known) for key in extras]

    def extra(self, path, key, known):
        where = (*path, key)
        if self.is_fact(where):
            hint = f"remove it here: facts are kept once, in the original ({self.original_file})"
            return self.doc.problem(
                where, "is a fact, not allowed in a translation", hint, key=True
            )
        hint = suggest(key, known, limit=len(known))
        return self.doc.problem(where, "unknown field", hint, key=True)

    def is_fact(self, where: tuple) -> bool:
        """Is this a field of the original that a translation may not carry (a value)?"""
        if not self.doc.is_translation:
            return False
        node = {"properties": self.facts}
        for key in where:
            if isinstance(key, int):
                continue
            node = resolve(node, self.definitions)
            node = node.get("items", node) if node.get("type") == "array" else node
            node = resolve(node, self.definitions).get("properties", {}).get(key)
            if node is None:
                return False
        return True

    def on_enum(self, error, path):
        vocab = error.schema.get("x-vocabulary")
        what = f"not in the `{vocab}` vocabulary" if vocab else "not an allowed value"
        value = error.instance
        if isinstance(value, list | dict):  # `[machine]` for `machine`: say so, not its repr
            first = value[0] if isinstance(value, list) and value else ""
            hint = suggest(first, error.validator_value)
            return [self.doc.problem(path, f"must be one value, not {type_of(value)}", hint)]
        hint = suggest(value, error.validator_value)
        if not hint.startswith("did you mean"):  # a country or language by name: `Niederlande`
            hint = code_for(value, error.validator_value) or hint
        return [self.doc.problem(path, f"`{value}` is {what}", hint)]

    def on_type(self, error, path):
        expected = error.validator_value
        wanted = TYPE_NAMES.get(expected, expected)
        if error.instance is None:
            return [self.doc.problem(path, f"is empty; it must be {wanted}", EMPTY_HINT)]
        got = type_of(error.instance)
        hint = type_hint(expected, got, error.instance)
        if expected == "object" and path and isinstance(path[-1], int):
            names = [*error.schema.get("required", []), *error.schema.get("properties", {})]
            hint = f"write the item's fields after `- `, e.g. `- {names[0]}: …`" if names else hint
        return [self.doc.problem(path, f"must be {wanted}, not {got}", hint)]

    def on_pattern(self, error, path):
        pattern = error.validator_value
        for start, (message, example) in PATTERN_HINTS.items():
            if pattern.startswith(start):
                hint = example
                if pattern.startswith((PARTIAL_DATE, FULL_DATE)):  # `27.11.2026`, `juni 2016`
                    hint = date_for(error.instance, pattern == FULL_DATE) or example
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
        desc = error.schema.get("description", "") or "write it out in full"
        message = f"is too short ({characters(n)}, at least {limit})"
        return [self.doc.problem(path, message, desc)]

    def on_maxLength(self, error, path):
        n, limit = len(error.instance), error.validator_value
        message = f"is too long ({characters(n)}, at most {limit})"
        if "pattern" in error.schema:  # an address or code: there is no text to move it to
            return [self.doc.problem(path, message, "check that it is one value, and shorten it")]
        return [self.doc.problem(path, message, "shorten it; details belong in the text")]

    def whole(self, path, message: str, hint: str) -> list[Problem]:
        """A problem with a list or group as a whole, shown at its field name."""
        key = bool(path) and not isinstance(path[-1], int)
        return [self.doc.problem(path, message, hint, key=key)]

    def on_minItems(self, error, path):
        need = error.validator_value
        hint = "add an item, or leave the field out if the source says nothing"
        return self.whole(path, f"needs at least {need} item{'s' * (need != 1)}", hint)

    def on_maxItems(self, error, path):
        limit = error.validator_value
        message = f"has {len(error.instance)} items, at most {limit} allowed"
        return self.whole(path, message, "keep the most important ones")

    def on_uniqueItems(self, error, path):
        """Shown at the second occurrence, named by the list."""
        seen: set[str] = set()
        hint = "remove the repeated item"
        for index, item in enumerate(error.instance):
            key = json.dumps(item, sort_keys=True)  # as JSON Schema compares: `1` is not `true`
            if key in seen:
                line, col = self.doc.where((*path, index))
                message = f"lists `{scalar_text(item)}` twice"
                return [Problem(self.doc.shown, line, col, field_name(path), message, hint)]
            seen.add(key)
        return self.whole(path, "lists an item twice", hint)

    def on_minimum(self, error, path):
        message = f"`{error.instance}` is too small (at least {error.validator_value})"
        return [self.doc.problem(path, message, number_range(error.schema))]

    def on_maximum(self, error, path):
        message = f"`{error.instance}` is too large (at most {error.validator_value})"
        return [self.doc.problem(path, message, number_range(error.schema))]

    def on_minProperties(self, error, path):
        names = list(error.schema.get("properties", {}))
        what = f"one of {allowed(names)[9:]}" if names else "one `name: value` line"
        return self.whole(path, "is empty", f"fill in at least {what}, or leave the field out")

    def on_maxProperties(self, error, path):
        limit = error.validator_value
        message = f"has {len(error.instance)} entries, at most {limit} allowed"
        return self.whole(path, message, "keep the most important ones")


def number_range(schema: dict) -> str:
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        return f"write a whole number from {low} to {high}"
    if low is not None:
        return f"write a whole number of at least {low}"
    return f"write a whole number of at most {high}"


def characters(n: int) -> str:
    return f"{n} character{'s' * (n != 1)}"


def type_hint(expected: str, got: str, value: object = None) -> str:
    if expected == "string" and got in ("a list", "a group"):
        return "write one value here, not " + ("a list" if got == "a list" else "sub-fields")
    return {
        "boolean": "write `true` or `false` (yes/no/on/off are not read as booleans)",
        "integer": "write a whole number without quotes, e.g. `3`",
        "string": f'put it in quotes to keep it as text: "{scalar_text(value)}"',
        "array": "write one item per line, each starting with `- `",
        "object": "write the sub-fields indented below the field name",
    }.get(expected, "")


def scalar_text(value: object) -> str:
    """A value as it was written in YAML (`true`, not Python's `True`)."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def field_problem(node: dict, value: object, defs: dict) -> str | None:
    """The validator's own message and hint when `value` breaks `node`, else None."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    from .schema import format_checker

    validator = Draft202012Validator({**node, "$defs": defs}, format_checker=format_checker())
    error = best_match(validator.iter_errors(value))
    if error is None:
        return None
    found = Explainer(Document(Path("new.md")), {}, "the original").problems(error)
    problem = found[0] if found else Problem("", 0, 0, "", error.message)
    return problem.message + (f"\n    hint: {problem.hint}" if problem.hint else "")
