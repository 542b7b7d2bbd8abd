"""`praxisbook validate`: a `practices/` folder checked, reading only what changed.

Each practice folder is checked on its own (validate.py `check_practice`),
which gives its problems and its index entries (index.py); the rules across
practices then run on the index of all of them. With a store (store.py), a
folder whose stamp is as it was when it was last checked is not read at all:
its problems and entries come from the store. Without one (`--no-cache`, CI)
every folder is read and checked. Both ways give the same report, because
both run the same checks on the same entries; only where the results of
unchanged folders come from differs.

Folders to check are read and checked on every core (parallel.py); what comes
back is only plain values: problems and entries. The folders the command's
paths name are stamped first, and one that changed is checked in a forked
process while this one stamps the others and decodes their kept results
(`survey`).
"""

from __future__ import annotations

import datetime
import gc
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from .index import check_links, locate, originals_in
from .parallel import aside, map_slices
from .precheck import QUICK_FROM
from .problems import Problem, display_path
from .review import across
from .stamps import Folder, listing, plain, scan, stamp_folders, stray_files, unplain
from .store import Results, Store, engine_key, settled

ASIDE_FROM = 4000  # folders from which stamping in a forked process pays
ASIDE_SHARE = 0.8  # of them stamped there: this process decodes the kept results meanwhile


@dataclass
class Report:
    problems: list[Problem]  # every problem of the folder, paths as shown
    files: dict[str, tuple[str, ...]]  # every practice folder's texts, by slug


def check_practices(
    practices: Path, schema_dir: Path, cache: Path | None, named: frozenset[str] = frozenset()
) -> Report:
    """Every problem of a `practices/` folder; `cache` is the store's folder, or None.

    `named`: the slugs of the folders the caller will show, whose check starts first.
    """
    try:
        return check_kept(Run(practices, schema_dir, cache, trust=True), named)
    except Exception:
        if cache is None:
            raise
        # What is kept is not what this code writes (edited by hand?): check afresh, replace it.
        return check_kept(Run(practices, schema_dir, cache, trust=False), named)


class Run:
    """One check of a `practices/` folder: where, when it began, and what is kept."""

    def __init__(self, practices: Path, schema_dir: Path, cache: Path | None, trust: bool):
        self.practices, self.schema_dir, self.aside = practices, schema_dir, cache is not None
        self.today = datetime.date.today()
        self.started = time.time_ns()  # before anything is stamped: see store.MARGIN
        self.store = Store(cache, engine_key(schema_dir, self.today) if cache else "", trust)

    def stamp(self, slugs: list[str]) -> list:
        """What stamping found for each folder (stamps.stamp_folders)."""
        return stamp_folders(self.practices, slugs, self.store.settled)

    def check(self, folders: list[Folder]) -> list:
        """(problems, entries) of each folder, as plain values: read and checked."""
        if not folders:
            return []
        with few_collections(len(folders) < QUICK_FROM):
            return check_all(self.practices, folders, self.schema_dir, self.today)

    def keep(self, folders: list[Folder], checked: list, results: Results) -> None:
        """Keep what checking these folders found, and put it, decoded, into `results`."""
        for folder, (problems, entries) in zip(folders, checked, strict=True):
            self.store.keep(folder, self.started, problems, entries)
            results.put(folder.slug, folder.files, problems, entries)


def check_kept(run: Run, named: frozenset[str]) -> Report:
    """Check the folders the store has no result for, then report on all of them."""
    with few_collections():
        folders, strays = listing(run.practices)
        ahead = [slug for slug in folders if slug in named]
        ahead = dict(zip(ahead, run.stamp(ahead), strict=True))
    found, results = survey(run, folders, ahead)
    todo = [f for slug, f in found.items() if f and slug not in ahead]
    run.keep(todo, run.check(todo), results)
    slugs = [slug for slug in folders if found[slug] is not None]
    with few_collections():
        run.store.forget_others(slugs)
        run.store.save()
        return report(run.practices, strays, slugs, results)


