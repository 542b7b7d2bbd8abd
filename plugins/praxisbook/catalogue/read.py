"""Read stage: a practice file becomes front-matter values, their positions and a body.

The front matter is parsed from libyaml's event stream rather than loaded, so
that every value keeps its line and column, and so that YAML's surprises never
reach the schema: anchors, aliases, tags, duplicate keys and extra documents
are problems, and a plain scalar only becomes a number, a boolean or null when
it is written exactly like the JSON literal (`4`, `-1`, `true`, `null`; an empty
value is null too). `NO`, `on`, `~`, `01234`, `12:30`, `1.10`, `+4930…` and
`2024-03-01` all stay text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from .characters import blanked, body_problems, escaped, front_problems
from .problems import Problem, display_path, field_name
from .syntax import belonging, explain, field_path

try:  # libyaml is the fast path; the pure-Python parser gives the same events
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

FENCE = "---"
PLAIN_INT = re.compile(r"(?:0|-?[1-9][0-9]{0,8})\Z")
PLAIN_BOOL = {"true": True, "false": False}
PLAIN_NULL = {"", "null"}  # `~` is YAML-only spelling, like `yes`: it stays text
# A practice is a page of text: anything larger is a mistake (a pasted document, an
# embedded image), and is refused before it is read (docs/editing.md).
MAX_FILE_BYTES = 256 * 1024
# How many syntax errors of one file are reported, each line set aside, before giving up.
MAX_SLIPS = 10
Position = tuple[int, int]


@dataclass
class Document:
    """One language version of one practice, as written."""

    path: Path
    meta: object = None
    positions: dict[tuple, Position] = field(default_factory=dict)
    key_positions: dict[tuple, Position] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    problems: list[Problem] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.path.parent.name

    @property
    def lang(self) -> str:
        return self.path.stem

    @property
    def shown(self) -> str:
        return display_path(self.path)

    @property
    def is_translation(self) -> bool:
        return isinstance(self.meta, dict) and "translation" in self.meta

    def where(self, path: tuple, *, key: bool = False) -> Position:
        """Best position for a value path: the key or value itself, else its nearest parent.

        Problems of the front matter as a whole point at its opening `---`.
        """
        table = self.key_positions if key else self.positions
        while path:
            if path in table:
                return table[path]
            path = path[:-1]
        return (1, 1)

    def problem(self, path: tuple, message: str, hint: str = "", **kw) -> Problem:
        line, col = self.where(path, key=kw.pop("key", False))
        return Problem(self.shown, line, col, field_name(path), message, hint, **kw)

    @cached_property
    def markup(self):
        """The body converted once, shared by validation and rendering."""
        from .markup import convert

        return convert(self.body)

    @property
    def body_inventory(self):
        """What validation needs of the body: raw HTML, links, images, `#` headings.

        Converting Markdown is the costliest step of validating, so a body that
        cannot contain any of these is not converted here; rendering converts it.
        """
        from .markup import NOTHING_TO_CHECK, needs_conversion

        if "markup" in self.__dict__ or needs_conversion(self.body):
            return self.markup
        return NOTHING_TO_CHECK


def read(path: Path, read_bytes: dict[Path, bytes] | None = None) -> Document:
    """Read one practice file; problems are recorded on the document, never raised.

    The size is asked of the file system first, so an oversized file is never read.
    The bytes read go into `read_bytes`, if given (checking.Keeping compares them later).
    """
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return too_large(path, size)
    data = path.read_bytes()
    if read_bytes is not None:
        read_bytes[path] = data
    return parse(path, data)


def too_large(path: Path, size: int) -> Document:
    doc = Document(path)
    limit = MAX_FILE_BYTES // 1024
    message = f"is {-(-size // 1024)} kB; a practice file may have at most {limit} kB"
    hint = (
        "keep to what the source says about the practice: link long documents with"
        " `source.url`, and put images next to the file instead of inside it"
    )
    doc.problems.append(Problem(doc.shown, 1, 1, "(file)", message, hint))
    return doc


def parse(path: Path, data: bytes) -> Document:
    """A practice file's bytes as a Document; `path` names it (it need not exist)."""
    if len(data) > MAX_FILE_BYTES:
        return too_large(path, len(data))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        doc = Document(path)
        doc.problems.append(encoding_problem(doc, data, exc.start))
        return doc
    return parse_text(path, text)


