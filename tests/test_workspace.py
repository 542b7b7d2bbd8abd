"""The editors' workspace: a one-click Codespace, pre-commit hooks, editor settings, `make check`.

These files are read by tools this project does not run in its tests
(Codespaces, pre-commit, editors), so the tests check that they parse and say
what they must.
"""

from __future__ import annotations

import configparser
import json
import re
import sys
from pathlib import Path

import yaml

from praxisbook.cli import parser

from .conftest import ROOT

MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def make_recipe(target: str) -> tuple[str, list[str]]:
    """A Makefile target's prerequisites and its recipe lines."""
    found = re.search(rf"^{re.escape(target)}:([^#\n]*)(?:##.*)?\n((?:\t.*\n)*)", MAKEFILE, re.M)
    assert found, f"no `{target}` target in the Makefile"
    return found[1].strip(), [line.strip() for line in found[2].splitlines()]


# --- Codespaces -----------------------------------------------------------------------------


def test_the_codespace_builds_and_shows_the_site_without_a_terminal():
    config = json.loads((ROOT / ".devcontainer" / "devcontainer.json").read_text("utf-8"))
    assert re.fullmatch(r"mcr\.microsoft\.com/devcontainers/python:1-3\.11-\w+", config["image"])
    assert config["postCreateCommand"] == "make build"
    assert config["postAttachCommand"] == "make serve"
    _, recipe = make_recipe("serve")
    # Without PORT (as the codespace runs it) no --port is given: the command's default.
    assert recipe == ["$(BIN)/praxisbook serve $(if $(PORT),--port $(PORT))"]
    port = parser().parse_args(["serve"]).port
    assert config["forwardPorts"] == [port] == [8000]
    assert config["portsAttributes"][str(port)]["onAutoForward"] == "openPreview"


# --- pre-commit ---------------------------------------------------------------------------


def hooks() -> dict[str, dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"], "no hook repository to fetch"
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_pre_commit_validates_the_changed_practice_files():
    hook = hooks()["praxisbook-validate"]
    assert hook["entry"] == ".venv/bin/praxisbook validate"
    assert (hook["language"], hook["pass_filenames"]) == ("system", True)
    assert hook["files"] == r"^content/practices/.*\.md$"
    pattern = re.compile(hook["files"])
    assert pattern.search("content/practices/school-network/de.md")
    assert not pattern.search("docs/editing.md")
    assert not pattern.search("content/practices/school-network/photo.jpg")


def test_pre_commit_runs_ruff_from_the_venv_and_the_fast_lane_before_a_push():
    found = hooks()
    assert found["ruff-check"]["entry"].startswith(".venv/bin/ruff check")
    assert found["ruff-format"]["entry"].startswith(".venv/bin/ruff format --check")
    assert found["make-check"]["entry"] == "make check"
    assert found["make-check"]["stages"] == ["pre-push"]
    for hook in found.values():
        assert hook["language"] == "system"
        tool = hook["entry"].split()[0]
        if tool.startswith(".venv/bin/"):  # the same tools the tests run, next to this Python
            assert (Path(sys.executable).parent / Path(tool).name).is_file(), tool


# --- editors ------------------------------------------------------------------------------


def test_editorconfig_writes_utf8_lf_final_newline_and_two_space_yaml():
    config = configparser.ConfigParser()
    config.read_string((ROOT / ".editorconfig").read_text("utf-8").replace("root = true", ""))
    every = config["*"]
    assert (every["charset"], every["end_of_line"], every["insert_final_newline"]) == (
        "utf-8",
        "lf",
        "true",
    )
    assert config["*.{yml,yaml,json,html,css,js}"]["indent_size"] == "2"
    assert config["*.md"]["indent_size"] == "2"  # a practice file's front matter is YAML


# --- make check and make build ------------------------------------------------------------


def test_make_check_is_the_fast_lane():
    prerequisites, recipe = make_recipe("check")
    assert prerequisites == "lint"
    assert recipe == [
        '$(BIN)/python -m pytest -q -m "not browser and not slow"',
        "$(BIN)/praxisbook validate content/practices",
    ]


def test_make_build_installs_only_what_building_needs():
    prerequisites, _ = make_recipe("build")
    assert prerequisites == "$(STAMP)"
    _, install = make_recipe("$(STAMP)")
    assert any(line.endswith("-e .") for line in install)
    assert not any("[test]" in line or "playwright" in line for line in install)
    project = (ROOT / "pyproject.toml").read_text("utf-8").split("[project.optional-dependencies]")
    assert "playwright" not in project[0]
