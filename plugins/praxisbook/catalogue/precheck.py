"""A quick first look at a front matter: does the schema find anything wrong at all?

jsonschema (Python) explains every error in the terms editors are shown, but it
costs about a third of a millisecond per file, most of what validating a large
catalogue costs when nearly every file is valid. jsonschema-rs answers "valid
or not" a hundred times faster. Only its "valid" is used, and jsonschema still
explains every file it does not call valid, so it must never call valid what
jsonschema would not:

- `pattern` and `format` are not left to it: Rust's regular expressions read
  `$`, `\\s` or `\\d` differently from Python's `re`, and it checks other formats,
  or checks them more strictly. Each becomes a custom format that runs exactly
  what jsonschema runs: `re.search` for a pattern, its FormatChecker for a format.
- Every other keyword the schema uses must be one both implement to the
  letter of JSON Schema 2020-12 (KEYWORDS); a schema with any other keyword is
  left to jsonschema alone, and so is every front matter when jsonschema-rs is
  not installed or fails on a value.
"""

from __future__ import annotations

import re
from functools import partial

# Keywords whose meaning both implementations take from the specification alone, plus
# annotations that validate nothing. `pattern` and `format` are rewritten (see above).
KEYWORDS = frozenset({
    "$schema", "$id", "$defs", "$ref", "$comment", "title", "description", "examples",
    "default", "type", "enum", "const", "required", "properties", "additionalProperties",
    "items", "minItems", "maxItems", "uniqueItems", "minLength", "maxLength", "minimum",
    "maximum", "minProperties", "maxProperties", "oneOf", "anyOf", "allOf", "not",
    "pattern", "format",
})  # fmt: skip
SCHEMA_MAPS = ("properties", "$defs")  # keywords whose values name subschemas
QUICK_FROM = 20  # practices to check from which loading jsonschema-rs (30 ms) pays for itself
KINDS = ("original", "translation")


class QuickCheck:
    """Whether a front matter is surely valid, by jsonschema-rs.

    `format_checker()` gives the jsonschema FormatChecker that validation uses;
    it is asked for only when a value with a format is checked.
    """

    def __init__(self, schema, format_checker):
        conforms = partial(_conforms, format_checker)
        self.validators = {kind: _compile(schema.subschema(kind), conforms) for kind in KINDS}

    def passes(self, kind: str, meta: object) -> bool:
        """True only when jsonschema would find nothing wrong either."""
        validator = self.validators[kind]
        try:
            return validator is not None and validator.is_valid(meta)
        except Exception:  # a value it cannot take in (e.g. a lone surrogate): ask jsonschema
            return False


def _compile(subschema: dict, conforms):
    if not known_keywords(subschema):
        return None
    try:
        import jsonschema_rs
    except ImportError:  # an optional speed-up: jsonschema alone gives the same answers
        return None
    formats: dict = {}
    rewritten = delegate(subschema, formats, conforms)
    return jsonschema_rs.Draft202012Validator(
        rewritten, formats=formats, validate_formats=True, ignore_unknown_formats=False
    )


def known_keywords(node: object, keyword_position: bool = True) -> bool:
    """Does every schema object below `node` use only KEYWORDS and `x-` annotations?"""
    if isinstance(node, list):
        return all(known_keywords(item) for item in node)
    if not isinstance(node, dict):
        return True
    if not keyword_position:  # the values of `properties` or `$defs` are schemas
        return all(known_keywords(value) for value in node.values())
    unknown = [k for k in node if k not in KEYWORDS and not k.startswith("x-")]
    inner = [
        known_keywords(value, key not in SCHEMA_MAPS)
        for key, value in node.items()
        if key not in ("enum", "const", "examples", "default", "required") and not key[:2] == "x-"
    ]
    return not unknown and all(inner)


def delegate(node: object, formats: dict, conforms) -> object:
    """A copy of `node` whose patterns and formats call Python's own checks."""
    if isinstance(node, list):
        return [delegate(item, formats, conforms) for item in node]
    if not isinstance(node, dict):
        return node
    copy = {
        k: v if k in ("enum", "const") else delegate(v, formats, conforms) for k, v in node.items()
    }
    checks = []
    if isinstance(copy.get("pattern"), str):
        checks.append(_named(formats, "pattern", partial(_search, re.compile(copy.pop("pattern")))))
    if isinstance(copy.get("format"), str):
        checks.append(_named(formats, copy["format"], partial(conforms, copy.pop("format"))))
    if checks:
        copy["allOf"] = [*copy.get("allOf", []), *({"format": name} for name in checks)]
    return copy


def _named(formats: dict, what: str, check) -> str:
    name = f"praxisbook-{what}-{len(formats)}"
    formats[name] = check
    return name


def _search(pattern: re.Pattern, value: str) -> bool:
    return pattern.search(value) is not None  # what jsonschema's `pattern` does


def _conforms(format_checker, name: str, value: str) -> bool:
    return format_checker().conforms(value, name)  # what jsonschema's `format` does
