"""Export stage: what the build publishes beside the pages (open data, feeds, sitemap).

The offline bundle and the booklet are exports too; they are made on demand
by `praxisbook export`, not by every build.
"""

from __future__ import annotations

from pathlib import Path

from ..catalogue.model import Practice
from .feeds import write_feeds, write_sitemap
from .links import SiteLinks
from .opendata import write_open_data


def publish(site_dir: Path, practices: list[Practice], links: SiteLinks, site) -> None:
    """Write open data, Atom feeds and the sitemap into a freshly rendered site."""
    write_open_data(site_dir, practices, links, site.schema)
    write_feeds(site_dir, practices, links, site.uis)
    write_sitemap(site_dir, practices, links)
    from ..products.downloads import refresh_pages  # imports render, which imports this package

    refresh_pages(site_dir, site)  # now the open data exists, the Downloads pages can list it
