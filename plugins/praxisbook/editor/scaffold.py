"""`praxisbook new`: start a practice file, or a language version of one, from the schema.

The file is generated from `schema/practice.schema.json` on every run, so it
cannot fall behind the schema the way a hand-kept template would. It holds the
fields asked for, each with its description and rules as a comment (worded by
`fielddocs`, like `docs/fields.md`), then a short list of the optional fields
by the schema's `x-group`, and section headings in the file's language. A
translation also gets the original's prose blocks, commented out, to translate.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale

from ..catalogue.folders import original_of
from ..catalogue.problems import BuildError, Problem, display_path
from ..catalogue.read import Document, read
from ..catalogue.schema import Schema, load_schema, resolve
from ..catalogue.text import slugify
from ..catalogue.translations import digest
from ..catalogue.validate import check_folder
from .asking import Asker, MissingValue, Prompter, Question, comma_list, set_value
from .fielddocs import enum_inline, field_node, rules, type_words
from .yamlwrite import commented, document_text, wrap_comment, yaml_lines

# The text's section headings in the languages of the site; other languages get English.
SECTIONS = {
    "en": ("What", "Who", "Why", "How", "Results", "Lessons learned"),
    "de": ("Was", "Wer", "Warum", "Wie", "Ergebnisse", "Erkenntnisse"),
    "nl": ("Wat", "Wie", "Waarom", "Hoe", "Resultaten", "Geleerde lessen"),
    "fr": ("Quoi", "Qui", "Pourquoi", "Comment", "Résultats", "Enseignements tirés"),
    "sv": ("Vad", "Vem", "Varför", "Hur", "Resultat", "Lärdomar"),
    "fi": ("Mitä", "Ketkä", "Miksi", "Miten", "Tulokset", "Opit"),
}
GUIDE = "docs/editing.md"


# --- the scaffold, walked from the schema ------------------------------------------------


@dataclass
class Scaffold:
    """Front-matter lines of one version: values given, placeholders, optional fields commented."""

    defs: dict
    notes: dict[str, str] = field(default_factory=dict)  # an extra comment per top-level field
    commented: set[str] = field(default_factory=set)  # top-level values written commented out

    def lines(self, node: dict, values: dict, indent: int = 0, every: bool = False) -> list[str]:
        """The given and required fields of `node`; with `every`, the optional ones too."""
        out: list[str] = []
        required = set(node.get("required", []))
        for key, declared in node.get("properties", {}).items():
            if not (every or key in values or key in required):
                continue
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
        if key in values:
            lines = self.given(key, prop, values[key], indent)
            # a block to translate stays out until it is translated
            return commented(lines, indent) if key in self.commented else lines
        lines = self.placeholder(key, prop, indent)
        return lines if required else commented(lines, indent)

    def given(self, key: str, prop: dict, value: object, indent: int) -> list[str]:
        if isinstance(value, dict) and "properties" in prop:
            return [" " * indent + key + ":", *self.lines(prop, value, indent + 2)]
        return yaml_lines(key, value, indent)

    def placeholder(self, key: str, prop: dict, indent: int) -> list[str]:
        head = " " * indent + key + ":"
        if "properties" in prop:
            return [head, *self.lines(prop, {}, indent + 2, every=True)]
        if prop.get("type") == "array":
            return [head, *self.item_placeholder(resolve(prop["items"], self.defs), indent + 2)]
        if prop.get("type") == "object":  # a map, such as `localised_names`
            return [head, " " * (indent + 2) + '"name as the original writes it": ""']
        return [head + (" true" if prop.get("type") == "boolean" else ' ""')]

    def item_placeholder(self, item: dict, indent: int) -> list[str]:
        if "properties" not in item:
            return [" " * indent + '- ""']
        return [" " * indent + "-", *self.lines(item, {}, indent + 2, every=True)]


ORIGINAL_HEADER = (
    'A new practice, started by `praxisbook new`. Fill in each empty value ("") from the '
    "source, and nothing the source does not say. A line starting with `#` is a note. "
    f"How to decide the borderline cases: {GUIDE}. Every field: docs/fields.md."
)
GROUPS_HEADER = (
    "More fields, by what they say: add one only when the source states it, written as "
    "docs/fields.md shows."
)
ORIGINAL_FOOTER = (
    "The text goes below the closing `---`, in Markdown: sections start with `##`; delete the "
    "ones you do not use. No HTML. Images go next to this file, with a description: "
    "![what it shows](photo.jpg)."
)


def original_text(schema: Schema, values: dict, lang: str) -> str:
    """A new original version: the fields asked for, then what else the schema offers."""
    front = wrap_comment(ORIGINAL_HEADER, 0)
    front += Scaffold(schema.definitions).lines(schema.definitions["original"], values)
    front += ["", *wrap_comment(GROUPS_HEADER, 0), *optional_groups(schema, values)]
    front += ["", *wrap_comment(ORIGINAL_FOOTER, 0)]
    headings = SECTIONS.get(lang, SECTIONS["en"])
    return document_text(front, "\n".join(f"## {heading}\n" for heading in headings))


def optional_groups(schema: Schema, values: dict) -> list[str]:
    """`#   who: lead_organisation, partners, funding`: the schema's `x-group`s, in its order."""
    groups: dict[str, list[str]] = {}
    for key, declared in schema.facts.items():
        group = resolve(declared, schema.definitions).get("x-group")
        if group and key not in values:
            groups.setdefault(group, []).append(key)
    return [f"#   {group}: {', '.join(keys)}" for group, keys in groups.items()]


