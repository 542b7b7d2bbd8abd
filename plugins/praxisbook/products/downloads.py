"""The standard downloads (`make export`): offline bundles and booklets for the Downloads page.

`make build` publishes the open data; `praxisbook export downloads` then
writes an offline bundle with every UI language and one per language, and a
booklet per language, into `output/downloads/` with a `manifest.json`, and
re-renders the Downloads pages from what is on disk (`site/downloads.py`).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..catalogue.model import Practice
from ..catalogue.project import UI_LANGUAGES, Project
from ..catalogue.schema import Schema
from ..site.context import load_context
from ..site.downloads import FOLDER, MANIFEST
from ..site.render import Site
from .booklet import export_booklet, have_weasyprint
from .offline import SOLID, Made, export_offline
from .select import Selection

WORKERS = min(2, os.cpu_count() or 1)  # the exports are independent: use both cores
# WeasyPrint needs minutes and gigabytes for thousands of pages (docs/performance.md);
# above this, `make export` offers the HTML booklet only.
PDF_MAX_PRACTICES = 300


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
    jobs += [Job("bundle", "", "praxisbook-offline-all.tar.xz")]  # the same, a third the size
    jobs += [Job("bundle", ui, f"praxisbook-offline-{ui}.zip") for ui in UI_LANGUAGES]
    for ui in UI_LANGUAGES:
        jobs.append(Job("booklet", ui, f"praxisbook-booklet-{ui}.html"))
        if pdf and practices <= PDF_MAX_PRACTICES:
            jobs.append(Job("booklet", ui, f"praxisbook-booklet-{ui}.pdf"))
    return jobs


_work: dict = {}  # this worker process's site and target folder


def start_worker(
    project: Project, publish: bool, practices: list[Practice], schema: Schema, folder: Path
) -> None:
    """Set up a worker: the same context (read again from the settings) and model."""
    _work["site"] = Site(load_context(project, publish), practices, schema)
    _work["folder"] = folder


def run_job(job: Job) -> Made:
    site, target = _work["site"], _work["folder"] / job.name
    if job.kind == "bundle":
        return export_offline(site, job.selection, target)
    return export_booklet(site, job.selection, target, pdf=job.name.endswith(".pdf"))


def run_jobs(jobs: list[Job], work: tuple, report) -> list[Made]:
    """Run the jobs in two processes (they share nothing); results in the jobs' order."""
    context = multiprocessing.get_context("spawn")  # no fork of a process that may hold threads
    with ProcessPoolExecutor(WORKERS, context, start_worker, work) as pool:
        made = []
        for result in pool.map(run_job, jobs):
            report(result)
            made.append(result)
    return made


def file_format(name: str) -> str:
    """`ZIP`, `TAR.XZ`, `HTML`, `PDF`: what the Downloads page says a file is."""
    return "TAR.XZ" if name.endswith(SOLID) else name.rsplit(".", 1)[1].upper()


def manifest_entry(job: Job, made: Made, site_dir: Path) -> dict:
    return {
        "path": made.path.relative_to(site_dir).as_posix(), "kind": job.kind, "lang": job.ui,
        "format": file_format(job.name), "bytes": made.size,
        "practices": made.practices,
    }  # fmt: skip


def write_standard(site: Site, site_dir: Path, publish: bool, report) -> list[Made]:
    """Write every standard download into `site_dir/downloads/` and its manifest."""
    folder = site_dir / FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    jobs = standard_jobs(len(site.practices), have_weasyprint())
    work = (site.ctx.project, publish, site.practices, site.schema, folder)
    made = run_jobs(jobs, work, report)
    entries = [manifest_entry(job, done, site_dir) for job, done in zip(jobs, made, strict=True)]
    manifest = {"files": entries}
    (site_dir / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return made
