"""A build that takes pages and search indexes over from the last one writes exactly the
bytes a build from scratch writes (site/pagecache.py, site/indexing.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from praxisbook.pipeline import build
from praxisbook.site.pagecache import manifest_path

from .conftest import DUTCH, DUTCH_BODY, TINY, make_project, write_practice

EPOCH = "1763769600"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """The tiny catalogue and five Dutch practices close enough to be each other's related."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    entries = dict(TINY)
    for i in range(5):
        front = DUTCH.replace("former_slugs: [bruno-attitudes]\n", "")
        front = front.replace("van de politiezone", f"van zone {i}")
        entries[(f"zone-{i}", "nl")] = (front, DUTCH_BODY.replace("workshops", f"workshops {i}"))
    return make_project(tmp_path / "site", entries)


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def differences(one: Path, other: Path) -> list[str]:
    a, b = tree(one), tree(other)
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


def inodes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_ino for p in folder.rglob("*.html")}


def edit(project, slug: str, lang: str, old: str, new: str) -> None:
    path = project.practices / slug / f"{lang}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def from_scratch(project, tmp_path: Path) -> Path:
    fresh = tmp_path / "fresh"
    build(project, fresh, cache=False)
    return fresh


def test_a_build_after_edits_writes_what_a_build_from_scratch_writes(project, tmp_path):
    build(project)
    before = inodes(project.output)
    edit(project, "zone-1", "nl", "van zone 1", "van de nieuwe zone")  # shown on related pages
    edit(project, "school-network", "de", "treffen sich", "treffen sich monatlich")
    write_practice(
        project.root, "zone-9", "nl", DUTCH.replace("former_slugs: [bruno-attitudes]\n", "")
    )
    shutil.rmtree(project.practices / "zone-2")
    build(project)
    assert differences(project.output, from_scratch(project, tmp_path)) == []
    after = inodes(project.output)
    kept = {page for page, inode in after.items() if before.get(page) == inode}
    assert "en/practices/bruno-attitudes/index.html" in kept  # a former address, unchanged
    assert "nl/practices/zone-1/index.html" not in kept
    assert "de/practices/school-network/index.html" not in kept
    assert not any(page.startswith("en/index.html") for page in kept)  # home: always rendered


def test_a_page_changed_behind_the_caches_back_is_rendered_again(project, tmp_path):
    build(project)
    page = project.output / "fr" / "practices" / "zone-3" / "index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</main>", "<p>stray</p></main>"), encoding="utf-8")
    build(project)
    assert "stray" not in page.read_text(encoding="utf-8")
    assert differences(project.output, from_scratch(project, tmp_path)) == []


def test_a_damaged_record_means_a_build_from_scratch(project, tmp_path):
    build(project)
    manifest_path_ = manifest_of(project)
    manifest_path_.write_text('{"pages": [1, 2', encoding="utf-8")
    before = inodes(project.output)
    build(project)
    after = inodes(project.output)
    assert not [page for page, inode in after.items() if before.get(page) == inode]
    assert differences(project.output, from_scratch(project, tmp_path)) == []


def test_a_changed_theme_renders_every_page(project, tmp_path):
    theme = project.root / "theme"
    target = theme.resolve()
    theme.unlink()
    shutil.copytree(target, theme)
    build(project)
    before = inodes(project.output)
    template = theme / "templates" / "practice.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    build(project)
    after = inodes(project.output)
    practice_pages = [page for page in after if "/practices/" in page]
    assert practice_pages and not [p for p in practice_pages if before.get(p) == after[p]]
    assert differences(project.output, from_scratch(project, tmp_path)) == []


def test_only_the_languages_whose_records_changed_are_indexed_again(project, tmp_path, capsys):
    build(project)
    capsys.readouterr()
    edit(project, "school-network", "de", "treffen sich", "treffen sich monatlich")  # de text only
    build(project)
    said = capsys.readouterr().err
    assert "the search index of en, fi, fr, nl, sv is unchanged since the last build" in said
    assert differences(project.output, from_scratch(project, tmp_path)) == []


def test_without_cache_nothing_is_taken_over_and_no_record_is_kept(project):
    build(project)
    before = inodes(project.output)
    build(project, cache=False)
    after = inodes(project.output)
    assert not [page for page, inode in after.items() if before.get(page) == inode]
    assert not manifest_of(project).exists()


def manifest_of(project) -> Path:
    from praxisbook.pipeline import prepare

    return manifest_path(prepare(project), project.output.resolve())


def test_the_record_lives_in_the_projects_cache_not_in_the_site(project):
    build(project)
    assert manifest_of(project).is_file()
    assert os.path.commonpath([manifest_of(project), project.root / ".cache"]) == str(
        project.root / ".cache"
    )
    assert not [p for p in project.output.rglob("*.json") if "pages" in p.parts]
