"""What an editor most likely meant: country and language names, dates in local forms (Babel)."""

from __future__ import annotations

import pytest

from praxisbook.catalogue.guess import code_for, date_for
from praxisbook.catalogue.schema import load_schema

from .conftest import ROOT

DEFS = load_schema(ROOT / "schema").definitions
COUNTRIES, LANGUAGES = DEFS["country"]["enum"], DEFS["language"]["enum"]


@pytest.mark.parametrize(
    ("written", "code", "name"),
    [
        ("Niederlande", "NL", "Netherlands"),  # de
        ("Nederland", "NL", "Netherlands"),  # nl
        ("pays-bas", "NL", "Netherlands"),  # fr, any case
        ("Nederländerna", "NL", "Netherlands"),  # sv
        ("ALANKOMAAT", "NL", "Netherlands"),  # fi
        ("Netherlands", "NL", "Netherlands"),  # en
        ("Osterreich", "AT", "Austria"),  # without its accent
        ("Belgie", "BE", "Belgium"),
        ("Deutchland", "DE", "Germany"),  # a typing slip
        ("Royaume Uni", "GB", "United Kingdom"),
    ],
)
def test_a_country_by_name_in_any_ui_language_gets_its_code(written, code, name):
    assert code_for(written, COUNTRIES) == f"did you mean `{code}` ({name})?"


@pytest.mark.parametrize("written", ["Atlantis", "Russland", "DE", "", "Land"])
def test_no_guess_for_other_countries_codes_or_nonsense(written):
    assert code_for(written, COUNTRIES) is None


def test_a_language_by_name_gets_its_code():
    assert code_for("Deutsch", LANGUAGES) == "did you mean `de` (German)?"
    assert code_for("néerlandais", LANGUAGES) == "did you mean `nl` (Dutch)?"
    assert code_for("machine", ["official", "editorial", "machine"]) is None


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("27.11.2026", "2026-11-27"),
        ("27/11/2026", "2026-11-27"),
        ("27-11-2026", "2026-11-27"),
        ("27. 11. 2026", "2026-11-27"),
        ("11/27/2026", "2026-11-27"),  # only a month-first reading makes sense
        ("2026/11/27", "2026-11-27"),
        ("2016-6-5", "2016-06-05"),
        ("27. November 2026", "2026-11-27"),
        ("November 27, 2026", "2026-11-27"),
        ("1er juin 2016", "2016-06-01"),
        ("27 marraskuuta 2026", "2026-11-27"),
    ],
)
def test_a_local_date_with_a_day_gets_its_iso_form_wherever_a_date_is_wanted(written, iso):
    assert date_for(written, full=False) == f"did you mean `{iso}`?"
    assert date_for(written, full=True) == f"did you mean `{iso}`?"


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("November 2026", "2026-11"),
        ("Nov. 2026", "2026-11"),
        ("juni 2016", "2016-06"),  # nl, sv
        ("Juni 2016", "2016-06"),  # de
        ("juin 2016", "2016-06"),  # fr
        ("kesäkuuta 2016", "2016-06"),  # fi
        ("März 2020", "2020-03"),
        ("2016-6", "2016-06"),
        ("6/2016", "2016-06"),
        ("06.2016", "2016-06"),
    ],
)
def test_a_month_gets_its_iso_form_only_where_a_partial_date_is_allowed(written, iso):
    assert date_for(written, full=False) == f"did you mean `{iso}`?"
    assert date_for(written, full=True) is None


@pytest.mark.parametrize(
    "written", ["31.02.2026", "Sommer 2016", "2016", "13/13/2026", "soon", 2016]
)
def test_no_guess_for_what_is_no_date(written):
    assert date_for(written, full=False) is None
