"""`praxisbook serve`: build, serve, watch, and rebuild only what a change affects.

An editor saves a practice and sees it, in every UI language, within a second
or two: the model stays in memory, the changed files are read and checked
again, and only the pages that show the practice are rendered again (its own
pages, the listings it is or was on, the pages whose related practices
changed). Open data, feeds and the search index follow in the background; the
open page says so while the index is refreshed. A change to the theme, the
schema or the settings rebuilds everything.

The served pages get one script (`/__praxisbook__/live.js`, added on the fly,
never written to `output/`) that asks this server every second what has
changed: it reloads the page after a rebuild and shows validation problems
over the page until they are fixed. Nothing leaves the machine.
"""

from __future__ import annotations

import errno
import functools
import http.server
import json
import multiprocessing
import multiprocessing.connection
import os
import queue
import shutil
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue.folders import Catalogue
from .catalogue.model import build_model
from .catalogue.problems import BuildError, errors
from .catalogue.project import Project
from .catalogue.read import read
from .catalogue.schema import load_schema
from .catalogue.validate import validate_catalogue
from .pipeline import build_site, load_checked, site_of
from .site import downloads, indexing, pagecache, publish, search, suggest
from .site.incremental import inherit, other_pages, own_pages, shown
from .site.pages import site_pages
from .site.render import Site, theme_templates, write_pages

LIVE = "/__praxisbook__/"
BATCH = 20  # pages written between looks for a newer change
WATCHED = ("content", "theme", "schema", "pelicanconf.py", "publishconf.py")


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)  # noqa: T201 - the preview reports as it works


@dataclass
class State:
    """What the open pages ask for: a version that changes with every rebuild, and problems."""

    version: int = 0
    problems: list[str] = field(default_factory=list)
    indexing: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def changed(self, problems: list[str] | None = None) -> None:
        """A rebuild is done: open pages reload (or show the problems that stopped it)."""
        with self.lock:
            self.version += 1
            self.problems = problems or []

    def set_indexing(self, busy: bool) -> None:
        """The search index is being refreshed: pages say so, without reloading."""
        with self.lock:
            self.indexing = busy

    def json(self) -> bytes:
        with self.lock:
            data = {"version": self.version, "problems": self.problems, "indexing": self.indexing}
        return json.dumps(data, ensure_ascii=False).encode("utf-8")


class FollowUp:
    """The work after a change is shown (open data, feeds, the search index), in a forked process.

    Not a thread: at 10,000 practices that work is half a minute of Python, and
    a thread would hold the interpreter while the next change waits to be
    shown. A newer change stops it, with the Pagefind runs it started (they
    share its process group), and starts its own.
    """

    def __init__(self, state: State):
        self.state = state
        self.process = None
        self.lock = threading.Lock()

    def start(self, work) -> None:
        with self.lock:
            self.stop()
            self.process = multiprocessing.get_context("fork").Process(
                target=_in_own_group, args=(work,)
            )
            self.process.start()
            self.state.set_indexing(True)
            threading.Thread(target=self.wait, args=(self.process,), daemon=True).start()

    def stop(self) -> None:
        process = self.process
        if process is None or not process.is_alive():
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:  # not yet in its own group, so nothing started from it
            process.terminate()
        process.join()

    def wait(self, process) -> None:
        # Wait without reaping: only `stop` joins, so that a stopped process's exit code
        # is known when `stop` returns (multiprocessing reaps the others at the next start).
        multiprocessing.connection.wait([process.sentinel])
        with self.lock:
            if process is self.process:
                self.state.set_indexing(False)

    def busy(self) -> bool:
        return self.process is not None and self.process.is_alive()


def leftover(path: Path, practices: Path) -> bool:
    """A file some editor wrote beside a practice and removed again (`sed -i`, a save
    through a temporary file): gone by now, and never a practice file."""
    return practices in path.parents and path.suffix != ".md" and not path.exists()


def _in_own_group(work) -> None:
    os.setpgid(0, 0)
    try:
        work()
    except Exception as error:  # the pages are shown; say in one line what is behind
        say(f"Could not bring open data, feeds and the search index up to date: {error}")
        raise SystemExit(1) from None


