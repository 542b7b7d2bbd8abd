"""Pages are written without the theme's indentation and the line breaks around blocks
(site/render.py: `without_layout_space`), and a browser shows them exactly as before."""

from __future__ import annotations

import re

import pytest

from praxisbook.site.render import BLOCK_BREAK, without_layout_space

from .browsers import serve

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
    return re.sub(BLOCK_BREAK.pattern.removeprefix(r"\n+"), "\n", html)


def test_line_breaks_go_only_where_a_block_begins_or_ends():
    html = (
        "<ul>\n  <li><a>a</a>\n<a>b</a></li>\n</ul>\n<p><cite>c</cite>.\nNext\n</p>\n<br>\n<span>"
    )
    assert without_layout_space(html) == (
        "<ul><li><a>a</a>\n<a>b</a></li></ul><p><cite>c</cite>.\nNext</p>\n<br>\n<span>"
    )
    kept = "<pre>\n  code\n</pre>\n<div>"
    assert without_layout_space(kept) == kept  # preformatted text keeps every space


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
