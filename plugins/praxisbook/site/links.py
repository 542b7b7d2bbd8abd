"""Absolute links for data files, which are read outside the site's pages."""

from __future__ import annotations

from dataclasses import dataclass

from .urls import Linker


@dataclass(frozen=True)
class SiteLinks:
    """Full URLs from SITEURL (root-relative when SITEURL is empty, as in development)."""

    siteurl: str
    build_date: str  # YYYY-MM-DD from SOURCE_DATE_EPOCH

    def page(self, kind: str, ui: str = "", arg: object = None) -> str:
        return Linker("index.html", siteurl=self.siteurl)(kind, ui, arg)

    def file(self, name: str) -> str:
        return f"{self.siteurl.rstrip('/')}/{name}"