def survey(run: Run, folders: list[str], ahead: dict) -> tuple[dict, Results]:
    """Stamp every folder, check the changed ones of `ahead`, decode the others' kept results.

    `ahead`: the named folders, stamped already. From ASIDE_FROM folders on, a
    forked process checks the changed named folders while this one stamps the
    rest and decodes the kept results; or, if none changed, it stamps most of
    the rest (stamping is mostly waiting on system calls). It has the same
    kept stamps as this one: they were decoded before it was forked.
    """
    rest = [slug for slug in folders if slug not in ahead]
    changed = [f for f in ahead.values() if f]
    forked = run.aside and len(folders) >= ASIDE_FROM
    split = int(len(rest) * ASIDE_SHARE) if forked and not changed else 0
    run.store.settled  # noqa: B018 - decoded once, before forking
    stamped = aside(lambda: plain(run.stamp(rest[:split])), fork=forked and split > 0)
    checked = aside(partial(run.check, changed), fork=forked and 0 < len(changed) < QUICK_FROM)
    try:
        with few_collections():
            found = ahead | dict(zip(rest[split:], run.stamp(rest[split:]), strict=True))
            results = run.store.results()  # those found changed are replaced
    finally:  # always waited for, so that no forked process lingers (at most one was forked)
        stamped_aside, ahead_checked = stamped(), checked()
    found |= dict(zip(rest[:split], unplain(stamped_aside), strict=True))
    run.keep(changed, ahead_checked, results)
    return found, results


@contextmanager
def few_collections(pause: bool = True):
    """Pause the cycle collector while many lasting objects are made at once.

    Stamps and kept results are some hundred thousand small lists and strings
    that live until the end, and hold no cycles; the collector would walk all
    of them again each time a few thousand more were made, which more than
    doubled the time to load them. They are then frozen: left out of every later
    collection, the first of which would otherwise walk them all once more.
    Checking many practices makes garbage with cycles (jsonschema's errors):
    the collector runs then.
    """
    paused = pause and gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.freeze()
            gc.enable()


def report(practices: Path, strays: list[str], slugs: list[str], results: Results) -> Report:
    """The problems of every folder (`slugs`, sorted) and across them, and every practice file."""
    index = {slug: results.entries[slug] for slug in slugs}
    files = {slug: results.texts[slug] for slug in slugs}
    own = [p for slug, problems in results.problems.items() if slug in index for p in problems]
    shown = lambda key: display_path(practices / key)  # noqa: E731
    problems = stray_files(practices, strays)
    originals = originals_in(index)
    problems += locate(own + check_links(index, originals) + across(index, originals), shown)
    return Report(sorted(set(problems)), files)


def check_all(practices: Path, todo: list[Folder], schema_dir: Path, today) -> list:
    """(problems, entries) of each folder, as plain values, checked on every core."""
    if not todo:
        return []
    from .schema import format_checker, load_schema

    schema = load_schema(schema_dir)
    if len(todo) >= QUICK_FROM:
        schema.quick  # noqa: B018 - compiled once before forking, shared by the workers
    format_checker()

    def job(start: int, stop: int) -> list:
        return [check_one(practices / f.slug, f, schema, today) for f in todo[start:stop]]

    return map_slices(job, len(todo))


def check_one(folder: Path, found: Folder, schema, today) -> tuple[list, list]:
    """Read and check one practice folder; its problems name files as `<slug>/<file>`."""
    from .disk import RealDisk
    from .read import read
    from .validate import check_practice

    docs = [read(folder / name) for name in found.files]
    problems, entries = check_practice(docs, schema, RealDisk(), today)
    return plain_problems(docs, problems), [entry.plain() for entry in entries]


def plain_problems(docs: list, problems: list[Problem]) -> list[tuple]:
    """A folder's problems as kept: plain values, naming files as `<slug>/<file>`."""
    keys = {doc.shown: f"{doc.slug}/{doc.path.name}" for doc in docs} if problems else {}
    return [(keys.get(p.path, p.path), *astuple(p)[1:]) for p in problems]


def astuple(p: Problem) -> tuple:
    return (p.path, p.line, p.col, p.field, p.message, p.hint, p.severity)


