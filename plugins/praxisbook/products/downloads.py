"""The standard downloads (`make export`) and the Downloads page that offers them.

`make build` publishes the open data; `make export` then writes the offline
bundles and booklets into `output/downloads/` with a `manifest.json`. Both end
by re-rendering `/<ui>/downloads/` from what is really on disk (the manifest
and the open-data files), so each page lists exactly the files that exist,
with their sizes in the page's locale. Nothing depends on the clock or the
order of a folder listing, so two runs give the same bytes.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from babel.units import format_unit

from ..catalogue.model import Practice
from ..catalogue.project import UI_LANGUAGES, Project
from ..site.pages import Page
from ..site.render import Site
from .booklet import export_booklet, have_weasyprint, theme_templates
from .offline import Made, export_offline
from .select import Selection

TENTH = Decimal("0.1")
WORKERS = min(2, os.cpu_count() or 1)  # the exports are independent: use both cores
# WeasyPrint needs minutes and gigabytes for thousands of pages (docs/performance.md);
# above this, `make export` offers the HTML booklet only.
PDF_MAX_PRACTICES = 300
FOLDER = "downloads"
MANIFEST = f"{FOLDER}/manifest.json"
OPEN_DATA = (  # path, kind, format: written by every build (opendata.py)
    ("catalogue.json", "catalogue", "JSON"),
    ("catalogue.csv", "table", "CSV"),
    ("dcat.jsonld", "dcat", "JSON-LD"),
    ("schema/practice.schema.json", "schema", "JSON Schema"),
    ("schema/catalogue.schema.json", "catalogue-schema", "JSON Schema"),
)


def human_size(size: int, locale: str) -> str:
    """'1.2 MB', '1,2 Mo', '340 kB' … in decimal units, as file managers show them.

    The value always has a fraction digit (shown only when not zero): for a
    whole 1, Babel 2.18 picks the 'one' pattern, which German lacks, and
    falls back to '1 kbyte'.
    """
    megabytes = size >= 1_000_000
    value = size / 1e6 if megabytes else max(1, round(size / 1e3))
    unit = "digital-megabyte" if megabytes else "digital-kilobyte"
    return format_unit(Decimal(value).quantize(TENTH), unit, "short", locale=locale)


def open_data(site_dir: Path) -> list[dict]:
    return [
        {"path": path, "kind": kind, "format": fmt, "lang": "",
         "bytes": (site_dir / path).stat().st_size}
        for path, kind, fmt in OPEN_DATA
        if (site_dir / path).is_file()
    ]  # fmt: skip


def read_manifest(site_dir: Path) -> list[dict]:
    manifest = site_dir / MANIFEST
    if not manifest.is_file():
        return []
    files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    return [f for f in files if (site_dir / f["path"]).is_file()]


def listing(site_dir: Path, ui: str) -> list[dict]:
    """What the Downloads page in `ui` offers: exports first, then open data."""
    return [
        {**item, "size": human_size(item["bytes"], ui)}
        for item in read_manifest(site_dir) + open_data(site_dir)
    ]


def refresh_pages(site_dir: Path, site: Site) -> None:
    """Re-render every `/<ui>/downloads/` page from the files in `site_dir`."""
    template = theme_templates(site.settings)("downloads")
    for ui in site.languages:
        page = Page("downloads", ui, "downloads", None, {"downloads": listing(site_dir, ui)})
        (site_dir / page.path).write_text(template.render(site.context(page)), encoding="utf-8")


@dataclass(frozen=True)
class Job:
    """One standard download: a bundle or a booklet, in one UI language or ('') all six."""

    kind: str
    ui: str
    name: str

    @property
    def selection(self) -> Selection:
        return Selection(languages=(self.ui,) if self.ui else UI_LANGUAGES)


def standard_jobs(practices: int, pdf: bool) -> list[Job]:
    """Everything `make export` makes, the biggest first so that two workers finish together."""
    jobs = [Job("bundle", "", "praxisbook-offline-all.zip")]
    jobs += [Job("bundle", ui, f"praxisbook-offline-{ui}.zip") for ui in UI_LANGUAGES]
    for ui in UI_LANGUAGES:
        jobs.append(Job("booklet", ui, f"praxisbook-booklet-{ui}.html"))
        if pdf and practices <= PDF_MAX_PRACTICES:
            jobs.append(Job("booklet", ui, f"praxisbook-booklet-{ui}.pdf"))
    return jobs


_work: tuple = ()  # (project, practices, folder, publish) of this worker process


def start_worker(project, practices, folder, publish) -> None:
    global _work  # noqa: PLW0603 - a worker's state, set once by the pool's initializer
    _work = (project, practices, folder, publish)


def run_job(job: Job) -> Made:
    project, practices, folder, publish = _work
    if job.kind == "bundle":
        return export_offline(project, practices, job.selection, folder / job.name, publish=publish)
    pdf = job.name.endswith(".pdf")
    target = folder / job.name
    return export_booklet(project, practices, job.selection, target, pdf=pdf, publish=publish)


def run_jobs(jobs: list[Job], work: tuple, report) -> list[Made]:
    """Run the jobs in two processes (they share nothing); results in the jobs' order."""
    context = multiprocessing.get_context("spawn")  # no fork of a process that may hold threads
    with ProcessPoolExecutor(WORKERS, context, start_worker, work) as pool:
        made = []
        for result in pool.map(run_job, jobs):
            report(result)
            made.append(result)
    return made


def manifest_entry(job: Job, made: Made, site_dir: Path) -> dict:
    return {
        "path": made.path.relative_to(site_dir).as_posix(), "kind": job.kind, "lang": job.ui,
        "format": job.name.rsplit(".", 1)[1].upper(), "bytes": made.size,
        "practices": made.practices,
    }  # fmt: skip


def write_standard(
    project: Project, practices: list[Practice], site_dir: Path, publish: bool, report
) -> list[Made]:
    """Write every standard download into `site_dir/downloads/` and its manifest."""
    folder = site_dir / FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    jobs = standard_jobs(len(practices), have_weasyprint())
    made = run_jobs(jobs, (project, practices, folder, publish), report)
    entries = [manifest_entry(job, done, site_dir) for job, done in zip(jobs, made, strict=True)]
    manifest = {"files": entries}
    (site_dir / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return made
