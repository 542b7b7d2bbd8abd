"""The build context: one frozen object with everything a build shares, passed down.

It holds the settings read from `pelicanconf.py` (or `publishconf.py`), the
build date, the UI languages, the link mode and the project's repository.
The environment is read only here, where the context is made (the build date,
and the repository GitHub Actions builds); nothing is handed over through
`os.environ` or hidden in Pelican's settings: stages receive the context, and
Pelican gets a fresh settings dict made from it for its run.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ..catalogue.model import DEFAULT_CHAIN
from ..catalogue.project import UI_LANGUAGES, Project

LAYOUT_SPACE = "praxisbook.site.layoutspace.LayoutSpace"  # site/layoutspace.py


@dataclass(frozen=True)
class BuildContext:
    project: Project
    settings: Mapping[str, object]
    build_date: datetime.date
    languages: tuple[str, ...] = UI_LANGUAGES
    mode: str = "online"  # "offline": relative links ending in index.html (file://)
    bundle: Mapping[str, str] | None = None  # where an offline copy came from, shown on its pages
    repository: str = ""  # https://github.com/OWNER/REPO: issue forms for feedback and corrections

    @property
    def siteurl(self) -> str:
        return str(self.settings.get("SITEURL", "")).rstrip("/")

    @property
    def sitename(self) -> str:
        return str(self.settings.get("SITENAME", "Praxisbook"))

    @property
    def reading_chain(self) -> tuple[str, ...]:
        """Which version a reader gets when there is none in the UI language."""
        return tuple(self.settings.get("READING_CHAIN") or DEFAULT_CHAIN)

    def offline(self, languages: tuple[str, ...], bundle: Mapping[str, str], title: str):
        """The same build, for a copy that is opened from disk."""
        settings = {**self.settings, "SITENAME": title or self.sitename}
        return dataclasses.replace(
            self, settings=MappingProxyType(settings), languages=languages, mode="offline",
            bundle=MappingProxyType(dict(bundle)),
        )  # fmt: skip

    def pelican_settings(self, output: Path) -> dict:
        """A fresh settings dict for one Pelican run writing into `output`.

        No plugins: the pipeline connects its own generator, with the model,
        for the run (a plain `pelican` run loads the plugin instead).
        """
        # A run reads the theme once: Jinja need not look at a template's file again each
        # time a page imports or extends it (three times a practice page). The preview
        # makes a new environment when the theme changes.
        jinja = {**self.settings.get("JINJA_ENVIRONMENT", {}), "auto_reload": False}
        # Named, not imported: Jinja imports it when a run makes the environment.
        jinja["extensions"] = [*jinja.get("extensions", []), LAYOUT_SPACE]
        return {
            **self.settings, "OUTPUT_PATH": str(output), "PLUGINS": [], "JINJA_ENVIRONMENT": jinja,
        }  # fmt: skip


def settings_file(project: Project, publish: bool = False) -> Path:
    """pelicanconf.py, or publishconf.py (SITEURL from the environment) for the published site."""
    return project.root / ("publishconf.py" if publish else "pelicanconf.py")


def read_settings(path: Path) -> dict:
    from pelican.settings import read_settings as pelican_read_settings

    return pelican_read_settings(str(path))


def source_date_epoch(project: Project) -> int:
    """SOURCE_DATE_EPOCH, else the last commit's time, so that builds are reproducible;
    outside a repository (a copy unpacked from an archive), when a practice last changed."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        result = subprocess.run(
            ["git", "-C", str(project.root), "log", "-1", "--format=%ct"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        return int(result.stdout.strip())
    except (OSError, subprocess.CalledProcessError, ValueError):
        return last_changed(project.practices)


def last_changed(folder: Path) -> int:
    """The newest file's modification time: pages said "updated 1 January 1970" before."""
    times = (int(path.stat().st_mtime) for path in folder.rglob("*") if path.is_file())
    return max(times, default=0)


def as_date(epoch: int) -> datetime.date:
    return datetime.datetime.fromtimestamp(epoch, tz=datetime.UTC).date()


def repository_url(settings: Mapping[str, object], environ: Mapping[str, str]) -> str:
    """REPOSITORY_URL, else the repository GitHub Actions is building, else ""."""
    configured = str(settings.get("REPOSITORY_URL") or "").rstrip("/")
    server, name = environ.get("GITHUB_SERVER_URL", ""), environ.get("GITHUB_REPOSITORY", "")
    if configured or not (server and name):
        return configured
    return f"{server.rstrip('/')}/{name}"


def load_context(project: Project, publish: bool = False) -> BuildContext:
    settings = read_settings(settings_file(project, publish))
    date = as_date(source_date_epoch(project))
    repository = repository_url(settings, os.environ)
    return BuildContext(project, MappingProxyType(settings), date, repository=repository)
