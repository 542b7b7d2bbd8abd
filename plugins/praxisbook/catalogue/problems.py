"""Problems found in content, and the three ways of printing them.

Every stage reports problems instead of raising, so that one run can show an
editor everything that is wrong at once.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path


class BuildError(Exception):
    """A stage failed; the message says why in words an editor can act on."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a reviewer's look) in one file."""

    path: str
    line: int
    col: int
    field: str
    message: str
    hint: str = ""
    severity: str = "error"  # "error" stops the build; "warning" does not

    @property
    def place(self) -> str:
        """`path:line:col`, or `path:line` where there is no column (an issue's answer)."""
        return f"{self.path}:{self.line}:{self.col}" if self.col else f"{self.path}:{self.line}"

    def text(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        head = f"{self.place}: {self.field}: {prefix}{self.message}"
        return f"{head}\n    hint: {self.hint}" if self.hint else head

    def github(self) -> str:
        kind = "warning" if self.severity == "warning" else "error"
        body = f"{self.message}. Hint: {self.hint}" if self.hint else self.message
        body = body.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path, title = _property(self.path), _property(self.field)
        loc = f"file={path},line={self.line},col={self.col},title={title}"
        return f"::{kind} {loc}::{body}"


def _property(value: str) -> str:
    """Escape a workflow-command property: `,` and `:` would end it early."""
    for char, code in (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C")):
        value = value.replace(char, code)
    return value


def field_name(path: tuple) -> str:
    """Render a value path such as ('milestones', 2, 'date') as `milestones[2].date`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(front matter)"


def display_path(path: Path) -> str:
    """Show paths relative to the working directory when they are below it."""
    try:
        return str(path.resolve().relative_to(_resolved(os.getcwd())))
    except ValueError:
        return str(path)


@lru_cache(maxsize=8)
def _resolved(folder: str) -> Path:
    """The working directory, resolved once (a system call per part of the path)."""
    return Path(folder).resolve()


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def summary(problems: list[Problem], files: int) -> str:
    n_err = len(errors(problems))
    n_warn = len(problems) - n_err
    noun = "file" if files == 1 else "files"
    if not problems:
        return f"OK: {files} {noun} checked, no problems."
    parts = [f"{n_err} error{'s' * (n_err != 1)}"]
    if n_warn:
        parts.append(f"{n_warn} warning{'s' * (n_warn != 1)}")
    verdict = "Aborted" if n_err else "OK"
    return f"{verdict}: {' and '.join(parts)} in {files} {noun} checked."


def render(problems: list[Problem], files: int, fmt: str, closing: str | None = None) -> str:
    """The whole report in one of the formats `text`, `json` or `github`.

    `closing` replaces the last line (the count of errors and files checked).
    """
    ordered = sorted(problems)
    if fmt == "json":
        data = {"files": files, "problems": [asdict(p) for p in ordered]}
        return json.dumps(data, ensure_ascii=False, indent=2)
    last = closing or summary(problems, files)
    if fmt == "github":
        return "\n".join([*(p.github() for p in ordered), last])
    return "\n".join([*(p.text() for p in ordered), last])
