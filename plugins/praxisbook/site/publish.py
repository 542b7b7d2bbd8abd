"""Publish stage: what every build writes beside the pages (open data, feeds, sitemap).

The sitemap protocol, Atom and `robots.txt` (`Sitemap:`) need absolute URLs, so
those files are written only when the site has an address (`praxisbook build
--publish` with PRAXISBOOK_SITEURL); without one the build leaves them out and
says so, rather than write files that their readers must reject.
"""

from __future__ import annotations

from pathlib import Path

from .feeds import write_feeds, write_sitemap
from .links import SiteLinks
from .opendata import write_open_data
from .owner import notices as owner_notices

NO_SITEURL = (
    "Note: no site URL (build --publish with PRAXISBOOK_SITEURL): sitemap.xml, robots.txt "
    "and the Atom feeds are left out, and open-data links are root-relative."
)


def publish(site_dir: Path, site, pages: list) -> None:
    """Write open data and, when the site has an address, feeds, sitemap and robots.txt."""
    links = SiteLinks(site.ctx.siteurl, site.ctx.build_date.isoformat())
    write_open_data(site_dir, site, links)
    if site.ctx.siteurl:
        write_feeds(site_dir, site, links)
        write_sitemap(site_dir, pages, links)
        (site_dir / "robots.txt").write_text(robots(links), encoding="utf-8")


def robots(links: SiteLinks) -> str:
    """Every crawler welcome, and where the sitemap is (read only at the host's root)."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {links.file('sitemap.xml')}\n"


def notices(site) -> list[str]:
    """One line for each thing the build leaves out for want of a setting."""
    lines = [] if site.ctx.siteurl else [NO_SITEURL]
    return lines + owner_notices(site.owner)
