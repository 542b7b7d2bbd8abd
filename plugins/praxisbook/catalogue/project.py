"""Where a Praxisbook project keeps its parts.

The engine is installed as a package, but the schema, vocabularies, theme and
content belong to the project checkout, so they are found from the project
root: the nearest folder above the working directory with a `pelicanconf.py`
and a `schema/`, else the checkout this package was installed from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGE_CHECKOUT = Path(__file__).resolve().parents[3]
UI_LANGUAGES = ("en", "de", "nl", "fr", "sv", "fi")


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def practices(self) -> Path:
        return self.content / "practices"

    @property
    def schema_dir(self) -> Path:
        return self.root / "schema"

    @property
    def theme(self) -> Path:
        return self.root / "theme"

    @property
    def translations(self) -> Path:
        return self.theme / "translations"

    @property
    def output(self) -> Path:
        return self.root / "output"

    @property
    def cache(self) -> Path:
        """Results kept between runs to save work; safe to delete at any time."""
        return self.root / ".cache" / "praxisbook"

    @property
    def settings_file(self) -> Path:
        return self.root / "pelicanconf.py"


def is_project(folder: Path) -> bool:
    return (folder / "pelicanconf.py").is_file() and (folder / "schema").is_dir()


def find_project(start: Path | None = None) -> Project:
    """The project around `start` (default: the working directory)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_project(folder):
            return Project(folder)
    return Project(PACKAGE_CHECKOUT)
