"""Praxisbook: a static, searchable, multilingual catalogue of good practices.

As a Pelican plugin (a plain `pelican` run), `register()` only connects a
signal to the orchestrator; the work lives in the stage modules.
`praxisbook build` does not load the plugin: it runs Pelican with its own
generator and the model it has already validated.
"""

__all__ = ["register"]


def register():
    # Imported here so that `praxisbook validate` does not pay for loading Pelican.
    from pelican import signals

    from .pipeline import plain_pelican_generator

    signals.get_generators.connect(plain_pelican_generator)
