"""`praxisbook new`: start a practice file, or a language version of one, from the schema.

The file is generated from `schema/practice.schema.json` on every run: fields in
the schema's order, each with its description and rules as comments (worded by
`fielddocs`, like `docs/fields.md`). So it cannot fall behind the schema the
way a hand-kept template would. Required fields are written out; optional ones
are commented, for the editor to uncomment only when the source states them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale

from ..catalogue.explain import field_problem
from ..catalogue.folders import original_of
from ..catalogue.problems import BuildError, Problem, display_path
from ..catalogue.read import Document, read
from ..catalogue.schema import Schema, load_schema, resolve
from ..catalogue.text import slugify
from ..catalogue.translations import digest
from ..catalogue.validate import check_folder
from .fielddocs import enum_inline, field_node, rules, type_words
from .yamlwrite import commented, document_text, wrap_comment, yaml_lines

SECTIONS = ("What", "Who", "Why", "How", "Results", "Lessons learned")


# --- the scaffold, walked from the schema ------------------------------------------------


@dataclass
class Scaffold:
    """Front-matter lines of one version: values given, placeholders, optional fields commented."""

    defs: dict
    notes: dict[str, str] = field(default_factory=dict)  # an extra comment per top-level field
    examples: dict[str, object] = field(default_factory=dict)  # top-level placeholders to show

    def lines(self, node: dict, values: dict, indent: int = 0) -> list[str]:
        out: list[str] = []
        required = set(node.get("required", []))
        for key, declared in node.get("properties", {}).items():
            prop = resolve(declared, self.defs)
            out += [""] if indent == 0 else []
            out += self.comment(key, prop, key in required, indent)
            out += self.field(key, prop, values, key in required, indent)
        return out

    def comment(self, key: str, prop: dict, required: bool, indent: int) -> list[str]:
        need = "required" if required else "optional"
        rule = "; ".join([type_words(prop, self.defs), *rules(prop, self.defs, enum_inline)])
        head = f"{key} ({need}): {prop.get('description', '')}".strip()
        texts = [head, rule[:1].upper() + rule[1:] + "."]
        if indent == 0 and key in self.notes:
            texts.append(self.notes[key])
        return [line for text in texts for line in wrap_comment(text, indent)]

    def field(self, key: str, prop: dict, values: dict, required: bool, indent: int) -> list[str]:
        if key in values and isinstance(values[key], dict) and "properties" in prop:
            return [" " * indent + key + ":", *self.lines(prop, values[key], indent + 2)]
        if key in values:
            return yaml_lines(key, values[key], indent)
        lines = self.placeholder(key, prop, indent)
        return lines if required else commented(lines, indent)

    def placeholder(self, key: str, prop: dict, indent: int) -> list[str]:
        head = " " * indent + key + ":"
        if indent == 0 and key in self.examples:
            return yaml_lines(key, self.examples[key], indent)
        if "properties" in prop:
            return [head, *self.lines(prop, {}, indent + 2)]
        if prop.get("type") == "array":
            return [head, *self.item_placeholder(resolve(prop["items"], self.defs), indent + 2)]
        if prop.get("type") == "object":  # a map, such as `localised_names`
            return [head, " " * (indent + 2) + '"name as the original writes it": ""']
        return [head + (" true" if prop.get("type") == "boolean" else ' ""')]

    def item_placeholder(self, item: dict, indent: int) -> list[str]:
        if "properties" not in item:
            return [" " * indent + '- ""']
        return [" " * indent + "-", *self.lines(item, {}, indent + 2)]


ORIGINAL_HEADER = (
    "A new practice, started by `praxisbook new` from the schema. Fill in every field marked "
    "(required). A line starting with `#` is a note or an optional field: to use a field, "
    "delete the `# ` in front of each of its lines. Record only what the source states, and "
    "delete the optional fields it does not mention. Field reference: docs/fields.md."
)
ORIGINAL_FOOTER = (
    "The text goes below the closing `---`, in Markdown. Start sections with `##` (What, Who, "
    "Why, How, Results, Lessons learned, in the language of the text) and delete the ones you "
    "do not use. No HTML. Images go next to this file, with alt text: ![what it shows](photo.jpg)."
)


def original_text(schema: Schema, values: dict) -> str:
    """A new original version: `values` filled in, the rest placeholders and comments."""
    front = wrap_comment(ORIGINAL_HEADER, 0)
    front += Scaffold(schema.definitions).lines(schema.definitions["original"], values)
    front += ["", *wrap_comment(ORIGINAL_FOOTER, 0)]
    return document_text(front, "\n".join(f"## {s}\n" for s in SECTIONS))


def language_name(lang: str) -> str:
    return Locale("en").languages.get(lang, lang)


def translation_text(schema: Schema, values: dict, original: Document, copied: set[str]) -> str:
    """A new translation of `original`; fields in `copied` are the original's, to be replaced."""
    name, source = language_name(original.lang), original.path.name
    lang = language_name(values["lang"])
    header = (
        f"The {lang} version of `{original.slug}`, started by `praxisbook new` from {source} "
        f"({name}). Translate the title, the summary and the text below the closing `---`, "
        f"which is copied from {source}. Facts stay in {source} only. A line starting with `#` "
        "is a note or an optional field: to use a field, delete the `# ` in front of its lines."
    )
    notes = {k: f"Copied from {source}: replace it with the {k} in {lang}." for k in copied}
    names = names_to_localise(original.meta, schema)
    examples = {"localised_names": dict.fromkeys(names, "")} if names else {}
    fields = {k: v for k, v in values.items() if k != "lang"}
    front = wrap_comment(header, 0)
    front += Scaffold(schema.definitions, notes, examples).lines(
        schema.definitions["translation"], fields
    )
    return document_text(front, original.body)


