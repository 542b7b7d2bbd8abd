"""Offline bundle: the site rendered for file://, with search, in one deterministic archive.

Unzipped anywhere and opened from disk, the bundle must work with no server
and no network in browsers as users have them, where module scripts and
fetch() of local files are refused (docs/exports.md, "How search works from disk"):

- pages are rendered by the same Pelican run as the site, with the offline
  Linker (relative links ending in `index.html`);
- Pagefind indexes the bundle's own search records, then every file of its
  index becomes a classic script that registers the file's bytes (base64);
  `theme/js/offline-search.js` answers Pagefind's fetch() calls by injecting
  only the scripts a query asks for (see docs/exports.md).
"""

from __future__ import annotations

import base64
import calendar
import gzip
import json
import lzma
import os
import subprocess
import tarfile
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from ..catalogue.model import Practice
from ..catalogue.problems import BuildError
from ..site import indexing, search, suggest
from ..site.context import BuildContext
from ..site.render import Site, run_pelican
from .select import Selection

LOADER = "PraxisbookOffline.put"  # defined by theme/static/js/offline-search.js
NOT_NEEDED_OFFLINE = ("pagefind-worker.js",)  # the offline loader runs without a worker
ZIP_EPOCH_MIN = 315532800  # 1980-01-01, the earliest time a zip entry can carry


@dataclass(frozen=True)
class Made:
    """One exported file: where, how many practices, how big, how long it took."""

    path: Path
    practices: int
    size: int
    seconds: float


def selected(site: Site, selection: Selection) -> list[Practice]:
    chosen = selection.apply(site.practices, site.facets)
    if not chosen:
        raise BuildError("The selection matches no practice: check --filter and --slugs.")
    return chosen


def git(ctx: BuildContext, *args: str) -> str:
    command = ["git", "-C", str(ctx.project.root), *args]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return ""
    return result.stdout.strip()


def public_url(address: str) -> str:
    """An https address for a git remote, without any user name or token in it."""
    if address.startswith("git@") and ":" in address:  # git@github.com:org/repo.git
        host, _, path = address[4:].partition(":")
        address = f"https://{host}/{path}"
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https"):
        return ""
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path.removesuffix(".git"), "", ""))


def provenance(ctx: BuildContext) -> dict:
    """Where a copy came from: the site if it has an address, else the repository."""
    github = os.environ.get("GITHUB_SERVER_URL", ""), os.environ.get("GITHUB_REPOSITORY", "")
    remote = "/".join(github) if all(github) else git(ctx, "remote", "get-url", "origin")
    return {
        "site": ctx.sitename,
        "source": ctx.siteurl if ctx.siteurl.startswith("http") else public_url(remote),
        "commit": git(ctx, "rev-parse", "--short=12", "HEAD"),
        "date": ctx.build_date.isoformat(),
    }


def offline_site(site: Site, selection: Selection) -> Site:
    """The selected practices, rendered for file:// in the selection's languages."""
    ctx = site.ctx.offline(selection.languages, provenance(site.ctx), selection.title)
    return Site(ctx, selected(site, selection), site.schema)


def chunk_index(bundle: Path) -> None:
    """Turn every Pagefind file into a classic script that registers it (and drop the file);
    the fragments go into shared scripts (`fragment_group`)."""
    files = sorted(p for p in bundle.rglob("*") if p.is_file())
    groups: dict[str, list[str]] = {}
    for path in files:
        name = path.relative_to(bundle).as_posix()
        if name.startswith(FRAGMENTS):
            groups.setdefault(fragment_group(name), []).append(fragment_line(name, path))
        elif name not in NOT_NEEDED_OFFLINE:
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            script = path.with_name(path.name + ".js")
            script.write_text(f'{LOADER}({json.dumps(name)},"{data}");\n', encoding="ascii")
        path.unlink()
    for group, lines in groups.items():
        (bundle / f"{group}.js").write_text("".join(lines), encoding="utf-8")


FRAGMENTS = "fragment/"
GROUP_DIGITS = 2  # theme/static/js/offline-search.js groups fragments the same way
TEXT_LOADER = "PraxisbookOffline.putText"


def fragment_group(name: str) -> str:
    """The script that carries fragment `name` ("fragment/de_3f2a.pf_fragment" → "fragment/
    de_3f"). A zip compresses each file alone, and a fragment alone (a result's title, address
    and filters, 1.6 kB) compresses badly: 2,000 practices' 12,000 fragments took 12 MB of
    the zip as files of their own, 6 MB as 1,536 scripts of about eight. A result then loads
    its neighbours' fragments too: 13 kB of script at 2,000, about 65 kB at 10,000."""
    lang, _, digits = name[len(FRAGMENTS) :].partition("_")
    return f"{FRAGMENTS}{lang}_{digits[:GROUP_DIGITS]}"


def fragment_line(name: str, path: Path) -> str:
    """One fragment's registration: its JSON as text, unpacked, so that the zip's compressor
    finds what it shares with the fragments beside it (Pagefind takes unpacked files too)."""
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    return f"{TEXT_LOADER}({json.dumps(name)},{json.dumps(text, ensure_ascii=False)});\n"


