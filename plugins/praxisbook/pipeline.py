"""The orchestrator: read → validate → model → render → publish → index, in that order.

`praxisbook build` and the Pelican plugin both come through here; no stage
imports this module. The site is built into a temporary folder beside
`output/` and swapped into place only when every stage has succeeded, so a
failed build never leaves a half-built site behind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from .catalogue.checking import Keeping, in_ci
from .catalogue.disk import Disk
from .catalogue.folders import Catalogue, read_catalogue
from .catalogue.markup import MarkupCache, convert_all
from .catalogue.model import Practice, build_model
from .catalogue.parallel import aside
from .catalogue.problems import BuildError, Problem, errors, render
from .catalogue.project import Project, find_project
from .catalogue.schema import Schema, load_schema
from .catalogue.validate import check_catalogue
from .site import downloads, indexing, pagecache, publish, scratch, search, spare, suggest
from .site.context import load_context
from .site.pages import site_pages
from .site.render import Site, run_pelican, theme_templates

status = Console(stderr=True, highlight=False, soft_wrap=True)


@dataclass
class Checked:
    catalogue: Catalogue
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


def check(
    project: Project, practices: Path | None = None, *, convert: bool = False, include=None,
    disk: Disk | None = None,
) -> Checked:  # fmt: skip
    """Read and validate a `practices/` folder (only the folders `include` picks, if given).

    With `convert`, every body is converted too, ready for rendering. A check of the
    project's own practices, all of them, is kept for `praxisbook validate` (except in CI).
    """
    practices = (practices or project.practices).resolve()
    own = practices == project.practices.resolve()  # other folders (fixtures) are not cached
    keeping = keeping_for(project, practices) if own and include is None and disk is None else None
    catalogue = keeping.catalogue() if keeping else read_catalogue(practices)
    schema = load_schema(project.schema_dir)
    cache = MarkupCache(project.cache / "markup.json" if own else None)
    cache.prefill(catalogue.documents)
    today = keeping.today if keeping else None
    problems, results = check_catalogue(catalogue, schema, include, disk, today)
    checked = Checked(catalogue, problems)
    if convert and checked.ok:
        convert_all(catalogue.documents)
    cache.save(catalogue.documents)
    if keeping:
        keeping.keep(catalogue, results)
    return checked


def keeping_for(project: Project, practices: Path) -> Keeping | None:
    """Where a check of the project's `practices` is kept for `praxisbook validate`, or None:
    CI checks every file afresh, as `validate` does there; a folder that cannot be stamped
    (not readable) is left to reading, which reports what it can."""
    if in_ci():
        return None
    try:
        return Keeping(practices, project.schema_dir, project.cache / "validation")
    except OSError:
        return None


def load_checked(project: Project) -> Checked:
    """The catalogue, validated and converted; every problem of every file stops it."""
    checked = check(project, convert=True)
    if not checked.ok:
        raise BuildError(render(checked.problems, len(checked.catalogue.documents), "text"))
    return checked


def load_model(project: Project) -> tuple[list[Practice], Schema]:
    """The validated catalogue as a model."""
    checked = load_checked(project)
    schema = load_schema(project.schema_dir)
    return build_model(checked.catalogue, schema), schema


def site_of(project: Project, catalogue: Catalogue, publish: bool = False) -> Site:
    """The build context and the model of a validated catalogue."""
    schema = load_schema(project.schema_dir)
    return Site(load_context(project, publish), build_model(catalogue, schema), schema)


def prepare(project: Project, publish: bool = False) -> Site:
    """The build context and the validated model: what rendering and the exports start from."""
    return site_of(project, load_checked(project).catalogue, publish)


def clear_leftovers(output: Path) -> None:
    """Remove the temporary folders of builds that were killed and will never finish."""
    for folder in output.parent.glob(f".{output.name}.*-*"):
        pid = folder.name.rsplit("-", 1)[-1]
        if folder.is_dir() and pid.isdigit() and not running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
    scratch.clear_leftovers(running)


def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0 asks only whether the process exists
    except (ProcessLookupError, OverflowError):  # no such process; no such process id
        return False
    except PermissionError:
        return True  # someone else's process: leave its folder alone
    return True


def swap_into_place(built: Path, output: Path) -> None:
    """Replace `output` with `built`; the old site stays until the new one is in place, and
    then becomes the spare that the next build writes over (site/spare.py)."""
    old = output.with_name(f".{output.name}.old-{os.getpid()}")
    if output.exists():
        output.rename(old)
    built.rename(output)
    if old.exists() and not spare.keep(old, output):
        remove_later(old)


def set_aside_spare(output: Path) -> None:
    """Remove a spare that a build could not take (another engine's), out of the next one's
    way at once."""
    unused = output.with_name(f".{output.name}.unused-{os.getpid()}")
    try:
        spare.spare_of(output).rename(unused)
    except OSError:  # none (the usual case), or another build took it
        return
    remove_later(unused)


def remove_later(folder: Path) -> None:
    """Delete `folder` in a process of its own, so that the command need not wait for it
    (tens of thousands of files: seconds). If that process dies, `clear_leftovers` of the
    next build removes what is left, since the folder is named after this build's pid."""
    if not folder.exists():
        return
    try:
        subprocess.Popen(
            ["rm", "-rf", "--", str(folder)], start_new_session=True,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
    except OSError:  # no `rm` here: delete it now
        shutil.rmtree(folder, ignore_errors=True)


def show_progress() -> bool:
    """Bars on a terminal only: not in CI logs, not when the output goes to a file or pipe."""
    return status.is_terminal and not os.environ.get("CI")


class Rate(ProgressColumn):
    """Items per second since the start (Rich's own speed column counts bytes, and its
    recent speed jumps when work comes back in slices)."""

    def render(self, task) -> Text:
        elapsed = task.elapsed or 0
        speed = task.completed / elapsed if elapsed > 0.5 else 0
        return Text(f"{speed:,.0f}/s" if speed else "", style="progress.data.speed")


@contextmanager
def bar(what: str, total: int):
    """A progress bar for `total` items (what, count, rate, time left); yields `advance(n)`."""
    if not show_progress() or total == 0:
        yield lambda n: None
        return
    columns = (TextColumn(f"  {what}"), BarColumn(), MofNCompleteColumn(), Rate(),
               TimeRemainingColumn())  # fmt: skip
    with Progress(*columns, console=status, transient=True) as progress:
        task = progress.add_task(what, total=total)
        yield lambda n: progress.advance(task, n)


@contextmanager
def stage(name: str):
    """Say what is happening, and afterwards how long it took."""
    started = time.perf_counter()
    status.print(f"{name} …")
    yield
    status.print(f"  done in {time.perf_counter() - started:.1f} s")


def render_site(site: Site, target: Path, previous: Path | None = None) -> dict:
    """Every stage after the model, into `target`: pages, open data, Downloads pages, index.

    What did not change since the build in `previous` (pages, a UI language's
    search index) is taken over from it (site/pagecache.py, site/indexing.py).
    Returns the record of what was built from what, for the next build.
    """
    ctx = site.ctx
    last = pagecache.load(pagecache.manifest_path(site, previous)) if previous else {}
    # The search records and Pagefind's own output: in memory where there is room.
    work = scratch.scratch_for(target, len(site.practices) * len(ctx.languages))
    try:
        return index_and_render(site, target, previous, last, work)
    finally:
        scratch.remove(work, target)


def index_and_render(site: Site, target: Path, previous: Path | None, last: dict, work: Path):
    """`render_site`'s stages, the search records and Pagefind's output in `work`."""
    ctx = site.ctx
    with stage(f"Rendering {len(site.practices)} practices in {len(ctx.languages)} languages"):
        search_keys, taken = search_records(site, target, last.get("search", {}), previous, work)
        indexer = indexing.Background(target, taken, work)  # Pagefind runs while pages render
        with indexer.stopped_if_failing():
            pages = site_pages(site)
            # Open data and feeds need no page: written in a forked process while the pages
            # render, instead of after them on one core.
            published = aside(lambda: publish.publish(target, site, pages))
            try:
                keys = render_pages(site, target, pages, previous, last)
            except BaseException:  # the build stops: let the writer end before `target` goes
                published(redo=False)
                raise
    with indexer.stopped_if_failing(), stage("Writing open data, feeds and sitemap"):
        published()
        downloads.refresh_pages(site, target, theme_templates(ctx, target))  # the files' sizes
    for line in publish.notices(site):  # a missing site URL or feedback route, one line each
        status.print(line)
    with indexer.stopped_if_failing(), stage("Indexing for search (begun while rendering)"):
        indexer.finish()
    return {"pages": keys, "search": indexing.indexed_record(target, search_keys)}


def render_pages(site: Site, target: Path, pages: list, previous: Path | None, last: dict):
    """`pages`, those unchanged since `previous` taken over; returns their keys."""
    keys = pagecache.page_keys(site, pages) if previous else {}
    kept = reused_pages(keys, last.get("pages", {}), previous, target)
    fresh = [page for page in pages if page.path not in kept]
    with bar("pages", len(fresh)) as advance:
        run_pelican(site, target, fresh, advance)
    return keys


def reused_pages(keys: dict[str, str], last: dict, previous: Path | None, target: Path) -> set:
    """Link the unchanged pages of the last build into `target`; returns their paths."""
    if previous is None or not previous.is_dir():
        return set()
    kept = pagecache.reusable(keys, last, previous)
    pagecache.take_over(kept, previous, target)
    if kept:
        status.print(f"  {len(kept)} of {len(keys)} pages unchanged since the last build")
    return kept


def search_records(site: Site, target: Path, last: dict, previous: Path | None, work: Path):
    """The UI languages whose records and suggestions are unchanged are taken over; the
    others' records (into `work`) and suggestions are written, the words of the suggestions
    counted while the records are written. Returns the languages' keys and what was taken
    over."""
    keys = indexing.language_keys(site) if previous else {}
    same = indexing.unchanged_languages(keys, last, previous)
    pending = [ui for ui in site.ctx.languages if ui not in same]
    with bar("search records", len(site.practices) * len(pending)) as advance:
        words = search.write_records(site, work, pending, advance, suggest.record_words)
    suggest.write_suggestions(target, words)
    if not same:
        return keys, None
    status.print(f"  the search index of {', '.join(same)} is unchanged since the last build")
    return keys, indexing.take_over(previous, target, same)


def build(
    project: Project, output: Path | None = None, publish: bool = False, cache: bool = True
) -> int:
    """Build the whole site into `output`; returns the number of practices built.

    With `cache`, pages whose inputs did not change are taken over from the
    last build into the same `output` instead of rendered again.
    """
    output = (output or project.output).resolve()
    started = time.perf_counter()
    with stage(f"Validating {project.practices}"):
        site = prepare(project, publish)
    build_site(site, output, cache)
    status.print(f"Built {len(site.practices)} practices in {time.perf_counter() - started:.1f} s.")
    return len(site.practices)


def build_site(site: Site, output: Path, cache: bool = True) -> None:
    """Render `site` in a temporary folder beside `output`, then swap it into place."""
    clear_leftovers(output)
    staging = output.with_name(f".{output.name}.tmp-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    taken = spare.take(output, staging)
    if taken is None:
        set_aside_spare(output)
    manifest = pagecache.manifest_path(site, output)
    try:
        built = render_site(site, staging, output if cache else None)
        if taken is not None:
            spare.sweep(taken)
        manifest.unlink(missing_ok=True)  # the old record describes the old site
        swap_into_place(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        remove_later(pagecache.trash_for(output))  # the spare's files that pages replaced
    if cache:
        pagecache.save(manifest, built["pages"], output, built["search"])


def plain_pelican_generator(pelican):
    """For a plain `pelican` run (not `praxisbook build`): validate, then render the same way.

    Such a run renders the pages only: it neither indexes for search nor publishes open data.
    """
    from .site.render import generator_for

    project = find_project(Path(pelican.settings["PATH"]))
    return generator_for(prepare(project))
