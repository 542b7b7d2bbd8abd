"""Model stage: validated documents become practices, readable in any language.

A `Practice` is the original's record plus its language `Version`s. What a
reader sees in one UI language is a `Reading`: the best version along the
reading chain (by default the UI language, then English, then the original),
with every prose fact in the best language that has it and every name as that
version spells it. Each text is a `Text`: a string that knows its language, so
a page can mark every text whose language differs from the page's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from functools import cache, cached_property
from pathlib import Path

from .folders import Catalogue, original_of
from .read import Document
from .schema import ANY_ITEM, Pattern, Schema

DEFAULT_CHAIN = ("ui", "en", "original")
VERSION_KEYS = ("title", "summary", "translation", "localised_names")  # not prose facts


class Text(str):
    """A text and the language it is written in.

    `original` is set when the text is a translation of the original's text
    (a translated evidence quote shows it one click away); `quote` marks text
    that the schema calls a quote.
    """

    lang: str
    original: Text | None
    quote: bool

    def __new__(cls, value: str, lang: str, original: Text | None = None, quote: bool = False):
        text = super().__new__(cls, value)
        text.lang, text.original, text.quote = lang, original, quote
        return text

    def __reduce__(self):
        return (Text, (str(self), self.lang, self.original, self.quote))


@dataclass(frozen=True)
class FieldKinds:
    """What the schema says about values: which are prose (and quotes), which are names."""

    translatable: dict[Pattern, object] = field(default_factory=dict)
    names: frozenset[Pattern] = frozenset()

    @classmethod
    def of(cls, schema: Schema) -> FieldKinds:
        return cls(dict(schema.translatable), schema.names)


@dataclass(frozen=True)
class Version:
    """One language version of a practice: what a translator may change."""

    lang: str
    title: str
    summary: str
    html: str
    path: Path
    translation: dict | None = None
    localised_names: dict = field(default_factory=dict)
    prose: dict = field(default_factory=dict)  # translated prose facts, in the original's shape
    front_matter: dict = field(default_factory=dict, compare=False)  # as written, for open data
    body: str = field(default="", compare=False)  # the Markdown, for open data

    @property
    def kind(self) -> str:
        return self.translation["kind"] if self.translation else "original"

    @property
    def made_from(self) -> str | None:
        return self.translation["from"] if self.translation else None

    def localise(self, name: str) -> str:
        return self.localised_names.get(name, name)


# --- typed facts ----------------------------------------------------------------------------


@cache  # dataclasses.fields() builds its tuple on every call: fact boxes ask 15 times a page
def field_names(cls) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def typed(cls, data):
    """`cls` from a mapping (None stays None); nested records become their own classes."""
    if not isinstance(data, dict):
        return None
    return cls(**{name: data.get(name) for name in field_names(cls)})


@dataclass(frozen=True)
class Period:
    start: str | None = None
    end: str | None = None
    ongoing: bool | None = None


@dataclass(frozen=True)
class Organisation:
    name: str
    unit: str | None = None
    type: str | None = None
    website: str | None = None


@dataclass(frozen=True)
class Funding:
    funder: str
    programme: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Milestone:
    date: str
    text: str


@dataclass(frozen=True)
class Score:
    kind: str
    value: int
    max: int


@dataclass(frozen=True)
class Evidence:
    level: str
    evaluation_url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Person:
    name: str
    consent: dict
    role: str | None = None


@dataclass(frozen=True)
class Contact:
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    note: str | None = None
    person: dict | None = None

    @property
    def named_person(self) -> Person | None:
        return typed(Person, self.person)


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    retrieved: str | None = None
    licence: str | None = None


@dataclass(frozen=True)
class SeeAlso:
    title: str
    note: str | None = None
    url: str | None = None


class Facts:
    """Typed access to a practice record (as read in some language)."""

    def __init__(self, record: dict):
        self.record = record

    def get(self, path: str | tuple, default=None):
        value = self.record
        for key in (path,) if isinstance(path, str) else path:
            if not isinstance(value, dict) or key not in value:
                return default
            value = value[key]
        return value

    def terms(self, path: str | tuple) -> list[str]:
        """A field's values as a list (one value becomes a list of one)."""
        value = self.get(path)
        if value is None:
            return []
        return [value] if isinstance(value, str) else list(value)

    def records(self, name: str, cls) -> list:
        return [typed(cls, item) for item in self.get(name) or [] if isinstance(item, dict)]

    # Cached: a Facts is shared by the readings of several UI languages (Practice.facts_as),
    # and pages ask for the same typed records several times.
    country = cached_property(lambda self: self.get("country"))
    region = cached_property(lambda self: self.get("region"))
    places = cached_property(lambda self: list(self.get("places") or []))
    status = cached_property(lambda self: self.get("status"))
    recognition = cached_property(lambda self: list(self.get("recognition") or []))
    transferability = cached_property(lambda self: self.get("transferability"))
    last_reviewed = cached_property(lambda self: self.get("last_reviewed"))
    added = cached_property(lambda self: self.get("added"))
    related = cached_property(lambda self: list(self.get("related") or []))
    former_slugs = cached_property(lambda self: list(self.get("former_slugs") or []))
    period = cached_property(lambda self: typed(Period, self.get("period")))
    lead_organisation = cached_property(
        lambda self: typed(Organisation, self.get("lead_organisation"))
    )
    partners = cached_property(lambda self: self.records("partners", Organisation))
    funding = cached_property(lambda self: self.records("funding", Funding))
    milestones = cached_property(lambda self: self.records("milestones", Milestone))
    scores = cached_property(lambda self: self.records("scores", Score))
    evidence = cached_property(lambda self: typed(Evidence, self.get("evidence")))
    contact = cached_property(lambda self: typed(Contact, self.get("contact")))
    source = cached_property(lambda self: typed(Source, self.get("source")))
    see_also = cached_property(lambda self: self.records("see_also", SeeAlso))


