"""`praxisbook propose-pr`, the script part of .github/workflows/proposal.yml, on saved events.

The events in tests/fixtures/events/ are `issues` payloads as GitHub sends
them. GitHub itself is replaced by `FakeGitHub` through the one seam the
module has for it (`github()`); the seam itself is tested against a local
HTTP server.
"""

from __future__ import annotations

import datetime
import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import ClassVar

import pytest

from praxisbook.catalogue.read import parse_text
from praxisbook.cli import main
from praxisbook.editor import proposal
from praxisbook.editor.proposal import ApiError, Proposer, load_event, report_checks

from .conftest import ROOT, TINY, make_project

EVENTS = Path(__file__).parent / "fixtures" / "events"
REPO = "/repos/praxisbook/praxisbook"
PATH = "content/practices/bochum-schools-against-racism-network/de.md"
REVIEWED = datetime.date(2026, 11, 22)
HOSTILE_TITLE = (
    "Schulnetzwerk $(touch PWNED) `touch PWNED` ${{ secrets.GITHUB_TOKEN }} '; touch PWNED #"
)


class FakeGitHub:
    """GitHub's REST API as far as the proposal uses it; every call is recorded."""

    def __init__(self, branch_exists: bool = False, open_pr: bool = False):
        self.branch_exists, self.open_pr = branch_exists, open_pr
        self.calls: list[tuple[str, str, dict | None]] = []

    def __call__(self, method: str, path: str, body: dict | None = None) -> object:
        self.calls.append((method, path, body))
        answers = {
            ("GET", f"{REPO}/git/ref/heads/main"): {"object": {"sha": "base"}},
            ("GET", f"{REPO}/git/commits/base"): {"tree": {"sha": "base-tree"}},
            ("POST", f"{REPO}/git/trees"): {"sha": "new-tree"},
            ("POST", f"{REPO}/git/commits"): {"sha": "new-commit"},
            ("POST", f"{REPO}/pulls"): {"number": 7},
        }
        if (method, path) in answers:
            return answers[(method, path)]
        if path == f"{REPO}/git/ref/heads/proposal/42":
            if not self.branch_exists:
                raise ApiError(404, "Not Found")
            return {"object": {"sha": "earlier"}}
        if path.startswith(f"{REPO}/pulls?"):
            return [{"number": 7}] if self.open_pr else []
        return {}

    def made(self, method: str, path: str) -> list[dict | None]:
        return [body for m, p, body in self.calls if (m, p) == (method, path)]


@pytest.fixture
def project(tmp_path):
    """A checkout of the default branch: the tiny catalogue, without the Bochum practice."""
    return make_project(tmp_path / "site", TINY)


def run(project, event: str, api: FakeGitHub) -> proposal.Outcome:
    return Proposer(load_event(EVENTS / event), project.root, api, REVIEWED).run()


def test_an_accepted_proposal_becomes_a_pull_request(project):
    api = FakeGitHub()
    outcome = run(project, "accepted.json", api)
    assert (outcome.pr, outcome.path) == (7, PATH)
    assert [(m, p) for m, p, _ in api.calls] == [
        ("GET", f"{REPO}/git/ref/heads/main"),
        ("GET", f"{REPO}/git/commits/base"),
        ("POST", f"{REPO}/git/trees"),
        ("POST", f"{REPO}/git/commits"),
        ("GET", f"{REPO}/git/ref/heads/proposal/42"),
        ("POST", f"{REPO}/git/refs"),
        ("GET", f"{REPO}/pulls?state=open&head=praxisbook:proposal/42"),
        ("POST", f"{REPO}/pulls"),
        ("POST", f"{REPO}/issues/42/comments"),
    ]
    [tree] = api.made("POST", f"{REPO}/git/trees")
    [entry] = tree["tree"]
    assert (tree["base_tree"], entry["path"], entry["mode"]) == ("base-tree", PATH, "100644")
    doc = parse_text(Path(PATH), entry["content"])
    assert doc.problems == []
    assert doc.meta["title"] == "Bochumer Schulnetzwerk gegen Rassismus und Diskriminierung"
    assert doc.meta["last_reviewed"] == "2026-11-22"
    [commit] = api.made("POST", f"{REPO}/git/commits")
    assert commit == {
        "message": f"Add {PATH} from issue #42",
        "tree": "new-tree",
        "parents": ["base"],
    }
    assert api.made("POST", f"{REPO}/git/refs") == [
        {"ref": "refs/heads/proposal/42", "sha": "new-commit"}
    ]
    [pr] = api.made("POST", f"{REPO}/pulls")
    assert (pr["head"], pr["base"]) == ("proposal/42", "main")
    assert pr["title"].startswith("Practice proposal #42: Bochumer Schulnetzwerk")
    assert "\nCloses #42\n" in pr["body"]
    [comment] = api.made("POST", f"{REPO}/issues/42/comments")
    assert comment["body"].startswith(f"This proposal is now pull request #7, as `{PATH}`.")


