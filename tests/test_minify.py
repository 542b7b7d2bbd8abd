"""The site's copy of the theme's scripts and stylesheets is minified; the theme keeps its
comments (site/minify.py)."""

from __future__ import annotations

from pathlib import Path

from praxisbook.site.minify import minified, minify_theme

THEME = Path(__file__).resolve().parents[1] / "theme" / "static"


def served(tiny_site: Path) -> list[Path]:
    folder = tiny_site / "theme"
    return sorted([*folder.rglob("*.js"), *folder.rglob("*.css")])


def test_every_script_and_stylesheet_is_served_minified(tiny_site):
    files = served(tiny_site)
    assert {p.name for p in files} >= {"search.js", "search-suggest.js", "site.css"}
    for path in files:
        source = (THEME / path.relative_to(tiny_site / "theme")).read_text(encoding="utf-8")
        text = path.read_text(encoding="utf-8")
        assert len(text) < 0.85 * len(source), path.name
        lines = text.splitlines()  # rjsmin keeps a line break where a statement could end
        assert len(lines) < 0.25 * source.count("\n"), path.name
        assert not any(line[:1].isspace() for line in lines), path.name
        assert "/*" not in text and "\n//" not in text, path.name


def test_the_theme_keeps_its_comments():
    search = (THEME / "js" / "search.js").read_text(encoding="utf-8")
    assert "// " in search and search.count("\n") > 100


def test_minifying_again_changes_nothing(tmp_path):
    copy = tmp_path / "theme"
    for source in [THEME / "js" / "search.js", THEME / "css" / "site.css"]:
        target = copy / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    minify_theme(copy)
    once = {p.name: p.read_bytes() for p in copy.iterdir()}
    minify_theme(copy)
    assert {p.name: p.read_bytes() for p in copy.iterdir()} == once
    for name, data in once.items():
        assert minified(copy / name, data.decode()) == data.decode()