# --- reading a practice in one language ----------------------------------------------------


def lookup(tree: object, path: tuple):
    for key in path:
        if isinstance(key, int):
            if not isinstance(tree, list) or key >= len(tree):
                return None
        elif not isinstance(tree, dict) or key not in tree:
            return None
        tree = tree[key]
    return tree


@dataclass(frozen=True)
class Localiser:
    """Turns the original's record into texts in the best language each has."""

    kinds: FieldKinds
    original_lang: str
    overlays: tuple[Version, ...]  # versions whose prose wins, best first
    names: dict  # localised names of the shown version
    names_lang: str

    def tree(self, value: object, path: tuple = (), pattern: Pattern = ()) -> object:
        """`value` with its texts localised; `pattern` is `path` with list items as `*`,
        carried down rather than made again for every text (a practice has about forty)."""
        if isinstance(value, dict):
            return {k: self.tree(v, (*path, k), (*pattern, k)) for k, v in value.items()}
        if isinstance(value, list):
            item = (*pattern, ANY_ITEM)
            return [self.tree(v, (*path, i), item) for i, v in enumerate(value)]
        if isinstance(value, str):
            return self.text(value, path, pattern)
        return value

    def text(self, value: str, path: tuple, pattern: Pattern) -> str:
        kind = self.kinds.translatable.get(pattern)
        if kind:
            original = Text(value, self.original_lang, quote=kind == "quote")
            for version in self.overlays:
                translated = lookup(version.prose, path)
                if isinstance(translated, str):
                    return Text(translated, version.lang, original, kind == "quote")
            return original
        if pattern in self.kinds.names:
            if value in self.names:
                return Text(self.names[value], self.names_lang)
            return Text(value, self.original_lang)
        return value


