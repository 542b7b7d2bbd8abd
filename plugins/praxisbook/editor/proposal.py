"""`praxisbook propose-pr`: an accepted "Propose a practice" issue becomes a pull request.

The workflow `.github/workflows/proposal.yml` runs it when a maintainer adds
the label `accepted` to an issue made with the form. It reads the issue's body
from the event payload as it was at that moment (a later edit is read only
when the label is added again), turns it into an entry with `import-issue`'s
rules, and either comments the problems back on the issue in plain words and
opens nothing, or commits the entry to the branch `proposal/<issue number>`
and opens (or updates) a pull request that closes the issue.

Every call to GitHub goes through `github()`, the one seam the tests replace.
The issue's text reaches GitHub only as JSON values, never through a shell.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..catalogue.problems import BuildError, Problem
from ..catalogue.schema import load_schema
from .importissue import Imported, form_path, import_issue, load_form

ACCEPTED = "accepted"
PROPOSAL = "practice proposal"  # the label the issue form gives every proposal
GUIDE = "docs/editing.md"
Api = Callable[[str, str, dict | None], object]


class ApiError(BuildError):
    """GitHub answered with an error status."""

    def __init__(self, status: int, message: str):
        super().__init__(
            f"praxisbook propose-pr: GitHub answered {status} {message}\n"
            "    hint: the job needs `contents`, `pull-requests` and `issues: write`"
        )
        self.status = status


def github(method: str, path: str, body: dict | None = None) -> object:
    """One call of GitHub's REST API with the workflow's token: the seam tests replace."""
    base = os.environ.get("GITHUB_API_URL", "https://api.github.com")
    token = os.environ.get("PROPOSAL_TOKEN") or os.environ["GITHUB_TOKEN"]
    headers = {
        "Authorization": f"Bearer {token}",
        "Accept": "application/vnd.github+json",
        "X-GitHub-Api-Version": "2022-11-28",
        "User-Agent": "praxisbook-proposal",
    }
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(base + path, data, headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
    except urllib.error.HTTPError as exc:
        raise ApiError(exc.code, exc.reason) from None
    return json.loads(text) if text else {}


@dataclass(frozen=True)
class Issue:
    """What the `issues` event says, and only that."""

    action: str
    label: str
    number: int
    body: str
    labels: frozenset[str]
    repository: str  # owner/name
    default_branch: str

    @property
    def branch(self) -> str:
        return f"proposal/{self.number}"

    @property
    def repo(self) -> str:
        return f"/repos/{self.repository}"


def load_event(path: Path) -> Issue:
    event = json.loads(path.read_text(encoding="utf-8"))
    issue, repository = event.get("issue") or {}, event.get("repository") or {}
    return Issue(
        action=str(event.get("action", "")),
        label=str((event.get("label") or {}).get("name", "")),
        number=int(issue.get("number", 0)),
        body=str(issue.get("body") or ""),
        labels=frozenset(str(label.get("name", "")) for label in issue.get("labels") or []),
        repository=str(repository.get("full_name", "")),
        default_branch=str(repository.get("default_branch", "main")),
    )


def ignored(issue: Issue) -> str | None:
    """Why this event opens nothing, or None: only adding `accepted` to a proposal counts."""
    if issue.action != "labeled" or issue.label != ACCEPTED:
        return (
            f"the issue was {issue.action}; only adding the label `{ACCEPTED}` opens a pull request"
        )
    if PROPOSAL not in issue.labels:
        return f"issue #{issue.number} is not a proposal (it has no label `{PROPOSAL}`)"
    return None


@dataclass
class Outcome:
    """What happened, for the log and for the workflow's next jobs."""

    summary: str
    pr: int | None = None
    path: str = ""

    def outputs(self, checks: str) -> dict[str, str]:
        return {"pr": str(self.pr or ""), "checks": checks if self.pr else ""}


# --- the proposal ------------------------------------------------------------------------------


