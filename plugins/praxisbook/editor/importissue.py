"""`praxisbook import-issue`: a "Propose a practice" issue becomes an entry file.

GitHub renders an issue form's answers as `### <label>` headings, each followed
by the value, or by `_No response_` when the field was left empty. The form
itself (`.github/ISSUE_TEMPLATE/propose-practice.yml`) says which label belongs
to which field: its ids are the schema's field names, nested ones joined with
`_` (`source_title` is `source.title`). So the mapping is read from the
form, not typed again here.

Nothing is added that the issue does not say, except `last_reviewed`. The file
is validated with the same rules as `praxisbook validate` before it is written,
and every problem points at the line of the issue it comes from.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..catalogue.disk import NoDisk
from ..catalogue.explain import field_problem, suggest
from ..catalogue.problems import BuildError, Problem, display_path, render
from ..catalogue.project import PACKAGE_CHECKOUT
from ..catalogue.read import parse_text
from ..catalogue.schema import Schema, resolve
from ..catalogue.text import slugify
from ..catalogue.validate import check_folder
from .fielddocs import field_node
from .yamlwrite import document_text, yaml_lines

FORM = Path(".github/ISSUE_TEMPLATE/propose-practice.yml")
NO_RESPONSE = "_No response_"
ISSUE = "issue"
BODY = "(body)"  # how the validator names the text below the fields
PLACEHOLDER_SLUG, PLACEHOLDER_LANG = "proposal", "en"  # to validate what is there when these lack
HEADING = re.compile(r"###\s+(.+?)\s*\Z")
CODE = re.compile(r"\(([^()]+)\)\s*\Z")  # options end in "(<code>)": `Germany (DE)`
TICKED = re.compile(r"-\s*\[[xX]\]\s*(.+?)\s*\Z")
# form ids that the schema does not hold
NOT_A_FIELD = {"language", "english_title", "body", "confirmation"}


@dataclass(frozen=True)
class FormField:
    """One question of the issue form."""

    id: str
    label: str
    kind: str  # input, textarea, dropdown or checkboxes
    required_options: tuple[str, ...] = ()  # checkbox labels that must be ticked


@dataclass
class Answer:
    """What the issue says under one `### <label>` heading."""

    line: int  # the heading's line in the issue body, counted from 1
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        text = "\n".join(self.lines).strip()
        return "" if text == NO_RESPONSE else text

    @property
    def value_line(self) -> int:
        filled = [n for n, line in enumerate(self.lines, self.line + 1) if line.strip()]
        return filled[0] if filled else self.line


def form_path(root: Path) -> Path:
    """The project's issue form, or the one this engine was installed with."""
    own = root / FORM
    return own if own.is_file() else PACKAGE_CHECKOUT / FORM


def load_form(path: Path) -> list[FormField]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [form_field(item) for item in data["body"] if item.get("id")]


def form_field(item: dict) -> FormField:
    options = item["attributes"].get("options") or []
    required = tuple(o["label"] for o in options if isinstance(o, dict) and o.get("required"))
    return FormField(item["id"], item["attributes"]["label"], item["type"], required)


def answers(body: str, labels: set[str]) -> dict[str, Answer]:
    """The issue body cut at its `### <label>` headings, by label.

    Only the form's own labels cut: a description may have `###` headings too.
    """
    found: dict[str, Answer] = {}
    current: Answer | None = None
    for number, line in enumerate(body.splitlines(), start=1):
        heading = HEADING.match(line.strip())
        if heading and heading.group(1) in labels:
            current = found.setdefault(heading.group(1), Answer(number))
        elif current is not None:
            current.lines.append(line)
    return found


def field_path(form_id: str, properties: dict, defs: dict) -> tuple[str, ...] | None:
    """`source_title` is `("source", "title")`: the first split naming real fields."""
    if form_id in properties:
        return (form_id,)
    parts = form_id.split("_")
    for cut in range(1, len(parts)):
        top, sub = "_".join(parts[:cut]), "_".join(parts[cut:])
        if top in properties and sub in resolve(properties[top], defs).get("properties", {}):
            return (top, sub)
    return None


def code(text: str) -> str:
    found = CODE.search(text)
    return found.group(1).strip() if found else text.strip()


def ticked(answer: Answer) -> list[str]:
    return [m.group(1) for line in answer.lines if (m := TICKED.match(line.strip()))]


def value_for(question: FormField, answer: Answer, node: dict):
    """The answer as the field's type wants it; None when the issue says nothing."""
    if question.kind == "checkboxes":
        boxes = ticked(answer)
        if node.get("type") == "boolean":
            return True if boxes else None  # an unticked box says nothing, not `false`
        return [code(label) for label in boxes] or None
    if not answer.text:
        return None
    if node.get("type") == "array":
        return [line.strip().lstrip("-*").strip() for line in answer.lines if line.strip()]
    value = code(answer.text) if question.kind == "dropdown" else " ".join(answer.text.split())
    required = node.get("required", [])
    return {required[0]: value} if node.get("type") == "object" and len(required) == 1 else value


@dataclass
class Proposal:
    """An issue turned into front matter, with where each field came from."""

    meta: dict = field(default_factory=dict)
    lang: str | None = None
    english: str = ""  # the title in English, which names the folder
    body: str = ""
    lines: dict[str, int] = field(default_factory=dict)  # field name → issue line
    labels: dict[str, FormField] = field(default_factory=dict)  # field name → its question
    problems: list[Problem] = field(default_factory=list)

    def add(self, where: tuple[str, ...], value, line: int, question: FormField) -> None:
        name = ".".join(where)
        self.lines[name], self.labels[name] = line, question
        if value is None:
            return
        target = self.meta
        for key in where[:-1]:
            target = target.setdefault(key, {})
        target[where[-1]] = value

    def problem(self, name: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(ISSUE, self.line_of(name), 0, name, message, hint))

    def line_of(self, name: str) -> int:
        """The issue line of a field, or of the nearest group it belongs to; else line 1."""
        while name:
            if name in self.lines:
                return self.lines[name]
            name = re.sub(r"(\[\d+\]|\.?[^.\[]+)\Z", "", name)
        return 1


