"""Markdown bodies: converted once, inspected for what the validator rejects, sanitised.

Python-Markdown stashes every piece of raw HTML it meets, so the stash tells us
whether an editor wrote HTML. nh3 then sanitises the result anyway: a second
layer, in case Markdown itself can be tricked into producing markup.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from dataclasses import asdict, dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import markdown

EXTENSIONS = ["tables", "sane_lists", "toc"]
ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong", "blockquote",
    "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "img", "br", "hr",
    "dl", "dt", "dd", "sub", "sup", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "th": {"scope"},
    **{f"h{n}": {"id"} for n in range(2, 7)},
}
URL_SCHEMES = {"https", "http", "mailto", "tel"}
_local = threading.local()


@cache
def cache_salt() -> str:
    """Everything that shapes a conversion; part of every cache key."""
    import markdown  # loaded only when a body is converted: `praxisbook validate` rarely needs it

    return repr((markdown.__version__, EXTENSIONS, sorted(ALLOWED_TAGS), sorted(URL_SCHEMES), 1))


@dataclass
class Markup:
    """A converted body and what it contains."""

    html: str
    raw_html: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    images: list[tuple[str, str]] = field(default_factory=list)
    h1: list[str] = field(default_factory=list)


class _Inventory(HTMLParser):
    """Collects link targets, images and top-level headings from converted HTML."""

    def __init__(self, markup: Markup):
        super().__init__(convert_charrefs=True)
        self.markup = markup

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "href" in attrs:
            self.markup.links.append(attrs["href"] or "")
        elif tag == "img":
            self.markup.images.append((attrs.get("src") or "", (attrs.get("alt") or "").strip()))
        elif tag == "h1":
            self.markup.h1.append(tag)


# What Markdown needs to make something the validator rejects: `<` (raw HTML,
# autolinks), `![` (an image), `]:` (a reference definition, the target of a
# reference link), a single `#` after a line start, a space or a quote's `>`
# (`# Title`, also in list items and quotes) or a setext `===` underline (a
# top-level heading), or `](` followed by anything but a web, mail or phone
# address or a `#` anchor (an inline link that may be relative or use another
# scheme). Python-Markdown takes an inline link's target from just after `](`
# and blanks, so a body whose every `](` is followed by `https://`, `mailto:` …
# can only hold links the validator accepts: such a body, the usual case, is
# not converted to be checked.
#
# Fixed strings are looked for with `in` and each pattern starts with a fixed
# character, so that the search skips ahead quickly (a pattern that starts with
# a look-behind or `^` is tried at every position: 100 µs a body); the setext
# underline is looked for only after an `=`.
_TRIGGER_STRINGS = ("<", "![", "]:")
_TRIGGERS = re.compile(r"\](?!\(\s*(?i:https?://|mailto:|tel:|#))\(|#(?<![^\s>]#)(?!#)")
_SETEXT_H1 = re.compile(r"^[ \t>]*=+[ \t]*$", re.MULTILINE)
NOTHING_TO_CHECK = Markup(html="")


def needs_conversion(body: str) -> bool:
    """Whether converting `body` could find anything the validator rejects."""
    if any(trigger in body for trigger in _TRIGGER_STRINGS) or _TRIGGERS.search(body):
        return True
    return "=" in body and _SETEXT_H1.search(body) is not None


# Python-Markdown tries each of its inline patterns on every run of text, and a
# third of a conversion went to patterns that could not match: most bodies hold
# no code, escapes, entities, HTML or images. Each pattern here is left out of
# the converter for a body that holds none of the strings its regular expression
# needs. A pattern that cannot match has no effect (the inline processor moves on
# to the next), so the HTML is the same; `tests/test_speedups.py` compares every
# body of the seed catalogue, the test fixtures and generated Markdown with a full
# converter. The text the patterns see is the body's, with Markdown's own
# placeholders put in and, before anything else, tabs expanded and line endings
# made `\n`: so a hard line break (two spaces before a newline) is looked for
# after a tab or `\r` too.
INLINE_PATTERN_NEEDS = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "short_reference": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_image_ref": ("![",),
    "autolink": ("<",),
    "automail": ("<",),
    "html": ("<",),
    "entity": ("&",),
    "linebreak": ("  \n", "\t", "\r"),
    "em_strong": ("*", "_"),
}


def unused_patterns(body: str) -> frozenset[str]:
    """The inline patterns that cannot match anywhere in `body`."""
    return frozenset(
        name for name, needs in INLINE_PATTERN_NEEDS.items() if not any(s in body for s in needs)
    )


def _converter(unused: frozenset[str] = frozenset()) -> markdown.Markdown:
    """A converter per thread and set of patterns left out (a handful in practice)."""
    import markdown

    if not hasattr(_local, "converters"):
        _local.converters = {}
    if unused not in _local.converters:
        md = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
        for name in unused:
            md.inlinePatterns.deregister(name)
        _local.converters[unused] = md
    return _local.converters[unused]


def convert(body: str, inventory: bool | None = None) -> Markup:
    """Convert Markdown to sanitised HTML and record raw HTML, links and images.

    Links, images and headings are listed only where validation looks at them
    (`needs_conversion`, or `inventory=True`): in any other body they are all
    allowed, and parsing the HTML again for them took a sixth of the conversion.
    """
    md = _converter(unused_patterns(body))
    html = md.reset().convert(body)
    raw = [s for s in md.htmlStash.rawHtmlBlocks if not str(s).lstrip().startswith("&")]
    markup = Markup(html="", raw_html=[str(s).strip() for s in raw])
    if inventory or (inventory is None and needs_conversion(body)):
        _Inventory(markup).feed(html)
    markup.html = sanitise(html)
    return markup


def sanitise(html: str) -> str:
    import nh3

    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
    )


def convert_all(documents) -> None:
    """Convert every body not converted yet, on every core, into each Document's markup."""
    from .parallel import map_slices

    todo = [doc for doc in documents if "markup" not in doc.__dict__]
    converted = map_slices(
        lambda start, stop: [convert(d.body) for d in todo[start:stop]], len(todo)
    )
    for doc, markup in zip(todo, converted, strict=True):
        doc.__dict__["markup"] = markup  # the Document's cached property


