"""Print the search-quality suite's precision@3 and recall per UI language.

    .venv/bin/python bench/search_report.py      (make search-report)

Builds the suite's catalogue (this checkout's content and tests/fixtures/search/)
in a temporary folder, runs every query of tests/search_quality.py in Debian's
Chromium and prints a Markdown table, then each query that failed and why.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.browsers import CHROMIUM, CHROMIUM_ARGS, serve
from tests.search_quality import CASES, build_catalogue, report, run_case


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        output = build_catalogue(Path(scratch) / "site")
        with serve(output) as base, sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            outcomes = [run_case(page, base, case) for case in CASES]
            browser.close()
    print(report(outcomes))
    for outcome in outcomes:
        for problem in outcome.problems:
            c = outcome.case
            print(f"- {c.ui} {c.query!r} ({c.kind}): {problem}")
    return 0 if all(not o.problems for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