def names_to_localise(meta: dict, schema: Schema) -> list[str]:
    """The original's names (places, organisations…), which a translation may spell its own way."""
    from ..catalogue.schema import pattern_of

    names: list[str] = []

    def visit(value: object, path: tuple) -> None:
        if isinstance(value, dict | list):
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, inner in items:
                visit(inner, (*path, key))
        elif isinstance(value, str) and pattern_of(path) in schema.names and value not in names:
            names.append(value)

    visit(meta, ())
    return names


# --- asking for values: flags first, prompts on a terminal ----------------------------


class MissingValue(BuildError):
    """A value `praxisbook new` cannot do without was given neither as a flag nor at a prompt."""


@dataclass
class Prompter:
    ask: Callable[[str], str]  # shows a prompt, returns the answer (`input`)
    tell: Callable[[str], None]  # explains why an answer was refused


@dataclass(frozen=True)
class Question:
    flag: str  # the argparse destination, also the flag's name
    prompt: str
    where: tuple[str, ...]  # the field it fills; () for the folder and file name
    parse: Callable[[str], object] = str


def comma_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


ORIGINAL_QUESTIONS = (
    Question("summary", "Summary: one or two sentences on what it does and for whom", ("summary",)),
    Question("country", "Country code (ISO 3166, e.g. DE)", ("country",)),
    Question("themes", "Themes, ids separated by commas", ("themes",), comma_list),
    Question("source", "Source document (its title or a description)", ("source", "title")),
)


@dataclass
class Asker:
    """Values from flags, else from prompts on a terminal; each checked against its schema."""

    defs: dict
    prompter: Prompter | None

    def value(self, given, question: Question, node: dict, default=None, needed=False):
        if given is not None:
            value = question.parse(given) if isinstance(given, str) else given
            if problem := field_problem(node, value, self.defs):
                raise BuildError(f"praxisbook new: --{question.flag.replace('_', '-')}: {problem}")
            return value
        if self.prompter is None:
            if needed and default is None:
                raise MissingValue(f"praxisbook new: give --{question.flag}: {question.prompt}")
            return default
        return self.prompt(question, node, default, needed)

    def prompt(self, question: Question, node: dict, default, needed: bool):
        shown = f" [{default}]" if default else ""
        for choices in enum_inline(resolve(node.get("items", node), self.defs), True):
            self.prompter.tell(choices)  # the ids to choose from, e.g. the themes
        while True:
            try:
                answer = self.prompter.ask(f"{question.prompt}{shown}: ").strip()
            except EOFError:
                raise BuildError("praxisbook new: stopped; nothing was written.") from None
            if not answer and (default is not None or not needed):
                return default
            value = question.parse(answer)
            problem = field_problem(node, value, self.defs) if answer else "an answer is needed"
            if problem is None:
                return value
            self.prompter.tell(f"{question.flag}: {problem}")


def set_value(values: dict, where: tuple[str, ...], value: object) -> None:
    if value is None:
        return
    for key in where[:-1]:
        values = values.setdefault(key, {})
    values[where[-1]] = value


# --- the command ---------------------------------------------------------------------------


@dataclass
class Created:
    path: Path
    problems: list[Problem]
    task: str = "fill in"  # what the editor does next: fill in, or translate

    def report(self) -> str:
        check = f"praxisbook validate {display_path(self.path.parent)}"
        todo = list(dict.fromkeys(p.field for p in self.problems))
        lines = [f"Created {display_path(self.path)}."]
        if self.task == "translate":
            lines.append("Translate its title, summary and text (they are copies of the original).")
        if todo:
            lines.append(f"Still to fill in: {', '.join(todo)}.")
        return "\n".join([*lines, f"Then check it: {check}"])


