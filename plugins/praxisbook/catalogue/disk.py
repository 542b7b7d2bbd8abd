"""What validation may ask of the files around a practice, behind one small interface.

Validation works on text. The few rules that need the disk (is `photo.jpg`
next to the text? which language versions does the folder hold?) ask a
`Disk`. `praxisbook validate` uses the real one; `import-issue` and `new`
check a text before any file exists, with `NoDisk`, so neither writes a
scratch folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol


class Disk(Protocol):
    def languages(self, folder: Path) -> set[str]:
        """Language codes of the versions (`<lang>.md`) in a practice folder."""

    def has_file(self, path: Path) -> bool:
        """Whether a file (an image next to a text) exists."""


class RealDisk:
    def languages(self, folder: Path) -> set[str]:
        return {p.stem for p in folder.glob("*.md")}

    def has_file(self, path: Path) -> bool:
        return path.is_file()


class NoDisk:
    """A text that is not on disk yet: no other versions, and images cannot be checked."""

    def __init__(self, languages: set[str] | None = None):
        self.known = set(languages or ())

    def languages(self, folder: Path) -> set[str]:
        return set(self.known)

    def has_file(self, path: Path) -> bool:
        return True  # nothing to compare with; the pull request's own check reads the disk
