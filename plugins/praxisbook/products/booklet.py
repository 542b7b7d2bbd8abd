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
from ..catalogue.project import Project
from ..site.render import LANGUAGES_SETTING, Site
from ..site.urls import Linker
from .offline import Made, provenance, selected
from .select import Selection, by_title

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


def theme_templates(settings: dict):
    """The theme's `get_template`, from a Jinja environment made as Pelican makes it."""
    from pelican.generators import Generator

    generator = Generator(
        context={}, settings=settings, path=settings["PATH"], theme=settings["THEME"],
        output_path=settings.get("OUTPUT_PATH", "output"),
    )  # fmt: skip
    return generator.get_template


def ordered(practices: list[Practice], selection: Selection, ui: str) -> list[Practice]:
    """A list of slugs keeps its order (a session's running order); otherwise A–Z."""
    return practices if selection.slugs else by_title(practices, ui)


def booklet_html(
    project: Project, practices: list[Practice], selection: Selection, settings: dict
) -> str:
    """The booklet of the selected practices in the selection's (one) UI language."""
    ui = selection.languages[0]
    # Offline mode: links to the site only where it has an address (SITEURL), as in a bundle.
    site = Site(practices, project, {**settings, LANGUAGES_SETTING: (ui,)}, mode="offline")
    css = (project.theme / "static" / "css" / "booklet.css").read_text(encoding="utf-8")
    context = {
        **site.globals(site.uis[ui], Linker("booklet.html", mode="offline",
                                            siteurl=settings.get("SITEURL", ""))),
        "practices": ordered(practices, selection, ui),
        "title": selection.title or settings.get("SITENAME", "Praxisbook"),
        "about": provenance(project, settings),
        "css": css,
        "scoped": scoped,
    }  # fmt: skip
    return theme_templates(settings)("booklet").render(context)


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


def export_booklet(
    project: Project, practices: list[Practice], selection: Selection, target: Path, *,
    pdf: bool = False, publish: bool = False,
) -> Made:  # fmt: skip
    """Write the booklet (HTML, or PDF with `pdf`) of the selected practices to `target`."""
    from ..pipeline import pelican_settings, settings_path

    if pdf and not have_weasyprint():  # before the work, not after it
        raise BuildError(PDF_MISSING)
    started = time.perf_counter()
    chosen = selected(practices, selection)
    settings = pelican_settings(settings_path(project, publish), chosen, target.parent)
    html = booklet_html(project, chosen, selection, settings)
    target.parent.mkdir(parents=True, exist_ok=True)
    if pdf:
        write_pdf(html, target)
    else:
        target.write_text(html, encoding="utf-8")
    return Made(target, len(chosen), target.stat().st_size, time.perf_counter() - started)