class Proposer:
    """Turns one accepted issue into a pull request, or into a comment listing its problems."""

    def __init__(self, issue: Issue, root: Path, api: Api, today=None):
        self.issue, self.root, self.api, self.today = issue, root, api, today

    def run(self) -> Outcome:
        if reason := ignored(self.issue):
            return Outcome(f"Nothing to do: {reason}.")
        imported = self.imported()
        problems = imported.problems + self.taken(imported)
        if problems:
            self.comment(self.issue.number, problems_comment(problems, imported.questions))
            return Outcome(f"Issue #{self.issue.number} has {len(problems)} problem(s): commented.")
        path = f"content/practices/{imported.slug}/{imported.lang}.md"
        self.commit(path, imported.text)
        pr = self.pull_request(imported, path)
        self.comment(self.issue.number, opened_comment(pr, path))
        return Outcome(f"Pull request #{pr} holds {path}.", pr, path)

    def preview(self) -> str:
        """What `run` would do, without asking GitHub anything (`--dry-run`)."""
        if reason := ignored(self.issue):
            return f"Nothing to do: {reason}."
        imported = self.imported()
        if problems := imported.problems + self.taken(imported):
            return f"Would comment on #{self.issue.number}:\n\n" + problems_comment(
                problems, imported.questions
            )
        path = f"content/practices/{imported.slug}/{imported.lang}.md"
        body = pr_body(self.issue.number, path, imported)
        return f"Would open a pull request from {self.issue.branch}:\n\n{body}\n\n{imported.text}"

    def imported(self) -> Imported:
        form = load_form(form_path(self.root))
        schema = load_schema(self.root / "schema")
        return import_issue(self.issue.body, schema, form, reviewed=self.today)

    def taken(self, imported: Imported) -> list[Problem]:
        """A practice of that folder name exists on the default branch (this checkout)."""
        if not (self.root / "content" / "practices" / imported.slug).exists():
            return []
        hint = "give the practice a different title in English under “Title in English”"
        message = f"the folder name `{imported.slug}` belongs to a practice that exists"
        return [Problem("issue", 1, 0, "english_title", message, hint)]

    def comment(self, number: int, text: str) -> None:
        self.api("POST", f"{self.issue.repo}/issues/{number}/comments", {"body": text})

    def commit(self, path: str, text: str) -> None:
        """One commit on top of the default branch, with the entry; the branch points at it."""
        repo, branch = self.issue.repo, self.issue.branch
        base = self.api("GET", f"{repo}/git/ref/heads/{self.issue.default_branch}", None)
        parent = base["object"]["sha"]
        tree_of = self.api("GET", f"{repo}/git/commits/{parent}", None)["tree"]["sha"]
        entry = {"path": path, "mode": "100644", "type": "blob", "content": text}
        tree = self.api("POST", f"{repo}/git/trees", {"base_tree": tree_of, "tree": [entry]})
        message = f"Add {path} from issue #{self.issue.number}"
        commit = {"message": message, "tree": tree["sha"], "parents": [parent]}
        sha = self.api("POST", f"{repo}/git/commits", commit)["sha"]
        try:  # labelled again after an edit: the branch starts over from the new entry
            self.api("GET", f"{repo}/git/ref/heads/{branch}", None)
        except ApiError as exc:
            if exc.status != 404:
                raise
            self.api("POST", f"{repo}/git/refs", {"ref": f"refs/heads/{branch}", "sha": sha})
        else:
            self.api("PATCH", f"{repo}/git/refs/heads/{branch}", {"sha": sha, "force": True})

    def pull_request(self, imported: Imported, path: str) -> int:
        """The open pull request of the branch, updated, or a new one."""
        repo, owner = self.issue.repo, self.issue.repository.split("/")[0]
        title = f"Practice proposal #{self.issue.number}: {imported.title}"
        body = pr_body(self.issue.number, path, imported)
        found = self.api("GET", f"{repo}/pulls?state=open&head={owner}:{self.issue.branch}", None)
        if found:
            number = found[0]["number"]
            self.api("PATCH", f"{repo}/pulls/{number}", {"title": title, "body": body})
            return number
        fields = {"title": title, "body": body, "head": self.issue.branch}
        created = self.api("POST", f"{repo}/pulls", {**fields, "base": self.issue.default_branch})
        return created["number"]


# --- what it says ------------------------------------------------------------------------------


def cell(text: str) -> str:
    """Text for one cell of a Markdown table: no line breaks, no column breaks."""
    return " ".join(text.split()).replace("|", "\\|")


def problems_comment(problems: list[Problem], questions: dict[str, str]) -> str:
    """Each problem as question, what is wrong, how to fix it: for the person who proposed it."""
    rows = [
        f"| {cell(questions.get(p.field, p.field))} | {cell(p.message)} | {cell(p.hint or '')} |"
        for p in problems
    ]
    count = f"{len(problems)} answer{'s' * (len(problems) != 1)}"
    return "\n".join(
        [
            f"Thank you for this proposal. Before it can become an entry, {count} need"
            f"{'s' * (len(problems) == 1)} a change. Nothing was created yet.",
            "",
            "| Question | What is wrong | How to fix it |",
            "| --- | --- | --- |",
            *rows,
            "",
            "Please edit the issue (the `···` menu, then *Edit*) and correct these answers."
            f" Then a maintainer removes the label `{ACCEPTED}` and adds it again: changes made"
            " after the label was added are read only then.",
        ]
    )


def opened_comment(pr: int, path: str) -> str:
    return (
        f"This proposal is now pull request #{pr}, as `{path}`. An editor checks it against"
        " its source before it is published; the results of the automatic checks follow here."
        f" Changes to this issue from now on are read only when the label `{ACCEPTED}` is"
        " added again."
    )


def pr_body(number: int, path: str, imported: Imported) -> str:
    folder = f"- [ ] the folder name `{imported.slug}` is in English"
    if not imported.slug_in_english:
        folder += " (it was made from a title in another language: rename the folder)"
    return "\n".join(
        [
            f"Adds `{path}`, proposed in #{number}.",
            "",
            f"Closes #{number}",
            "",
            f"Before merging, an editor checks ({GUIDE}):",
            "",
            "- [ ] every fact is in the source, and nothing is guessed",
            folder,
            "- [ ] fields the source states beyond the form's basics are added",
        ]
    )


CHECK_RESULTS = {
    "success": "passed: the entry is valid, the site builds and the tests pass",
    "failure": "found a problem: open the run to see which check failed, and where",
    "cancelled": "were stopped before they finished; add the label again to run them anew",
    "skipped": "did not run",
}


def report_checks(issue: Issue, pr: int, result: str, run_url: str, api: Api) -> None:
    """The checks' result, in words, on the pull request and on the issue."""
    words = CHECK_RESULTS.get(result, f"ended as `{result}`")
    text = f"The automatic checks of pull request #{pr} {words}. Run and preview: {run_url}"
    for number in (pr, issue.number):
        api("POST", f"{issue.repo}/issues/{number}/comments", {"body": text})


def run_url() -> str:
    """This workflow run's page, where the checks' logs and the preview are."""
    server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
    repository, run = os.environ.get("GITHUB_REPOSITORY", ""), os.environ.get("GITHUB_RUN_ID", "")
    return f"{server}/{repository}/actions/runs/{run}"


def write_outputs(values: dict[str, str]) -> None:
    """Step outputs for the workflow's next jobs (only our own values, never issue text)."""
    target = os.environ.get("GITHUB_OUTPUT")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.writelines(f"{key}={value}\n" for key, value in values.items())
