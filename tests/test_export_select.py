"""Choosing what an export holds: languages, facets, slug lists, and the errors people make."""

from __future__ import annotations

import pytest

from praxisbook.catalogue.problems import BuildError
from praxisbook.catalogue.schema import load_schema
from praxisbook.cli import main
from praxisbook.products.select import (
    Selection,
    parse_filters,
    parse_languages,
    read_slugs,
)
from praxisbook.site.downloads import human_size

from .conftest import ROOT


@pytest.fixture(scope="module")
def schema():
    return load_schema(ROOT / "schema")


def slugs(practices) -> list[str]:
    return [p.slug for p in practices]


def test_filters_accept_the_urls_plural_names_and_combine_facets(export_project, schema):
    _, site = export_project
    practices, facets = site.practices, site.facets
    police = parse_filters(["sectors=police-justice"], schema)
    assert police == {"sector": ("police-justice",)}
    assert slugs(Selection(filters=police).apply(practices, facets)) == [
        "police-diversity-network",
        "police-racism-training",
    ]
    both = parse_filters(["sectors=police-justice", "themes=anti-racism"], schema)  # AND
    assert slugs(Selection(filters=both).apply(practices, facets)) == ["police-racism-training"]
    either = parse_filters(["country=ie", "country=BE"], schema)  # OR within a facet
    assert slugs(Selection(filters=either).apply(practices, facets)) == [
        "police-diversity-network",
        "police-racism-training",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sector", "--filter sector: write FACET=VALUE, FACET one of theme, sector,"),
        ("colour=blue", "--filter colour=blue: write FACET=VALUE, FACET one of theme,"),
        (
            "sectors=police",
            "--filter sectors=police: unknown sector 'police'; choose from education,",
        ),
    ],
)
def test_a_wrong_filter_says_what_is_allowed(schema, text, message):
    with pytest.raises(BuildError) as error:
        parse_filters([text], schema)
    assert str(error.value).startswith(message)


def test_languages_keep_the_sites_order_and_reject_others():
    assert parse_languages(["en", "de"]) == ("en", "de")
    assert parse_languages(["fi", "de"]) == ("de", "fi")
    assert parse_languages(None) == ("en", "de", "nl", "fr", "sv", "fi")
    with pytest.raises(BuildError, match="--lang pl: choose from en, de, nl, fr, sv, fi"):
        parse_languages(["pl"])


def test_slug_list_keeps_its_order_and_follows_former_slugs(export_project, tmp_path):
    _, site = export_project
    practices, facets = site.practices, site.facets
    listed = tmp_path / "session.txt"
    listed.write_text(
        "# Session 3, in running order\npolice-racism-training\n\nbruno-attitudes  # renamed\n",
        encoding="utf-8",
    )
    chosen = read_slugs(listed, practices)
    assert chosen == ("police-racism-training", "police-diversity-network")
    assert slugs(Selection(slugs=chosen).apply(practices, facets)) == list(chosen)


def test_slug_list_names_every_unknown_slug(export_project, tmp_path):
    _, site = export_project
    practices = site.practices
    listed = tmp_path / "session.txt"
    listed.write_text("school-network\nno-such-practice\nnor-this\n", encoding="utf-8")
    with pytest.raises(BuildError, match="no practice with the slug no-such-practice, nor-this"):
        read_slugs(listed, practices)


def test_cli_reports_a_selection_that_matches_nothing(export_project, tmp_path, capsys):
    project, _ = export_project
    args = ["--project", str(project.root), "export", "offline", "--filter", "country=SE"]
    assert main([*args, "-o", str(tmp_path / "none.zip")]) == 1
    assert "The selection matches no practice" in capsys.readouterr().err
    assert not (tmp_path / "none.zip").exists()


@pytest.mark.parametrize(
    ("size", "locale", "shown"),
    [
        (1_234_567, "de", "1,2 MB"),
        (1_234_567, "fr", "1,2 Mo"),
        (2_000_000, "fi", "2 Mt"),
        (340_400, "en", "340 kB"),
        (12, "de", "1 kB"),
    ],
)
def test_sizes_are_written_as_the_locale_writes_them(size, locale, shown):
    assert human_size(size, locale).replace("\xa0", " ").replace("\u202f", " ") == shown