class Preview:
    """The site of one project, kept in memory between changes."""

    def __init__(self, project: Project, output: Path, build: bool = True):
        """`build`: the first build now (`serve` starts watching first, then builds)."""
        self.project, self.output = project, output
        self.state = State()
        self.follow = FollowUp(self.state)
        self.queue: queue.SimpleQueue[set[Path]] = queue.SimpleQueue()  # changes not yet handled
        self.unsettled: set[str] = set()  # practices whose other pages may be behind
        if build:
            self.full()

    # --- everything ------------------------------------------------------------------------

    def full(self) -> None:
        """Build everything (at the start, and when theme, schema or settings change)."""
        started = time.perf_counter()
        self.follow.stop()  # it writes into the folder this build replaces
        try:
            checked = load_checked(self.project)
        except BuildError as error:
            self.state.changed(str(error).splitlines())
            say(str(error))
            return
        self.site = site_of(self.project, checked.catalogue)
        self.docs = {doc.path: doc for doc in checked.catalogue.documents}
        build_site(self.site, self.output)
        self.shown, self.unsettled = shown(site_pages(self.site)), set()
        self.get_template = theme_templates(self.site.ctx, self.output)
        self.state.changed()
        say(f"Built in {time.perf_counter() - started:.1f} s; watching for changes.")

    # --- one or a few practices -------------------------------------------------------------

    def practices_changed(self, paths: set[Path]) -> None:
        """Read, check and render what changed: the practices' own pages first, then the rest."""
        started = time.perf_counter()
        catalogue = self.reread(paths)
        changed = {p.parent.name for p in paths}
        problems = self.check(catalogue, changed)
        if problems:
            self.state.changed(problems)
            say("\n".join(problems))
            return
        old, new = self.site, self.with_model(catalogue)
        inherit(old, new, changed)
        pagecache.forget(new, self.output)  # pages change in place: the next build renders all
        write_pages(new, self.get_template, self.output, own_pages(new, changed))
        self.site = new
        self.state.changed()  # the editor's page is ready: reload it now
        say(f"{', '.join(sorted(changed))}: shown after {time.perf_counter() - started:.2f} s.")
        self.unsettled |= changed
        if self.write_other_pages(new, changed):
            say(f"  and the other pages after {time.perf_counter() - started:.2f} s.")
            self.follow.start(functools.partial(self.follow_up, new, self.scratch()))

    def write_other_pages(self, site: Site, changed: set[str]) -> bool:
        """The listings and other pages that show the unsettled practices; False if a newer
        change came first (it is shown first, and brings these pages up to date after it)."""
        if self.newer():
            return False
        pages = site_pages(site)
        rest = other_pages(self.shown, pages, self.unsettled, own=changed)
        for start in range(0, len(rest), BATCH):
            if self.newer():
                return False
            write_pages(site, self.get_template, self.output, rest[start : start + BATCH])
        self.shown, self.unsettled = shown(pages), set()
        self.state.changed()
        return True

    def newer(self) -> bool:
        return not self.queue.empty()

    def reread(self, paths: set[Path]) -> Catalogue:
        for path in paths:
            if path.is_file():
                self.docs[path] = read(path)
            else:
                self.docs.pop(path, None)
        documents = sorted(self.docs.values(), key=lambda d: d.path)
        return Catalogue(self.project.practices, documents)

    def check(self, catalogue: Catalogue, slugs: set[str]) -> list[str]:
        schema = load_schema(self.project.schema_dir)
        found = validate_catalogue(catalogue, schema, include=lambda doc: doc.slug in slugs)
        return [p.text() for p in errors(found)]

    def with_model(self, catalogue: Catalogue) -> Site:
        schema = load_schema(self.project.schema_dir)
        for doc in catalogue.documents:
            doc.markup  # noqa: B018 - converted once, kept on the document
        return Site(self.site.ctx, build_model(catalogue, schema), schema)

    def scratch(self) -> Path:
        """Where a follow-up builds the search index before swapping it in (one per preview)."""
        return self.output.with_name(f".{self.output.name}.index-{os.getpid()}")

    def follow_up(self, site: Site, scratch: Path) -> None:
        """Open data, feeds, sitemap and the search index, after the pages are shown."""
        publish.publish(self.output, site, site_pages(site))
        downloads.refresh_pages(site, self.output, self.get_template)
        self.reindex(site, scratch)

    def reindex(self, site: Site, scratch: Path) -> None:
        """A new search index and suggestions in `scratch`, then swapped in.

        A follow-up stopped by a newer change may have left `scratch`, or an
        index moved aside and not yet replaced: both are set right here.
        """
        shutil.rmtree(scratch, ignore_errors=True)
        words = search.write_records(site, scratch, words_of=suggest.record_words)
        suggest.write_suggestions(scratch, words)
        indexing.index(scratch)
        for name in (indexing.BUNDLE, suggest.FOLDER):
            old = self.output / f".{name}.old"
            shutil.rmtree(old, ignore_errors=True)
            if (self.output / name).exists():
                (self.output / name).rename(old)
            (scratch / name).rename(self.output / name)
            shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(scratch, ignore_errors=True)

    # --- watching -----------------------------------------------------------------------------

    def changed(self, paths: set[Path]) -> None:
        practices = self.project.practices.resolve()
        paths = {p for p in paths if not leftover(p, practices)}
        if not paths:
            return
        ours = {p for p in paths if p.suffix == ".md" and practices in p.parents}
        if ours == paths and getattr(self, "site", None) is not None:
            self.practices_changed(ours)
        else:
            self.full()

    def listen(self) -> None:
        """Note every change from now on, in a thread of its own: a change can cut work short,
        and one saved while a build runs (the first takes half a minute at 2,000 practices)
        is handled when it ends, not lost."""
        from watchfiles import watch

        roots = [self.project.root / n for n in WATCHED if (self.project.root / n).exists()]

        def listen() -> None:
            for changes in watch(*roots, debounce=100, step=20):
                self.queue.put({Path(path).resolve() for _, path in changes})

        threading.Thread(target=listen, daemon=True).start()

    def handle_changes(self) -> None:
        """Rebuild what the changes noted affect, the saves that came together at once."""
        while True:
            paths = self.queue.get()
            while not self.queue.empty():  # several saves in a row: one rebuild
                paths |= self.queue.get()
            try:
                self.changed(paths)
            except Exception as error:  # keep running: the editor fixes it and saves again
                self.state.changed([f"Could not rebuild: {error}"])
                say(f"Could not rebuild: {error}")


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site, adds the live script to pages, and answers the live script."""

    def __init__(self, *args, preview: Preview, **kwargs):
        self.preview = preview
        super().__init__(*args, directory=str(preview.output), **kwargs)

    def log_message(self, format, *args):  # the terminal is for problems, not requests
        pass

    def do_GET(self):
        if self.path.startswith(LIVE + "state"):
            return self.send(self.preview.state.json(), "application/json")
        if self.path.startswith(LIVE + "live.js"):
            script = self.preview.project.theme / "static" / "js" / "live.js"
            return self.send(script.read_bytes(), "text/javascript")
        page = self.page_file()
        if page is None:
            return super().do_GET()
        html = page.read_bytes().replace(
            b"</body>", f'<script src="{LIVE}live.js" defer></script></body>'.encode(), 1
        )
        return self.send(html, "text/html; charset=utf-8")

    def page_file(self) -> Path | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        return path if path.suffix == ".html" and path.is_file() else None

    def send(self, data: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)


def serve(project: Project, output: Path, bind: str, port: int) -> None:
    """Take bind:port, watch, build, then serve and rebuild on every change until Ctrl-C."""
    preview = Preview(project, output, build=False)
    with listening(bind, port, functools.partial(Handler, preview=preview)) as server:
        preview.listen()
        preview.full()
        threading.Thread(target=preview.handle_changes, daemon=True).start()
        say(f"Serving {output}/ at http://{bind}:{port}/ (Ctrl-C stops).")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            preview.follow.stop()


def serve_built(output: Path, bind: str, port: int) -> None:
    """Serve a built site as it is, until Ctrl-C (`praxisbook serve --no-watch`)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    with listening(bind, port, handler) as server:
        say(f"Serving {output}/ at http://{bind}:{port}/ (Ctrl-C stops).")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


def listening(bind: str, port: int, handler) -> http.server.ThreadingHTTPServer:
    """A server bound to bind:port, before anything is built: a port in use is said at once,
    in words, not after a build of half a minute and with a traceback."""
    try:
        return http.server.ThreadingHTTPServer((bind, port), handler)
    except OSError as error:
        other = port + 1 if port < 65535 else 8001
        hint = f"choose another: `praxisbook serve --port {other}` (`make serve PORT={other}`)"
        if error.errno == errno.EADDRINUSE:
            raise BuildError(
                f"Port {port} is in use: another `praxisbook serve`, or another server, is"
                f" running on it. Stop it, or {hint}."
            ) from None
        raise BuildError(f"Cannot serve on {bind}:{port}: {error.strerror}; {hint}.") from None
