"""Published sites for the validators and the layout checks, each built and served once per session.

- `seed_site`: this checkout's own content/ with the project's own settings (no
  publisher named, as in the demo), published with a site URL. The URL is the
  address of a local server started first, so browsers can follow every absolute
  link, and the site is served from where it is built.
- `owned_site`: the complete test fixture, published by an owner who filled in
  every publisher setting (an example.org organisation: test data, not content).

The environment a build reads (PRAXISBOOK_SITEURL, GITHUB_*) is set for the
length of the build only, so a test run inside GitHub Actions builds the same.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from praxisbook.catalogue.project import Project
from praxisbook.pipeline import build

from .browsers import serve
from .conftest import ROOT, make_project

EPOCH = "1763769600"  # 2025-11-22, as the tiny site
COMPLETE = Path(__file__).parent / "fixtures" / "complete"
OWNER_SETTINGS = """
PUBLISHER_NAME = "Example Municipality"
PUBLISHER_URL = "https://www.example.org/"
PUBLISHER_EMAIL = "accessibility@example.org"
PUBLISHER_COUNTRY = "DE"
PUBLISHER_ADDRESS = "Town Hall\\nMarket Square 1\\n12345 Example Town"
PUBLISHER_REPRESENTATIVE = "The Mayor"
ACCESSIBILITY_ASSESSED = "2026-03-15"
REPOSITORY_URL = "https://github.com/example/praxisbook"
HOST_NAME = "Example Hosting"
HOST_PRIVACY_URL = "https://hosting.example.org/privacy"
"""
NO_GITHUB = {"GITHUB_SERVER_URL": None, "GITHUB_REPOSITORY": None}


@dataclass(frozen=True)
class Built:
    """A built site: its output folder and the address it is served (and published) at."""

    output: Path
    base: str


@contextmanager
def environment(**values: str | None) -> Iterator[None]:
    """Set (None: remove) environment variables for the length of the block, then restore them."""
    old = {key: os.environ.get(key) for key in values}

    def apply(settings: dict) -> None:
        for key, value in settings.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value

    apply(values)
    try:
        yield
    finally:
        apply(old)


def seed_project(root: Path) -> Project:
    """A project folder whose content is this checkout's content/."""
    project = make_project(root, {})
    (root / "content").symlink_to(ROOT / "content")
    return project


def owned_project(root: Path) -> Project:
    project = make_project(root, {})
    shutil.copytree(COMPLETE, project.practices)
    with (root / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write(OWNER_SETTINGS)
    return project


@contextmanager
def published(project: Project, **env: str | None) -> Iterator[Built]:
    """Serve the project's output, then build it for that address (`--publish`)."""
    with serve(project.output) as base:
        with environment(PRAXISBOOK_SITEURL=base, SOURCE_DATE_EPOCH=EPOCH, **env):
            build(project, publish=True)
        yield Built(project.output, base)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Iterator[Built]:
    """This checkout's content, published as a fresh clone would build it outside CI."""
    project = seed_project(tmp_path_factory.mktemp("seed") / "site")
    with published(project, **NO_GITHUB) as site:
        yield site


@pytest.fixture(scope="session")
def owned_site(tmp_path_factory) -> Iterator[Built]:
    """The complete fixture, published by an owner who gave every publisher setting."""
    project = owned_project(tmp_path_factory.mktemp("owned") / "site")
    with published(project, **NO_GITHUB) as site:
        yield site
