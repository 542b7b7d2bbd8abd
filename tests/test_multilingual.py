"""Six UI languages: subsites, language marking, alternates, switcher, locale formats."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest

from praxisbook.catalogue.project import UI_LANGUAGES, find_project
from praxisbook.catalogue.schema import load_schema
from praxisbook.site.localise import UI

from .conftest import soup

PROJECT = find_project(Path(__file__).parent)


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def resolve(site: Path, page: Path, href: str) -> Path:
    """The file an online link points to (root-relative, directory style)."""
    if href.startswith("/"):
        target = site / href.lstrip("/")
    else:
        target = page.parent / href
    target = Path(posixpath.normpath(str(target)))
    return target / "index.html" if href.endswith("/") else target


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_subsite_has_every_page_kind(tiny_site, lang):
    for path in ("index.html", "browse/index.html", "search/index.html", "about/index.html",
                 "accessibility/index.html", "downloads/index.html", "contribute/index.html",
                 "404.html", "themes/anti-racism/index.html",
                 "countries/de/index.html", "practices/school-network/index.html"):  # fmt: skip
        assert (tiny_site / lang / path).is_file(), f"{lang}/{path}"
    assert soup(tiny_site / lang / "index.html").html["lang"] == lang


def test_every_switcher_target_exists(tiny_site):
    for page in html_pages(tiny_site):
        for link in soup(page).select(".lang-switch a"):
            assert resolve(tiny_site, page, link["href"]).is_file(), (page, link["href"])


def test_switcher_goes_to_the_same_page_in_the_other_language(tiny_site):
    page = soup(tiny_site / "de" / "themes" / "anti-racism" / "index.html")
    targets = {a["lang"]: a["href"] for a in page.select(".lang-switch a")}
    assert targets == {lang: f"/{lang}/themes/anti-racism/" for lang in UI_LANGUAGES}
    assert page.select_one(".lang-switch a[aria-current]")["lang"] == "de"


def test_text_in_another_language_is_marked(tiny_site):
    page = soup(tiny_site / "fi" / "practices" / "police-diversity-network" / "index.html")
    assert page.html["lang"] == "fi"
    assert page.h1["lang"] == "nl"
    assert page.select_one(".lead")["lang"] == "nl"
    assert page.select_one(".body")["lang"] == "nl"
    places = page.select_one(".facts dd span[lang]")
    assert places["lang"] == "nl" and places.get_text() == "Evere"
    note = page.select_one(".notice")
    assert note.get("lang") is None  # the note is written in the UI language
    finnish = UI("fi", PROJECT.translations, load_schema(PROJECT.schema_dir))
    expected = finnish.gettext(
        "This practice is not available in English. It is shown in its original language, "
        "%(language)s."
    ) % {"language": "hollanti"}  # a language's name in Finnish running text
    assert note.get_text(" ", strip=True).startswith(expected)
    original = note.find("a", hreflang="nl")
    assert original["href"] == "/nl/practices/police-diversity-network/"


def test_finnish_reader_gets_english_where_there_is_no_finnish_version(tiny_site):
    page = soup(tiny_site / "fi" / "practices" / "school-network" / "index.html")
    assert page.html["lang"] == "fi"
    assert page.h1["lang"] == "en" and page.h1.get_text() == "School network against racism"
    assert page.select_one(".body")["lang"] == "en"
    note = page.select_one(".notice").get_text(" ", strip=True)
    assert note.startswith("Tätä käytäntöä ei ole saatavilla suomeksi.")
    assert "englanti" in note and "saksa" in note  # shown in English, a translation of German
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical == "/de/practices/school-network/"  # the original's own page


def test_listing_marks_titles_in_other_languages(tiny_site):
    page = soup(tiny_site / "en" / "index.html")
    titles = {t.get_text(strip=True): t.get("lang") for t in page.select(".rows > li > a")}
    assert titles == {
        "Diversiteitsnetwerk van de politiezone": "nl",
        "School network against racism": None,
    }


def test_hreflang_alternates_are_reciprocal(tiny_site):
    for page in html_pages(tiny_site):
        html = soup(page)
        alternates = {
            a["hreflang"]: a["href"] for a in html.find_all("link", rel="alternate", hreflang=True)
        }
        for href in alternates.values():
            other = soup(resolve(tiny_site, page, href))
            back = {
                a["hreflang"]: a["href"]
                for a in other.find_all("link", rel="alternate", hreflang=True)
            }
            assert back == alternates, (page, href)


def test_fallback_pages_point_canonical_to_the_original(tiny_site):
    for lang in UI_LANGUAGES:
        page = soup(tiny_site / lang / "practices" / "police-diversity-network" / "index.html")
        assert (
            page.find("link", rel="canonical")["href"] == "/nl/practices/police-diversity-network/"
        )


def test_language_chooser_works_without_javascript(tiny_site):
    page = soup(tiny_site / "index.html")
    links = {
        a["hreflang"]: (a["href"], a.get_text(" ", strip=True))
        for a in page.select(".language-choice a")
    }
    assert set(links) == set(UI_LANGUAGES)
    assert links["fi"][0] == "/fi/"
    assert links["fi"][1].startswith("Suomi")
    assert links["de"][1].startswith("Deutsch")


def test_dates_are_formatted_per_locale():
    schema = load_schema(PROJECT.schema_dir)
    german, finnish = (UI(lang, PROJECT.translations, schema) for lang in ("de", "fi"))
    assert german.date("2026-11-22") == "22. November 2026"
    assert finnish.date("2026-11-22") == "22. marraskuuta 2026"
    assert german.date("2016-06") == "Juni 2016"
    assert finnish.date("2016-06") == "kesäkuu 2016"
    assert german.date("2020") == finnish.date("2020") == "2020"


def test_names_and_numbers_come_from_babel():
    schema = load_schema(PROJECT.schema_dir)
    french, swedish = UI("fr", PROJECT.translations, schema), UI("sv", PROJECT.translations, schema)
    assert french.country("BE") == "Belgique"
    assert swedish.country("FI") == "Finland"
    assert french.language("nl") == "néerlandais"  # in running text
    assert french.language_label("nl") == "Néerlandais"  # standing alone, as in a filter
    assert UI("fi", PROJECT.translations, schema).language("de") == "saksa"  # not Saksa, Germany
    assert french.number(2000) == "2\u202f000"
    assert swedish.label("themes", "anti-racism") == "Antirasism"


def test_entry_page_dates_in_two_locales(tiny_site):
    def reviewed(lang):
        page = soup(tiny_site / lang / "practices" / "school-network" / "index.html")
        return page.select_one(".facts time").get_text()

    assert reviewed("de") == "22. November 2026"
    assert reviewed("fi") == "22. marraskuuta 2026"
    assert reviewed("nl") == "22 november 2026"


def test_language_switcher_in_chromium(chromium, tiny_server):
    page = chromium.new_page()
    page.goto(f"{tiny_server}/de/practices/school-network/")
    page.locator(".lang-switch").get_by_role("link", name="Suomi").click()
    page.wait_for_url(f"{tiny_server}/fi/practices/school-network/")
    assert page.locator("html").get_attribute("lang") == "fi"
    page.locator(".lang-switch").get_by_role("link", name="English").click()
    page.wait_for_url(f"{tiny_server}/en/practices/school-network/")
    assert page.locator("h1").inner_text() == "School network against racism"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.close()


def test_chooser_suggests_the_browsers_language_without_forcing_it(chromium, tiny_server):
    context = chromium.new_context(locale="fi-FI")
    page = context.new_page()
    page.goto(f"{tiny_server}/")
    suggestion = page.locator("#suggestion a")
    assert suggestion.inner_text() == "Jatka suomeksi"
    assert suggestion.get_attribute("href") == "/fi/"
    assert page.url == f"{tiny_server}/"  # offered, not redirected
    assert page.locator(".language-choice .suggested a").get_attribute("hreflang") == "fi"
    context.close()
