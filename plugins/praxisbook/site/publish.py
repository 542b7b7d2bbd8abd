"""Publish stage: what every build writes beside the pages (open data, feeds, sitemap)."""

from __future__ import annotations

from pathlib import Path

from .feeds import write_feeds, write_sitemap
from .links import SiteLinks
from .opendata import write_open_data


def publish(site_dir: Path, site, pages: list) -> None:
    """Write open data, Atom feeds and the sitemap into a freshly rendered site."""
    links = SiteLinks(site.ctx.siteurl, site.ctx.build_date.isoformat())
    write_open_data(site_dir, site.practices, links, site.schema)
    write_feeds(site_dir, site, links)
    write_sitemap(site_dir, pages, links)
