"""The README stays true to the Makefile and the command line."""

from __future__ import annotations

import re
from pathlib import Path

from praxisbook.cli import parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def documented_make_targets() -> list[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return re.findall(r"^([a-z0-9-]+):.*## ", makefile, flags=re.MULTILINE)


def test_readme_quick_start_is_the_two_commands():
    quick_start = README.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^make \w+", quick_start, flags=re.MULTILINE)
    assert commands == ["make build", "make test"]


def test_every_make_target_with_help_is_in_the_readme():
    missing = [t for t in documented_make_targets() if f"make {t}" not in README and t != "help"]
    assert missing == []


def test_every_praxisbook_command_is_in_the_readme():
    verbs = parser()._subparsers._group_actions[0].choices
    missing = [verb for verb in verbs if f"praxisbook {verb}" not in README]
    assert missing == []


def test_every_command_has_help():
    verbs = parser()._subparsers._group_actions[0].choices
    assert all(sub.description for sub in verbs.values())
