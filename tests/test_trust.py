"""Who publishes the site, how to reach them, and where every fact comes from (issue 12).

`owned_site` is published by an owner who filled in every publisher setting;
`seed_site` is this checkout's content with the demo's empty settings, so it
must name nobody and invent no contact.
"""

from __future__ import annotations

import csv
import io
import json
import os
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from praxisbook.catalogue.project import UI_LANGUAGES, Project
from praxisbook.site.context import as_date, repository_url, source_date_epoch
from praxisbook.site.opendata import SCHEMA_VERSION
from praxisbook.site.owner import CORRECTION_FORM, Owner, Publisher, enforcement_bodies

from .conftest import ROOT, soup
from .site_fixtures import NO_GITHUB, environment

FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / CORRECTION_FORM
PRACTICE = "practices/school-network/index.html"


def page(site, ui: str, path: str):
    return soup(site.output / ui / path)


def text(tag) -> str:
    """The text as a reader sees it: white space collapsed, nothing added between tags."""
    return " ".join(tag.get_text().split())


# --- the source, as a citation -------------------------------------------------------------


def test_source_reads_as_a_citation_in_the_ui_language(owned_site):
    english = page(owned_site, "en", PRACTICE).select_one(".source .citation")
    assert english.cite.a["href"] == "https://www.bochum.de/bericht-2023"
    assert text(english) == (
        "Annual report 2023 of the Municipal Integration Centre. Published by Stadt Bochum. "
        "Retrieved: November 2026. Licence of the source: CC-BY-4.0."
    )
    german = text(page(owned_site, "de", PRACTICE).select_one(".source .citation"))
    assert "Herausgegeben von Stadt Bochum." in german
    assert "Abgerufen: November 2026." in german and "Lizenz der Quelle: CC-BY-4.0." in german


def test_no_seed_file_name_appears_anywhere_in_the_output(seed_site):
    import re

    seed_name = re.compile(r"\d{3}_[0-9a-f]{16}\.txt|Seed document", re.IGNORECASE)
    for path in seed_site.output.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".jsonld", ".csv", ".xml", ".atom"):
            assert not seed_name.search(path.read_text(encoding="utf-8-sig")), path


# --- the owner: About, footer, statements, imprint -----------------------------------------


def test_about_and_footer_name_the_publisher_and_its_contact(owned_site):
    about = page(owned_site, "en", "about/index.html")
    who = text(about.find("h2", string="Who publishes this catalogue").find_next("p"))
    assert (
        who
        == "This catalogue is published by Example Municipality. Contact: accessibility@example.org"
    )
    assert about.find("a", href="https://github.com/example/praxisbook")
    footer = page(owned_site, "fi", "index.html").select_one(".site-footer")
    assert "Julkaisija: Example Municipality." in text(footer)
    assert footer.find("a", href="mailto:accessibility@example.org")


def test_the_demo_names_no_publisher_and_invents_no_contact(seed_site):
    about = page(seed_site, "en", "about/index.html")
    assert "does not name its publisher yet" in text(about)
    statement = page(seed_site, "en", "accessibility/index.html")
    assert "does not name a contact for feedback yet" in text(statement)
    assert not statement.select("main a[href^=mailto]")
    assert not (seed_site.output / "en" / "imprint").exists()
    assert not page(seed_site, "en", "index.html").find("a", href=lambda h: "imprint" in h)


def test_accessibility_statement_has_feedback_enforcement_and_a_real_assessment_date(owned_site):
    statement = page(owned_site, "de", "accessibility/index.html")
    assert statement.select_one("main a[href='mailto:accessibility@example.org']")
    body = statement.find("a", href="https://www.schlichtungsstelle-bgg.de/")
    assert "Schlichtungsstelle BGG" in text(body)
    assert "(Deutschland):" in text(body.find_parent("p"))
    assert "Landes, einer Region oder einer Kommune" in text(statement)  # federal: say so
    prepared = text(statement.find("h2", string="Erstellung dieser Erklärung").find_next("p"))
    assert "15. März 2026" in prepared and "2025" not in prepared  # the setting, not the build


