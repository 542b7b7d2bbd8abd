"""The booklet: cover, contents, every selected practice in order, print CSS, and its PDF."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from praxisbook.catalogue.project import UI_LANGUAGES, find_project
from praxisbook.cli import main
from praxisbook.pipeline import prepare
from praxisbook.products import booklet as booklet_module
from praxisbook.products.booklet import booklet_html, export_booklet, have_weasyprint
from praxisbook.products.offline import offline_site
from praxisbook.products.select import Selection

from .conftest import ROOT, soup

SESSION = "police-racism-training\nschool-network\n"
needs_weasyprint = pytest.mark.skipif(
    not have_weasyprint(), reason="WeasyPrint is not installed (pip install -e '.[pdf]')"
)


@pytest.fixture
def german(export_project, tmp_path):
    """The German booklet of a two-practice session, in the session's running order."""
    project, _ = export_project
    (tmp_path / "session.txt").write_text(SESSION, encoding="utf-8")
    target = tmp_path / "session.html"
    args = ["--project", str(project.root), "export", "booklet", "--lang", "de"]
    args += ["--slugs", str(tmp_path / "session.txt"), "--title", "Sitzung 3", "-o", str(target)]
    assert main(args) == 0
    return soup(target)


def test_booklet_has_a_cover_contents_and_the_practices_in_order(german):
    assert german.html["lang"] == "de"
    cover = german.select_one(".cover")
    assert cover.h1.get_text() == "Sitzung 3"
    assert "22. November 2025" in cover.get_text()
    toc = [a["href"] for a in german.select("nav.toc a")]
    assert toc == ["#p-police-racism-training", "#p-school-network"]
    assert [f"#{a['id']}" for a in german.select("article.practice")] == toc
    assert not german.select(".site-header, .lang-switch, .main-nav, footer")  # no site chrome


def test_booklet_marks_every_part_in_another_language(german):
    english, native = german.select("article.practice")
    assert english.h2["lang"] == "en" and english.select_one(".body")["lang"] == "en"
    assert english.select_one(".notice")  # "not available in your language"
    assert native.h2.get("lang") is None and native.select_one(".body").get("lang") is None
    assert [s["lang"] for s in native.select(".facts span[lang]")] == ["de", "en"]


def test_booklet_prints_on_a4_with_page_numbers_and_link_addresses(german):
    css = german.style.get_text()
    assert re.search(r"@page\s*{\s*size:\s*A4", css)
    assert "target-counter(attr(href), page)" in css
    assert 'content: " <" attr(href) ">"' in css  # URLs visible on paper
    assert "hyphens: auto" in css
    assert "break-before: page" in css


def test_booklet_without_a_slug_list_is_sorted_by_title(export_project, tmp_path):
    _, site = export_project
    target = tmp_path / "all.html"
    export_booklet(site, Selection(languages=("nl",)), target)
    titles = [h2.get_text() for h2 in soup(target).select("article.practice > h2")]
    assert titles == [
        "Anti-racism training for police officers",
        "Diversiteitsnetwerk van de politiezone",
        "School network against racism",  # no Dutch version: English, by the reading chain
    ]


def test_pdf_flag_without_weasyprint_says_how_to_get_it(
    export_project, tmp_path, monkeypatch, capsys
):
    project, _ = export_project
    monkeypatch.setattr(booklet_module, "have_weasyprint", lambda: False)
    target = tmp_path / "b.pdf"
    args = ["--project", str(project.root), "export", "booklet", "--pdf", "-o", str(target)]
    assert main(args) == 1
    assert "--pdf needs WeasyPrint, which is not installed" in capsys.readouterr().err
    assert "pip install -e '.[pdf]'" in booklet_module.PDF_MISSING
    assert not target.exists()


def page_texts(document) -> list[str]:
    """The text on each page of a rendered WeasyPrint document."""

    def texts(box):
        yield getattr(box, "text", "")
        for child in getattr(box, "children", []):
            yield from texts(child)

    return [" ".join(" ".join(texts(page._page_box)).split()) for page in document.pages]


@needs_weasyprint
def test_pdf_contents_give_the_page_each_practice_starts_on(export_project, tmp_path):
    import weasyprint

    _, site = export_project
    selection = Selection(languages=("en",))
    html = booklet_html(offline_site(site, selection), selection)
    pages = page_texts(weasyprint.HTML(string=html).render())
    for title in ("School network against racism", "Anti-racism training for police officers"):
        start = next(n for n, text in enumerate(pages[2:], 3) if text.startswith(title))
        assert re.search(rf"{re.escape(title)}[ .]+ {start}\b", pages[1]), pages[1]


@needs_weasyprint
def test_pdf_is_written(export_project, tmp_path):
    _, site = export_project
    target = tmp_path / "b.pdf"
    made = export_booklet(site, Selection(languages=("fi",)), target, pdf=True)
    assert made.path.read_bytes().startswith(b"%PDF-")


@needs_weasyprint
def test_pdf_uses_the_dejavu_faces_and_no_fallback_font(export_project, tmp_path):
    import weasyprint

    _, site = export_project
    selection = Selection(languages=("fi",))
    html = booklet_html(offline_site(site, selection), selection)
    data = weasyprint.HTML(string=html).write_pdf(uncompressed_pdf=True)  # font names readable
    fonts = set(re.findall(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([\w-]+)", data))
    assert fonts and all(font.startswith(b"DejaVu") for font in fonts), fonts


def font_file(family: str) -> str:
    result = subprocess.run(
        ["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=True
    )
    return result.stdout


@pytest.mark.skipif(not shutil.which("fc-match"), reason="fontconfig's fc-match is not installed")
def test_dejavu_has_a_glyph_for_every_letter_of_the_real_catalogue(tmp_path):
    """Every character of the booklet of this checkout's content, in every UI language."""
    ttlib = pytest.importorskip("fontTools.ttLib")
    site = prepare(find_project(ROOT))
    selections = [Selection(languages=(ui,)) for ui in UI_LANGUAGES]
    text = "".join(soup_text(booklet_html(offline_site(site, s), s)) for s in selections)
    for family in ("DejaVu Serif", "DejaVu Sans"):
        path = font_file(family)
        assert "DejaVu" in path, f"{family} is not installed"
        covered = set(ttlib.TTFont(path).getBestCmap())
        missing = sorted({c for c in text if ord(c) not in covered and not c.isspace()})
        assert missing == [], f"{family} lacks {missing}"


def soup_text(html: str) -> str:
    from bs4 import BeautifulSoup

    page = BeautifulSoup(html, "html.parser")
    page.style.decompose()
    return page.get_text()
