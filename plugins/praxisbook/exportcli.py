"""`praxisbook export offline|booklet|downloads`: the command line of the exports.

Kept apart from cli.py so that the other verbs stay short; cli.py registers
`add_export_verb` and calls `run`. Heavy imports wait until a command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .catalogue.project import UI_LANGUAGES, Project

DEFAULT_FOLDER = Path("exports")  # git-ignored


def add_selection(parser: argparse.ArgumentParser, *, one_language: bool) -> None:
    """The options that choose practices, shared by the bundle and the booklet."""
    if one_language:
        parser.add_argument(
            "--lang",
            choices=UI_LANGUAGES,
            default="en",
            help="interface language of the booklet (default: en)",
        )
    else:
        parser.add_argument(
            "--lang",
            action="append",
            choices=UI_LANGUAGES,
            metavar="L",
            help="interface language to include; repeat for more (default: all six)",
        )
    parser.add_argument(
        "--filter",
        action="append",
        metavar="FACET=VALUE",
        help="keep practices with this value, e.g. sectors=police-justice; "
        "values of one facet are alternatives, facets combine",
    )
    parser.add_argument(
        "--slugs",
        type=Path,
        metavar="FILE",
        help="keep the practices named in FILE, one slug a line, in that order",
    )
    parser.add_argument("--title", help="title shown on its pages (default: the site's name)")
    parser.add_argument(
        "--publish",
        action="store_true",
        help="use publishconf.py, so that links to the site are full addresses",
    )


def add_export_verb(verbs) -> None:
    """`export` and its three kinds."""
    help_text = "Make the offline bundle, the booklet or the site's standard downloads."
    export = verbs.add_parser("export", help=help_text, description=help_text)
    kinds = export.add_subparsers(dest="kind", metavar="KIND", required=True)
    add_offline(kinds)
    add_booklet(kinds)
    add_downloads(kinds)


def add_offline(kinds) -> None:
    offline = kinds.add_parser("offline", help=OFFLINE_HELP, description=OFFLINE_HELP)
    add_selection(offline, one_language=False)
    offline.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE.zip|FILE.tar.xz",
        help="archive to write: a zip, or a .tar.xz a third of its size "
        "(default: exports/praxisbook-offline.zip)",
    )


def add_booklet(kinds) -> None:
    booklet = kinds.add_parser("booklet", help=BOOKLET_HELP, description=BOOKLET_HELP)
    add_selection(booklet, one_language=True)
    booklet.add_argument(
        "--pdf", action="store_true", help="write a PDF (needs WeasyPrint: pip install -e '.[pdf]')"
    )
    booklet.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="file to write (default: exports/praxisbook-booklet-LANG.html/.pdf)",
    )


def add_downloads(kinds) -> None:
    downloads = kinds.add_parser("downloads", help=DOWNLOADS_HELP, description=DOWNLOADS_HELP)
    downloads.add_argument(
        "-o", "--output", type=Path, metavar="DIR", help="the built site (default: output/)"
    )
    downloads.add_argument(
        "--publish", action="store_true", help="the site was built with --publish"
    )


OFFLINE_HELP = (
    "Write a zip (or .tar.xz) of the site that works from disk (file://) with no server and "
    "no network: unpack it anywhere and open index.html."
)
BOOKLET_HELP = (
    "Write one printable HTML document (or PDF) with a cover, contents and every practice."
)
DOWNLOADS_HELP = (
    "Write the standard downloads into DIR/downloads/ (an offline bundle with every language "
    "and one per language, a booklet per language) and list them on the Downloads pages."
)


def say(text: str) -> None:
    print(text, file=sys.stderr)  # noqa: T201 - a command reports progress on stderr


def report(made) -> None:
    size = f"{made.size / 1e6:.1f} MB" if made.size >= 1e5 else f"{made.size / 1e3:.0f} kB"
    say(f"Wrote {made.path} ({made.practices} practices, {size}, {made.seconds:.1f} s).")


def run_offline(args: argparse.Namespace, project: Project) -> int:
    from .pipeline import prepare
    from .products.offline import SOLID, export_offline
    from .products.select import selection_from

    target = args.output or DEFAULT_FOLDER / "praxisbook-offline.zip"
    if not target.name.endswith((".zip", SOLID)):
        say(f"{target}: name the file .zip or .tar.xz, the two kinds of bundle there are")
        return 2
    site = prepare(project, args.publish)
    selection = selection_from(args, site.practices, site.schema)
    report(export_offline(site, selection, target))
    return 0


def run_booklet(args: argparse.Namespace, project: Project) -> int:
    from .pipeline import prepare
    from .products.booklet import export_booklet
    from .products.select import selection_from

    site = prepare(project, args.publish)
    args.lang = [args.lang]
    selection = selection_from(args, site.practices, site.schema)
    suffix = "pdf" if args.pdf else "html"
    target = args.output or DEFAULT_FOLDER / f"praxisbook-booklet-{args.lang[0]}.{suffix}"
    report(export_booklet(site, selection, target, pdf=args.pdf))
    return 0


def run_downloads(args: argparse.Namespace, project: Project) -> int:
    from .catalogue.problems import BuildError
    from .pipeline import prepare
    from .products.booklet import have_weasyprint
    from .products.downloads import write_standard
    from .site.downloads import refresh_pages
    from .site.render import theme_templates

    site_dir = (args.output or project.output).resolve()
    if not (site_dir / "index.html").is_file():
        raise BuildError(f"No site in {site_dir}/: run `make build` first.")
    site = prepare(project, args.publish)
    if not have_weasyprint():
        say("WeasyPrint is not installed: booklets are written as HTML only (no PDF).")
    write_standard(site, site_dir, args.publish, report)
    refresh_pages(site, site_dir, theme_templates(site.ctx, site_dir))
    say(f"Downloads pages updated in {site_dir}/<lang>/downloads/.")
    return 0


def run(args: argparse.Namespace, project: Project) -> int:
    """Run `praxisbook export KIND`."""
    kinds = {"offline": run_offline, "booklet": run_booklet, "downloads": run_downloads}
    return kinds[args.kind](args, project)