def test_feedback_falls_back_to_the_repositorys_issue_forms():
    owner = Owner(Publisher(), repository="https://github.com/example/praxisbook")
    assert owner.feedback.href == "https://github.com/example/praxisbook/issues/new/choose"
    assert Owner(Publisher()).feedback is None
    with_mail = Owner(Publisher(email="web@example.org"), repository="https://github.com/e/p")
    assert with_mail.feedback.href == "mailto:web@example.org"


def test_the_repository_comes_from_the_setting_or_from_github_actions():
    actions = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "owner/repo"}
    assert repository_url({}, actions) == "https://github.com/owner/repo"
    assert repository_url({"REPOSITORY_URL": "https://git.example.org/x/"}, actions) == (
        "https://git.example.org/x"
    )
    assert repository_url({}, {}) == ""


def test_every_enforcement_body_is_named_and_linked_only_over_https():
    bodies = enforcement_bodies(ROOT / "theme" / "data" / "enforcement-bodies.yaml")
    assert {"DE", "FR", "NL", "SE", "FI"} <= set(bodies)
    for code, body in bodies.items():
        assert body.name and body.law and body.level in ("national", "federal"), code
        assert not body.url or body.url.startswith("https://"), code


@pytest.mark.parametrize("ui", UI_LANGUAGES)
def test_privacy_statement_and_imprint_exist_in_every_language(owned_site, ui):
    privacy = page(owned_site, ui, "privacy/index.html")
    assert privacy.html["lang"] == ui and privacy.h1
    assert privacy.find("a", href="https://hosting.example.org/privacy")
    imprint = page(owned_site, ui, "imprint/index.html")
    assert "12345 Example Town" in text(imprint.address)


def test_privacy_statement_names_no_host_unless_set(seed_site):
    privacy = text(page(seed_site, "en", "privacy/index.html"))
    assert "no cookies" in privacy and "IP address" in privacy
    assert "hosted by" not in privacy


# --- reporting a correction ----------------------------------------------------------------


def test_report_a_correction_opens_the_issue_form_filled_in(owned_site):
    link = page(owned_site, "de", PRACTICE).select_one(".source .report a")
    url = urlsplit(link["href"])
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert f"{url.scheme}://{url.netloc}{url.path}" == (
        "https://github.com/example/praxisbook/issues/new"
    )
    assert query == {
        "template": CORRECTION_FORM,
        "title": "Correction: Schulnetzwerk gegen Rassismus",
        "practice": f"{owned_site.base}/de/practices/school-network/",
        "language": "de",
    }
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    ids = {field.get("id") for field in form["body"]}
    assert {"practice", "language"} <= ids


def test_without_a_repository_there_is_no_correction_link(seed_site):
    assert not page(
        seed_site,
        "en",
        "practices/op-koers-social-safety-training-for-special-education/index.html",
    ).select(".report")


def test_a_build_says_what_it_left_out_in_one_line_each(project, capsys):
    from praxisbook.pipeline import build

    with environment(PRAXISBOOK_SITEURL=None, **NO_GITHUB):
        build(project)
    lines = capsys.readouterr().err.splitlines()
    assert [
        line for line in lines if line.startswith(("Note: no site URL", "Warning: readers"))
    ] == [
        "Note: no site URL (build --publish with PRAXISBOOK_SITEURL): sitemap.xml, robots.txt "
        "and the Atom feeds are left out, and open-data links are root-relative.",
        "Warning: readers have no feedback route: set PUBLISHER_EMAIL or PUBLISHER_CONTACT_FORM "
        "(or REPOSITORY_URL) in pelicanconf.py; the accessibility statement needs one.",
    ]


# --- what people paste and open -------------------------------------------------------------


def meta(tag_soup, prop: str) -> list[str]:
    return [m["content"] for m in tag_soup.find_all("meta", property=prop)]


