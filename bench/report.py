"""The benchmark report as Markdown."""

from __future__ import annotations

import sitesize

STEPS = {
    "validate": "validate, whole catalogue, cold cache",
    "validate_warm": "validate, whole catalogue, warm cache",
    "validate_one": "validate one file (pull request), cold cache",
    "validate_one_warm": "validate one file (pull request), warm cache",
    "build": "build, whole (`praxisbook build --no-cache`), no cache",
    "build_warm": "build again, nothing changed (pages and indexes taken over)",
}


def rate(count: int, seconds: float, unit: str) -> str:
    return f"{count / seconds:,.0f} {unit}" if seconds else ""


def row(name: str, t: dict, rate_text: str = "") -> str:
    return (
        f"| {name} | {t['wall_s']:.2f} s | {t['min_s']:.2f} s | {t['cpu_s']:.2f} s "
        f"| {t['max_rss_mb']:.0f} MB | {t.get('others_cores', 0):.2f} | {rate_text} |"
    )


def stage_rows(build: dict, html: int) -> list[str]:
    rows = []
    for name, seconds in build.get("stages_s", {}).items():
        per = rate(html, seconds, "html/s") if name == "Rendering" else ""
        rows.append(f"| … {name} | {seconds:.2f} s | | | | | {per} |")
    return rows


def step_rate(key: str, result: dict) -> str:
    t, site = result["timings"][key], result["site"]
    if key in ("validate", "validate_warm"):
        return rate(result["files"], t["wall_s"], "files/s")
    if key.startswith("build"):
        return rate(site["html_files"], t["wall_s"], "html/s")
    return ""


def timing_rows(result: dict) -> list[str]:
    t, html = result["timings"], result["site"]["html_files"]
    rows = []
    for key, name in STEPS.items():
        if key in t:
            rows.append(row(name, t[key], step_rate(key, result)))
            if key.startswith("build"):
                rows += stage_rows(t[key], html)
    return rows


def anchor_rows(result: dict) -> list[str]:
    found = result.get("anchor")
    if not found:
        return ["", "The anchor was not run (`--anchor SCRIPT` or `BENCH_ANCHOR`)."]
    rows = ["", "| against Hugo + Pagefind, alternating | praxisbook | anchor | ratio of medians "
            "| pair ratios |", "|---|---|---|---|---|"]  # fmt: skip
    for state in ("cold", "warm"):
        one = found[state]
        pairs = ", ".join(f"{r:.2f}" for r in one["pair_ratios"])
        rows.append(
            f"| {state} | {one['praxisbook']['wall_s']:.2f} s | {one['anchor']['wall_s']:.2f} s "
            f"| **{one['ratio']:.2f}** | {pairs} |"
        )
    return rows


def other_rows(result: dict) -> list[str]:
    rows = ["", "| other | value |", "|---|---|"]
    preview = result.get("preview")
    if preview:
        seen = ", ".join(f"{s:.2f}" for s in preview["edit_s"])
        rows.append(
            f"| live preview: title saved → served | **{preview['edit_median_s']} s** median "
            f"({seen}; first serve after {preview['first_serve_s']} s) |"
        )
    rows += first_search_rows(result.get("first_search"))
    bundle = result.get("bundle")
    if bundle:
        rows.append(
            f"| offline bundle, every practice and language | **{bundle['bytes'] / 1e6:,.1f} MB** "
            f"(made in {bundle['seconds']} s) |"
        )
    solid = (bundle or {}).get("solid")
    if solid:
        rows.append(
            f"| the same as a .tar.xz | **{solid['bytes'] / 1e6:,.1f} MB** "
            f"(made in {solid['seconds']} s) |"
        )
    return rows


def first_search_rows(first: dict | None) -> list[str]:
    """The first search at each width, the sorted views and the query times."""
    if not first:
        return []
    rows = []
    address = f"/{first['ui']}/search/?q={first['word']}"
    for load in first["first"]:
        kb, search_kb = load["bytes"] / 1000, load["search_bytes"] / 1000
        rows.append(
            f"| first search in Chromium, `{address}` at {load['width']} px "
            f"| **{kb:.1f} kB** sent gzipped in {load['files']} files "
            f"(search scripts and index {search_kb:.1f} kB; {split(load)}) |"
        )
    for load in first.get("sorted", []):  # measured since the sorts left pf_meta
        rows.append(
            f"| sorted view, `/{first['ui']}/search/{load['query'] and '?'}{load['query']}` "
            f"at {load['width']} px | **{load['bytes'] / 1000:.1f} kB** in {load['files']} "
            f"files ({split(load)}) |"
        )
    times = ", ".join(f"{t:.0f}" for t in first["query_ms"])
    median = first["query_median_ms"]
    rows.append(
        f"| query submitted → results shown, loaded page | **{median:.0f} ms** median ({times}) |"
    )
    return rows


def commit_note(env: dict) -> str:
    end = env.get("commit_at_end", env["commit"])
    return "" if end == env["commit"] else f" (`{end}` by the end: the engine changed meanwhile)"


def markdown(result: dict) -> str:
    env = result["environment"]
    versions = env["versions"]
    return "\n".join([
        f"### N = {result['n']:,} practices ({result['files']:,} files)",
        "",
        f"{env['date']}; {env['nproc']} cores; Python {env['python']}; "
        f"Pelican {versions['pelican']}; Pagefind {versions['pagefind-bin']}; "
        f"commit `{env['commit']}`{commit_note(env)}; "
        f"median and minimum of {result['repeat']} runs.",
        "",
        "| step | median | min | CPU | peak RSS | others | rate |",
        "|---|---|---|---|---|---|---|",
        *timing_rows(result),
        *anchor_rows(result),
        *other_rows(result),
        "",
        *sitesize.markdown(result["site"]),
    ])  # fmt: skip


def split(load: dict) -> str:
    """A first search's bytes by part: 'Pagefind runtime 85.1 kB, …'."""
    parts = load.get("parts", {})
    return ", ".join(
        f"{name} {part['bytes'] / 1000:.1f} kB" for name, part in parts.items() if part["files"]
    )