def readme(about: dict, selection: Selection, count: int) -> str:
    """README.txt at the top of the zip, for whoever finds the folder later."""
    lines = [
        selection.title or about["site"],
        "",
        "Open index.html in a web browser (double-click it). No server or internet is needed.",
        "",
        f"Offline copy of {about['site']}, made on {about['date']}.",
        f"Source: {about['source'] or 'unknown'}",
        f"Commit: {about['commit'] or 'unknown'}",
        f"Practices: {count}. Interface languages: {', '.join(selection.languages)}.",
    ]  # fmt: skip
    if selection.filters:
        chosen = "; ".join(f"{k}={'|'.join(v)}" for k, v in sorted(selection.filters.items()))
        lines.append(f"Selected by: {chosen}.")
    if selection.slugs:
        lines.append(f"Selected from a list of {len(selection.slugs)} practices.")
    return "\n".join(lines) + "\n"


def zip_time(ctx: BuildContext) -> tuple[int, ...]:
    day = ctx.build_date
    return max((day.year, day.month, day.day, 0, 0, 0), time.gmtime(ZIP_EPOCH_MIN)[:6])


def write_zip(folder: Path, target: Path, top: str, stamp: tuple[int, ...]) -> None:
    """Zip `folder` as `top/…`: sorted entries, fixed times and modes, so builds are identical."""
    partial = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            entry = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", stamp)
            entry.external_attr = 0o644 << 16
            entry.create_system = 3  # Unix, whatever the host, so the bytes do not vary
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, path.read_bytes())
    partial.replace(target)


SOLID = ".tar.xz"  # the suffix that asks for a solid archive instead of a zip
XZ_PRESET = 6  # xz's own default: 31 MB in 52 s for 2,000 practices (preset 3: 34 MB, 22 s)


def archive_order(folder: Path, path: Path) -> tuple:
    """A practice's pages in every language side by side, so that the compressor finds a
    page's text again in the next page (a language without a version of its own shows
    another's text), then everything else in name order."""
    parts = path.relative_to(folder).parts
    if len(parts) > 2 and parts[1] == "practices":
        return (1, parts[2], parts[0], parts[3:])
    return (0, parts)


def write_tar_xz(folder: Path, target: Path, top: str, mtime: int) -> None:
    """`folder` as `top/…` in one xz stream: a zip compresses each of 25,000 files on its
    own, xz compresses across them (the same text in six pages, the same page frame in
    all). Fixed order, times, owners and modes, so builds are identical."""
    partial = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    files = sorted(
        (p for p in folder.rglob("*") if p.is_file()), key=lambda p: archive_order(folder, p)
    )
    with (
        lzma.open(partial, "wb", preset=XZ_PRESET) as stream,
        tarfile.open(fileobj=stream, mode="w", format=tarfile.PAX_FORMAT) as archive,
    ):
        for path in files:
            entry = tarfile.TarInfo(f"{top}/{path.relative_to(folder).as_posix()}")
            entry.size, entry.mtime, entry.mode = path.stat().st_size, mtime, 0o644
            with path.open("rb") as data:
                archive.addfile(entry, data)
    partial.replace(target)


def archive_top(target: Path) -> str:
    """The folder the archive unpacks to: its name without `.zip` or `.tar.xz`."""
    name = target.name
    return name[: -len(SOLID)] if name.endswith(SOLID) else target.stem


def write_archive(folder: Path, target: Path, ctx: BuildContext) -> None:
    if target.name.endswith(SOLID):
        stamp = calendar.timegm(zip_time(ctx))  # the same day as the zip's entries
        write_tar_xz(folder, target, archive_top(target), stamp)
    else:
        write_zip(folder, target, archive_top(target), zip_time(ctx))


def render_bundle(bundle: Site, folder: Path) -> None:
    """Pages, theme assets and the chunked search index of a bundle, into `folder`."""
    run_pelican(bundle, folder)
    words = search.write_records(bundle, folder, words_of=suggest.record_words)
    suggest.write_suggestions(folder, words)
    indexing.index(folder)
    chunk_index(folder / indexing.BUNDLE)


def export_offline(site: Site, selection: Selection, target: Path) -> Made:
    """Write the offline bundle of the selected practices to `target`: a .zip, or a .tar.xz
    (about a quarter of the size, which Windows 11, Linux and recent macOS open without other
    software)."""
    started = time.perf_counter()
    bundle = offline_site(site, selection)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".bundle-", dir=target.parent) as scratch:
        folder = Path(scratch) / "site"
        render_bundle(bundle, folder)
        about = dict(bundle.ctx.bundle or {})
        readme_text = readme(about, selection, len(bundle.practices))
        (folder / "README.txt").write_text(readme_text, "utf-8")
        write_archive(folder, target, site.ctx)
    size = target.stat().st_size
    return Made(target, len(bundle.practices), size, time.perf_counter() - started)
