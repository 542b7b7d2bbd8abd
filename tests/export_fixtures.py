"""Fixtures for the export tests: a small project, and its bundles unzipped.

Registered in conftest.py (`pytest_plugins`), so that every tests/test_export*.py
module shares one session's project and bundles.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from praxisbook.pipeline import prepare
from praxisbook.products.offline import export_offline
from praxisbook.products.select import Selection

from .conftest import TINY, make_project

EPOCH = "1763769600"  # 2025-11-22
POLICE_EN = """\
title: Anti-racism training for police officers
summary: Police officers learn to recognise racial profiling and to act against it.
themes: [anti-racism, professional-training]
sectors: [police-justice]
target_groups: [police-staff]
country: IE
source: {title: Test source}
last_reviewed: 2026-11-22
added: 2026-11-22
"""
POLICE_EN_BODY = "## What\n\nOfficers train together on racism in everyday policing.\n"
ENTRIES = {**TINY, ("police-racism-training", "en"): (POLICE_EN, POLICE_EN_BODY)}
POLICE = Selection(
    languages=("de", "en"), filters={"sector": ("police-justice",)}, title="Polizei und Justiz"
)


@pytest.fixture(scope="session")
def export_project(tmp_path_factory):
    """A project with three practices, and its build context with the validated model (Site)."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", EPOCH)
    project = make_project(tmp_path_factory.mktemp("export") / "site", ENTRIES)
    return project, prepare(project)


def unzip(archive: Path) -> Path:
    """Unzip next to the archive; returns the bundle's top folder (named like the zip)."""
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(archive.parent / "unzipped")
    return archive.parent / "unzipped" / archive.stem


@pytest.fixture(scope="session")
def bundles(export_project, tmp_path_factory) -> dict[str, Path]:
    _, site = export_project
    out = tmp_path_factory.mktemp("bundles")
    full = export_offline(site, Selection(), out / "full" / "praxisbook.zip")
    police = export_offline(site, POLICE, out / "police" / "police.zip")
    return {"full": unzip(full.path), "police": unzip(police.path)}
