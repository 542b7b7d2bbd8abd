"""`praxisbook serve`: a change to a practice renders only the pages it affects, and open pages
learn of it; problems are shown instead of a half-built site."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import signal
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from praxisbook.preview import FollowUp, Handler, Preview, State

from .browsers import fetch, free_port, wait_for
from .conftest import TINY, make_project, soup


@pytest.fixture
def preview(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763769600")
    project = make_project(tmp_path / "site", TINY)
    return Preview(project, project.output)


def edit(preview, slug: str, lang: str, old: str, new: str):
    path = preview.project.practices / slug / f"{lang}.md"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return path.resolve()


def page(preview, *parts: str):
    return soup(preview.output.joinpath(*parts, "index.html"))


def test_a_changed_title_is_rendered_on_its_pages_and_listings_only(preview):
    about = preview.output / "en" / "about" / "index.html"
    before = about.stat().st_mtime_ns
    version = preview.state.version
    path = edit(preview, "school-network", "en", "School network against racism", "Schools united")
    preview.changed({path})
    assert page(preview, "en", "practices", "school-network").h1.get_text() == "Schools united"
    assert "Schools united" in page(preview, "en").get_text()  # the home listing
    assert "Schools united" in page(preview, "en", "themes", "networks").get_text()
    assert "Schools united" in page(preview, "fi", "practices", "school-network").h1.get_text()
    assert about.stat().st_mtime_ns == before  # a page that does not show it is left alone
    assert preview.state.version > version and preview.state.problems == []


def test_a_temporary_file_beside_a_practice_does_not_rebuild_everything(preview):
    about = preview.output / "en" / "about" / "index.html"
    before = about.stat().st_mtime_ns
    path = edit(preview, "school-network", "en", "School network against racism", "Schools united")
    gone = path.with_name("sedX1b2c3")  # `sed -i` writes a file like this and renames it
    preview.changed({path, gone})
    assert page(preview, "en", "practices", "school-network").h1.get_text() == "Schools united"
    assert about.stat().st_mtime_ns == before  # not a full build


def test_a_problem_is_shown_and_the_site_stays_as_it_was(preview):
    path = edit(preview, "school-network", "de", "country: DE", "country: Deutschland")
    preview.changed({path})
    assert preview.state.problems and "country" in preview.state.problems[0]
    german = page(preview, "de", "practices", "school-network")
    assert german.h1.get_text() == "Schulnetzwerk gegen Rassismus"  # untouched
    edit(preview, "school-network", "de", "country: Deutschland", "country: DE")
    preview.changed({path})
    assert preview.state.problems == []


def test_search_open_data_and_feeds_follow_in_the_background(preview):
    path = edit(preview, "school-network", "en", "School network against racism", "Schools united")
    preview.changed({path})
    deadline = time.monotonic() + 30
    while preview.follow.busy() or preview.state.indexing:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    data = json.loads((preview.output / "catalogue.json").read_text(encoding="utf-8"))
    titles = [v["front_matter"]["title"] for p in data["practices"] for v in p["versions"]]
    assert "Schools united" in titles
    assert (preview.output / "pagefind" / "pagefind-entry.json").is_file()
    assert not list(preview.output.parent.glob(".output.index-*"))


def test_a_newer_change_stops_the_follow_up_of_the_last(preview):
    path = edit(preview, "school-network", "en", "School network against racism", "Schools united")
    preview.changed({path})
    first = preview.follow.process
    assert preview.state.indexing  # the page says the index is being refreshed
    edit(preview, "school-network", "en", "Schools united", "Schools together")
    preview.changed({path})
    assert not first.is_alive()
    preview.follow.process.join(60)
    deadline = time.monotonic() + 5
    while preview.state.indexing:  # the waiting thread clears it just after the join
        assert time.monotonic() < deadline
        time.sleep(0.05)
    data = json.loads((preview.output / "catalogue.json").read_text(encoding="utf-8"))
    titles = {v["front_matter"]["title"] for p in data["practices"] for v in p["versions"]}
    assert "Schools together" in titles and "Schools united" not in titles
    assert (preview.output / "pagefind" / "pagefind-entry.json").is_file()
    assert not list(preview.output.parent.glob(".output.index-*"))
    assert not list(preview.output.glob(".*.old"))


def test_a_newer_change_comes_before_the_other_pages_of_the_last(preview):
    home = preview.output / "en" / "index.html"
    path = edit(preview, "school-network", "en", "School network against racism", "Schools united")
    preview.queue.put({Path("/a/newer/change")})  # saved while this change is handled
    preview.changed({path})
    assert page(preview, "en", "practices", "school-network").h1.get_text() == "Schools united"
    assert "Schools united" not in home.read_text(encoding="utf-8")  # left for the next change
    assert preview.unsettled == {"school-network"} and not preview.follow.busy()
    preview.queue.get()  # the newer change is taken up: another practice
    other = edit(preview, "police-diversity-network", "nl", "Diversiteitsnetwerk", "Netwerk")
    preview.changed({other})
    listing = soup(home).get_text()
    assert "Schools united" in listing  # the pages held back are brought up to date too
    assert preview.unsettled == set()
    assert (
        page(preview, "nl", "practices", "police-diversity-network")
        .h1.get_text()
        .startswith("Netwerk")
    )


def test_a_follow_up_is_stopped_with_what_it_started(tmp_path):
    """Stopping a follow-up ends it and the programs it started (Pagefind), at once."""
    state = State()
    follow = FollowUp(state)
    pid_file = tmp_path / "child.pid"

    def work():  # a stand-in for a long index run: a child program that would outlive it
        child = subprocess.Popen(["sleep", "300"])
        pid_file.write_text(str(child.pid))
        child.wait()

    follow.start(work)
    assert state.indexing
    deadline = time.monotonic() + 10
    while not pid_file.exists():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    follow.stop()
    assert follow.process.exitcode == -signal.SIGTERM
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while Path(f"/proc/{child}").exists() and "Z" not in process_state(child):
        assert time.monotonic() < deadline, "the program started by the follow-up still runs"
        time.sleep(0.05)


def process_state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "Z"


def test_served_pages_get_the_live_script_and_the_state(preview):
    handler = functools.partial(Handler, preview=preview)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        html = urllib.request.urlopen(f"{base}/en/").read().decode("utf-8")
        assert '<script src="/__praxisbook__/live.js" defer></script></body>' in html
        state = json.loads(urllib.request.urlopen(f"{base}/__praxisbook__/state").read())
        assert state == {"version": preview.state.version, "problems": [], "indexing": False}
        script = urllib.request.urlopen(f"{base}/__praxisbook__/live.js").read()
        assert b"location.reload()" in script
    finally:
        server.shutdown()
        server.server_close()
    assert "live.js" not in (preview.output / "en" / "index.html").read_text(encoding="utf-8")


@contextlib.contextmanager
def serving(tmp_path):
    """`praxisbook serve` of a tiny project, as an editor starts it: (project, page URL)."""
    import os
    import sys

    project = make_project(tmp_path / "site", TINY)
    port = free_port()
    script = Path(sys.executable).parent / "praxisbook"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1763769600"}
    server = subprocess.Popen(
        [str(script), "--project", str(project.root), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    try:
        yield project, f"http://127.0.0.1:{port}/en/practices/school-network/"
    finally:
        server.terminate()
        server.wait(timeout=10)


def save_title(project, title: str) -> None:
    path = project.practices / "school-network" / "en.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("School network against racism", title), "utf-8")


def test_praxisbook_serve_shows_a_saved_title_without_a_restart(tmp_path):
    with serving(tmp_path) as (project, url):
        assert wait_for(lambda: "School network against racism" in fetch(url, 2), 60)
        save_title(project, "Schools united")
        assert wait_for(lambda: "<h1>Schools united</h1>" in fetch(url, 2), 15)


def test_a_title_saved_while_the_first_build_runs_is_shown_after_it(tmp_path):
    """An editor starts the preview and saves a correction at once: the first build, which
    has read the file already, must not be the last word (it was, before `listen`)."""
    with serving(tmp_path) as (project, url):
        # The build's temporary folder appears once every file has been read and checked.
        assert wait_for(lambda: any(project.root.glob(".output.tmp-*")), 60, step=0.01)
        save_title(project, "Schools united")
        assert wait_for(lambda: "<h1>Schools united</h1>" in fetch(url, 2), 30)


def test_a_port_in_use_is_said_at_once_in_words_before_any_build(tmp_path):
    import socket
    import sys

    project = make_project(tmp_path / "site", TINY)
    script = Path(sys.executable).parent / "praxisbook"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [str(script), "--project", str(project.root), "serve", "--port", str(port)],
            check=False, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith(f"Port {port} is in use: another `praxisbook serve`")
    assert f"`praxisbook serve --port {port + 1}` (`make serve PORT={port + 1}`)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not project.output.exists()  # said before building, not half a minute later


def test_a_changed_country_moves_the_map_the_glance_and_the_comparison(preview):
    from praxisbook.site.compare import unpacked

    path = edit(preview, "school-network", "de", "country: DE", "country: AT")
    preview.changed({path})
    germany, austria = (
        'svg.europe-map a[data-country="DE"]',
        'svg.europe-map a[data-country="AT"]',
    )
    for parts in (("en", "map"), ("en",)):  # the map page, and the home page's small map
        assert not page(preview, *parts).select(germany)
        assert page(preview, *parts).select_one(austria)["href"] == "/en/countries/at/"
    facts = unpacked((preview.output / "en" / "compare" / "facts.js").read_text("utf-8"))
    row = facts["rows"].index("country")
    school = next(p for p in facts["practices"] if p[0] == "school-network")
    assert facts["values"][school[3][row]] == "Austria"
