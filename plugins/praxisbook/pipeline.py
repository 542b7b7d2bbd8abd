"""The orchestrator: read → validate → model → render → index → publish, in that order.

`praxisbook build` and the Pelican plugin both come through here. The site is
built into a temporary folder beside `output/` and swapped into place only
when every stage has succeeded, so a failed build never leaves a half-built
site behind.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from .catalogue.markup import MarkupCache, convert_all
from .catalogue.model import Practice, build_model
from .catalogue.problems import BuildError, Problem, errors, render
from .catalogue.project import UI_LANGUAGES, Project
from .catalogue.schema import load_schema
from .catalogue.validate import Catalogue, read_catalogue, validate_catalogue
from .site import publish as opendata_stage
from .site import search
from .site.links import SiteLinks
from .site.render import MODEL_SETTING, Site

status = Console(stderr=True, highlight=False, soft_wrap=True)


@dataclass
class Checked:
    catalogue: Catalogue
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


def check(
    project: Project, practices: Path | None = None, *, convert: bool = False, include=None
) -> Checked:
    """Read and validate a `practices/` folder (only the folders `include` picks, if given).

    With `convert`, every body is converted too, ready for rendering.
    """
    practices = (practices or project.practices).resolve()
    catalogue = read_catalogue(practices)
    schema = load_schema(project.schema_dir)
    own = practices == project.practices.resolve()  # other folders (fixtures) are not cached
    cache = MarkupCache(project.cache / "markup.json" if own else None)
    cache.prefill(catalogue.documents)
    checked = Checked(catalogue, validate_catalogue(catalogue, schema, include))
    if convert and checked.ok:
        convert_all(catalogue.documents)
    cache.save(catalogue.documents)
    return checked


def load_valid_model(project: Project) -> list[Practice]:
    checked = check(project, convert=True)
    if not checked.ok:
        raise BuildError(render(checked.problems, len(checked.catalogue.documents), "text"))
    return build_model(checked.catalogue)


def source_date_epoch(project: Project) -> str:
    """The last commit's time, so that two builds of one commit are byte-identical."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        result = subprocess.run(
            ["git", "-C", str(project.root), "log", "-1", "--format=%ct"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        return result.stdout.strip() or "0"
    except (OSError, subprocess.CalledProcessError):
        return "0"


def settings_path(project: Project, publish: bool = False) -> Path:
    """pelicanconf.py, or publishconf.py (SITEURL from the environment) for the published site."""
    return project.root / ("publishconf.py" if publish else "pelicanconf.py")


def pelican_settings(settings_file: Path, practices: list[Practice], target: Path) -> dict:
    from pelican.settings import read_settings

    override = {"OUTPUT_PATH": str(target), MODEL_SETTING: practices}
    return read_settings(str(settings_file), override=override)


def run_pelican(settings: dict) -> None:
    """One Pelican run with the project's settings, fatal on any warning."""
    from pelican import Pelican
    from pelican.log import FatalLogger
    from pelican.log import init as init_logging

    init_logging(level=logging.WARNING, fatal="warnings")
    try:
        Pelican(settings).run()
    except Exception as exc:  # Pelican raises bare RuntimeError on fatal log lines
        raise BuildError(f"Pelican failed: {exc}") from exc
    finally:  # Pelican makes every logger in the process fatal; other libraries' are not its run
        FatalLogger.fatal_lvl = logging.CRITICAL + 1


def swap_into_place(built: Path, output: Path) -> None:
    """Replace `output` with `built`; the old site stays until the new one is in place."""
    old = output.with_name(f".{output.name}.old-{os.getpid()}")
    if output.exists():
        output.rename(old)
    built.rename(output)
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def stage(name: str):
    """Say what is happening, and afterwards how long it took."""
    started = time.perf_counter()
    status.print(f"{name} …")
    yield
    status.print(f"  done in {time.perf_counter() - started:.1f} s")


def build(project: Project, output: Path | None = None, publish: bool = False) -> int:
    """Build the whole site into `output`; returns the number of practices built."""
    output = (output or project.output).resolve()
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(project)
    started = time.perf_counter()
    with stage(f"Validating {project.practices}"):
        practices = load_valid_model(project)
    staging = output.with_name(f".{output.name}.tmp-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        with stage(f"Rendering {len(practices)} practices in {len(UI_LANGUAGES)} languages"):
            settings = pelican_settings(settings_path(project, publish), practices, staging)
            run_pelican(settings)
        with stage("Indexing for search"):
            search.index(staging)
        with stage("Writing open data, feeds and sitemap"):
            site = Site(practices, project, settings)
            links = SiteLinks(settings.get("SITEURL", ""), site.build_date.isoformat())
            opendata_stage.publish(staging, practices, links, site)
        swap_into_place(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    status.print(f"Built {len(practices)} practices in {time.perf_counter() - started:.1f} s.")
    return len(practices)