def test_open_graph_on_every_page_with_full_addresses_only_when_published(owned_site, tiny_site):
    published = page(owned_site, "nl", PRACTICE)
    assert meta(published, "og:url") == [f"{owned_site.base}/nl/practices/school-network/"]
    assert meta(published, "og:type") == ["article"] and meta(published, "og:locale") == ["nl_NL"]
    assert meta(published, "og:locale:alternate") == []  # each language has its own address
    assert published.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"
    assert not meta(published, "og:image")  # the only image is an SVG icon
    for path in tiny_site.rglob("*.html"):
        html = soup(path)
        if html.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # a former address that forwards: nothing to share
        assert meta(html, "og:title") and meta(html, "og:description"), path
        assert not meta(html, "og:url"), path  # no site URL: no address to claim


def test_root_404_links_each_language_to_its_own_home(tiny_site):
    switcher = {a["lang"]: a["href"] for a in soup(tiny_site / "404.html").select(".lang-switch a")}
    assert switcher == {lang: f"/{lang}/" for lang in UI_LANGUAGES}


def test_excel_table_has_a_bom_semicolons_and_the_same_rows(tiny_site):
    data = (tiny_site / "catalogue-excel.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and not data[3:].lower().startswith(b"sep=")
    excel = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    plain = (tiny_site / "catalogue.csv").read_bytes()
    assert not plain.startswith(b"\xef\xbb\xbf")
    assert excel == list(csv.reader(io.StringIO(plain.decode("utf-8"), newline="")))


def test_excel_table_shows_formulas_as_text():
    from praxisbook.site.opendata import as_text

    assert as_text("=HYPERLINK(1)") == "'=HYPERLINK(1)" and as_text("Bochum") == "Bochum"


def test_downloads_page_says_which_table_to_open(tiny_site):
    downloads = soup(tiny_site / "en" / "downloads" / "index.html")
    first = downloads.select("ul.downloads li")[0]
    assert first.a["href"] == "/catalogue-excel.csv"
    assert "Excel" in text(first.select_one(".download-hint"))


def test_catalogue_json_names_its_publisher_and_conforms(owned_site):
    site = owned_site.output
    data = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION == "2.1.0"
    assert data["publisher"] == {
        "name": "Example Municipality", "url": "https://www.example.org/",
        "email": "accessibility@example.org",
    }  # fmt: skip
    practice = Resource.from_contents(
        json.loads((site / "schema/practice.schema.json").read_text())
    )
    registry = Registry().with_resource(practice.id(), practice)
    schema = json.loads((site / "schema/catalogue.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema, registry=registry).iter_errors(data)) == []


def test_json_ld_names_the_publisher_and_cites_the_source(owned_site):
    script = page(owned_site, "en", PRACTICE).find("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["publisher"] == {
        "@type": "Organization", "name": "Example Municipality", "url": "https://www.example.org/",
        "email": "accessibility@example.org",
    }  # fmt: skip
    assert data["isBasedOn"]["url"] == "https://www.bochum.de/bericht-2023"
    assert data["isBasedOn"]["publisher"]["name"] == "Stadt Bochum"


def test_json_ld_keywords_are_labels_in_the_pages_language(seed_site):
    slug = "bochum-schools-against-racism-network"
    for lang, label in (("de", "Antirassismus"), ("fr", "Antiracisme"), ("en", "Anti-racism")):
        html = soup(seed_site.output / lang / "practices" / slug / "index.html")
        data = json.loads(html.find("script", type="application/ld+json").string)
        assert label in data["keywords"], (lang, data["keywords"])
        assert "anti-racism" not in data["keywords"]


def test_a_copy_outside_git_is_dated_by_its_practices_not_1970(tmp_path, monkeypatch):
    """No SOURCE_DATE_EPOCH and no repository (a folder unpacked from an archive): the build
    date is when a practice last changed, never the epoch."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    practice = tmp_path / "content" / "practices" / "a-practice" / "index.en.md"
    practice.parent.mkdir(parents=True)
    practice.write_text("---\n", encoding="utf-8")
    older = practice.with_name("index.de.md")
    older.write_text("---\n", encoding="utf-8")
    os.utime(older, (1_600_000_000, 1_600_000_000))
    os.utime(practice, (1_700_000_000, 1_700_000_000))  # 2023-11-14
    assert str(as_date(source_date_epoch(Project(tmp_path)))) == "2023-11-14"
