"""The theme's scripts and stylesheets as the site serves them: without comments and layout.

`theme/static/` keeps them readable, with the comments that say why; the copy
Pelican writes into the site is minified in place after each run. rjsmin and
rcssmin only drop comments and whitespace (no renaming), so a script in the
browser's debugger still reads like its source. They shrink what a reader's
first search loads by about a third of the theme's part (docs/performance.md).
Minifying is idempotent: a file minified twice is the same file.
"""

from __future__ import annotations

from pathlib import Path


def minified(path: Path, text: str) -> str:
    import rcssmin
    import rjsmin

    if path.suffix == ".js":
        return rjsmin.jsmin(text).strip() + "\n"
    return rcssmin.cssmin(text).strip() + "\n"


def minify_theme(folder: Path) -> None:
    """Minify every script and stylesheet under `folder` (the site's copy of the theme)."""
    for path in sorted([*folder.rglob("*.js"), *folder.rglob("*.css")]):
        text = path.read_text(encoding="utf-8")
        small = minified(path, text)
        if small != text:
            path.write_text(small, encoding="utf-8")
