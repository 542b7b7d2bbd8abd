"""`praxisbook` command line: one function per verb, all work done in the stages."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from . import exportcli as export_command
from .catalogue.problems import BuildError, render
from .catalogue.project import Project, find_project

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # as a shell reports a command ended by Ctrl-C (128 + SIGINT)


def cmd_validate(args: argparse.Namespace, project: Project) -> int:
    """Check practice files and print every problem at once."""
    from .catalogue.checking import Scope, check_practices

    selected = {p.resolve() for p in args.paths}
    problems, files = [], 0
    here = Path.cwd().resolve()  # problems name files relative to it
    for practices in catalogue_roots(args.paths, project):
        scope = Scope.of(selected, practices)
        store = store_of(args, practices, project)
        checked = check_practices(practices, project.schema_dir, store, scope.named())
        problems += [p for p in checked.problems if wanted(here / p.path, selected)]
        files += scope.count(checked.files)
    print(render(problems, files, args.format))
    return EXIT_PROBLEMS if any(p.severity == "error" for p in problems) else EXIT_OK


def store_of(args: argparse.Namespace, practices: Path, project: Project) -> Path | None:
    """Where validation keeps results between runs, or None to read every file.

    Only the project's own practices are kept, unless `--no-cache` says otherwise
    or the environment variable `CI` is set: CI always checks every file afresh.
    """
    from .catalogue.checking import in_ci

    keep = args.cache if args.cache is not None else not in_ci()
    own = practices == project.practices.resolve()
    return project.cache / "validation" if keep and own else None


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


def wanted(path: Path, selected: set[Path]) -> bool:
    """Is this absolute path one of the selected paths, or inside one? (All when none given.)

    Paths are compared as written, without resolving each one: the catalogue's
    folder and the selected paths are resolved once, and that costs a system
    call per file, which dominated checking one file of a large catalogue.
    """
    return not selected or path in selected or not selected.isdisjoint(path.parents)


def cmd_build(args: argparse.Namespace, project: Project) -> int:
    """Validate, render every UI language, index for search, swap into output/."""
    from .pipeline import build

    output = args.output or project.output
    build(project, output, publish=args.publish, cache=not args.no_cache)
    print(f"Site ready in {output}/. View it with `make serve` (http://127.0.0.1:8000/).")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, project: Project) -> int:
    """Build, serve on 127.0.0.1 and rebuild what a change affects; open pages reload."""
    from .preview import serve, serve_built

    output = (args.output or project.output).resolve()
    if args.no_watch:
        if not (output / "index.html").is_file():
            print(f"No site in {output}/: run `make build` first.", file=sys.stderr)
            return EXIT_PROBLEMS
        serve_built(output, args.bind, args.port)
    else:
        serve(project, output, args.bind, args.port)
    return EXIT_OK


def cmd_new(args: argparse.Namespace, project: Project) -> int:
    """Start a practice file from the schema, or a new language version of one."""
    from .editor.asking import MissingValue, Prompter
    from .editor.scaffold import new_file

    tell = lambda text: print(text, file=sys.stderr)  # noqa: E731
    prompter = Prompter(input, tell) if sys.stdin.isatty() else None
    try:
        created = new_file(args, project.practices, project.schema_dir, prompter)
    except MissingValue as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    print(created.report())
    return EXIT_OK


def cmd_import_issue(args: argparse.Namespace, project: Project) -> int:
    """Turn the body of a "Propose a practice" issue into an entry file."""
    from .catalogue.problems import display_path
    from .catalogue.schema import load_schema
    from .editor.importissue import form_path, import_issue, load_form, write_entry

    body = sys.stdin.read() if args.file == "-" else read_text(Path(args.file))
    form = load_form(form_path(project.root))
    imported = import_issue(body, load_schema(project.schema_dir), form, args.slug, args.reviewed)
    if imported.problems:
        print(imported.report())
        return EXIT_PROBLEMS
    if args.dry_run:
        print(imported.text, end="")
    else:
        print(display_path(write_entry(imported, project.practices)))
    if not imported.slug_in_english:
        print(f"note: {NOT_ENGLISH.format(slug=imported.slug)}", file=sys.stderr)
    return EXIT_OK


NOT_ENGLISH = (
    "the folder name `{slug}` comes from a title that is not in English; folder names are"
    " English (docs/editing.md): choose one with --slug"
)


def cmd_propose_pr(args: argparse.Namespace, project: Project) -> int:
    """Turn an accepted "Propose a practice" issue into a pull request (run by a workflow)."""
    import os

    from .editor import proposal

    issue = proposal.load_event(args.event)
    if args.report:
        url = proposal.run_url()
        proposal.report_checks(issue, args.pr, args.report, url, proposal.github)
        return EXIT_OK
    proposer = proposal.Proposer(issue, project.root, proposal.github, args.reviewed)
    if args.dry_run:
        print(proposer.preview())
        return EXIT_OK
    outcome = proposer.run()
    print(outcome.summary)
    # With a token of its own, the pull request's own workflow runs the checks.
    proposal.write_outputs(outcome.outputs("pr" if os.environ.get("PROPOSAL_TOKEN") else "inline"))
    return EXIT_OK


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BuildError(f"Cannot read {path}: {exc}") from exc


def cmd_schema_docs(args: argparse.Namespace, project: Project) -> int:
    """Write the field reference (docs/fields.md) from the schema and its vocabularies."""
    from .catalogue.schema import load_schema
    from .editor.fielddocs import fields_markdown

    text = fields_markdown(load_schema(project.schema_dir))
    if args.check:
        target = args.output or project.root / "docs" / "fields.md"
        if target.is_file() and read_text(target) == text:
            return EXIT_OK
        print(f"{target} is out of date: run `make docs`.", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.output is None:
        print(text, end="")
        return EXIT_OK
    args.output.write_text(text, encoding="utf-8")
    print(f"Wrote {args.output}.")
    return EXIT_OK


def cmd_migrate(args: argparse.Namespace, project: Project) -> int:
    """Rewrite practice files written for an older front-matter shape (docs/open-data.md)."""
    from .catalogue.problems import display_path
    from .editor.migrate import migrate

    added = args.added.isoformat() if args.added else None
    changed = migrate(args.paths or [project.practices], added, write=not args.check)
    for path, changes in changed.items():
        print(f"{display_path(path)}: {'; '.join(changes)}")
    verb = "need" if args.check else "were"
    print(f"{len(changed)} file{'s' * (len(changed) != 1)} {verb} migrating.")
    return EXIT_PROBLEMS if args.check and changed else EXIT_OK


def iso_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"`{text}` is not a date: write YYYY-MM-DD") from None


def add_reviewed(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--reviewed", type=iso_date, metavar="YYYY-MM-DD", help="last_reviewed (default: today)"
    )


def add_editor_verbs(verbs) -> None:
    """`new`, `import-issue` and `schema-docs`: the editors' tools."""
    n = verbs.add_parser("new", help=cmd_new.__doc__, description=cmd_new.__doc__ + NEW_EPILOG)
    n.add_argument("--slug", help="folder name, in English (default: made from the English title)")
    n.add_argument("--lang", help="language code of the text, e.g. de (the file's name)")
    n.add_argument("--title", help="name of the practice, as its owner calls it")
    n.add_argument(
        "--english-title", metavar="TITLE",
        help="the title in English, which names the folder (with --lang en: the title)",
    )  # fmt: skip
    n.add_argument("--summary", help="one or two sentences: what it does and for whom")
    n.add_argument("--country", help="ISO 3166-1 alpha-2 code, e.g. DE")
    n.add_argument(
        "--themes", metavar="IDS", help="theme ids separated by commas, e.g. anti-racism,networks"
    )
    n.add_argument("--source", help="title or description of the source document")
    add_reviewed(n)
    n.add_argument("--translation-of", metavar="SLUG", help="start a translation of SLUG")
    n.add_argument(
        "--kind",
        choices=("official", "editorial", "machine"),
        help="how the translation is made (default: editorial)",
    )
    i = verbs.add_parser(
        "import-issue", help=cmd_import_issue.__doc__, description=cmd_import_issue.__doc__
    )
    i.add_argument("file", metavar="FILE", help="the issue's body as a file, or - to read stdin")
    i.add_argument("--slug", help="folder name (default: made from the title)")
    add_reviewed(i)
    i.add_argument("--dry-run", action="store_true", help="print the file instead of writing it")
    add_propose_verb(verbs)
    d = verbs.add_parser(
        "schema-docs", help=cmd_schema_docs.__doc__, description=cmd_schema_docs.__doc__
    )
    d.add_argument("-o", "--output", type=Path, help="write to this file (default: stdout)")
    d.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if the file (-o, default docs/fields.md) is stale",
    )


