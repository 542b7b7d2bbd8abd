"""The `slow` marker: tests that need a built site or a browser, left out of `make check`.

A test is slow when it uses (directly or through another fixture) one of the
fixtures below, each of which builds a site or starts a browser once and
shares it. `make check` runs `pytest -m "not browser and not slow"`: lint,
the unit tests and validation, in a minute or two. `make test` runs all.
Tests that build a tiny site of their own, in about a second, stay in.
"""

from __future__ import annotations

import pytest

SLOW_FIXTURES = frozenset(
    {
        "tiny_site",  # conftest.py
        "seed_site",  # site_fixtures.py
        "owned_site",
        "export_project",  # export_fixtures.py
        "search_site",  # test_search.py
        "real_site",  # test_search_real.py
        "site",  # test_schema_driven.py, test_translations.py
        "chromium",  # browsers.py
    }
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: needs a built site or a browser (left out of `make check`)"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