def in_ci() -> bool:
    """Whether the environment variable CI says so: there, every file is checked afresh."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


class Keeping:
    """A check of a whole `practices/` folder made by another command (a build, the
    preview), kept as `praxisbook validate` keeps its own: the next `validate` reads only
    what changed since, instead of every file.

    The folders are stamped before their files are read, and exactly the stamped texts
    are read (`catalogue`): a file changed after its stamp was taken has another stamp
    now, and is read again. The store starts empty, since every folder is checked.

    A folder that changed just before it was stamped (within the store's MARGIN: files
    written by a script, a `git pull`, a save a second before the build) is kept too if,
    by the time the check ends, it has settled with the same stamp and its texts still
    hold the bytes that were checked; `validate` would otherwise read it again.
    """

    def __init__(self, practices: Path, schema_dir: Path, cache: Path):
        self.run = Run(practices, schema_dir, cache, trust=False)
        self.folders = scan(practices)
        self.read_bytes: dict[Path, bytes] = {}  # of the folders not settled when stamped

    @property
    def today(self) -> datetime.date:
        """The day the checks must assume: the one the kept results are filed under."""
        return self.run.today

    def catalogue(self):
        """The stamped texts, read: the files and order of `folders.read_catalogue`."""
        from .folders import Catalogue
        from .read import read

        root, docs = self.run.practices, []
        for folder in self.folders:
            keep_bytes = None if settled(folder, self.run.started) else self.read_bytes
            docs += [read(root / folder.slug / name, keep_bytes) for name in folder.files]
        return Catalogue(root, docs)

    def keep(self, catalogue, checked: dict) -> None:
        """Keep each folder's own problems and index entries (`validate.check_catalogue`)."""
        docs = catalogue.by_slug()
        for folder in self.folders:
            problems, entries = checked[folder.slug]
            plain = plain_problems(docs[folder.slug], problems)
            since = self.settled_since(folder)
            self.run.store.keep(folder, since, plain, [e.plain() for e in entries])
        self.run.store.save()

    def settled_since(self, folder: Folder) -> int:
        """When the folder is known to hold what was checked (ns), for the store's rule:
        its stamp's time; or, if it had just changed then, now, when it is found
        unchanged, stamp and texts (`now` is taken first, so the store keeps it only if
        it changed MARGIN before the texts were compared)."""
        if settled(folder, self.run.started):
            return self.run.started
        now = time.time_ns()
        practices, slug = self.run.practices, folder.slug
        if stamp_folders(practices, [slug], {slug: folder.stamp})[0] is not False:
            return self.run.started  # changed since: not kept
        paths = [practices / slug / name for name in folder.files]
        try:
            same = all(self.read_bytes.get(path) == path.read_bytes() for path in paths)
        except OSError:  # gone or unreadable since: not kept
            same = False
        return now if same else self.run.started


@dataclass(frozen=True)
class Scope:
    """Which practice files some paths select: all, or some folders and files."""

    everything: bool
    folders: frozenset[str]
    files: frozenset[str]

    @classmethod
    def of(cls, selected: set[Path], practices: Path) -> Scope:
        """The files a path or any folder above them selects (`selected` resolved)."""
        if not selected or any(s == practices or s in practices.parents for s in selected):
            return cls(True, frozenset(), frozenset())
        folders = {s.name for s in selected if s.parent == practices}
        files = {f"{s.parent.name}/{s.name}" for s in selected if s.parent.parent == practices}
        return cls(False, frozenset(folders), frozenset(files))

    def named(self) -> frozenset[str]:
        """The folders the paths name, themselves or by a file in them; none for everything."""
        return self.folders | {key.split("/", 1)[0] for key in self.files}

    def count(self, texts: dict[str, tuple[str, ...]]) -> int:
        """How many of the texts (by folder, as in `Report.files`) the paths select."""
        if self.everything:
            return sum(map(len, texts.values()))
        in_folders = sum(len(texts.get(slug, ())) for slug in self.folders)
        alone = [key.split("/", 1) for key in self.files]
        return in_folders + sum(n in texts.get(s, ()) for s, n in alone if s not in self.folders)
