"""Index stage: Pagefind over the search records (site/search.py), one UI language per run.

- One Pagefind run per UI language keeps its memory to what one index needs.
  Runs go two at a time when the machine has two cores and two runs' memory,
  estimated from their records' size, fits `MEMORY_BUDGET`; each run writes
  into a folder of its own, then its files join the bundle.
- A UI language whose search records and suggestions are made of exactly what
  the last build indexed into the same output folder is taken over from that
  build: Pagefind names every file of a language's index after the language
  (`de_…`), so its files can be linked over one by one. The record of what
  was indexed lives beside the pages' record (site/pagecache.py).
- Each language's index is made byte-identical as soon as its run ends
  (stableindex.py), Pagefind's WebAssembly is swapped for a copy recompressed
  ahead of time (smallwasm.py), and the records are deleted.
- `Background` does all of that in a forked process while the pages are
  rendered: Pagefind uses about one core, rendering the rest.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import time
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..catalogue.problems import BuildError
from . import search, searchlabels, smallwasm, sortorder, suggest
from .pagecache import build_inputs, link_or_copy, trash_for
from .spare import write_over
from .stableindex import stabilise, write_entry
from .urls import SEARCH_RECORDS

BUNDLE = "pagefind"
# Pagefind's ready-made UIs: the search page uses the JS API (pagefind.js) instead.
UNUSED = [
    f"pagefind-{ui}.{ext}" for ui in ("ui", "modular-ui", "component-ui") for ext in ("js", "css")
]
UNUSED += ["pagefind-highlight.js", "wasm.unknown.pagefind"]  # every record has a language
ENTRY = "pagefind-entry.json"
# Two runs at once only when both fit: the limit for 10,000 practices.
MEMORY_BUDGET = 2 * 1024**3
# Measured with Pagefind 1.5.2 (docs/performance.md): a run peaks at about 19 times its
# records' bytes (300 MB for the 16 MB of one language at 2,000 practices); 25 leaves room.
PEAK_PER_RECORD_BYTE = 25


@dataclass(frozen=True)
class IndexStats:
    seconds: float
    records: int
    languages: dict[str, int]  # UI language → pages in its index
    reused: tuple[str, ...] = ()  # languages taken over from the last build


def pagefind_binary() -> str:
    from pagefind_bin import get_executable  # loads only when indexing

    return str(get_executable().resolve())


def run_language(records: Path, lang: str, out: Path) -> dict:
    """One Pagefind run over one UI language's records into `out`; returns its entry.

    The site stays the records' root, so that result URLs keep their `/<lang>/`.
    """
    command = [
        pagefind_binary(), "--site", str(records), "--glob", f"{lang}/**/*.html",
        "--output-path", str(out),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise BuildError(f"Pagefind could not index {records / lang}:\n{output}")
    entry = json.loads((out / ENTRY).read_text(encoding="utf-8"))
    expected = sum(1 for _ in (records / lang).rglob("*.html"))
    found = {code: info["page_count"] for code, info in entry["languages"].items()}
    if found != {lang: expected}:
        raise BuildError(f"Pagefind indexed {found} search records, expected {expected}:\n{output}")
    return entry


def runs_at_once(records: Path, languages: list[str]) -> int:
    """Two runs at a time if there are two cores and the two largest fit the budget."""
    if len(languages) < 2 or (os.cpu_count() or 1) < 2:
        return 1
    sizes = sorted((_bytes(records / lang) for lang in languages), reverse=True)
    return 2 if (sizes[0] + sizes[1]) * PEAK_PER_RECORD_BYTE <= MEMORY_BUDGET else 1


def _bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.html"))


def index_languages(records: Path, bundle: Path, languages: list[str]) -> list[dict]:
    """Run Pagefind for `languages`, each into its own folder. As soon as a run ends, the
    next one starts, and its index is rewritten into the bundle (stableindex.py) in a
    thread of its own, one language after another: a rewrite takes about a second of
    Python, and the next run need not wait for it."""

    def one(lang: str) -> Future:
        out = records.parent / f".{bundle.name}-{lang}"  # beside the records (scratch.py)
        shutil.rmtree(out, ignore_errors=True)
        try:
            entry = run_language(records, lang, out)
        except BaseException:
            shutil.rmtree(out, ignore_errors=True)
            raise
        return rewriting.submit(rewrite, out, entry, lang)

    def rewrite(out: Path, entry: dict, lang: str) -> dict:
        try:
            stabilise(out, bundle, records, lang, entry["languages"][lang])
            _move_files(out, bundle)  # what stabilise left: pagefind.js, the WebAssembly …
            return entry
        finally:
            shutil.rmtree(out, ignore_errors=True)

    with ThreadPoolExecutor(1) as rewriting:
        with ThreadPoolExecutor(runs_at_once(records, languages)) as pool:
            rewrites = list(pool.map(one, languages))
        return [done.result() for done in rewrites]


def _move_files(source: Path, bundle: Path) -> None:
    for path in sorted(source.rglob("*")):
        if path.is_file() and path.name != ENTRY:
            target = bundle / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            # Files both runs write (pagefind.js …) are identical. Written over, not renamed:
            # `source` may be in memory (scratch.py), and `target` may be a link to the live
            # site's file (`take_over`), which must not change before the swap.
            write_over(target, path.read_bytes())
            path.unlink()


# --- what a language's index consists of, to take it over ----------------------------------


def language_files(site_dir: Path, lang: str, info: dict) -> list[Path]:
    """Paths (below `site_dir`) of one language's index and suggestions."""
    bundle = site_dir / BUNDLE
    found = [bundle / f"pagefind.{info['hash']}.pf_meta", bundle / f"wasm.{info['wasm']}.pagefind"]
    for kind in ("index", "fragment", "filter", sortorder.FOLDER, searchlabels.FOLDER):
        found += sorted((bundle / kind).glob(f"{lang}_*"))
    found += sorted((site_dir / suggest.FOLDER / lang).glob("*"))
    return [path.relative_to(site_dir) for path in found]


