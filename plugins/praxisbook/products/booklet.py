"""Booklet: the selected practices as one printable HTML document, and as PDF.

The HTML carries its print stylesheet inline (theme/static/css/booklet.css),
so the one file prints the same wherever it is opened. WeasyPrint, an
optional extra (`pip install -e '.[pdf]'`), turns it into a PDF with page
numbers in the table of contents (`target-counter`, which browsers lack).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from ..catalogue.model import Practice
from ..catalogue.problems import BuildError
from ..site.order import by_title
from ..site.render import Site, theme_templates
from ..site.urls import Linker
from .offline import Made, offline_site
from .select import Selection

PDF_MISSING = (
    "--pdf needs WeasyPrint, which is not installed. Install it with "
    "`.venv/bin/pip install -e '.[pdf]'` (it needs the Pango library, "
    "e.g. `apt-get install libpango-1.0-0 libpangoft2-1.0-0`), or leave out --pdf for HTML."
)


# Markdown gives each body heading an id ("what", "how" …), unique on a practice's page.
ANCHOR = re.compile(r'(\sid="|\shref="#)([^"]+)"')


def scoped(html: str, slug: str) -> str:
    """A body's ids and in-page links, prefixed with its practice: one booklet holds them all."""
    return ANCHOR.sub(lambda m: f'{m[1]}p-{slug}-{m[2]}"', html)


def ordered(site: Site, selection: Selection, ui: str) -> list[Practice]:
    """A list of slugs keeps its order (a session's running order); otherwise A–Z."""
    return site.practices if selection.slugs else by_title(site, site.practices, ui)


def booklet_html(booklet: Site, selection: Selection) -> str:
    """The booklet (`offline_site` of the selection) in the selection's (one) UI language.

    Offline links: to the site only where it has an address (SITEURL), as in a bundle.
    """
    ui = selection.languages[0]
    site = booklet
    project = site.ctx.project
    css = (project.theme / "static" / "css" / "booklet.css").read_text(encoding="utf-8")
    url = Linker("booklet.html", mode="offline", siteurl=site.ctx.siteurl)
    context = {
        **booklet.globals(booklet.uis[ui], url),
        "practices": ordered(booklet, selection, ui),
        "title": selection.title or site.ctx.sitename,
        "about": dict(booklet.ctx.bundle or {}),
        "css": css,
        "scoped": scoped,
    }  # fmt: skip
    return theme_templates(booklet.ctx, project.output)("booklet").render(context)


def have_weasyprint() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):  # OSError: installed, but Pango is missing
        return False
    return True


def write_pdf(html: str, target: Path) -> None:
    """Typeset `html` with WeasyPrint (its warnings are logged, not fatal)."""
    if not have_weasyprint():
        raise BuildError(PDF_MISSING)
    import weasyprint

    partial = target.with_name(f".{target.name}.tmp")
    weasyprint.HTML(string=html, base_url=str(target.parent)).write_pdf(partial)
    partial.replace(target)


def export_booklet(site: Site, selection: Selection, target: Path, *, pdf: bool = False) -> Made:
    """Write the booklet (HTML, or PDF with `pdf`) of the selected practices to `target`."""
    if pdf and not have_weasyprint():  # before the work, not after it
        raise BuildError(PDF_MISSING)
    started = time.perf_counter()
    booklet = offline_site(site, selection)
    html = booklet_html(booklet, selection)
    count = len(booklet.practices)
    target.parent.mkdir(parents=True, exist_ok=True)
    if pdf:
        write_pdf(html, target)
    else:
        target.write_text(html, encoding="utf-8")
    return Made(target, count, target.stat().st_size, time.perf_counter() - started)
