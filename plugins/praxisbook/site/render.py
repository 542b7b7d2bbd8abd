"""Render stage: one Pelican run writes every UI language's pages from one model.

Pelican supplies the theme's Jinja environment, the static files and the run;
a generator made for the run (`generator_for`) supplies the pages, holding the
model and the build context it was given: nothing travels in Pelican's
settings. Each page is rendered with its own UI language's translations in its
context, never with one globally installed catalogue.
"""

from __future__ import annotations

import json
import logging
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from markupsafe import Markup

from ..catalogue.facets import Facet, facets, listings
from ..catalogue.model import Practice, Reading
from ..catalogue.parallel import map_slices
from ..catalogue.problems import BuildError
from ..catalogue.project import UI_LANGUAGES
from ..catalogue.related import related_practices
from ..catalogue.schema import Schema
from .context import BuildContext
from .factbox import FactBox, lang_attr, marked
from .jsonld import practice_jsonld, script_json
from .layoutspace import without_layout_space
from .localise import UI, autonym
from .minify import minify_theme
from .owner import Owner, owner_of
from .pages import Page, site_pages
from .search import BROWSE_TERM, META_WEIGHTS, facet_options
from .spare import write_over
from .urls import Linker


@dataclass(frozen=True)
class Site:
    """What every page shares: the build context, the model and the schema."""

    ctx: BuildContext
    practices: list[Practice]
    schema: Schema

    @cached_property
    def uis(self) -> dict[str, UI]:
        folder = self.ctx.project.translations
        return {lang: UI(lang, folder, self.schema) for lang in UI_LANGUAGES}

    @cached_property
    def owner(self) -> Owner:
        return owner_of(self.ctx)

    @cached_property
    def facets(self) -> list[Facet]:
        return facets(self.schema)

    @cached_property
    def listings(self) -> list[Facet]:
        return listings(self.schema)

    @cached_property
    def related(self) -> dict[str, list[Practice]]:
        return related_practices(self.practices, self.schema)

    @cached_property
    def readings(self) -> dict[tuple[str, str], Reading]:
        return {}

    @cached_property
    def theme(self) -> dict:
        """The theme's `get_template` of the current run and the templates loaded with it
        (`template`), for what Python renders (rows, chrome)."""
        return {}

    def use_theme(self, get_template) -> None:
        """Render with this `get_template` (a Pelican run's, or `theme_templates`') from now."""
        self.theme.clear()
        self.theme["get_template"] = get_template

    def template(self, name: str):
        """A theme template, loaded once per run: Jinja's own `get_template` looks at the
        template's file on disk each time (four times a practice page)."""
        key = ("template", name)
        if key not in self.theme:
            self.theme[key] = self.theme["get_template"](name)
        return self.theme[key]

    @cached_property
    def rows(self) -> dict[tuple, Markup]:
        return {}

    @cached_property
    def related_items(self) -> dict[tuple, Markup]:
        return {}

    @cached_property
    def parts(self) -> dict[tuple, Markup]:
        return {}

    @cached_property
    def term_items(self) -> dict[tuple, str]:
        """(facet, term, UI language, folder depth) → its item in the fact box (factbox.py)."""
        return {}

    @cached_property
    def fact_values(self) -> dict[tuple[str, str], list[str]]:
        """(slug, UI language) → the comparison's rendered fact values (site/compare.py)."""
        return {}

    @cached_property
    def term_words(self) -> dict[tuple, tuple[list[str], list[str]]]:
        """(facet, term, UI language, original's language) → its search words
        (site/search.py)."""
        return {}

    @cached_property
    def text_words(self) -> dict[str, list[str]]:
        """A text of the search records → its words, lower-cased (site/suggest.py)."""
        return {}

    @cached_property
    def orders(self) -> dict:
        """Orders and counts computed once per build (site/order.py, site/overview.py)."""
        return {}

    def row(self, practice: Practice, ui: UI, url: Linker, show_country: bool = True) -> Markup:
        """A practice's line in a listing (`_row.html`), rendered once per UI language, folder
        depth and kind of listing: a practice is on about ten listings per language, each the
        same HTML (offline, relative links depend only on the depth)."""
        key = (practice.slug, ui.lang, url.current.count("/"), show_country)
        data = {"practice": practice, "show_country": show_country}
        return self.once(self.rows, key, "_row", ui=ui, url=url, data=data)

    def fact_box(self, ui: UI, url: Linker | None = None) -> FactBox:
        """The fact box in `ui` (site/factbox.py), its links made by `url`."""
        return FactBox(ui, url, self.facets, self.schema.fact_box, self.term_items)

    def related_item(self, practice: Practice, ui: UI, url: Linker) -> Markup:
        """A practice in another's list of related practices (`_related.html`), rendered once
        per UI language and folder depth: each practice is related to about five others."""
        key = (practice.slug, ui.lang, url.current.count("/"))
        data = {"practice": practice}
        return self.once(self.related_items, key, "_related", ui=ui, url=url, data=data)

    def part(self, template: str, ui: UI, url: Linker, kind: str = "") -> Markup:
        """A piece of the page chrome that is the same on every page of a UI language, folder
        depth and kind of page (the main menu, the footer): rendered once per build."""
        key = (template, ui.lang, url.current.count("/"), kind)
        return self.once(self.parts, key, template, ui=ui, url=url, data={"kind": kind})

    def once(self, kept: dict, key: tuple, template: str, *, ui: UI, url: Linker, data: dict):
        """`template` rendered with `data`, once per `key` (which holds the UI language and
        the folder depth: offline, relative links depend on it), and kept in `kept`."""
        if key not in kept:
            kept[key] = Markup(self.template(template).render({**self.globals(ui, url), **data}))
        return kept[key]

    def reading(self, practice: Practice, ui: str) -> Reading:
        """A practice as read in `ui`, made once per build (pages, rows and records share it)."""
        key = (practice.slug, ui)
        if key not in self.readings:
            self.readings[key] = practice.reading(ui, self.ctx.reading_chain)
        return self.readings[key]

    def context(self, page: Page) -> dict:
        ui = self.uis[page.ui or "en"]
        url = Linker(page.path, mode=self.ctx.mode, siteurl=self.ctx.siteurl)
        # The root 404 has no page per language: its switcher leads to each language's home.
        kind = "home" if page.kind == "not-found-root" else page.kind
        return {
            **self.globals(ui, url),
            "page": page,
            "switcher": [(lang, url(kind, lang, page.arg)) for lang in self.ctx.languages],
            **page.data,
        }

    def globals(self, ui: UI, url: Linker) -> dict:
        return {**self.words(ui), **self.links(ui, url), **self.data(ui, url)}

    def words(self, ui: UI) -> dict:
        """Translations, labels and formats in the page's language."""
        return {
            "ui": ui.lang, "_": ui.gettext, "gettext": ui.gettext, "ngettext": ui.ngettext,
            "label": ui.label, "facet_value": ui.facet_value, "country_name": ui.country,
            "language_name": ui.language, "language_label": ui.language_label,
            "format_date": ui.date, "format_number": ui.number, "autonym": autonym,
            "txt": lambda text: marked(text, ui.lang),
            "lang_attr": lambda lang: lang_attr(lang, ui.lang),
            "format_period": ui.period,
            "format_build_date": ui.date(self.ctx.build_date.isoformat()),
            "in_language": {lang: other.gettext for lang, other in self.uis.items()},
            "N_": lambda message: message,  # marks a string for extraction only
        }  # fmt: skip

    def links(self, ui: UI, url: Linker) -> dict:
        return {
            "url": url,
            "rows": lambda practices, show_country=True: Markup("").join(
                self.row(p, ui, url, show_country) + "\n" for p in practices
            ),
            "related_item": lambda practice: self.related_item(practice, ui, url),
            "part": lambda template, kind="": self.part(template, ui, url, kind),
            "ui_languages": self.ctx.languages,
            # Off the site, canonical and hreflang links need SITEURL to lead anywhere.
            "absolute_links": self.ctx.mode == "online" or bool(self.ctx.siteurl),
            "mode": self.ctx.mode,
            "bundle": self.ctx.bundle,
            "siteurl": self.ctx.siteurl,  # "" in development: no og:url, no feed
            "feeds": self.ctx.mode == "online" and bool(self.ctx.siteurl),  # publish.py writes them
        }

    def data(self, ui: UI, url: Linker) -> dict:
        return {
            "read": lambda practice: self.reading(practice, ui.lang),
            "facets": self.facets, "listings": self.listings,
            "facet_by_key": {facet.key: facet for facet in self.facets},
            "fact_rows": lambda facts, practice, links=True: self.fact_box(ui, url).rows(
                facts, practice, links),
            "build_date": self.ctx.build_date.isoformat(),
            "sitename": self.ctx.sitename,
            "tojson": lambda value: json.dumps(value, ensure_ascii=False, sort_keys=True),
            "search_facets": lambda: facet_options(self, ui),  # search page only
            "search_browse_term": BROWSE_TERM,
            "search_meta_weights": META_WEIGHTS,
            "owner": self.owner,
            "jsonld": lambda practice: script_json(practice_jsonld(
                self.reading(practice, ui.lang), ui,
                url.absolute("practice", ui.lang, practice.slug), self.owner.publisher)),
        }  # fmt: skip


