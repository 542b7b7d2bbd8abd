"""Shared fixtures: small real projects in tmp_path, built with the real Pelican and Pagefind."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from praxisbook.catalogue.project import Project
from praxisbook.pipeline import build

ROOT = Path(__file__).resolve().parents[1]

GERMAN = """\
title: Schulnetzwerk gegen Rassismus
summary: Ein kommunales Zentrum vernetzt Schulen, die sich gegen Rassismus und Diskriminierung einsetzen.
themes: [anti-racism, networks]
sectors: [education]
target_groups: [pupils, teachers]
country: DE
places: [Bochum]
lead_organisation: {name: Stadt Bochum, type: municipality}
period: {start: "2019-06", ongoing: true}
status: ongoing
scores:
  - {kind: reach, value: 2, max: 4}
source: {title: Testquelle}
last_reviewed: 2026-11-22
added: 2026-11-20
related: [police-diversity-network]
"""
GERMAN_BODY = "## Was\n\nDie Schulen treffen sich regelmäßig.\n"
ENGLISH = """\
title: School network against racism
summary: A municipal centre connects schools that stand up against racism and discrimination.
translation: {kind: machine, from: de}
localised_names: {Stadt Bochum: City of Bochum}
"""
ENGLISH_BODY = "## What\n\nThe schools meet regularly.\n"
DUTCH = """\
title: Diversiteitsnetwerk van de politiezone
summary: Een netwerk van politiepersoneel bevordert respect voor diversiteit binnen de politie.
themes: [diversity]
sectors: [police-justice]
target_groups: [police-staff]
country: BE
places: [Evere, Sint-Joost-ten-Node, Schaarbeek]
source: {title: Testbron}
last_reviewed: 2026-11-22
added: 2026-11-21
former_slugs: [bruno-attitudes]
"""
DUTCH_BODY = "## Wat\n\nHet netwerk organiseert workshops voor inspecteurs.\n"

TINY = {
    ("school-network", "de"): (GERMAN, GERMAN_BODY),
    ("school-network", "en"): (ENGLISH, ENGLISH_BODY),
    ("police-diversity-network", "nl"): (DUTCH, DUTCH_BODY),
}


def write_practice(root: Path, slug: str, lang: str, front: str, body: str = "") -> Path:
    """Write content/practices/<slug>/<lang>.md with the given front matter and body."""
    path = root / "content" / "practices" / slug / f"{lang}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{textwrap.dedent(front)}---\n{body}", encoding="utf-8")
    return path


def make_project(root: Path, entries: dict) -> Project:
    """A project folder that shares this checkout's schema and theme."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("schema", "theme"):
        (root / name).symlink_to(ROOT / name)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, root / name)
    for (slug, lang), (front, body) in entries.items():
        write_practice(root, slug, lang, front, body)
    return Project(root)


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A project holding the valid catalogue of tests/fixtures/complete (test_cli.py)."""
    from .test_cli import valid_catalogue

    return valid_catalogue(tmp_path / "site")


@pytest.fixture
def broken(catalogue: Path) -> Path:
    """`catalogue` with five problems in three files (test_cli.break_catalogue)."""
    from .test_cli import break_catalogue

    return break_catalogue(catalogue)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return make_project(tmp_path / "site", TINY)


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory) -> Path:
    """The tiny project, built once per test session; returns its output folder."""
    root = tmp_path_factory.mktemp("tiny") / "site"
    proj = make_project(root, TINY)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1763769600")  # 2025-11-22
    build(proj)
    return proj.output


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


pytest_plugins = ["tests.browsers", "tests.export_fixtures", "tests.site_fixtures", "tests.markers"]


@pytest.fixture(scope="session")
def tiny_server(tiny_site):
    """The tiny site served on 127.0.0.1; yields its base URL."""
    from .browsers import serve

    with serve(tiny_site) as base:
        yield base
