"""Render stage: one Pelican generator writes every UI language's pages from one model.

Pelican supplies the theme's Jinja environment, settings and signals; this
generator supplies the pages. Each page is rendered with its own UI language's
translations in its context, never with one globally installed catalogue.
"""

from __future__ import annotations

import datetime
import json
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pelican.generators import Generator

from ..catalogue.model import Practice
from ..catalogue.parallel import map_slices
from ..catalogue.project import UI_LANGUAGES, Project, find_project
from ..catalogue.related import related_practices
from ..catalogue.schema import load_schema
from .jsonld import practice_jsonld, script_json
from .localise import UI, autonym
from .pages import Page, site_pages
from .search import BROWSE_TERM, facet_options
from .urls import TAXONOMIES, Linker

MODEL_SETTING = "PRAXISBOOK_MODEL"  # the pipeline hands its parsed model over here
# An offline export (export/offline.py) renders through the same Pelican run with these:
MODE_SETTING = "PRAXISBOOK_LINK_MODE"  # "online" (default) or "offline"
LANGUAGES_SETTING = "PRAXISBOOK_UI_LANGUAGES"  # a subset of UI_LANGUAGES
BUNDLE_SETTING = "PRAXISBOOK_BUNDLE"  # title, date and source shown on a bundle's pages


def build_date() -> datetime.date:
    """The date shown anywhere: SOURCE_DATE_EPOCH, so that builds are reproducible."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    return datetime.datetime.fromtimestamp(epoch, tz=datetime.UTC).date()


@dataclass
class Site:
    """What every page shares: the model, the UI languages and the link mode."""

    practices: list[Practice]
    project: Project
    settings: dict
    mode: str = "online"

    @cached_property
    def schema(self):
        return load_schema(self.project.schema_dir)

    @cached_property
    def uis(self) -> dict[str, UI]:
        return {lang: UI(lang, self.project.translations, self.schema) for lang in UI_LANGUAGES}

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.settings.get(LANGUAGES_SETTING) or UI_LANGUAGES)

    @cached_property
    def build_date(self) -> datetime.date:
        return build_date()

    def context(self, page: Page) -> dict:
        ui = self.uis[page.ui or "en"]
        url = Linker(page.path, mode=self.mode, siteurl=self.settings.get("SITEURL", ""))
        return {
            **self.globals(ui, url),
            "page": page,
            "switcher": [(lang, url(page.kind, lang, page.arg)) for lang in self.languages],
            **page.data,
        }

    def globals(self, ui: UI, url: Linker) -> dict:
        return {
            "ui": ui.lang,
            "_": ui.gettext,
            "gettext": ui.gettext,
            "ngettext": ui.ngettext,
            "label": ui.label,
            "country_name": ui.country,
            "language_name": ui.language,
            "format_date": ui.date,
            "format_number": ui.number,
            "autonym": autonym,
            "url": url,
            "ui_languages": self.languages,
            # Off the site, canonical and hreflang links need SITEURL to lead anywhere.
            "absolute_links": self.mode == "online" or bool(self.settings.get("SITEURL")),
            "bundle": self.settings.get(BUNDLE_SETTING),
            "taxonomies": TAXONOMIES,
            "practice_count": len(self.practices),
            "build_date": self.build_date.isoformat(),
            "format_build_date": ui.date(self.build_date.isoformat()),
            "sitename": self.settings.get("SITENAME", "Praxisbook"),
            "mode": self.mode,
            "tojson": lambda value: json.dumps(value, ensure_ascii=False, sort_keys=True),
            "in_language": {lang: ui.gettext for lang, ui in self.uis.items()},
            "N_": lambda message: message,  # marks a string for extraction only
            "search_facets": lambda: facet_options(self.practices, ui),  # search page only
            "search_browse_term": BROWSE_TERM,
            "jsonld": lambda practice: script_json(
                practice_jsonld(practice, ui.lang, url.absolute("practice", ui.lang, practice.slug))
            ),
        }


def write_pages(site: Site, get_template, output: Path) -> int:
    """Render every page of the site into `output`; returns the number written."""
    pages = site_pages(site.practices, related_practices(site.practices), site.languages)

    def render_slice(start: int, stop: int) -> list[int]:
        templates = {}
        for page in pages[start:stop]:
            if page.template not in templates:
                templates[page.template] = get_template(page.template)
            html = templates[page.template].render(site.context(page))
            target = output / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
        return [stop - start]

    return sum(map_slices(render_slice, len(pages)))  # pages are independent: use every core


class PracticeGenerator(Generator):
    """Pelican generator for practices; Pelican's own readers never see them."""

    def generate_context(self):
        project = find_project(Path(self.settings["PATH"]).parent)
        model = self.settings.get(MODEL_SETTING)
        if model is None:  # run by plain `pelican`: parse here, with the same rules
            from ..pipeline import load_valid_model

            model = load_valid_model(project)
        mode = self.settings.get(MODE_SETTING, "online")
        self.site = Site(model, project, self.settings, mode=mode)

    def generate_output(self, writer):
        write_pages(self.site, self.get_template, Path(self.output_path))


def get_generators(pelican):
    return PracticeGenerator