def write_pages(
    site: Site, get_template, output: Path, pages: list[Page] | None = None, advance=None
) -> int:
    """Render pages (default: every page of the site) into `output`; returns how many.

    `advance(n)` hears of every n pages written (a progress bar).
    """
    pages = site_pages(site) if pages is None else pages
    site.use_theme(get_template)

    def render_slice(start: int, stop: int) -> list[int]:
        for page in pages[start:stop]:
            text = site.template(page.template).render(site.context(page))
            text = without_layout_space(text, page.path.endswith(".html"))
            target = output / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            write_over(target, text.encode("utf-8"))
        return [stop - start]

    return sum(map_slices(render_slice, len(pages), advance))  # independent: use every core


def generator_for(site: Site, pages: list[Page] | None = None, advance=None):
    """A Pelican generator class that renders `site` (Pelican instantiates it itself)."""
    from pelican.generators import Generator

    class PracticeGenerator(Generator):
        """Writes every page of the site; Pelican's own readers never see a practice."""

        def generate_context(self):
            pass

        def generate_output(self, writer):
            write_pages(site, self.get_template, Path(self.output_path), pages, advance)

    return PracticeGenerator


@contextmanager
def connected(signal, receiver):
    """Connect `receiver` to a Pelican signal for the length of one run."""
    signal.connect(receiver)
    try:
        yield
    finally:
        signal.disconnect(receiver)


