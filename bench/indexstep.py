"""The Pagefind step on its own: `praxisbook.site.search.run_pagefind(records, bundle)`.

    python bench/indexstep.py render PROJECT SCRATCH   # keep the search records
    python bench/indexstep.py index RECORDS BUNDLE     # the timed step

`praxisbook.site.search.index(site)` indexes the search records that the render
stage writes under `site/_search/` and then deletes them, so a built site has
nothing left to index. To time the step alone, `render` renders the site once
more with the pipeline's own stage functions and keeps the records; `index`
runs `run_pagefind` on them, in a process of its own so that its memory can be
measured like the commands'. Exit status 3 means that the engine has no such
functions, and the step is then not measured.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

EPOCH = "1764000000"
STAGES = ("load_valid_model", "settings_path", "pelican_settings", "run_pelican")
NOT_AVAILABLE = 3


def engine():
    """(pipeline, search, records folder name), or None if the engine has no such step."""
    try:
        from praxisbook import pipeline
        from praxisbook.site import search, urls
    except ImportError:
        return None
    functions = [getattr(pipeline, name, None) for name in STAGES]
    functions.append(getattr(search, "run_pagefind", None))
    records = getattr(urls, "SEARCH_RECORDS", None)
    return (pipeline, search, records) if records and all(map(callable, functions)) else None


def render(project: Path, scratch: Path) -> int:
    """Render the site into `scratch`, leaving its search records there."""
    found = engine()
    if not found:
        return NOT_AVAILABLE
    pipeline, _, records = found
    from praxisbook.catalogue.project import Project

    os.environ.setdefault("SOURCE_DATE_EPOCH", EPOCH)
    where = Project(project.resolve())
    practices = pipeline.load_valid_model(where)
    shutil.rmtree(scratch, ignore_errors=True)
    settings = pipeline.pelican_settings(pipeline.settings_path(where), practices, scratch)
    pipeline.run_pelican(settings)
    if not (scratch / records).is_dir():
        return NOT_AVAILABLE
    print(scratch / records)  # the last line tells the caller where the records are
    return 0


def index(records: Path, bundle: Path) -> int:
    found = engine()
    if not found:
        return NOT_AVAILABLE
    shutil.rmtree(bundle, ignore_errors=True)
    found[1].run_pagefind(records, bundle)
    return 0


def main(argv: list[str]) -> int:
    verb, first, second = argv
    return {"render": render, "index": index}[verb](Path(first), Path(second))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
