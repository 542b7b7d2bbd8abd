"""The quick check (jsonschema-rs) calls valid exactly what jsonschema calls valid.

Only its "valid" is trusted, so the direction that matters is: never valid where
jsonschema finds an error. The tests ask for equality, which also shows that the
quick path is taken for valid files.
"""

from __future__ import annotations

import copy

import pytest

from praxisbook.catalogue.folders import read_catalogue
from praxisbook.catalogue.precheck import QuickCheck, known_keywords
from praxisbook.catalogue.read import parse_text
from praxisbook.catalogue.schema import format_checker, load_schema

from .conftest import ROOT
from .test_validate import COMPLETE, copy_complete, copy_files, expectations, fixture_names
from .test_validate import mutations as mangled

pytest.importorskip("jsonschema_rs")


@pytest.fixture(scope="module")
def schema():
    return load_schema(ROOT / "schema")


def verdicts(schema, meta, kind: str) -> tuple[bool, bool]:
    """(quick check's verdict, jsonschema's verdict) on one front matter."""
    return schema.quick.passes(kind, meta), not list(schema.validator(kind).iter_errors(meta))


def kind_of(doc) -> str:
    return "translation" if doc.is_translation else "original"


def test_every_keyword_of_the_schema_is_one_the_quick_check_may_judge(schema):
    assert known_keywords(schema.subschema("original"))
    assert known_keywords(schema.subschema("translation"))
    assert all(v is not None for v in schema.quick.validators.values())


def test_an_unknown_keyword_leaves_every_file_to_jsonschema(schema):
    document = copy.deepcopy(schema.document)
    document["$defs"]["original"]["dependentRequired"] = {"end": ["start"]}
    odd = type(schema)(document, schema.vocabularies)
    assert QuickCheck(odd, format_checker).validators["original"] is None
    assert not odd.quick.passes("original", {})


def test_both_agree_on_every_fixture(schema, tmp_path):
    agreed, valid = 0, 0
    for name in fixture_names():
        practices = tmp_path / name / "practices"
        copy_files(expectations(name), practices)
        copy_complete(practices.parent / "complete")
        for doc in read_catalogue(practices).documents:
            if isinstance(doc.meta, dict):
                quick, full = verdicts(schema, doc.meta, kind_of(doc))
                assert quick == full, (name, doc.path.name)
                agreed, valid = agreed + 1, valid + full
    assert agreed > 100 and valid > 10  # both verdicts were seen


def test_both_agree_on_mangled_front_matter(schema):
    source = (COMPLETE / "school-network" / "de.md").read_text(encoding="utf-8")
    seen = set()
    for i, text in enumerate(mangled(source, 300, seed=7)):
        doc = parse_text(COMPLETE / "school-network" / f"m{i}.md", text)
        if isinstance(doc.meta, dict):
            quick, full = verdicts(schema, doc.meta, kind_of(doc))
            assert quick == full, text
            seen.add(full)
    assert seen == {True, False}


# Values on which Python's `re` and format checks differ from other regex engines.
TRICKY = {
    "last_reviewed": ["2026-11-22\n", "２０２６-11-22", "2026-11-22 ", "2026-02-30"],
    "period": [{"start": "2019-06\n"}, {"start": "٢٠١٩"}, {"start": "2019-13"}],
    "contact": [
        {"email": "office@example.org\n"},
        {"email": "office@example.org\u2028"},
        {"email": "office\x1c@example.org"},
        {"email": "officé@example.org"},
        {"phone": "+49 234 910 0\n"},
        {"phone": "+٤٩ 234 910 0"},
        {"website": "https://example.org/\x1cpath"},
        {"website": "https://example.org/\u00a0path"},
        {"website": "https://example.org\n"},
        {"website": "not a web address"},
    ],
    "former_slugs": [["old-name\n"], ["old_name"], ["Old-name"], ["old-name", "old-name"]],
    "title": ["x" * 1000, "", "ok"],
}


@pytest.mark.parametrize("field", sorted(TRICKY))
def test_both_agree_where_regular_expressions_differ(schema, field):
    source = (COMPLETE / "school-network" / "de.md").read_text(encoding="utf-8")
    base = parse_text(COMPLETE / "school-network" / "de.md", source).meta
    for value in TRICKY[field]:
        meta = {**base, field: value}
        quick, full = verdicts(schema, meta, "original")
        assert quick == full, (field, value)