def add_propose_verb(verbs) -> None:
    p = verbs.add_parser(
        "propose-pr", help=cmd_propose_pr.__doc__, description=cmd_propose_pr.__doc__ + PR_EPILOG
    )
    p.add_argument("--event", type=Path, required=True, metavar="FILE", help="the event payload")
    add_reviewed(p)
    p.add_argument("--dry-run", action="store_true", help="print what it would do; ask nothing")
    p.add_argument(
        "--report", metavar="RESULT", choices=("success", "failure", "cancelled", "skipped"),
        help="instead: comment the checks' RESULT on the pull request --pr and the issue",
    )  # fmt: skip
    p.add_argument("--pr", type=int, metavar="N", help="the pull request, with --report")


PR_EPILOG = (
    " It reads the `issues` event (GITHUB_EVENT_PATH in the workflow); the GitHub token comes"
    " from PROPOSAL_TOKEN, else GITHUB_TOKEN. See .github/workflows/proposal.yml."
)
NEW_EPILOG = (
    " Values missing from the flags are asked for when run in a terminal; otherwise the"
    " file gets empty required fields to fill in. It never overwrites a file."
)


class ShowVersion(argparse.Action):
    """`--version`: argparse's version action, with the version looked up only when asked.

    importlib.metadata costs about 30 ms to import, a tenth of a one-folder validation.
    """

    def __init__(self, option_strings, dest=argparse.SUPPRESS, **kwargs):
        kwargs.setdefault("help", "show the version of praxisbook and exit")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        from importlib import metadata

        print(f"{parser.prog} {metadata.version('praxisbook')}")
        parser.exit()


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="praxisbook",
        description="Validate, build and serve the Praxisbook catalogue of good practices.",
    )
    main.add_argument("--version", action=ShowVersion)
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
    v.add_argument(
        "--cache", action=argparse.BooleanOptionalAction,
        help="keep results in .cache/praxisbook/ and read only the practices that changed"
        " (default: yes, unless the environment variable CI is set); --no-cache reads and"
        " checks every file",
    )  # fmt: skip
    b = verbs.add_parser("build", help=cmd_build.__doc__, description=cmd_build.__doc__)
    b.add_argument("-o", "--output", type=Path, help="output folder (default: output/)")
    b.add_argument(
        "--publish",
        action="store_true",
        help="use publishconf.py (SITEURL from PRAXISBOOK_SITEURL)",
    )
    b.add_argument(
        "--no-cache",
        action="store_true",
        help="render every page, taking over none from the last build into the same folder",
    )
    s = verbs.add_parser("serve", help=cmd_serve.__doc__, description=cmd_serve.__doc__)
    s.add_argument("-o", "--output", type=Path, help="folder to serve (default: output/)")
    s.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    s.add_argument("--bind", default="127.0.0.1", help="address (default: 127.0.0.1)")
    s.add_argument(
        "--no-watch", action="store_true",
        help="only serve what is built: no build, no watching, no live reload",
    )  # fmt: skip
    add_editor_verbs(verbs)
    mg = verbs.add_parser("migrate", help=cmd_migrate.__doc__, description=cmd_migrate.__doc__)
    mg.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH",
        help="files or folders (default: content/practices)",
    )  # fmt: skip
    mg.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would")
    mg.add_argument(
        "--added", type=iso_date, metavar="YYYY-MM-DD",
        help="the `added` day to write (default: the day git first saw the folder)",
    )  # fmt: skip
    export_command.add_export_verb(verbs)
    return main


COMMANDS = {
    "validate": cmd_validate,
    "build": cmd_build,
    "serve": cmd_serve,
    "new": cmd_new,
    "import-issue": cmd_import_issue,
    "propose-pr": cmd_propose_pr,
    "schema-docs": cmd_schema_docs,
    "migrate": cmd_migrate,
    "export": export_command.run,
}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    project = find_project(args.project)
    try:
        return COMMANDS[args.verb](args, project)
    except BuildError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:  # Ctrl-C: the command has cleaned up after itself
        print("Stopped.", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
