"""Validate stage: schema, vocabularies, bodies and cross-entry rules.

Nothing here raises on bad content: every rule adds Problems, and the caller
decides what to do with all of them at once.
"""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

from .disk import Disk, RealDisk
from .folders import Catalogue, original_of, originals
from .index import Entry, check_links, entries_of, locate, originals_in
from .markup import URL_SCHEMES
from .parallel import map_slices
from .precheck import QUICK_FROM
from .problems import Problem
from .read import Document
from .review import across, review_practice
from .schema import Schema
from .stamps import stray_files
from .translations import ProseCheck, stale

BODY = "(body)"
FILE = "(file name)"


def validate_catalogue(
    catalogue: Catalogue, schema: Schema, include=None, disk: Disk | None = None
) -> list[Problem]:
    """Every problem of the catalogue; with `include(doc)`, only its folders' own checks run.

    Cross-entry rules always see the whole catalogue, so checking one changed
    file still catches a clash with any other practice.
    """
    return check_catalogue(catalogue, schema, include, disk)[0]


def check_catalogue(
    catalogue: Catalogue, schema: Schema, include=None, disk: Disk | None = None,
    today: datetime.date | None = None,
) -> tuple[list[Problem], dict]:  # fmt: skip
    """`validate_catalogue`'s problems, and slug → (own problems, index entries) of each folder
    checked, which `praxisbook validate` can keep (checking.Keeping)."""
    groups = catalogue.by_slug()
    picked = {s for s, docs in groups.items() if include is None or any(map(include, docs))}
    checked = check_folders([groups[s] for s in picked], schema, disk or RealDisk(), today)
    problems, index = stray_files(catalogue.root), {}
    for slug, docs in groups.items():
        found, index[slug] = checked[slug] if slug in picked else ([], entries_of(docs, []))
        problems += found
    files = {f"{d.slug}/{d.path.name}": d for d in catalogue.documents}
    problems += locate(across_practices(index), lambda key: files[key].shown)
    return sorted(set(problems)), checked  # jsonschema may report one omission more than once


def across_practices(index: dict[str, list[Entry]]) -> list[Problem]:
    """The rules that compare practices, on their index entries in slug order."""
    originals = originals_in(index)  # checking.py runs them the same way
    return check_links(index, originals) + across(index, originals)


def check_practice(
    docs: list[Document], schema: Schema, disk: Disk, today: datetime.date
) -> tuple[list[Problem], list[Entry]]:
    """One practice's own problems, reviewers' warnings included, and its index entries."""
    problems = check_folder(docs, schema, disk)
    return problems + review_practice(docs, today), entries_of(docs, problems)


def check_folders(
    folders: list[list[Document]], schema: Schema, disk: Disk, today: datetime.date | None = None
) -> dict:
    """Check every folder, on every core, as on `today` (default: today); converted bodies
    come back for the build to reuse.

    Returns slug → (problems, index entries).
    """
    today = today or datetime.date.today()
    if len(folders) >= QUICK_FROM:
        schema.quick  # noqa: B018 - compiled once before forking, shared by the workers

    def job(start: int, stop: int) -> list:
        return [
            (check_practice(docs, schema, disk, today), [d.__dict__.get("markup") for d in docs])
            for docs in folders[start:stop]
        ]

    results = {}
    for docs, (result, markups) in zip(folders, map_slices(job, len(folders)), strict=True):
        results[docs[0].slug] = result
        for doc, markup in zip(docs, markups, strict=True):
            if markup is not None:
                doc.__dict__["markup"] = markup  # fill the cached property in this process
    return results


def check_folder(docs: list[Document], schema: Schema, disk: Disk | None = None) -> list[Problem]:
    """Every problem of one practice's versions; `disk` answers what lies around them."""
    disk = disk or RealDisk()
    original = original_of(docs)
    problems = originals_rule(docs, originals(docs))
    for doc in docs:
        problems += doc.problems + check_names(doc, schema)
        if isinstance(doc.meta, dict):
            problems += check_fields(doc, schema, original, docs, disk)
            problems += check_body(doc, disk)
        elif not doc.problems:
            hint = "write `name: value` lines between the `---` fences"
            problems.append(doc.problem((), "must be a set of fields", hint))
    return problems


def originals_rule(docs: list[Document], found: list[Document]) -> list[Problem]:
    if any(not isinstance(d.meta, dict) for d in docs):
        return []  # a broken file may be the original; its own problems say enough
    if not found:
        hint = "exactly one version has no `translation:` field; it holds the facts"
        return [docs[0].problem((), f"practice `{docs[0].slug}` has no original version", hint)]
    first = found[0].path.name
    example = f"`translation: {{kind: editorial, from: {found[0].lang}}}`"
    hint = f"mark all but one as translations, e.g. {example}"
    return [
        d.problem((), f"second original version (the first is {first})", hint) for d in found[1:]
    ]