@dataclass
class Practice:
    """A practice record (the original's facts) and all its language versions."""

    slug: str
    record: dict
    original: Version
    versions: dict[str, Version]
    kinds: FieldKinds = field(default_factory=FieldKinds, repr=False)
    localised: dict = field(default_factory=dict, init=False, repr=False, compare=False)  # facts_as

    @property
    def facts(self) -> Facts:
        """The record as the original states it (texts marked with the original's language)."""
        return self.facts_as(self.original, ())

    def facts_as(self, shown: Version, overlays: tuple[Version, ...]) -> Facts:
        """The record localised for the `shown` version and the `overlays`' prose, made once
        for each combination: most UI languages read a practice in the same versions (those
        without a version of their own, the original), so their readings share it."""
        key = (shown.lang, tuple(version.lang for version in overlays))
        if key not in self.localised:
            self.localised[key] = Facts(self.localiser(shown, overlays).tree(self.record))
        return self.localised[key]

    def terms(self, path: str | tuple) -> list[str]:
        return Facts(self.record).terms(path)

    @property
    def country(self) -> str:
        return self.record["country"]

    @property
    def languages(self) -> list[str]:
        """Languages of its versions, the original first."""
        rest = sorted(lang for lang in self.versions if lang != self.original.lang)
        return [self.original.lang, *rest]

    def has(self, lang: str) -> bool:
        return lang in self.versions

    def version_for(self, lang: str, chain: Iterable[str] = DEFAULT_CHAIN) -> Version:
        """The best version for a reader of `lang`, along the reading chain."""
        return self.chain(lang, chain)[0]

    def chain(self, lang: str, chain: Iterable[str] = DEFAULT_CHAIN) -> list[Version]:
        """The versions a reader of `lang` would take, best first (the original last)."""
        wanted = [lang if step == "ui" else self.original.lang if step == "original" else step
                  for step in chain]  # fmt: skip
        found = [self.versions[code] for code in dict.fromkeys(wanted) if code in self.versions]
        if self.original in found:  # nothing after the original: its own words come first
            return found[: found.index(self.original) + 1]
        return [*found, self.original]

    def localiser(self, shown: Version, overlays: tuple[Version, ...]) -> Localiser:
        return Localiser(
            self.kinds, self.original.lang, overlays, shown.localised_names, shown.lang
        )

    def reading(self, ui: str, chain: Iterable[str] = DEFAULT_CHAIN) -> Reading:
        return Reading(self, ui, tuple(self.chain(ui, chain)))

    @property
    def start(self) -> str:
        """The earliest date the source gives, for sorting by age ('' if none)."""
        period = self.facts.period
        dates = [period.start if period else None] + [m.date for m in self.facts.milestones]
        dates = [str(d) for d in dates if d]
        return min(dates) if dates else ""


@dataclass(frozen=True)
class Reading:
    """A practice as a reader of one UI language sees it."""

    practice: Practice
    ui: str
    versions: tuple[Version, ...]  # best first; the original is last

    @property
    def version(self) -> Version:
        return self.versions[0]

    @property
    def lang(self) -> str:
        return self.version.lang

    @property
    def fallback(self) -> bool:
        """The practice has no version in the UI language."""
        return not self.practice.has(self.ui)

    @property
    def title(self) -> Text:
        return Text(self.version.title, self.lang)

    @property
    def summary(self) -> Text:
        return Text(self.version.summary, self.lang)

    @cached_property
    def facts(self) -> Facts:
        overlays = tuple(v for v in self.versions if v is not self.practice.original)
        return self.practice.facts_as(self.version, overlays)


def version_of(doc: Document) -> Version:
    meta = doc.meta
    return Version(
        lang=doc.lang,
        title=meta["title"],
        summary=meta["summary"],
        html=doc.markup.html,
        path=doc.path,
        translation=meta.get("translation"),
        localised_names=meta.get("localised_names") or {},
        prose={k: v for k, v in meta.items() if k not in VERSION_KEYS} if "translation" in meta
        else {},
        front_matter=meta,
        body=doc.body,
    )  # fmt: skip


def build_model(catalogue: Catalogue, schema: Schema) -> list[Practice]:
    """Practices in slug order; call only on a catalogue that validated cleanly."""
    kinds = FieldKinds.of(schema)
    practices = []
    for slug, docs in catalogue.by_slug().items():
        versions = {doc.lang: version_of(doc) for doc in docs}
        original = original_of(docs)
        practices.append(Practice(slug, original.meta, versions[original.lang], versions, kinds))
    return practices