def language_name(lang: str) -> str:
    return Locale("en").languages.get(lang, lang)


def translation_text(schema: Schema, values: dict, original: Document, copied: set[str]) -> str:
    """A new translation of `original`; fields in `copied` are the original's, to be replaced.

    The original's prose blocks (milestones, the evidence note …) are written
    commented out: until a translator has translated and uncommented one, the
    page shows the original's own words, never untranslated text as a translation.
    """
    name, source = language_name(original.lang), original.path.name
    lang = language_name(values["lang"])
    header = (
        f"The {lang} version of `{original.slug}`, started by `praxisbook new` from {source} "
        f"({name}). Translate the title, the summary and the text below the closing `---`, "
        f"which is copied from {source}. Facts stay in {source} only. Its other texts are "
        "below, commented out: translate each, then delete the `# ` in front of its lines; "
        f"until then the page shows them in {name}. A line starting with `#` is a note. "
        f"How to translate, and when: {GUIDE}."
    )
    notes = {k: f"Copied from {source}: replace it with the {k} in {lang}." for k in copied}
    kept_out = prose_blocks(original.meta, schema)
    for key, value in kept_out.items():
        keep = (
            "keep each date as it is and the items in their order, "
            if isinstance(value, list)
            else ""
        )
        notes[key] = (
            f"From {source}: translate the words, {keep}then delete the `# ` in front of each line."
        )
    if names := names_to_localise(original.meta, schema):
        kept_out["localised_names"] = dict.fromkeys(names, "")
    fields = {k: v for k, v in values.items() if k != "lang"} | kept_out
    scaffold = Scaffold(schema.definitions, notes, commented=set(kept_out))
    front = wrap_comment(header, 0)
    front += scaffold.lines(schema.definitions["translation"], fields)
    return document_text(front, original.body)


def prose_blocks(meta: dict, schema: Schema) -> dict:
    """The original's values that a translation may carry, in the shape it carries them."""
    derived = schema.definitions["translation"]["properties"]
    return {
        key: shaped(meta[key], derived[key])
        for key in schema.prose_fields
        if key in meta and shaped(meta[key], derived[key]) not in (None, {}, [])
    }


def shaped(value: object, node: dict) -> object:
    """`value` with only what the translation's schema `node` holds: `milestones[].date, text`."""
    if isinstance(value, dict) and "properties" in node:
        inner = {k: shaped(v, node["properties"][k]) for k, v in value.items()
                 if k in node["properties"]}  # fmt: skip
        return {k: v for k, v in inner.items() if v not in (None, {}, [])}
    if isinstance(value, list) and "items" in node:
        return [shaped(item, node["items"]) for item in value]
    return value


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


ORIGINAL_QUESTIONS = (
    Question("summary", "Summary: one or two sentences on what it does and for whom", ("summary",)),
    Question("country", "Country code (ISO 3166, e.g. DE)", ("country",)),
    Question("themes", "Themes, ids separated by commas", ("themes",), comma_list),
    Question("source", "Source document (its title or a description)", ("source", "title")),
)


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
        lines.append(f"Guide for the judgement calls: {GUIDE}")
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
ENGLISH_QUESTION = Question(
    "english_title", "The title in English (it names the folder, which stays forever)", ()
)
SLUG_QUESTION = Question(
    "slug", "Folder name, in English: lowercase ASCII letters, digits, hyphens", ()
)
KIND_QUESTION = Question("kind", "Kind of translation: official, editorial or machine", ())


def new_original(args, practices: Path, schema: Schema, asker: Asker) -> Path:
    defs = schema.definitions
    lang = asker.value(args.lang, LANG_QUESTION, defs["language"], needed=True)
    title_node = field_node(defs, "original", ("title",))
    title = asker.value(args.title, TITLE_QUESTION, title_node)
    slug = folder_name(args, asker, lang, title, schema)
    target = practices / slug / f"{lang}.md"
    refuse_existing(target, original=True)
    values: dict = {"title": title}
    for q in ORIGINAL_QUESTIONS:
        node = field_node(defs, "original", q.where)
        set_value(values, q.where, asker.value(getattr(args, q.flag), q, node))
    today = (args.reviewed or datetime.date.today()).isoformat()
    values["last_reviewed"] = values["added"] = today
    given = {k: v for k, v in values.items() if v is not None}
    return write_new(target, original_text(schema, given, lang))


def folder_name(args, asker: Asker, lang: str, title: str | None, schema: Schema) -> str:
    """The folder name, made from the English title: every folder name is English.

    A title in another language is not turned into one: its English title is
    asked for, or `--english-title` or `--slug` given.
    """
    defs = schema.definitions
    english = title if lang == "en" else None
    if english is None and args.slug is None:
        title_node = field_node(defs, "original", ("title",))
        english = asker.value(args.english_title, ENGLISH_QUESTION, title_node)
    if args.slug is None and english is None and asker.prompter is None:
        raise MissingValue(
            "praxisbook new: give --english-title or --slug: the folder name is made from the"
            f" English title, as every folder name is English ({GUIDE})"
        )
    return asker.value(args.slug, SLUG_QUESTION, defs["slug"], slugify(english or "") or None, True)


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
