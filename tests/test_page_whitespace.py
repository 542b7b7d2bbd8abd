"""Pages are written without the theme's indentation and the line breaks around blocks
(site/layoutspace.py), and a browser shows them exactly as before. Taking that space out
of the templates' own text when they are compiled changes no page."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest

from praxisbook.catalogue.project import Project
from praxisbook.pipeline import prepare
from praxisbook.site import context
from praxisbook.site.layoutspace import BLOCK_BREAK, BLOCK_TAG, LayoutSpace, without_layout_space
from praxisbook.site.pages import site_pages
from praxisbook.site.render import theme_templates

from .browsers import serve
from .test_cli import valid_catalogue

PAGES = ("en/index.html", "de/search/index.html", "fr/about/index.html", "sv/compare/index.html")


def pages(site):
    """The pages above, and the first practice's page in Finnish, by their path in `site`."""
    practice = sorted(site.glob("fi/practices/*/index.html"))[0].relative_to(site).as_posix()
    return [*PAGES, practice]


# What a browser sees of a page: the text as laid out, and where each element's box is.
LAYOUT = """() => [document.body.innerText,
  Array.from(document.querySelectorAll('body *'), (e) => {
    const r = e.getBoundingClientRect();
    return [e.tagName, Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
  })]"""


# The search page lists the catalogue once its script has searched.
SETTLED = """() => { const list = document.getElementById('search-results');
  return !list || (!list.hasAttribute('aria-busy') && list.children.length > 0); }"""


def with_breaks(html: str) -> str:
    """The page with a line break put back before each block's start and end tag."""
    return re.sub(f"(?={BLOCK_TAG})", "\n", html)


def test_line_breaks_go_only_where_a_block_begins_or_ends():
    html = (
        "<ul>\n  <li><a>a</a>\n<a>b</a></li>\n</ul>\n<p><cite>c</cite>.\nNext\n</p>\n<br>\n<span>"
    )
    assert without_layout_space(html) == (
        "<ul><li><a>a</a>\n<a>b</a></li></ul><p><cite>c</cite>.\nNext</p>\n<br>\n<span>"
    )
    kept = "<pre>\n  code\n</pre>\n<div>"
    assert without_layout_space(kept) == kept  # preformatted text keeps every space


def test_padding_puts_a_break_before_every_block():
    assert with_breaks("<ul><li><a>a</a></li></ul>") == "\n<ul>\n<li><a>a</a>\n</li>\n</ul>"


# Templates whose text meets expressions, tags and each other at every kind of boundary.
TEMPLATES = {
    "loop.html": "<ul>\n  {% for x in items %}\n    <li>{{ x }}</li>\n  {% endfor %}\n</ul>\n<p>\n",
    "inline.html": "<p>{{ a }}\n  <a href='#'>b</a>\n{% if a %}\n<div>{{ a }}\n</div>{% endif %}\n  ",
    "printed.html": "<main>\n{{ block }}\n\n  <p>\n  text\n</p></main>",
    "pre.html": "<div>\n  <pre>\n  {{ a }}\n</pre>\n</div>",
    "script.js": "var a = 1;\n  <div>\n  {{ a }};\n",
}
VALUES = {"items": ["1", "2"], "a": "x\n  <div>y</div>", "block": "\n  <section>\n</section>\n"}


def rendered(name: str, *extensions) -> str:
    environment = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), extensions=extensions)
    return environment.get_template(name).render(VALUES)


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_compiled_templates_give_the_same_pages(name):
    page = name.endswith(".html")
    plain, compiled = rendered(name), rendered(name, LayoutSpace)
    assert without_layout_space(compiled, page) == without_layout_space(plain, page)
    kept = name in ("pre.html", "script.js")  # preformatted text; not a page
    assert (compiled == plain) is kept
    if not kept:
        assert compiled.count("\n") < plain.count("\n")


def written(root: Path) -> dict[str, str]:
    """Every page of the project at `root` as the build writes it."""
    site = prepare(Project(root))
    site.use_theme(theme_templates(site.ctx, root / "output"))
    return {
        page.path: without_layout_space(
            site.template(page.template).render(site.context(page)), page.path.endswith(".html")
        )
        for page in site_pages(site)
    }


def test_the_theme_compiled_without_its_layout_space_writes_the_same_pages(tmp_path, monkeypatch):
    root = valid_catalogue(tmp_path / "site")
    after = written(root)
    # The same run without LayoutSpace: in its place an extension the theme does not use.
    monkeypatch.setattr(context, "LAYOUT_SPACE", "jinja2.ext.LoopControlExtension")
    before = written(root)
    assert len(after) > 100 and list(before) == list(after)
    assert [path for path in after if after[path] != before[path]] == []


def test_written_pages_have_no_break_before_a_block(tiny_site):
    for name in pages(tiny_site):
        html = (tiny_site / name).read_text(encoding="utf-8")
        assert "<main" in html and not BLOCK_BREAK.search(html), name
        assert "\n<li" not in html and "\n  " not in html


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 1280])
def test_chromium_shows_the_pages_as_with_the_breaks(chromium, tiny_site, width):
    for name in pages(tiny_site):
        written = tiny_site / name
        padded = written.with_name("padded.html")
        padded.write_text(with_breaks(written.read_text(encoding="utf-8")), encoding="utf-8")
        seen = []
        with serve(tiny_site) as base:
            page = chromium.new_page(viewport={"width": width, "height": 800})
            for path in (written, padded):
                page.goto(f"{base}/{path.relative_to(tiny_site).as_posix()}")
                page.wait_for_load_state("networkidle")
                page.wait_for_function(SETTLED)
                seen.append(page.evaluate(LAYOUT))
            page.close()
        padded.unlink()
        assert len(seen[0][1]) > 50, name
        assert seen[0][0] == seen[1][0], name
        boxes = zip(seen[0][1], seen[1][1], strict=True)
        assert [pair for pair in boxes if pair[0] != pair[1]] == [], name