def check_names(doc: Document, schema: Schema) -> list[Problem]:
    problems = []
    languages = schema.definitions["language"]["enum"]
    if doc.lang not in languages:
        from .explain import suggest  # the explainers load Babel: only when there is a problem

        message = f"`{doc.path.name}` is not named after a language"
        problems.append(Problem(doc.shown, 1, 1, FILE, message, suggest(doc.lang, languages)))
    slug = schema.definitions["slug"]
    shortest, longest = slug.get("minLength", 1), slug.get("maxLength", 255)
    if not _matches(slug["pattern"], doc.slug) or not shortest <= len(doc.slug) <= longest:
        hint = (
            f"rename the folder: {shortest} to {longest} lowercase ASCII letters, digits"
            " and hyphens, e.g. `school-network`"
        )
        problems.append(
            Problem(doc.shown, 1, 1, FILE, f"folder `{doc.slug}` is not a valid slug", hint)
        )
    return problems


def _matches(pattern: str, text: str) -> bool:
    return re.fullmatch(pattern.strip("^$"), text) is not None


def check_fields(
    doc: Document, schema: Schema, original: Document | None, docs: list[Document], disk: Disk
) -> list[Problem]:
    kind = "translation" if doc.is_translation else "original"
    problems = schema_problems(doc, schema, kind, original)
    flawed = {p.field for p in problems}
    if kind == "original":
        derived = check_facts(doc)
    else:
        derived = translation_rules(doc, schema, original, docs, disk)
    return problems + [p for p in derived if not _depends_on_flawed(p.field, flawed)]


def schema_problems(
    doc: Document, schema: Schema, kind: str, original: Document | None
) -> list[Problem]:
    """The schema's errors in an editor's words, less what the reader has already said."""
    errors = schema.errors(kind, doc.meta)
    if not errors:
        return []
    from .explain import Explainer

    original_file = original.path.name if original else "the original"
    explainer = Explainer(doc, schema.facts, original_file, schema.definitions)
    told = {p.field for p in doc.problems}  # the reader already said what is wrong there
    problems = []
    for error in errors:
        if not redundant(error, errors):
            problems += [p for p in explainer.problems(error) if not _told(p.field, told)]
    return problems


def translation_rules(
    doc: Document, schema: Schema, original: Document | None, docs: list[Document], disk: Disk
) -> list[Problem]:
    problems = check_translation(doc, disk) + check_localised_names(doc, original)
    if original is None or not isinstance(original.meta, dict):
        return problems
    problems += ProseCheck(doc, original, schema).run()
    block = doc.meta.get("translation")
    made_from = block.get("from") if isinstance(block, dict) else None
    source = next((d for d in docs if d.lang == made_from), None)
    return problems + stale(doc, source, schema)


def redundant(error, errors) -> bool:
    """One problem per value: a wrong type hides the rest, unless a list of values says more."""
    here = {e.validator for e in errors if e.absolute_path == error.absolute_path}
    if error.instance is None:  # an empty value: "is empty" says it best
        return error.validator != "type"
    if error.validator == "type":
        return "enum" in here
    if error.validator == "format" and "pattern" in here:
        return True  # e.g. `22.11.2026`: "not a date" says it; "not a calendar date" adds nothing
    return "type" in here and error.validator != "enum"


def _told(field: str, told: set[str]) -> bool:
    """Did the reader already report this field, a group holding it, or a field inside it?

    A line the reader set aside leaves its group empty or its field missing:
    saying so again would only repeat the reader's problem in other words.
    """
    return any(field == other or _inside(field, other) or _inside(other, field) for other in told)


def _inside(field: str, group: str) -> bool:
    return field.startswith((f"{group}.", f"{group}["))


def _depends_on_flawed(field: str, flawed: set[str]) -> bool:
    """A rule relating two fields says nothing useful while their group has schema problems."""
    group = field.rsplit(".", 1)[0]
    return any(f == group or f.startswith((f"{group}.", f"{group}[")) for f in flawed)


def check_translation(doc: Document, disk: Disk) -> list[Problem]:
    source = doc.meta.get("translation")
    if not isinstance(source, dict) or not isinstance(source.get("from"), str):
        return []
    made_from = source["from"]
    siblings = disk.languages(doc.path.parent) | {doc.lang}
    where = ("translation", "from")
    others = ", ".join(f"`{s}`" for s in sorted(siblings - {doc.lang})) or "none yet"
    hint = f"write the language it was translated from (other versions here: {others})"
    if made_from == doc.lang:
        return [doc.problem(where, "a version cannot be translated from itself", hint)]
    if made_from not in siblings:
        return [doc.problem(where, f"there is no `{made_from}.md` in this practice", hint)]
    return []