class MarkupCache:
    """Converted bodies kept between runs, keyed by the body's hash.

    Converting Markdown is most of what validating costs, and most bodies do not
    change between two runs. The key also holds everything that shapes the
    output (Markdown's version, the extensions, the sanitiser's rules), so a
    change to any of them starts afresh. A broken cache file is simply replaced.
    """

    def __init__(self, path: Path | None):
        self.path = path  # None: remember nothing
        self.unreadable = False
        self.known: dict[str, dict] = self.load()
        self.added: dict[str, dict] = {}

    @staticmethod
    def key(body: str) -> str:
        return hashlib.sha256((cache_salt() + body).encode("utf-8")).hexdigest()

    def load(self) -> dict[str, dict]:
        if self.path is None:
            return {}
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            self.unreadable = True  # replaced by the next save
            return {}

    def prefill(self, documents) -> None:
        """Give documents whose body is known their markup without converting it."""
        for doc in documents:
            data = self.known.get(self.key(doc.body))
            if data is not None:
                doc.__dict__["markup"] = Markup(**data)  # the Document's cached property

    def collect(self, documents) -> None:
        for doc in documents:
            markup = doc.__dict__.get("markup")
            key = self.key(doc.body)
            if markup is not None and key not in self.known:
                self.added[key] = asdict(markup)

    def save(self, documents) -> None:
        """Keep the markup of these documents only, so the file never outgrows the catalogue."""
        if self.path is None:
            return
        self.collect(documents)
        every = {**self.known, **self.added}
        keep = {k: every[k] for k in sorted({self.key(d.body) for d in documents}) if k in every}
        if keep == self.known and not self.unreadable:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(keep, ensure_ascii=False), encoding="utf-8")
        temporary.replace(self.path)
