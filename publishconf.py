"""Pelican settings for the published site: the development settings plus SITEURL.

`praxisbook build --publish` reads SITEURL from the environment variable
PRAXISBOOK_SITEURL (e.g. https://example.github.io/praxisbook), so feeds,
sitemaps and canonical links carry full addresses.
"""

import os
import sys

sys.path.append(os.path.dirname(__file__))

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("PRAXISBOOK_SITEURL", "")
