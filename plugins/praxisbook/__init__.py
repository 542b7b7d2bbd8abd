"""Praxisbook: a static, searchable, multilingual catalogue of good practices.

As a Pelican plugin, `register()` only connects signals; the work lives in the
stage modules (read, validate, model, render, search, export).
"""

__all__ = ["register"]


def register():
    # Imported here so that `praxisbook validate` does not pay for loading Pelican.
    from pelican import signals

    from .site.render import get_generators

    signals.get_generators.connect(get_generators)