def read_issue(body: str, form: list[FormField], schema: Schema) -> Proposal:
    """Every field the issue fills, in the order of the form."""
    proposal, found = Proposal(), answers(body, {q.label for q in form})
    defs = schema.definitions
    properties = defs["original"]["properties"]
    for question in form:
        answer = found.get(question.label, Answer(1))
        where = field_path(question.id, properties, defs)
        if where is not None:
            node = field_node(defs, "original", where)
            proposal.add(where, value_for(question, answer, node), answer.value_line, question)
        elif question.id in NOT_A_FIELD:
            special(proposal, question, answer, schema)
    return proposal


def special(proposal: Proposal, question: FormField, answer: Answer, schema: Schema) -> None:
    """The questions that are not front-matter fields: language, text, confirmation."""
    proposal.lines[question.id], proposal.labels[question.id] = answer.value_line, question
    if question.id == "body":
        proposal.body = f"\n{answer.text}\n" if answer.text else ""
    elif question.id == "english_title":
        proposal.english = " ".join(answer.text.split())
    elif question.id == "language":
        check_language(proposal, code(answer.text), schema)
    else:
        for label in question.required_options:
            if label not in ticked(answer):
                hint = "tick it only when it is true; otherwise ask the proposer"
                proposal.problem(question.id, f"not ticked: “{label}”", hint)


def check_language(proposal: Proposal, lang: str, schema: Schema) -> None:
    languages = schema.definitions["language"]["enum"]
    if lang in languages:
        proposal.lang = lang
    elif not lang:
        hint = f"choose one under “{proposal.labels['language'].label}”"
        proposal.problem("language", "required field is missing", hint)
    else:
        proposal.problem("language", f"`{lang}` is not an allowed value", suggest(lang, languages))


def entry_text(meta: dict, properties: dict, body: str) -> str:
    """The file, its fields in the schema's order."""
    ordered = [key for key in properties if key in meta]
    front = [line for key in ordered for line in yaml_lines(key, meta[key])]
    return document_text(front, body)


def schema_problems(proposal: Proposal, slug: str, schema: Schema) -> None:
    """Validate the file as `praxisbook validate` would, as text: nothing is written."""
    lang = proposal.lang or PLACEHOLDER_LANG
    properties = schema.definitions["original"]["properties"]
    text = entry_text(proposal.meta, properties, proposal.body)
    doc = parse_text(Path("practices") / slug / f"{lang}.md", text)
    for p in check_folder([doc], schema, NoDisk()):
        if p.severity == "error":
            name = "body" if p.field == BODY else p.field  # the Description answer
            proposal.problem(name, p.message, issue_hint(proposal, p))


def issue_hint(proposal: Proposal, problem: Problem) -> str:
    """For a field left empty, say where in the form to fill it in."""
    question = proposal.labels.get(problem.field)
    if problem.message != "required field is missing" or question is None:
        return problem.hint
    verb = {"checkboxes": "tick at least one box under", "dropdown": "choose one under"}
    return f"{verb.get(question.kind, 'fill in')} “{question.label}”"


@dataclass
class Imported:
    slug: str
    lang: str
    text: str
    problems: list[Problem]
    questions: dict[str, str] = field(default_factory=dict)  # field name → the form's label
    slug_in_english: bool = True  # False: made from a title in another language, to rename
    title: str = ""

    def report(self, fmt: str = "text") -> str:
        """Each problem as `issue:<line>: <field>: <message>` and its hint (or as JSON)."""
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        closing = f"Aborted: {count} {noun} in the issue; nothing was written."
        return render(self.problems, 1, fmt, closing=closing)


def import_issue(
    body: str, schema: Schema, form: list[FormField], slug: str | None = None, reviewed=None
) -> Imported:
    """The entry file an issue describes, or the problems that stop it."""
    if slug and (problem := field_problem(schema.definitions["slug"], slug, schema.definitions)):
        raise BuildError(f"praxisbook import-issue: --slug: {problem}")
    proposal = read_issue(body, form, schema)
    today = (reviewed or datetime.date.today()).isoformat()
    proposal.meta["last_reviewed"] = proposal.meta["added"] = today
    title = str(proposal.meta.get("title", ""))
    english = slug or proposal.english or (title if proposal.lang == "en" else "")
    slug = slug or slugify(english or title)  # a title in another language only as a last resort
    if proposal.meta.get("title") and not slug:
        proposal.problem("title", "has no letters or digits to name the folder", "give --slug")
    schema_problems(proposal, slug or PLACEHOLDER_SLUG, schema)
    properties = schema.definitions["original"]["properties"]
    text = entry_text(proposal.meta, properties, proposal.body)
    questions = {name: question.label for name, question in proposal.labels.items()}
    problems = sorted(set(proposal.problems))
    lang = proposal.lang or ""
    return Imported(slug, lang, text, problems, questions, bool(english), title)


def write_entry(imported: Imported, practices: Path) -> Path:
    """Write the new file; a practice folder that exists is never touched."""
    folder = practices / imported.slug
    if folder.exists():
        raise BuildError(
            f"praxisbook import-issue: {display_path(folder)}/ already exists; "
            "nothing was written.\n"
            "    hint: if this is a new practice, give it another folder name with --slug"
        )
    folder.mkdir(parents=True)
    target = folder / f"{imported.lang}.md"
    target.write_text(imported.text, encoding="utf-8")
    return target
