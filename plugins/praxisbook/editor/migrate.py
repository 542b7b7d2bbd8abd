"""`praxisbook migrate`: bring practice files written for an older front-matter shape up to date.

Each step edits the text where the reader says a key is, so comments, quoting
and layout stay as the editor wrote them. Steps are idempotent: a file that
is up to date is left byte for byte as it was. The shapes and their changes
are listed in docs/open-data.md ("Changelog").

Front matter 1 → 2:
- `source.document` is now `source.title` (it names what the source is, and
  a translation may translate it);
- an original records `added`, the day it entered the catalogue: from git,
  the day the folder's first file was committed; else `last_reviewed`.
"""

from __future__ import annotations

import datetime
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..catalogue.folders import is_original, practice_files
from ..catalogue.read import Document, parse_text

FRONT_MATTER_VERSION = 2


@dataclass
class Edit:
    """Text edits to one file, applied from the end so earlier positions stay right."""

    lines: list[str]
    changes: list[str] = field(default_factory=list)

    def replace(self, line: int, col: int, old: str, new: str, why: str) -> None:
        text = self.lines[line - 1]
        assert text[col - 1 : col - 1 + len(old)] == old, (text, old)
        self.lines[line - 1] = text[: col - 1] + new + text[col - 1 + len(old) :]
        self.changes.append(why)

    def insert(self, line: int, text: str, why: str) -> None:
        """Insert `text` as a new line before line `line` (1-based)."""
        self.lines.insert(line - 1, text + "\n")
        self.changes.append(why)


def rename_source_document(doc: Document, edit: Edit) -> None:
    position = doc.key_positions.get(("source", "document"))
    if position is not None and ("source", "title") not in doc.key_positions:
        edit.replace(*position, "document", "title", "source.document is now source.title")


def closing_fence(doc: Document) -> int:
    """The line of the front matter's closing `---`."""
    return doc.body_line - 1


def add_added(doc: Document, edit: Edit, added: str) -> None:
    if not is_original(doc) or "added" in doc.meta:
        return
    after = doc.key_positions.get(("last_reviewed",))
    line = after[0] + 1 if after else closing_fence(doc)
    edit.insert(line, f'added: "{added}"', f"added: {added}")


def first_commit_day(folder: Path) -> str | None:
    """The day the folder's first file was committed, if git knows it."""
    command = ["git", "-C", str(folder), "log", "--diff-filter=A", "--format=%cs", "--", "."]
    try:
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    days = [line for line in out.split() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", line)]
    return min(days) if days else None


def added_day(doc: Document, given: str | None) -> str:
    reviewed = doc.meta.get("last_reviewed")
    fallback = reviewed if isinstance(reviewed, str) else datetime.date.today().isoformat()
    return given or first_commit_day(doc.path.parent) or fallback


def migrate_text(path: Path, text: str, added: str | None = None) -> tuple[str, list[str]]:
    """The file's text in the current shape, and what was changed (nothing: the same text)."""
    doc = parse_text(path, text)
    if not isinstance(doc.meta, dict):
        return text, []  # a broken file: `praxisbook validate` says why
    edit = Edit(text.splitlines(keepends=True))
    rename_source_document(doc, edit)  # keeps line numbers: before the insertion
    add_added(doc, edit, added_day(doc, added) if is_original(doc) else "")
    return "".join(edit.lines), edit.changes


def migrate(paths: list[Path], added: str | None = None, write: bool = True) -> dict[Path, list]:
    """Migrate every practice file under `paths`; returns the changes per changed file."""
    changed = {}
    for path in files_under(paths):
        text = path.read_text(encoding="utf-8")
        new, changes = migrate_text(path, text, added)
        if changes:
            changed[path] = changes
            if write:
                path.write_text(new, encoding="utf-8")
    return changed


def files_under(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        if path.is_file():
            found.append(path)
        elif (path / "practices").is_dir():
            found += practice_files(path / "practices")
        elif any(path.glob("*/*.md")):
            found += practice_files(path)
        else:
            found += sorted(path.glob("*.md"))
    return found
