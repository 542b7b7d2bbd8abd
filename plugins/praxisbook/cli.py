"""`praxisbook` command line: one function per verb, all work done in the stages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import BuildError, render
from .project import Project, find_project

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def cmd_validate(args: argparse.Namespace, project: Project) -> int:
    """Check practice files and print every problem at once."""
    from .pipeline import check

    roots = catalogue_roots(args.paths, project)
    problems, files = [], 0
    for practices in roots:
        checked = check(project, practices)
        selected = [p.resolve() for p in args.paths] if args.paths else []
        problems += [p for p in checked.problems if wanted(p.path, selected)]
        files += sum(wanted(str(d.path), selected) for d in checked.catalogue.documents)
    print(render(problems, files, args.format))
    return EXIT_PROBLEMS if any(p.severity == "error" for p in problems) else EXIT_OK


def catalogue_roots(paths: list[Path], project: Project) -> list[Path]:
    """The `practices/` folders that the given paths lie in (or hold)."""
    roots = []
    for path in paths or [project.practices]:
        root = practices_folder(path.resolve())
        if root not in roots:
            roots.append(root)
    return roots


def practices_folder(path: Path) -> Path:
    for folder in (path, *path.parents):
        if folder.name == "practices":
            return folder
        if (folder / "practices").is_dir():
            return folder / "practices"
    return path


def wanted(shown: str, selected: list[Path]) -> bool:
    if not selected:
        return True
    resolved = Path(shown).resolve()
    return any(resolved == s or s in resolved.parents for s in selected)


def cmd_build(args: argparse.Namespace, project: Project) -> int:
    """Validate, render every UI language, index for search, swap into output/."""
    from .pipeline import build

    output = args.output or project.output
    build(project, output, publish=args.publish)
    print(f"Site ready in {output}/. View it with `make serve` (http://127.0.0.1:8000/).")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, project: Project) -> int:
    """Serve a built site on 127.0.0.1 for viewing (search needs a server)."""
    import functools
    import http.server

    folder = args.output or project.output
    if not (folder / "index.html").is_file():
        print(f"No site in {folder}/: run `make build` first.", file=sys.stderr)
        return EXIT_PROBLEMS
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer((args.bind, args.port), handler) as server:
        print(f"Serving {folder}/ at http://{args.bind}:{args.port}/ (Ctrl-C stops).")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            return EXIT_OK
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="praxisbook",
        description="Validate, build and serve the Praxisbook catalogue of good practices.",
    )
    main.add_argument("--project", type=Path, help="project folder (default: found from here)")
    verbs = main.add_subparsers(dest="verb", metavar="COMMAND", required=True)
    v = verbs.add_parser("validate", help=cmd_validate.__doc__, description=cmd_validate.__doc__)
    v.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders (default: content/practices)",
    )
    v.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="report format (default: text)",
    )
    b = verbs.add_parser("build", help=cmd_build.__doc__, description=cmd_build.__doc__)
    b.add_argument("-o", "--output", type=Path, help="output folder (default: output/)")
    b.add_argument(
        "--publish",
        action="store_true",
        help="use publishconf.py (SITEURL from PRAXISBOOK_SITEURL)",
    )
    s = verbs.add_parser("serve", help=cmd_serve.__doc__, description=cmd_serve.__doc__)
    s.add_argument("-o", "--output", type=Path, help="folder to serve (default: output/)")
    s.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    s.add_argument("--bind", default="127.0.0.1", help="address (default: 127.0.0.1)")
    return main


COMMANDS = {"validate": cmd_validate, "build": cmd_build, "serve": cmd_serve}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    project = find_project(args.project)
    try:
        return COMMANDS[args.verb](args, project)
    except BuildError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEMS


if __name__ == "__main__":
    sys.exit(main())
