"""`bench/run.py --record DOC`: one row per benchmark in DOC's history table.

The table follows the line `<!-- bench history -->` in DOC; a row is added at
its end, so the history reads top to bottom. Each figure is a median of the
run's repeats, with the highest 1-minute load average seen during the steps.
"""

from __future__ import annotations

from pathlib import Path

MARKER = "<!-- bench history -->"
HEADER = (
    "| date | commit | N | load | build cold | build again | anchor ratio cold / warm "
    "| edit → served | validate one cold / warm | validate all cold / warm | kB/practice "
    "| first search | bundle | peak memory |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
)


def seconds(timing: dict | None) -> str:
    return f"{timing['wall_s']:.2f} s" if timing else "–"


def pair(one: dict | None, two: dict | None) -> str:
    return f"{seconds(one)} / {seconds(two)}"


def ratios(anchor: dict | None) -> str:
    if not anchor:
        return "–"
    return f"{anchor['cold']['ratio']:.2f} / {anchor['warm']['ratio']:.2f}"


def first_search(result: dict) -> str:
    """kB sent for the first search on a wide screen, and the median query's time."""
    first = result.get("first_search")
    if not first:
        return "–"
    return f"{first['first'][0]['bytes'] / 1000:.0f} kB, {first['query_median_ms']:.0f} ms"


def bundle_cell(bundle: dict | None) -> str:
    """The zip's size, and the .tar.xz's where it was made."""
    if not bundle:
        return "–"
    solid = bundle.get("solid")
    return f"{bundle['bytes'] / 1e6:.1f} MB" + (
        f" ({solid['bytes'] / 1e6:.1f} MB .tar.xz)" if solid else ""
    )


def row(result: dict) -> str:
    t, env = result["timings"], result["environment"]
    load = max(v.get("max_load", 0) for v in t.values())
    peak = max(v.get("max_rss_mb", 0) for k, v in t.items() if k.startswith("build"))
    preview = (result.get("preview") or {}).get("edit_median_s")
    bundle = result.get("bundle")
    cells = [
        env["date"][:10], f"`{env['commit']}`", f"{result['n']:,}", f"{load:.1f}",
        seconds(t.get("build")), seconds(t.get("build_warm")), ratios(result.get("anchor")),
        f"{preview} s" if preview is not None else "–",
        pair(t.get("validate_one"), t.get("validate_one_warm")),
        pair(t.get("validate"), t.get("validate_warm")),
        f"{result['site']['per_practice_bytes'] / 1000:.1f}", first_search(result),
        bundle_cell(bundle), f"{peak:,.0f} MB",
    ]  # fmt: skip
    return "| " + " | ".join(cells) + " |"


def record(doc: Path, result: dict) -> None:
    """Add `result` as the last row of the history table after MARKER (made if missing)."""
    lines = doc.read_text(encoding="utf-8").splitlines()
    if MARKER not in lines:
        lines += ["", MARKER, "", *HEADER]
    at = lines.index(MARKER) + 1
    while at < len(lines) and not lines[at].strip():  # blank lines before the table
        at += 1
    end = at
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    table = lines[at:end] or list(HEADER)
    lines[at:end] = [*table, row(result)]
    doc.write_text("\n".join(lines) + "\n", encoding="utf-8")
