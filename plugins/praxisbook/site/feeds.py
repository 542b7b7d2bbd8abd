"""Atom feeds per UI language and a sitemap with language alternates.

Both need absolute URLs (RFC 4287 ids, the sitemap protocol's <loc>), so
`publish.py` writes them only for a site with an address. Feed dates come from
the entries (`added`, `last_reviewed`, the build date), never from the clock,
so that two builds of one commit are byte-identical.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from pathlib import Path

from feedgenerator import Atom1Feed

from ..catalogue.model import Practice
from ..catalogue.project import UI_LANGUAGES
from .links import SiteLinks
from .order import newest

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
FEED_SIZE = 50
SITEMAP_LIMIT = 50_000  # URLs per file, set by the sitemap protocol


def as_datetime(day: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(tzinfo=datetime.UTC)


def feed(site, ui, links: SiteLinks) -> str:
    """The practices most recently added, newest first, read in `ui`."""
    atom = Atom1Feed(
        title=f"{site.ctx.sitename} – {ui.gettext('Good practices for public bodies')}",
        link=links.page("home", ui.lang),
        description=ui.gettext("New practices"),
        language=ui.lang,
        feed_url=links.page("feed", ui.lang),
    )
    for practice in newest(site.practices, FEED_SIZE):
        reading = site.reading(practice, ui.lang)
        url = links.page("practice", ui.lang, practice.slug)
        atom.add_item(
            title=str(reading.title), link=url, description=str(reading.summary), unique_id=url,
            pubdate=as_datetime(practice.record["added"]),
            updateddate=as_datetime(max(practice.record["added"], practice.facts.last_reviewed)),
            categories=[ui.label("themes", t) for t in practice.terms("themes")],
        )  # fmt: skip
    if not site.practices:  # feedgenerator would otherwise stamp the feed with the clock
        atom.latest_post_date = lambda: as_datetime(links.build_date)
    return atom.writeString("utf-8")


def write_feeds(site_dir: Path, site, links: SiteLinks) -> None:
    for lang in site.ctx.languages:
        target = site_dir / lang / "feed.atom"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(feed(site, site.uis[lang], links), encoding="utf-8")


def alternates(kind: str, arg: object, practice: Practice | None) -> list[str]:
    """Languages whose page at this address is in that language (for hreflang)."""
    if kind == "chooser":
        return []
    if kind == "practice" and practice is not None:
        return [lang for lang in practice.languages if lang in UI_LANGUAGES]
    return list(UI_LANGUAGES)


def sitemap_pages(pages: list) -> list:
    """HTML pages a search engine may list (not the comparison's scripts, redirects or 404s)."""
    return [
        p
        for p in pages
        if p.template not in ("redirect", "404", "search-record") and p.path.endswith(".html")
    ]


def url_entry(page, links: SiteLinks) -> ET.Element:
    practice = page.data.get("practice")
    url = ET.Element(f"{{{SITEMAP_NS}}}url")
    ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = links.page(page.kind, page.ui, page.arg)
    if practice is not None:
        ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = practice.record["last_reviewed"]
    for lang in alternates(page.kind, page.arg, practice):
        link = ET.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=lang)
        link.set("href", links.page(page.kind, lang, page.arg))
    return url


def xml_bytes(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def sitemaps(pages: list, links: SiteLinks) -> dict[str, bytes]:
    """`sitemap.xml`, or past the protocol's 50,000 URLs an index of numbered parts."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    pages = sitemap_pages(pages)
    parts = {}
    for number, start in enumerate(range(0, max(len(pages), 1), SITEMAP_LIMIT), start=1):
        urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
        urlset.extend(url_entry(page, links) for page in pages[start : start + SITEMAP_LIMIT])
        parts[f"sitemap-{number}.xml"] = xml_bytes(urlset)
    if len(parts) == 1:
        return {"sitemap.xml": parts.popitem()[1]}
    index = ET.Element(f"{{{SITEMAP_NS}}}sitemapindex")
    for name in parts:
        ET.SubElement(
            ET.SubElement(index, f"{{{SITEMAP_NS}}}sitemap"), f"{{{SITEMAP_NS}}}loc"
        ).text = links.file(name)
    return {"sitemap.xml": xml_bytes(index), **parts}


def write_sitemap(site_dir: Path, pages: list, links: SiteLinks) -> None:
    for name, data in sitemaps(pages, links).items():
        (site_dir / name).write_bytes(data)
