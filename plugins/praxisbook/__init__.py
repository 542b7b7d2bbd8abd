"""Praxisbook: a static, searchable, multilingual catalogue of good practices.

As a Pelican plugin, `register()` only connects signals; the work lives in the
stage modules (read, validate, model, render, search, export).
"""

from pelican import signals

from .render import get_generators

__all__ = ["register"]


def register():
    signals.get_generators.connect(get_generators)