def parse_text(path: Path, text: str) -> Document:
    """A practice file's text as a Document: validation works on text, not on files."""
    doc = Document(path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    front, doc.body, doc.body_line = split_front_matter(text, doc)
    if front is not None:
        FrontMatterParser(doc).parse(front)
    doc.problems += body_problems(doc, doc.body, doc.body_line)
    return doc


def encoding_problem(doc: Document, data: bytes, at: int) -> Problem:
    """Point at the first byte that is not UTF-8, counting columns in characters."""
    start = data.rfind(b"\n", 0, at) + 1
    col = len(data[start:at].decode("utf-8", errors="replace")) + 1
    hint = "save the file as UTF-8 (this byte comes from another encoding, e.g. Latin-1)"
    line = data.count(b"\n", 0, at) + 1
    return Problem(doc.shown, line, col, "(file)", "is not UTF-8 text", hint)


def split_front_matter(text: str, doc: Document) -> tuple[str | None, str, int]:
    """Return (front matter, body, first body line) or record why there is none."""
    # newlines only: splitlines() would also break at a form feed, and miscount the lines
    lines = text.lstrip("\ufeff").split("\n")
    if lines[0].rstrip() != FENCE:
        hint = "start the file with a line `---`, the fields, and another `---`"
        doc.problems.append(Problem(doc.shown, 1, 1, "(front matter)", "missing", hint))
        return None, text, 1
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in (FENCE, "..."):
            front = "".join(f"{line}\n" for line in lines[1 : number - 1])
            return front, "\n".join(lines[number:]), number + 1
    hint = "close the front matter with a line `---` before the text"
    doc.problems.append(Problem(doc.shown, 1, 1, "(front matter)", "is never closed", hint))
    return None, "", len(lines) + (lines[-1] != "")


class FrontMatterParser:
    """Builds plain values from libyaml events, recording positions and problems.

    A syntax error is reported in plain words (syntax.py); then its line is set
    aside (blanked) and the rest parsed again, so that the file's other problems
    are reported too. Control characters are reported where they stand and
    blanked before parsing, for the same reason.
    """

    LINE_OFFSET = 2  # the YAML starts on the line after the opening fence

    def __init__(self, doc: Document):
        self.doc = doc
        self.spans: list[tuple[int, int, tuple]] = []  # scalars: (start, end, value path)

    def parse(self, front: str) -> None:
        front, hostile = blanked(front)
        events = self.events_of(front)
        if events is not None:
            self.events = iter(events)
            self.walk_stream()
        self.doc.problems += front_problems(self.doc, front, hostile, self.spans, self.LINE_OFFSET)

    def events_of(self, front: str) -> list | None:
        """libyaml's events, with each line that breaks the syntax reported and set aside."""
        for _ in range(MAX_SLIPS):
            try:
                return list(yaml.parse(front, Loader=_Loader))
            except yaml.MarkedYAMLError as exc:
                front = self.syntax_problem(exc, front)
            except yaml.reader.ReaderError as exc:  # a character YAML does not allow
                self.character_problem(front, exc)
                return None
            except yaml.YAMLError as exc:  # unmarked errors are rare but possible
                message = " ".join(f"not valid YAML ({exc})".split())
                self.report(None, (), message, "check quoting and indentation")
                return None
            if front is None:
                return None
        return None

    def syntax_problem(self, exc: yaml.MarkedYAMLError, front: str) -> str | None:
        """Report the error; return the text with its line blanked, or None to stop there.

        The `translation:` line decides what kind of version the file is: without
        it, the rest would be checked as an original, so the parse stops there.
        """
        lines = front.split("\n")
        slip = explain(exc, lines)
        owner = slip.line if slip.owner is None else slip.owner
        path = field_path(lines, owner, slip.indent)
        line = slip.line + self.LINE_OFFSET
        problem = Problem(self.doc.shown, line, slip.col, field_name(path), slip.message, slip.hint)
        self.doc.problems.append(problem)
        if not lines[slip.line : slip.line + 1] or not lines[slip.line].strip():
            return None  # nothing left to set aside
        if path[:1] == ("translation",):
            return None
        for index in belonging(lines, slip.line):  # a list item goes with its fields
            lines[index] = " " * len(lines[index])
        return "\n".join(lines)

    def character_problem(self, front: str, exc: yaml.reader.ReaderError) -> None:
        line = front.count("\n", 0, exc.position) + self.LINE_OFFSET
        col = exc.position - front.rfind("\n", 0, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"contains the character U+{code:04X}, which YAML does not allow"
        hint = "delete it: it is invisible, and often comes from text copied out of a PDF"
        problem = Problem(self.doc.shown, line, col, "(front matter)", message, hint)
        self.doc.problems.append(problem)

    def at(self, mark) -> Position:
        return (mark.line + self.LINE_OFFSET, mark.column + 1) if mark else (1, 1)

    def report(self, mark, path: tuple, message: str, hint: str = "") -> None:
        line, col = self.at(mark)
        p = Problem(self.doc.shown, line, col, field_name(path), message, hint)
        self.doc.problems.append(p)

    def walk_stream(self) -> None:
        documents = 0
        for event in self.events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    hint = "keep all fields in one block between the two `---` lines"
                    self.report(event.start_mark, (), "holds more than one YAML document", hint)
                    return
                self.doc.meta = self.node(next(self.events), ())
        if documents == 0:
            self.doc.meta = {}

    def node(self, event, path: tuple):
        self.check_decorations(event, path)
        self.doc.positions[path] = self.at(event.start_mark)
        if isinstance(event, yaml.ScalarEvent):
            self.spans.append((event.start_mark.index, event.end_mark.index, path))
            self.check_escapes(event, path)
            return scalar_value(event)
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(path)
        if isinstance(event, yaml.SequenceStartEvent):
            return self.sequence(path)
        hint = "write the value out again instead of referring to another one"
        self.report(event.start_mark, path, "aliases (`*name`) are not allowed", hint)
        return None

    def check_escapes(self, event: yaml.ScalarEvent, path: tuple) -> None:
        """A control character written as an escape (`"\\u202E"`) is one all the same."""
        if said := escaped(event.value):
            self.report(event.start_mark, path, *said)

    def check_decorations(self, event, path: tuple) -> None:
        if getattr(event, "anchor", None) and not isinstance(event, yaml.AliasEvent):
            hint = "remove `&" + event.anchor + "`; write each value out in full"
            self.report(event.start_mark, path, "anchors (`&name`) are not allowed", hint)
        implicit = getattr(event, "implicit", True)
        explicit = not any(implicit) if isinstance(implicit, tuple) else not implicit
        if getattr(event, "tag", None) and explicit:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")  # as written: `!!str`
            hint = f"remove `{tag}`; quote the value if it must stay text"
            self.report(event.start_mark, path, "YAML tags are not allowed", hint)

    def mapping(self, path: tuple) -> dict:
        result: dict = {}
        for event in self.events:
            if isinstance(event, yaml.MappingEndEvent):
                return result
            key = self.key(event, path)
            value = self.node(next(self.events), (*path, key))
            if key is not None and key not in result:
                result[key] = value
        return result

    def key(self, event, path: tuple) -> str | None:
        if not isinstance(event, yaml.ScalarEvent):
            self.report(event.start_mark, path, "keys must be plain names", "write `name: value`")
            self.skip(event)
            return None
        key = event.value
        if (*path, key) in self.doc.key_positions:
            first = self.doc.key_positions[(*path, key)][0]
            hint = f"keep one of them (the first is on line {first})"
            self.report(event.start_mark, (*path, key), "duplicate key", hint)
            return None
        self.doc.key_positions[(*path, key)] = self.at(event.start_mark)
        self.spans.append((event.start_mark.index, event.end_mark.index, (*path, key)))
        return key

    def skip(self, event) -> None:
        """Consume a complex key so that parsing can go on after reporting it."""
        depth = 1 if isinstance(event, yaml.CollectionStartEvent) else 0
        while depth:
            nxt = next(self.events)
            depth += isinstance(nxt, yaml.CollectionStartEvent)
            depth -= isinstance(nxt, yaml.CollectionEndEvent)

    def sequence(self, path: tuple) -> list:
        result: list = []
        for event in self.events:
            if isinstance(event, yaml.SequenceEndEvent):
                return result
            result.append(self.node(event, (*path, len(result))))
        return result


def scalar_value(event: yaml.ScalarEvent):
    """Plain scalars become int/bool/None only when written exactly so; all else is text."""
    if event.style:  # quoted or block scalars are always text (libyaml gives "" for plain)
        return event.value
    text = event.value
    if PLAIN_INT.match(text):
        return int(text)
    if text in PLAIN_BOOL:
        return PLAIN_BOOL[text]
    if text in PLAIN_NULL:
        return None
    return text