def test_a_proposal_with_problems_gets_a_comment_in_plain_words_and_nothing_else(project):
    api = FakeGitHub()
    outcome = run(project, "accepted-with-problems.json", api)
    assert outcome.pr is None
    [(method, path, body)] = api.calls
    assert (method, path) == ("POST", f"{REPO}/issues/42/comments")
    lines = body["body"].splitlines()
    assert lines[0] == (
        "Thank you for this proposal. Before it can become an entry, 3 answers need a change."
        " Nothing was created yet."
    )
    assert lines[2:4] == ["| Question | What is wrong | How to fix it |", "| --- | --- | --- |"]
    assert lines[4] == "| Title | required field is missing | fill in “Title” |"
    assert lines[5].startswith("| Country | `AX` is not an allowed value | allowed: `AD`, ")
    assert lines[6] == (
        "| Start | `Juni 2016` is not written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`"
        " | did you mean `2016-06`? |"
    )
    assert "removes the label `accepted` and adds it again" in lines[-1]


def test_an_edit_after_labelling_is_ignored(project):
    api = FakeGitHub()
    outcome = run(project, "edited-after-labelling.json", api)
    assert api.calls == []
    assert outcome.summary == (
        "Nothing to do: the issue was edited; only adding the label `accepted` opens a pull"
        " request."
    )


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        ("labelled-other.json", "the issue was labeled; only adding the label `accepted`"),
        ("accepted-not-a-proposal.json", "issue #42 is not a proposal"),
    ],
)
def test_other_labels_and_other_issues_are_ignored(project, event, reason):
    api = FakeGitHub()
    assert reason in run(project, event, api).summary
    assert api.calls == []


def test_labelling_again_brings_the_branch_and_the_pull_request_up_to_date(project):
    api = FakeGitHub(branch_exists=True, open_pr=True)
    assert run(project, "accepted.json", api).pr == 7
    assert api.made("PATCH", f"{REPO}/git/refs/heads/proposal/42") == [
        {"sha": "new-commit", "force": True}
    ]
    assert api.made("POST", f"{REPO}/git/refs") == []
    assert api.made("POST", f"{REPO}/pulls") == []
    [update] = api.made("PATCH", f"{REPO}/pulls/7")
    assert "Closes #42" in update["body"]


def test_a_folder_name_that_is_taken_is_a_problem(project):
    (project.practices / "bochum-schools-against-racism-network").mkdir()
    api = FakeGitHub()
    run(project, "accepted.json", api)
    [(_, path, body)] = api.calls
    assert path == f"{REPO}/issues/42/comments"
    assert (
        "| Title in English | the folder name `bochum-schools-against-racism-network` belongs"
        " to a practice that exists |"
    ) in body["body"]


def test_hostile_issue_text_reaches_github_as_text_and_runs_nothing(project, monkeypatch):
    monkeypatch.chdir(project.root)
    api = FakeGitHub()
    outcome = run(project, "accepted-hostile.json", api)
    [tree] = api.made("POST", f"{REPO}/git/trees")
    doc = parse_text(Path(outcome.path), tree["tree"][0]["content"])
    assert doc.meta["title"] == HOSTILE_TITLE
    assert "Run `touch PWNED` and $(touch PWNED) and ${{ github.event.issue.body }}" in doc.body
    [pr] = api.made("POST", f"{REPO}/pulls")
    assert pr["title"] == f"Practice proposal #42: {HOSTILE_TITLE}"
    assert not (project.root / "PWNED").exists()


