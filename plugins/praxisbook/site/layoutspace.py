"""The theme's layout space, taken out of what the site writes: every page repeats it.

A page is written without the theme's indentation and without the line breaks
before the start or end tag of a block (1 kB per practice). Browsers show
neither, except inside `<pre>` and `<textarea>`, whose pages are left alone.

`without_layout_space` does it on each page as written. Most of that space is
the templates' own text, so `LayoutSpace` takes it out of a template's text
once, when Jinja compiles the template; the pass over each page then finds far
fewer line breaks to look at (it was a tenth of a practice page's time). What
the extension takes out is what the pass would take out of any page the text
ends up in, so the pages are the same, byte for byte (tests/test_page_whitespace.py).
"""

from __future__ import annotations

import re

from jinja2.ext import Extension
from jinja2.lexer import Token

INDENTATION = re.compile(r"\n[ \t]+")
# The start or end tag of a block-level element. Inline elements (a, span, label, input,
# br …) keep the line break before them, which can be a visible space; the theme's inline
# lists are flex boxes.
BLOCK_TAG = (
    r"</?(?:html|head|body|meta|link|title|script|header|footer|main|nav|section"
    r"|article|aside|div|p|ul|ol|li|dl|dt|dd|h[1-6]|table|thead|tbody|tr|th|td|form"
    r"|fieldset|legend|details|summary|figure|figcaption|blockquote|hr)[\s/>]"
)
# Each break of a run goes on its own (`\n(?=\n*…)`, not `\n+(?=…)`): the same result, and
# half the time, since most line breaks are followed by no block and `\n+` backtracks.
BLOCK_BREAK = re.compile(rf"\n(?=\n*{BLOCK_TAG})")
PREFORMATTED = ("<pre", "<textarea")


def without_layout_space(text: str, html: bool = True) -> str:
    """A page (`html`) or script without the theme's indentation, and a page also without
    the line breaks around its blocks."""
    if any(tag in text for tag in PREFORMATTED):
        return text
    text = INDENTATION.sub("\n", text)
    return BLOCK_BREAK.sub("", text) if html else text


class LayoutSpace(Extension):
    """Takes the layout space out of the literal text of every HTML template as it is
    compiled (not out of what its expressions print).

    A break is taken out only when the tag after it is in the same piece of text; one
    that a tag or an expression follows is left to `without_layout_space`. Templates
    with preformatted text of their own, and scripts, keep their text as it is.
    """

    def filter_stream(self, stream):
        tokens = list(stream)  # a template's tokens: compiled once per build
        if not (stream.name or "").endswith(".html") or any(
            token.type == "data" and any(tag in token.value for tag in PREFORMATTED)
            for token in tokens
        ):
            return iter(tokens)
        return (
            Token(token.lineno, "data", without_layout_space(token.value))
            if token.type == "data" else token
            for token in tokens
        )  # fmt: skip
