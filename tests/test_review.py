"""Reviewers' warnings: each rule with a case it flags and a look-alike it leaves alone."""

from __future__ import annotations

import datetime

import pytest

from praxisbook.catalogue.folders import read_catalogue
from praxisbook.catalogue.review import looks_like_personal_email, review
from praxisbook.cli import main

from .conftest import ROOT, make_project

TODAY = datetime.date(2026, 11, 22)
BASE = """\
title: {title}
summary: Ein kommunales Zentrum vernetzt Schulen, die sich gegen Rassismus einsetzen.
themes: [anti-racism]
country: DE
source: {{title: Testquelle}}
last_reviewed: "{reviewed}"
added: "2020-01-01"
"""


def front(title: str = "Schulnetzwerk", reviewed: str = "2026-11-22", extra: str = "") -> str:
    return BASE.format(title=title, reviewed=reviewed) + extra


def warnings(tmp_path, entries: dict, today=TODAY) -> list[str]:
    """`field: message` of every review warning for a catalogue of `{(slug, lang): front}`."""
    project = make_project(tmp_path / "site", {k: (v, "") for k, v in entries.items()})
    found = review(read_catalogue(project.practices).by_slug(), today)
    assert all(p.severity == "warning" for p in found)
    return [f"{p.path.split('practices/')[-1]}: {p.field}: {p.message}" for p in found]


def test_same_title_in_two_practices_is_flagged(tmp_path):
    entries = {
        ("a-network", "de"): front("Schulnetzwerk gegen Rassismus"),
        ("b-network", "de"): front("schulnetzwerk  gegen Rassismus!"),
    }
    assert warnings(tmp_path, entries) == [
        "b-network/de.md: title: may duplicate `a-network`: same title as its de.md"
    ]


def test_same_title_in_versions_of_one_practice_and_different_titles_pass(tmp_path):
    translation = "title: Schulnetzwerk\nsummary: A municipal centre connects schools against racism.\ntranslation: {kind: machine, from: de}\n"
    entries = {
        ("a-network", "de"): front("Schulnetzwerk"),
        ("a-network", "en"): translation,
        ("b-network", "de"): front("Schulnetzwerk Köln"),
    }
    assert warnings(tmp_path, entries) == []


def test_same_lead_organisation_and_place_is_flagged(tmp_path):
    lead = "lead_organisation: {{name: Stadt Bochum}}\nplaces: [{place}]\n"
    entries = {
        ("a-network", "de"): front("Netzwerk A", extra=lead.format(place="Bochum")),
        ("b-network", "de"): front("Netzwerk B", extra=lead.format(place="Essen, Bochum")),
        ("c-network", "de"): front("Netzwerk C", extra=lead.format(place="BOCHUM")),
    }
    assert warnings(tmp_path, entries) == [
        "b-network/de.md: lead_organisation.name: may duplicate `a-network`: "
        "same lead organisation, also in Bochum",
        "c-network/de.md: lead_organisation.name: may duplicate `a-network`: "
        "same lead organisation, also in BOCHUM",
    ]


def test_same_lead_organisation_elsewhere_or_without_places_passes(tmp_path):
    entries = {
        ("a-network", "de"): front(
            "Netzwerk A", extra="lead_organisation: {name: Stadt Bochum}\nplaces: [Bochum]\n"
        ),
        ("b-network", "de"): front(
            "Netzwerk B", extra="lead_organisation: {name: Stadt Bochum}\nplaces: [Wattenscheid]\n"
        ),
        ("c-network", "de"): front("Netzwerk C", extra="lead_organisation: {name: Stadt Bochum}\n"),
    }
    assert warnings(tmp_path, entries) == []


@pytest.mark.parametrize(
    ("reviewed", "flagged"),
    [("2024-11-21", True), ("2024-11-22", False), ("2025-06-01", False), ("2019-01-01", True)],
)
def test_stale_after_two_years(tmp_path, reviewed, flagged):
    found = warnings(tmp_path, {("a-network", "de"): front(reviewed=reviewed)})
    expected = f"a-network/de.md: last_reviewed: last reviewed on {reviewed}, more than 2 years ago"
    assert found == ([expected] if flagged else [])


def test_leap_day_review_date():
    from praxisbook.catalogue.review import years_before

    assert years_before(datetime.date(2028, 2, 29), 2) == datetime.date(2026, 2, 28)


@pytest.mark.parametrize(
    ("email", "personal"),
    [
        ("anna.schmidt@bochum.de", True),
        ("a.schmidt@bochum.de", True),
        ("jan-peter.de-vries@gemeente.nl", True),
        ("info.bochum@bochum.de", False),
        ("integration@bochum.de", False),
        ("ki.bochum@bochum.de", False),
        ("presse.stadt@bochum.de", False),
        ("team2024.safety@example.org", False),
    ],
)
def test_personal_email_shape(email, personal):
    assert looks_like_personal_email(email) is personal


def contact(title: str, body: str) -> str:
    return front(title, extra=f"contact:\n{body}")


def test_private_looking_contact_is_flagged(tmp_path):
    entries = {
        ("a-network", "de"): contact("Netzwerk A", "  email: anna.schmidt@bochum.de\n"),
        ("b-network", "de"): contact(
            "Netzwerk B", '  note: "Ansprechpartnerin: Frau Schmidt, Tel. 0234 910 1234"\n'
        ),
    }
    assert warnings(tmp_path, entries) == [
        "a-network/de.md: contact.email: looks like a private person's contact "
        "(`anna.schmidt@bochum.de` is shaped like firstname.lastname)",
        "b-network/de.md: contact.note: looks like a private person's contact "
        "(`Frau Schmidt` with a phone number)",
    ]


def test_organisational_contact_and_consented_person_pass(tmp_path):
    consented = (
        "  email: anna.schmidt@bochum.de\n"
        "  person: {name: Anna Schmidt, consent: {date: '2026-01-05', recorded_by: Editor}}\n"
    )
    entries = {
        ("a-network", "de"): contact(
            "Netzwerk A",
            '  organisation: "Stadt Bochum, Tel. +49 234 910 0"\n  email: info@bochum.de\n',
        ),
        ("b-network", "de"): contact(
            "Netzwerk B", '  note: "Frau Schmidt leitet das Büro; bitte schreiben Sie eine Mail."\n'
        ),
        ("c-network", "de"): contact("Netzwerk C", consented),
        ("d-network", "de"): contact(
            "Netzwerk D", '  note: "Kommunales Integrationszentrum, Telefon 0234 910 1234"\n'
        ),
    }
    assert warnings(tmp_path, entries) == []


def test_warnings_are_shown_but_never_fail_validation(tmp_path, monkeypatch, capsys):
    stale = (datetime.date.today() - datetime.timedelta(days=3 * 365)).isoformat()
    project = make_project(tmp_path / "site", {("a-network", "de"): (front(reviewed=stale), "")})
    monkeypatch.chdir(project.root)
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == (
        f"content/practices/a-network/de.md:7:16: last_reviewed: warning: last reviewed on {stale}, "
        "more than 2 years ago\n"
        "    hint: check the entry against its source, then set `last_reviewed` to the day you did\n"
        "OK: 0 errors and 1 warning in 1 file checked.\n"
    )


def test_seed_catalogue_raises_no_false_alarms():
    catalogue = read_catalogue(ROOT / "content" / "practices")
    assert review(catalogue.by_slug(), TODAY) == []