def test_hostile_issue_text_through_the_installed_command(project):
    """As the workflow's `make proposal` runs it, in a shell, with the event in a file."""
    script = Path(sys.executable).parent / "praxisbook"
    event = EVENTS / "accepted-hostile.json"
    result = subprocess.run(
        [str(script), "propose-pr", "--event", str(event), "--dry-run"],
        cwd=project.root, capture_output=True, text=True, encoding="utf-8", timeout=60,
        check=False,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
    assert f'title: "{HOSTILE_TITLE}"' in result.stdout
    assert not (project.root / "PWNED").exists()


def test_the_workflow_never_puts_issue_text_into_a_shell():
    workflow = (ROOT / ".github" / "workflows" / "proposal.yml").read_text(encoding="utf-8")
    for field in ("body", "title", "user", "labels"):
        assert f"github.event.issue.{field}" not in workflow
    assert "github.event.issue.number" in workflow  # a number is safe, and names the branch


def test_the_checks_result_is_reported_on_the_pull_request_and_the_issue():
    api = FakeGitHub()
    issue = load_event(EVENTS / "accepted.json")
    report_checks(
        issue, 7, "failure", "https://github.com/praxisbook/praxisbook/actions/runs/9", api
    )
    text = (
        "The automatic checks of pull request #7 found a problem: open the run to see which"
        " check failed, and where. Run and preview:"
        " https://github.com/praxisbook/praxisbook/actions/runs/9"
    )
    assert api.calls == [
        ("POST", f"{REPO}/issues/7/comments", {"body": text}),
        ("POST", f"{REPO}/issues/42/comments", {"body": text}),
    ]


@pytest.mark.parametrize(("token", "checks"), [("", "inline"), ("a-bot-token", "pr")])
def test_the_command_writes_the_next_jobs_inputs(project, monkeypatch, tmp_path, token, checks):
    """With a token of its own, the pull request's own workflow runs the checks."""
    api = FakeGitHub()
    monkeypatch.setattr(proposal, "github", api)  # the one seam
    monkeypatch.chdir(project.root)
    monkeypatch.setenv("GITHUB_OUTPUT", str(tmp_path / "outputs"))
    monkeypatch.setenv("PROPOSAL_TOKEN", token)
    event = str(EVENTS / "accepted.json")
    assert main(["propose-pr", "--event", event, "--reviewed", "2026-11-22"]) == 0
    assert (tmp_path / "outputs").read_text(encoding="utf-8") == f"pr=7\nchecks={checks}\n"


def test_the_command_reports_the_checks(project, monkeypatch):
    api = FakeGitHub()
    monkeypatch.setattr(proposal, "github", api)
    monkeypatch.chdir(project.root)
    for name, value in {"GITHUB_REPOSITORY": "praxisbook/praxisbook", "GITHUB_RUN_ID": "9"}.items():
        monkeypatch.setenv(name, value)
    event = str(EVENTS / "accepted.json")
    assert main(["propose-pr", "--event", event, "--report", "success", "--pr", "7"]) == 0
    [body] = api.made("POST", f"{REPO}/issues/42/comments")
    assert body["body"].startswith("The automatic checks of pull request #7 passed")
    assert body["body"].endswith("github.com/praxisbook/praxisbook/actions/runs/9")


# --- the seam itself, against a local server ----------------------------------------------


class Recorder(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list] = []

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        Recorder.seen.append((self.path, dict(self.headers), json.loads(self.rfile.read(length))))
        self.answer(201, {"number": 7})

    def do_GET(self):
        self.answer(404, {"message": "Not Found"})

    def answer(self, status: int, data: dict):
        payload = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format, *args):
        pass


@pytest.fixture
def local_api(monkeypatch):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("GITHUB_API_URL", f"http://127.0.0.1:{server.server_address[1]}")
    monkeypatch.setenv("GITHUB_TOKEN", "the-workflow-token")
    monkeypatch.delenv("PROPOSAL_TOKEN", raising=False)
    Recorder.seen = []
    yield Recorder.seen
    server.shutdown()
    server.server_close()


def test_github_sends_json_with_the_token_and_reads_the_answer(local_api):
    body = {"title": "Schulnetzwerk $(touch PWNED)", "head": "proposal/42"}
    assert proposal.github("POST", f"{REPO}/pulls", body) == {"number": 7}
    [(path, headers, received)] = local_api
    assert (path, received) == (f"{REPO}/pulls", body)
    assert headers["Authorization"] == "Bearer the-workflow-token"
    assert headers["Accept"] == "application/vnd.github+json"


def test_github_raises_the_status_of_an_error(local_api):
    with pytest.raises(ApiError) as raised:
        proposal.github("GET", f"{REPO}/git/ref/heads/proposal/42")
    assert raised.value.status == 404


def test_the_token_of_its_own_is_preferred(local_api, monkeypatch):
    monkeypatch.setenv("PROPOSAL_TOKEN", "a-bot-token")
    proposal.github("POST", f"{REPO}/issues/42/comments", {"body": "x"})
    assert local_api[0][1]["Authorization"] == "Bearer a-bot-token"
