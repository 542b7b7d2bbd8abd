"""Atom feeds per UI language and a sitemap with language alternates.

Feed dates come from the entries (`last_reviewed`, the build date), never from
the clock, so that two builds of one commit are byte-identical.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from pathlib import Path

from feedgenerator import Atom1Feed

from ..model import Practice
from ..pages import site_pages
from ..project import UI_LANGUAGES
from .links import SiteLinks

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
FEED_SIZE = 50


def as_datetime(day: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(tzinfo=datetime.UTC)


def newest_first(practices: list[Practice]) -> list[Practice]:
    return sorted(practices, key=lambda p: (p.facts["last_reviewed"], p.slug), reverse=True)


def feed(practices: list[Practice], ui, links: SiteLinks) -> str:
    atom = Atom1Feed(
        title=f"Praxisbook – {ui.gettext('Good practices for public bodies')}",
        link=links.page("home", ui.lang),
        description=ui.gettext("New practices"),
        language=ui.lang,
        feed_url=links.page("feed", ui.lang),
    )
    for practice in newest_first(practices)[:FEED_SIZE]:
        version = practice.version_for(ui.lang)
        url = links.page("practice", ui.lang, practice.slug)
        atom.add_item(
            title=version.title, link=url, description=version.summary, unique_id=url,
            updateddate=as_datetime(practice.facts["last_reviewed"]),
            categories=[ui.label("themes", t) for t in practice.terms("themes")],
        )  # fmt: skip
    if not practices:  # feedgenerator would otherwise stamp the feed with the clock
        atom.latest_post_date = lambda: as_datetime(links.build_date)
    return atom.writeString("utf-8")


def write_feeds(site_dir: Path, practices: list[Practice], links: SiteLinks, uis: dict) -> None:
    for lang in UI_LANGUAGES:
        target = site_dir / lang / "feed.atom"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(feed(practices, uis[lang], links), encoding="utf-8")


def alternates(kind: str, arg: object, practice: Practice | None) -> list[str]:
    """Languages whose page at this address is in that language (for hreflang)."""
    if kind == "chooser":
        return []
    if kind == "practice" and practice is not None:
        return [lang for lang in practice.languages if lang in UI_LANGUAGES]
    return list(UI_LANGUAGES)


def sitemap(practices: list[Practice], links: SiteLinks) -> bytes:
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for page in site_pages(practices, related={p.slug: [] for p in practices}):
        if page.template in ("redirect", "404", "search-record"):
            continue
        practice = page.data.get("practice")
        url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = links.page(page.kind, page.ui, page.arg)
        if practice is not None:
            lastmod = ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod")
            lastmod.text = practice.facts["last_reviewed"]
        for lang in alternates(page.kind, page.arg, practice):
            link = ET.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=lang)
            link.set("href", links.page(page.kind, lang, page.arg))
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def write_sitemap(site_dir: Path, practices: list[Practice], links: SiteLinks) -> None:
    (site_dir / "sitemap.xml").write_bytes(sitemap(practices, links))