def new_file(args, practices: Path, schema_dir: Path, prompter: Prompter | None) -> Created:
    """Write a new original, or with `args.translation_of` a new translation; never overwrite."""
    schema = load_schema(schema_dir)
    asker = Asker(schema.definitions, prompter)
    if args.translation_of:
        question = Question("translation_of", "the folder name of the original", ())
        slug = Asker(schema.definitions, None).value(
            args.translation_of, question, schema.definitions["slug"]
        )
        path = new_translation(args, practices / slug, schema, asker)
        return Created(path, problems_in(path, schema), "translate")
    path = new_original(args, practices, schema, asker)
    return Created(path, problems_in(path, schema))


LANG_QUESTION = Question("lang", "Language code of the text (e.g. de)", ())
TITLE_QUESTION = Question("title", "Title, as the practice's owner calls it", ("title",))
SLUG_QUESTION = Question("slug", "Folder name: lowercase ASCII letters, digits, hyphens", ())
KIND_QUESTION = Question("kind", "Kind of translation: official, editorial or machine", ())


def new_original(args, practices: Path, schema: Schema, asker: Asker) -> Path:
    defs = schema.definitions
    lang = asker.value(args.lang, LANG_QUESTION, defs["language"], needed=True)
    title = asker.value(args.title, TITLE_QUESTION, field_node(defs, "original", ("title",)))
    slug = asker.value(args.slug, SLUG_QUESTION, defs["slug"], slugify(title or "") or None, True)
    target = practices / slug / f"{lang}.md"
    refuse_existing(target, original=True)
    values: dict = {"title": title}
    for q in ORIGINAL_QUESTIONS:
        node = field_node(defs, "original", q.where)
        set_value(values, q.where, asker.value(getattr(args, q.flag), q, node))
    today = (args.reviewed or datetime.date.today()).isoformat()
    values["last_reviewed"] = values["added"] = today
    given = {k: v for k, v in values.items() if v is not None}
    return write_new(target, original_text(schema, given))


def new_translation(args, folder: Path, schema: Schema, asker: Asker) -> Path:
    """A translation of the folder's original; title and summary copied unless given as flags."""
    original, defs = find_original(folder), schema.definitions
    lang = asker.value(args.lang, LANG_QUESTION, defs["language"], needed=True)
    target = folder / f"{lang}.md"
    refuse_existing(target, original=False)
    kind_node = field_node(defs, "translation", ("translation", "kind"))
    kind = asker.value(args.kind, KIND_QUESTION, kind_node, default="editorial")
    flags = Asker(defs, None)  # a translated title or summary is typed in the file, not asked
    given = {
        key: flags.value(
            getattr(args, key), Question(key, key, (key,)), field_node(defs, "translation", (key,))
        )
        for key in ("title", "summary")
    }
    copied = {key for key, value in given.items() if value is None}
    values = {key: original.meta.get(key, "") if v is None else v for key, v in given.items()}
    stamp = digest(original.meta, original.body, schema)
    values.update(lang=lang, translation={"kind": kind, "from": original.lang, "digest": stamp})
    return write_new(target, translation_text(schema, values, original, copied))


def find_original(folder: Path) -> Document:
    if not folder.is_dir():
        raise BuildError(f"praxisbook new: there is no practice folder {display_path(folder)}/")
    docs = [read(p) for p in sorted(folder.glob("*.md"))]
    original = original_of(docs)
    if original is None:
        shown = display_path(folder)
        raise BuildError(
            f"praxisbook new: {shown}/ has no readable original version; nothing was written.\n"
            f"    hint: run `praxisbook validate {shown}` and fix what it reports"
        )
    return original


def refuse_existing(target: Path, original: bool) -> None:
    if target.exists():
        raise BuildError(
            f"praxisbook new: {display_path(target)} already exists; nothing was written.\n"
            "    hint: edit that file, or choose another --slug or --lang"
        )
    others = sorted(p.name for p in target.parent.glob("*.md"))
    if original and others:
        slug = target.parent.name
        raise BuildError(
            f"praxisbook new: the practice {slug} already exists ({', '.join(others)}); "
            "nothing was written.\n    hint: add a language version with "
            f"`praxisbook new --translation-of {slug} --lang {target.stem}`, "
            "or choose another --slug"
        )


def write_new(target: Path, text: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
        out.write(text)
    return target


def problems_in(path: Path, schema: Schema) -> list[Problem]:
    """What the validator says about the new file, read back from disk with its siblings."""
    docs = [read(p) for p in sorted(path.parent.glob("*.md"))]
    shown = display_path(path)
    found = [p for p in check_folder(docs, schema) if p.path == shown and p.severity == "error"]
    return sorted(found)  # in the order of the file
