"""The fact box (site/factbox.py) from the complete fixture, which fills every field.

Its markup is what the template macros it replaced wrote, checked against them on
the seed catalogue and 2,000 bench practices when it was written; these tests keep
each kind of row as it was, in a UI language with links (German, the original's)
and one without (Finnish, as the booklet and the comparison show it).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from praxisbook.catalogue.project import Project
from praxisbook.pipeline import prepare
from praxisbook.site.urls import Linker

from .test_cli import edit, valid_catalogue


def rows_of(root: Path, ui: str, links: bool) -> dict[str, str]:
    """Label → value HTML of school-network's fact box in `ui`."""
    site = prepare(Project(root))
    practice = next(p for p in site.practices if p.slug == "school-network")
    box = site.fact_box(site.uis[ui], Linker(f"{ui}/practices/school-network/index.html"))
    html = str(box.rows(site.reading(practice, ui).facts, practice, links))
    found = re.findall(r"<div><dt>(.*?)</dt><dd>(.*?)</dd></div>\n", html, re.S)
    assert "".join(f"<div><dt>{a}</dt><dd>{b}</dd></div>\n" for a, b in found) == html
    return dict(found)


@pytest.fixture(scope="module")
def complete(tmp_path_factory) -> Path:
    return valid_catalogue(tmp_path_factory.mktemp("factbox") / "site")


def test_rows_follow_the_schema_and_leave_out_empty_fields(complete):
    site = prepare(Project(complete))
    rows = rows_of(complete, "en", True)
    box = site.fact_box(site.uis["en"])
    assert list(rows) == [box.label(name) for name in site.schema.fact_box if name in FILLED]


FILLED = {
    "period", "status", "country", "places", "lead_organisation", "partners", "themes",
    "sectors", "target_groups", "scores", "evidence", "funding", "transferability", "contact",
}  # fmt: skip


def test_links_to_listings_in_the_ui_language(complete):
    rows = rows_of(complete, "de", True)
    assert rows["Land"] == '<a href="/de/countries/de/">Deutschland</a>, Nordrhein-Westfalen'
    assert rows["Zielgruppen"] == (
        '<ul class="tags">\n<li><a href="/de/target-groups/pupils/">Schülerinnen und Schüler'
        '</a></li><li><a href="/de/target-groups/teachers/">Lehrkräfte</a></li></ul>\n'
    )
    assert rows["Status"] == '<ul class="tags">\n<li>Laufend</li></ul>\n'  # no listing
    assert rows["Zeitraum"] == "Juni 2019 – laufend"


def test_without_links_terms_are_a_list_in_words(complete):
    rows = rows_of(complete, "fi", False)
    assert rows["Teemat"] == "Antirasismi, Verkostot ja yhteistyö"
    assert rows["Maa"] == 'Saksa, <span lang="de">Nordrhein-Westfalen</span>'
    assert "<a " not in rows["Maa"] + rows["Teemat"] + rows["Tila"]


def test_organisations_funding_and_scores(complete):
    rows = rows_of(complete, "fi", False)
    assert rows["Toteuttaja"] == (
        '<span lang="en">City of Bochum</span> – <span lang="de">Kommunales '
        'Integrationszentrum</span> <span class="muted">(Kunta)</span> '
        '<a href="https://www.bochum.de/">verkkosivusto</a>'
    )
    assert rows["Rahoitus"] == (
        '<ul><li><span lang="de">Land Nordrhein-Westfalen</span>: <span lang="de">Programm '
        'Komm-AN NRW</span> (<span lang="en">Co-funded by the city</span>)</li></ul>'
    )
    assert rows["Arviot"].startswith(
        '<ul><li>Tavoittavuus: 2/4 <span class="muted">(lähteen asteikolla)</span></li>'
    )
    assert rows["Vaikuttavuusnäyttö"] == (
        'Arvioitu – <a href="https://example.org/evaluation.pdf">arviointiraportti</a>'
    )


def test_contact_lines(complete):
    rows = rows_of(complete, "de", True)
    assert rows["Kontakt"] == (
        '<ul class="contact">\n<li>Kommunales Integrationszentrum Bochum</li>'
        "<li>Erika Beispiel, Koordinatorin</li>"
        '<li>E-Mail: <a href="mailto:ki@bochum.de">ki@bochum.de</a></li>'
        '<li>Telefon: <a href="tel:+492349100">+49 234 910 0</a></li>'
        '<li><a href="https://www.bochum.de/ki">https://www.bochum.de/ki</a></li>'
        "<li>Anfragen bitte per E-Mail.</li></ul>"
    )


def test_text_from_the_catalogue_is_escaped_once(tmp_path):
    root = valid_catalogue(tmp_path / "site")
    edit(root, "school-network/de.md", "places: [Bochum, Herne]", 'places: [Bochum, "A & <b>"]')
    rows = rows_of(root, "de", True)
    assert rows["Ort"] == "Bochum, A &amp; &lt;b&gt;"