def files_digest(site_dir: Path, files: list[Path]) -> str:
    """Names and sizes of a language's files: a file gone or changed is noticed."""
    digest = hashlib.sha256()
    for path in files:
        size = (site_dir / path).stat().st_size if (site_dir / path).is_file() else -1
        digest.update(f"{path}\0{size}\0".encode())
    return digest.hexdigest()


def entry_of(site_dir: Path) -> dict:
    try:
        return json.loads((site_dir / BUNDLE / ENTRY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def language_keys(site) -> dict[str, str]:
    """Per UI language, a digest of what its records and suggestions are made of: the
    build's inputs but its date, and per practice its place in the sort orders and what its
    record holds (every version's front matter; the one full text it indexes, if any)."""
    inputs, fronts = build_inputs(site, dated=False), {}
    keys = {}
    for ui in site.ctx.languages:
        ranks = search.sort_ranks(site, ui)
        made_of = [
            [p.slug, ranks[p.slug], _record_inputs(site, p, ui, fronts)] for p in site.practices
        ]
        text = json.dumps([inputs, ui, made_of], sort_keys=True)
        keys[ui] = hashlib.sha256(text.encode()).hexdigest()
    return keys


def _record_inputs(site, practice, ui: str, fronts: dict) -> str:
    if practice.slug not in fronts:
        versions = sorted(practice.versions.values(), key=lambda v: v.lang)
        text = json.dumps([v.front_matter for v in versions], sort_keys=True, default=str)
        fronts[practice.slug] = hashlib.sha256(text.encode()).hexdigest()
    full = search.indexed_text(practice, ui, site.reading(practice, ui).version)
    body = hashlib.sha256(full.body.encode()).hexdigest() if full is not None else ""
    return f"{fronts[practice.slug]}:{full.lang if full is not None else ''}:{body}"


def unchanged_languages(keys: dict[str, str], record: dict, previous: Path | None) -> list[str]:
    """The languages the build in `previous` indexed from the same inputs, its files intact."""
    if previous is None:
        return []
    languages = entry_of(previous).get("languages", {})
    kept = []
    for lang, key in sorted(keys.items()):
        old, info = record.get(lang), languages.get(lang)
        if old and info and old[0] == key:
            if files_digest(previous, language_files(previous, lang, info)) == old[1]:
                kept.append(lang)
    return kept


def indexed_record(site_dir: Path, keys: dict[str, str]) -> dict[str, list[str]]:
    """What the next build compares with: per language, its key and its files' digest."""
    languages = entry_of(site_dir).get("languages", {})
    return {
        lang: [key, files_digest(site_dir, language_files(site_dir, lang, languages[lang]))]
        for lang, key in keys.items()
        if lang in languages
    }


def take_over(previous: Path, site_dir: Path, languages: list[str]) -> dict:
    """Link the kept languages' files, and the files all languages share, from `previous`;
    returns the kept languages' entries."""
    entry, trash = entry_of(previous), trash_for(previous)
    infos = {lang: entry["languages"][lang] for lang in languages}
    for lang, info in infos.items():
        for path in language_files(previous, lang, info):
            link_or_copy(previous / path, site_dir / path, trash)
    for path in shared_files(previous / BUNDLE):  # a language indexed anew replaces them
        link_or_copy(path, site_dir / BUNDLE / path.name, trash)
    return {"top": {k: v for k, v in entry.items() if k != "languages"}, "languages": infos}


def shared_files(bundle: Path) -> list[Path]:
    """pagefind.js and the other files of no language (each language's are named after it)."""
    return [
        path for path in sorted(bundle.glob("*"))
        if path.is_file() and path.name != ENTRY and not _owned(path.name)
    ]  # fmt: skip


def _owned(name: str) -> bool:
    return name.endswith(".pf_meta") or (name.startswith("wasm.") and name.endswith(".pagefind"))


# --- the stage ------------------------------------------------------------------------------


def run_pagefind(records: Path, bundle: Path, kept: dict | None = None) -> IndexStats:
    """Index the UI languages under `records` into `bundle`, except those `kept` (taken over).

    Their entries are merged into one `pagefind-entry.json`, then the newly
    indexed languages are made byte-identical. Raises BuildError with
    Pagefind's output when it fails or leaves a record out.
    """
    started = time.perf_counter()
    kept = kept or {"top": {}, "languages": {}}
    found = sorted(p.name for p in records.iterdir()) if records.is_dir() else []
    languages = [lang for lang in found if lang not in kept["languages"]]
    entries = index_languages(records, bundle, languages)
    merged = {**kept["top"], **(entries[0] if entries else {}), "languages": {}}
    for entry in [*entries, kept]:
        merged["languages"].update(entry["languages"])
    write_entry(bundle, merged)
    smallwasm.swap(bundle, [merged["languages"][lang]["wasm"] for lang in languages])
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    counts = {lang: info["page_count"] for lang, info in merged["languages"].items()}
    reused = tuple(sorted(kept["languages"]))
    return IndexStats(time.perf_counter() - started, sum(counts.values()), counts, reused)


def index(site_dir: Path, kept: dict | None = None, scratch: Path | None = None) -> IndexStats:
    """Write `site_dir/pagefind/` from the search records, then delete the records.

    The records are in `scratch` (scratch.py; default `site_dir`), and so are Pagefind's
    own folders, one per UI language.
    """
    records = (scratch or site_dir) / SEARCH_RECORDS
    if not records.is_dir() and not kept:  # an empty catalogue: nothing to search
        return IndexStats(0.0, 0, {})
    try:
        (site_dir / BUNDLE).mkdir(parents=True, exist_ok=True)
        return run_pagefind(records, site_dir / BUNDLE, kept)
    finally:
        shutil.rmtree(records, ignore_errors=True)


class Background:
    """`index(site_dir, kept, scratch)` in a forked process, started now, its result awaited
    later.

    Forked before the pages are rendered, from a process with no other threads;
    where fork is not available, all of it runs when `finish` is called. (The
    suggestions once ran here too, beside Pagefind's first runs: holding the GIL,
    they held up the start of those runs by seconds. They are now counted while
    the records are written, search.write_records.)
    """

    def __init__(self, site_dir: Path, kept: dict | None = None, scratch: Path | None = None):
        self.work = partial(index, site_dir, kept, scratch)
        self.process = None
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self.results, sender = context.Pipe(duplex=False)
            self.process = context.Process(target=_in_own_group, args=(self.work, sender))
            self.process.start()
            _into_own_group(self.process.pid)
            sender.close()

    def stop(self) -> None:
        """End the indexing and the Pagefind runs it started, now: the build failed or was
        interrupted, and nobody will wait for the index. SIGKILL, since nothing of theirs is
        worth keeping, and a wait until the whole group is gone, so that no Pagefind run
        writes into the build's temporary folder after the build has removed it."""
        process = self.process
        if process is None or _group_of(process.pid) != process.pid:
            return  # nothing started here, or it has ended; never signal another group
        os.killpg(process.pid, signal.SIGKILL)
        process.join()
        _wait_until_gone(process.pid)

    @contextmanager
    def stopped_if_failing(self):
        """Stop the indexing if what runs inside fails or is interrupted (Ctrl-C)."""
        try:
            yield
        except BaseException:
            self.stop()
            raise

    def finish(self) -> IndexStats:
        """Wait for the index; raises the BuildError that stopped it."""
        if self.process is None:
            return self.work()
        try:
            outcome = self.results.recv()
        except EOFError:
            outcome = BuildError("indexing for search stopped without a word")
        self.process.join()
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome


def _in_own_group(work, sender) -> None:
    # A group of its own, so that `stop` ends the Pagefind runs with it, and Ctrl-C in a
    # terminal reaches the build alone, which then stops this.
    _into_own_group(0)
    _work_and_send(work, sender)


def _into_own_group(pid: int) -> None:
    """Both the parent and the child ask, so the group exists whichever runs first."""
    try:
        os.setpgid(pid, 0)
    except OSError:  # the child has already done it, or has ended
        pass


def _group_of(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except OSError:
        return None


def _wait_until_gone(group: int, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)  # signal 0 only asks whether any member is left
        except OSError:
            return
        time.sleep(0.01)


def _work_and_send(work, sender) -> None:
    try:
        sender.send(work())
    except BuildError as error:
        sender.send(error)
    except Exception as error:  # any failure must reach the build, in words
        sender.send(BuildError(f"indexing for search failed: {error!r}"))
    finally:
        sender.close()
