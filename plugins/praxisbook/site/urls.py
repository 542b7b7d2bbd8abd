"""The one place that knows where every page lives (README.md and docs/architecture.md).

A page is named by a kind, a UI language and an optional argument. Online,
links are directory-style and absolute from SITEURL; offline (file://) they
are relative to the current page and end in `index.html`, because a browser
opening a folder from disk shows a listing instead of the page.
"""

from __future__ import annotations

import posixpath

PAGES = {
    "chooser": "index.html",
    "not-found-root": "404.html",
    "home": "{ui}/index.html",
    "home-page": "{ui}/page/{arg}/index.html",
    "practice": "{ui}/practices/{arg}/index.html",
    "browse": "{ui}/browse/index.html",
    "term": "{ui}/{arg}/index.html",  # a listing: arg is `themes/anti-racism` (facets.py)
    "search": "{ui}/search/index.html",
    "about": "{ui}/about/index.html",
    "accessibility": "{ui}/accessibility/index.html",
    "downloads": "{ui}/downloads/index.html",
    "contribute": "{ui}/contribute/index.html",
    "privacy": "{ui}/privacy/index.html",
    "imprint": "{ui}/imprint/index.html",  # only when the settings give the publisher's address
    "map": "{ui}/map/index.html",
    "compare": "{ui}/compare/index.html",  # the practices to compare are in its query: ?p=a,b
    "compare-facts": "{ui}/compare/facts.js",  # every practice's fact-box rows (site/compare.py)
    "compare-select": "{ui}/compare/select.js",  # the Compare buttons: words and code
    "easy-read": "{ui}/easy-read/index.html",
    "not-found": "{ui}/404.html",
    "feed": "{ui}/feed.atom",
    "asset": "theme/{arg}",
    "file": "{arg}",
}
# Search records (search.py) sit at their practice page's path inside this folder,
# so Pagefind's own result URL is the practice page; the folder is deleted after indexing.
SEARCH_RECORDS = "_search"
PAGES["search-record"] = f"{SEARCH_RECORDS}/{PAGES['practice']}"


def output_path(kind: str, ui: str = "", arg: object = None) -> str:
    """Path of a page inside the output folder, e.g. `de/practices/x/index.html`."""
    if kind == "home-page" and arg == 1:
        return PAGES["home"].format(ui=ui)
    return PAGES[kind].format(ui=ui, arg=arg)


class Linker:
    """Builds hrefs from one page to any other, online or offline."""

    def __init__(self, current: str, *, mode: str = "online", siteurl: str = ""):
        self.current = current
        self.mode = mode
        self.siteurl = siteurl.rstrip("/")

    def __call__(self, kind: str, ui: str = "", arg: object = None) -> str:
        return self.href(output_path(kind, ui, arg))

    def href(self, target: str) -> str:
        if self.mode == "offline":  # "" is the site's root folder (a base for scripts)
            relative = posixpath.relpath(target or ".", posixpath.dirname(self.current) or ".")
            return relative if target else f"{relative}/"
        if target.endswith("index.html"):
            target = target[: -len("index.html")]
        return f"{self.siteurl}/{target}"

    def absolute(self, kind: str, ui: str = "", arg: object = None) -> str:
        """Full URL for feeds, sitemaps and canonical links (needs SITEURL online)."""
        return Linker(self.current, siteurl=self.siteurl)(kind, ui, arg)