def run_pelican(site: Site, output: Path, pages: list[Page] | None = None, advance=None) -> None:
    """One Pelican run writing `site` (`pages`, default all) into `output`, fatal on warnings."""
    from pelican import Pelican, signals
    from pelican.log import FatalLogger
    from pelican.log import init as init_logging

    generator = generator_for(site, pages, advance)
    settings = site.ctx.pelican_settings(output)

    def receiver(pelican):
        return generator

    init_logging(level=logging.WARNING, fatal="warnings")
    try:
        with connected(signals.get_generators, receiver):
            quietly(Pelican(settings).run)
    except Exception as exc:  # Pelican raises bare RuntimeError on fatal log lines
        raise BuildError(f"Pelican failed: {exc}") from exc
    finally:  # Pelican makes every logger in the process fatal; other libraries' are not its run
        FatalLogger.fatal_lvl = logging.CRITICAL + 1
    minify_theme(output / settings["THEME_STATIC_DIR"])  # Pelican copied them there


def quietly(run) -> None:
    """Run Pelican without its "Done: Processed 0 articles …" line, which means nothing here."""
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        run()


def theme_templates(ctx: BuildContext, output: Path):
    """The theme's `get_template`, from a Jinja environment made as Pelican makes it."""
    from pelican.generators import Generator

    settings = ctx.pelican_settings(output)
    generator = Generator(
        context={}, settings=settings, path=settings["PATH"], theme=settings["THEME"],
        output_path=str(output),
    )  # fmt: skip
    return generator.get_template