def strings_in(value: object) -> set[str]:
    """Every text anywhere in a front matter value."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(strings_in(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(strings_in(v) for v in value))
    return set()


def check_localised_names(doc: Document, original: Document | None) -> list[Problem]:
    """A localised name must spell a name exactly as the original does, or it is never used."""
    names = doc.meta.get("localised_names")
    if not isinstance(names, dict) or original is None or not isinstance(original.meta, dict):
        return []
    known = strings_in(original.meta)
    hint = f"copy the name exactly as {original.path.name} writes it"
    message = "`{}` does not appear in the original"
    return [
        doc.problem(("localised_names", name), message.format(name), hint, key=True)
        for name in names
        if name not in known
    ]


def check_facts(doc: Document) -> list[Problem]:
    """Rules that relate two fields, which JSON Schema cannot say well."""
    problems = []
    for i, score in enumerate(doc.meta.get("scores") or []):
        if isinstance(score, dict) and _ints(score.get("value"), score.get("max")):
            if score["value"] > score["max"]:
                hint = f"the scale goes up to {score['max']}"
                problems.append(doc.problem(("scores", i, "value"), "is above `max`", hint))
    period = doc.meta.get("period")
    if isinstance(period, dict) and _dates(period.get("start"), period.get("end")):
        if str(period["end"]) < str(period["start"])[: len(str(period["end"]))]:
            problems.append(doc.problem(("period", "end"), "is before `start`", "check both dates"))
        if period.get("ongoing") is True and _is_past(period["end"]):
            hint = "remove `ongoing: true`, or the end date"
            problems.append(doc.problem(("period", "ongoing"), "conflicts with a past `end`", hint))
    return problems


def _ints(*values) -> bool:
    return all(isinstance(v, int) and not isinstance(v, bool) for v in values)


def _dates(*values) -> bool:
    return all(isinstance(v, str) for v in values)


def _is_past(date: str) -> bool:
    today = datetime.date.today().isoformat()
    return isinstance(date, str) and date < today[: len(date)]


def check_body(doc: Document, disk: Disk) -> list[Problem]:
    markup = doc.body_inventory
    problems = [
        body_problem(
            doc,
            snippet,
            "raw HTML is not allowed",
            "write Markdown instead, e.g. **bold** or [text](https://…)",
        )
        for snippet in markup.raw_html[:1] or []
    ]
    problems += [
        body_problem(
            doc,
            "# ",
            "top-level heading `#`",
            "start sections with `##`; the title is the page heading",
        )
        for _ in markup.h1[:1]
    ]
    problems += [p for href in markup.links if (p := check_link(doc, href))]
    problems += [p for src, alt in markup.images for p in check_image(doc, src, alt, disk)]
    return problems


def body_problem(doc: Document, snippet: str, message: str, hint: str) -> Problem:
    line = doc.body_line
    for offset, text in enumerate(doc.body.splitlines()):
        if snippet in text:
            line = doc.body_line + offset
            col = text.index(snippet) + 1
            return Problem(doc.shown, line, col, BODY, message, hint)
    return Problem(doc.shown, line, 1, BODY, message, hint)


def check_link(doc: Document, href: str) -> Problem | None:
    scheme = scheme_of(href)
    if href.startswith("#") or scheme in URL_SCHEMES:
        return None
    if scheme:
        from .explain import allowed

        hint = f"links may only use {allowed(sorted(URL_SCHEMES))[9:]}"
        return body_problem(doc, href, f"link to `{scheme}:` is not allowed", hint)
    hint = "link to other practices with `related:`, and to the web with https://"
    return body_problem(doc, href, f"relative link `{href}` is not allowed", hint)


def scheme_of(target: str) -> str:
    """A link's scheme, lower case, as urlsplit reads it.

    Only the part before the first colon decides it; urlsplit would also parse
    the host and raise on one such as `[x`, which a typing slip easily makes.
    """
    head, colon, _ = target.partition(":")
    return urlsplit(head + colon).scheme.lower()


def check_image(doc: Document, src: str, alt: str, disk: Disk) -> list[Problem]:
    problems = []
    if scheme_of(src) or "/" in src or "\\" in src or src.startswith("."):
        hint = "put the image file next to this text and use its bare file name"
        problems.append(
            body_problem(doc, src, f"image `{src}` is outside the practice folder", hint)
        )
    elif not disk.has_file(doc.path.parent / src):
        hint = f"add `{src}` to the folder {doc.path.parent.name}/, or fix the name"
        problems.append(body_problem(doc, src, f"image `{src}` does not exist", hint))
    if not alt:
        hint = "describe the image for people who cannot see it: ![what it shows](file.jpg)"
        problems.append(body_problem(doc, src, f"image `{src}` has no alt text", hint))
    return problems
