"""Pelican settings for the published site: the development settings plus SITEURL.

`praxisbook build --publish` reads SITEURL from the environment variable
PRAXISBOOK_SITEURL (e.g. https://example.github.io/praxisbook), so feeds,
sitemaps and canonical links carry full addresses.

pelicanconf.py is read by its path, beside this file: `from pelicanconf import *`
would take whichever `pelicanconf` module Python imported first, which in one
process that builds several projects (the tests) is another project's.
"""

import os
import runpy

_here = os.path.dirname(os.path.abspath(__file__))
_development = runpy.run_path(os.path.join(_here, "pelicanconf.py"))
globals().update({name: value for name, value in _development.items() if name.isupper()})

SITEURL = os.environ.get("PRAXISBOOK_SITEURL", "")
