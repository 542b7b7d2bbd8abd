"""The comparison's data: every practice's fact-box rows, one classic script per UI language.

The comparison page (`compare.html`, `static/js/compare.js`) shows two to four
practices side by side, in the fact box's rows and order: the schema's
`x-fact-box`. Each value is rendered by the fact box itself (`site/factbox.py`,
without links to listings), so a row reads on the comparison page exactly as
on the practice page.

The data is a script that calls `PraxisbookCompare.facts(…)`, not a JSON file:
an offline bundle is opened from disk, where browsers refuse fetch() of local
files but run a classic `<script src>`. To keep it small, each distinct value
is written once per script (statuses, themes, evidence levels repeat across
practices), a practice lists the numbers of its values (0 for none), and the
JSON is deflated and written as base64, which the browser inflates with its own
DecompressionStream: at 2,000 practices a language's script is a quarter of
the plain JSON (docs/compare.md has the measurements). The JSON:

    {"rows": ["period", …], "labels": ["Period", …], "values": ["", "since 2019", …],
     "practices": [[slug, title, title's language or "", [value numbers, one per row]], …]}

Practices come in the order of their titles in the UI language, for the page's
"add a practice" list.
"""

from __future__ import annotations

import base64
import json
import zlib

from markupsafe import Markup

from ..catalogue.collation import collated
from .factbox import FactBox

CALLBACK = "PraxisbookCompare.facts"


def rendered_values(site, reading, ui: str, rows: list[str], box: FactBox) -> list[str]:
    """One practice's fact values as HTML, rendered once per UI language and kept on the
    site, so that the live preview re-renders only a changed practice's (site/incremental.py)."""
    key = (reading.practice.slug, ui)
    if key not in site.fact_values:
        facts, practice = reading.facts, reading.practice
        site.fact_values[key] = [
            box.html(name, facts, practice, False).strip() if facts.get(name) else ""
            for name in rows
        ]
    return site.fact_values[key]


def row_values(html: list[str], values: dict[str, int]) -> list[int]:
    """The numbers of one practice's values, adding new values to `values`."""
    return [values.setdefault(value, len(values)) for value in html]


def facts_data(site, ui: str) -> dict:
    """Every practice as read in `ui`: its title and its fact-box values."""
    rows, box = site.schema.fact_box, site.fact_box(site.uis[ui])
    values = {"": 0}
    readings = collated(
        (site.reading(p, ui) for p in site.practices), ui, lambda reading: reading.title
    )
    practices = [
        [r.practice.slug, str(r.title), "" if r.lang == ui else r.lang,
         row_values(rendered_values(site, r, ui, rows, box), values)]
        for r in readings
    ]  # fmt: skip
    labels = [box.label(name) for name in rows]  # text: the page escapes it
    return {"rows": rows, "labels": labels, "values": list(values), "practices": practices}


def facts_script(site, ui: str) -> Markup:
    """The script for UI language `ui`."""
    data = facts_data(site, ui)
    return Markup(f'{CALLBACK}("{packed(data)}");\n')


def packed(data: dict) -> str:
    """JSON, deflated (zlib format, as DecompressionStream("deflate") reads it), in base64."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return base64.b64encode(zlib.compress(text.encode("utf-8"), 9)).decode("ascii")


def unpacked(script: str) -> dict:
    """The data of a facts script (for tests and tools): the inverse of `facts_script`."""
    payload = script.split('"')[1]
    return json.loads(zlib.decompress(base64.b64decode(payload)).decode("utf-8"))
