"""`make export` after `make build`: the standard downloads and the pages that offer them."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from praxisbook.catalogue.project import UI_LANGUAGES
from praxisbook.cli import main
from praxisbook.pipeline import build
from praxisbook.products.booklet import have_weasyprint

from .conftest import soup

OPEN_DATA = [
    "catalogue-excel.csv",
    "catalogue.json",
    "catalogue.csv",
    "dcat.jsonld",
    "schema/practice.schema.json",
    "schema/catalogue.schema.json",
]


@pytest.fixture(scope="module")
def exported(export_project):
    """The small project built, then exported as `make export` does; returns output/."""
    project, _ = export_project
    build(project)
    assert main(["--project", str(project.root), "export", "downloads"]) == 0
    return project.output


def listed(page) -> list[tuple[str, str]]:
    """(link, text in parentheses) of every file a Downloads page offers."""
    return [
        (li.a["href"], li.select_one(".muted").get_text()) for li in page.select("ul.downloads li")
    ]


def test_a_build_alone_offers_the_open_data(tmp_path, export_project):
    project, _ = export_project
    output = tmp_path / "site"
    build(project, output)
    links = [href for href, _ in listed(soup(output / "en" / "downloads" / "index.html"))]
    assert links == [f"/{name}" for name in OPEN_DATA]


def test_export_writes_every_standard_download_and_its_manifest(exported):
    manifest = json.loads((exported / "downloads" / "manifest.json").read_text("utf-8"))
    paths = [entry["path"] for entry in manifest["files"]]
    bundles = ["downloads/praxisbook-offline-all.zip", "downloads/praxisbook-offline-all.tar.xz"]
    bundles += [f"downloads/praxisbook-offline-{ui}.zip" for ui in UI_LANGUAGES]
    booklets = [f"downloads/praxisbook-booklet-{ui}.{kind}" for ui in UI_LANGUAGES
                for kind in ("html", "pdf") if kind == "html" or have_weasyprint()]  # fmt: skip
    assert paths == bundles + booklets
    for entry in manifest["files"]:
        assert (exported / entry["path"]).stat().st_size == entry["bytes"]
        assert entry["practices"] == 3


def test_every_downloads_page_lists_each_file_with_its_size_in_its_locale(exported):
    manifest = json.loads((exported / "downloads" / "manifest.json").read_text("utf-8"))
    expected = [f"/{entry['path']}" for entry in manifest["files"]] + [f"/{n}" for n in OPEN_DATA]
    for ui in UI_LANGUAGES:
        page = soup(exported / ui / "downloads" / "index.html")
        offered = listed(page)
        assert [href for href, _ in offered] == expected
        for href, details in offered:
            assert (exported / urlsplit(href).path.lstrip("/")).is_file()
            assert re.fullmatch(r"\([\w. -]+, \d+(?:[.,]\d)?\s(?:kB|MB|ko|Mo|kt|Mt)\)", details), (
                details
            )
    french = listed(soup(exported / "fr" / "downloads" / "index.html"))
    assert any(details.endswith(("ko)", "Mo)")) for _, details in french)


def test_the_solid_bundle_says_what_opens_it(exported):
    manifest = json.loads((exported / "downloads" / "manifest.json").read_text("utf-8"))
    solid = [e for e in manifest["files"] if e["path"].endswith(".tar.xz")]
    assert [(e["kind"], e["lang"], e["format"]) for e in solid] == [("bundle", "", "TAR.XZ")]
    page = soup(exported / "de" / "downloads" / "index.html")
    item = page.find("a", href="/" + solid[0]["path"]).parent
    assert "(TAR.XZ, " in item.get_text()
    hint = item.select_one(".download-hint").get_text()
    # Not every macOS opens a .tar.xz with its own tools (docs/exports.md).
    assert "Windows 11, Linux und neuere macOS-Versionen" in hint


def test_offline_copy_in_one_language_holds_that_language_only(exported):
    import zipfile

    with zipfile.ZipFile(exported / "downloads" / "praxisbook-offline-sv.zip") as archive:
        top = {name.split("/")[1] for name in archive.namelist()}
    assert top == {"index.html", "404.html", "README.txt", "sv", "pagefind", "suggest", "theme"}
