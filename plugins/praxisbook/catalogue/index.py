"""The catalogue index: what the rules across practices need to know of each version.

Most rules look at one practice folder at a time. A few compare practices with
each other: a slug or former slug may point to one practice only, a related
practice must exist, two practices should not share a title or a lead
organisation in one place (review.py). For those, each version file is reduced
to an `Entry`: its normalised title, lead organisation and places, former
slugs and related slugs, and where each stands in the file. Entries are small
and plain, so they are kept between runs (store.py): checking one changed
practice compares it with the entries of all the others without reading them.

Problems found here name files as `<slug>/<file>` below `practices/`; the
caller turns that into the path it shows (`locate`).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .problems import Problem, field_name
from .text import ascii_fold

if TYPE_CHECKING:
    from .read import Document

Position = tuple[int, int]


@dataclass(slots=True)
class Entry:
    """One version file, as far as the rules across practices see it.

    Its values are tuples, so that the store keeps them as they are (marshal)
    and loads fourteen thousand of them in a few milliseconds.
    """

    file: str  # `<slug>/<lang>.md`, below practices/
    original: bool = False  # the practice's original (the first one, if there are two)
    title: str = ""  # normalised, "" when there is none
    places: tuple[tuple[str, str, str], ...] = ()  # (lead, place, as written)
    former_slugs: tuple[str, ...] = ()  # without lists that have problems
    related: tuple[str, ...] = ()
    at: tuple = ()  # where fields stand: (field name, line, column, field name, line, …)

    @property
    def slug(self) -> str:
        return self.file.split("/", 1)[0]

    @property
    def name(self) -> str:
        return self.file.split("/", 1)[1]

    def position(self, where: str) -> Position:
        for i in range(0, len(self.at), 3):
            if self.at[i] == where:
                return self.at[i + 1], self.at[i + 2]
        return 1, 1

    def problem(self, where: str, message: str, hint: str, severity: str = "error") -> Problem:
        line, col = self.position(where)
        return Problem(self.file, line, col, where, message, hint, severity)

    def plain(self) -> tuple:
        """The entry as plain values (store.py); `Entry(*plain)` gives it back."""
        values = (self.places, self.former_slugs, self.related, self.at)
        return (self.file, self.original, self.title, *values)


def normalised(text: object) -> str:
    """Case, accents and punctuation removed: `Café  „Vielfalt“!` and `cafe vielfalt` agree."""
    return " ".join(re.findall(r"[a-z0-9]+", ascii_fold(str(text)).lower()))


def organisation_places(meta: dict) -> list[tuple[tuple[str, str], str]]:
    """((organisation, place) normalised, place as written) for each place of the practice."""
    lead = meta.get("lead_organisation")
    places = meta.get("places")
    if not isinstance(lead, dict) or not isinstance(places, list):
        return []
    name = normalised(lead.get("name") or "")
    return [((name, normalised(p)), p) for p in places if name and isinstance(p, str)]


def entries_of(docs: list[Document], problems: list[Problem]) -> list[Entry]:
    """The entries of one practice's versions; `problems` are the folder's own problems."""
    from .folders import original_of  # the reader (PyYAML) is needed only to check a practice

    original = original_of(docs)
    troubled = {p.path for p in problems}
    entries = []
    for doc in docs:
        flawed = top_fields(doc, problems) if troubled and doc.shown in troubled else set()
        entries.append(entry_of(doc, doc is original, flawed))
    return entries


def top_fields(doc: Document, problems: list[Problem]) -> set[str]:
    """The top-level fields of a file that have problems: their lists are not compared."""
    return {re.split(r"[.\[]", p.field)[0] for p in problems if p.path == doc.shown}


def entry_of(doc: Document, original: bool, flawed: set[str]) -> Entry:
    entry = Entry(f"{doc.slug}/{doc.path.name}", original)
    meta = doc.meta if isinstance(doc.meta, dict) else {}
    title = meta.get("title")
    entry.title = normalised(title) if isinstance(title, str) else ""
    at = {"title": doc.where(("title",))}
    if original:
        entry.places = tuple((*key, place) for key, place in organisation_places(meta))
        at["lead_organisation.name"] = doc.where(("lead_organisation", "name"))
        entry.former_slugs = _slugs(doc, meta, "former_slugs", flawed, at)
        entry.related = _slugs(doc, meta, "related", flawed, at)
    entry.at = tuple(value for name, (line, col) in at.items() for value in (name, line, col))
    return entry


def _slugs(doc: Document, meta: dict, name: str, flawed: set[str], at: dict) -> tuple[str, ...]:
    """The slugs a list names, each with its place; none when the list has problems."""
    values = meta.get(name) if name not in flawed else None
    found = tuple(v for v in values if isinstance(v, str)) if isinstance(values, list) else ()
    for i in range(len(found)):
        at[sys.intern(field_name((name, i)))] = doc.where((name, i))  # kept once (store.py)
    return found


def originals_in(groups: dict[str, list[Entry]]) -> list[tuple[str, Entry]]:
    """(slug, entry) of each practice's original, in slug order (entries_of marks one at most)."""
    return [(slug, e) for slug, entries in groups.items() for e in entries if e.original]


def check_links(
    groups: dict[str, list[Entry]], originals: list[tuple[str, Entry]] | None = None
) -> list[Problem]:
    """Slugs are unique across folders and former slugs; related slugs exist.

    `originals`: `originals_in(groups)`, when the caller has it already.
    """
    claimed: dict[str, str] = dict(zip(groups, groups, strict=True))
    problems, done = [], ""
    for slug, entry in originals_in(groups) if originals is None else originals:
        if slug == done:
            continue  # a second original: the first speaks for the practice
        done = slug
        for i, old in enumerate(entry.former_slugs) if entry.former_slugs else ():
            owner = claimed.setdefault(old, slug)
            if old == slug or owner != slug:
                problems.append(_former_slug_problem(entry, i, old, owner))
        for i, other in enumerate(entry.related) if entry.related else ():
            if other == slug or other not in groups:
                problems.append(_related_problem(entry, i, other, groups))
    return problems


def _former_slug_problem(entry: Entry, i: int, old: str, owner: str) -> Problem:
    where = field_name(("former_slugs", i))
    if old == entry.slug:
        hint = "list only earlier folder names of this practice"
        return entry.problem(where, f"`{old}` is this practice's current slug", hint)
    message = (
        f"`{old}` is the folder of another practice"
        if owner == old
        else f"`{old}` is already a former slug of `{owner}`"
    )
    return entry.problem(where, message, "a slug may point to one practice only")


def _related_problem(entry: Entry, i: int, other: str, groups: dict) -> Problem:
    where = field_name(("related", i))
    if other == entry.slug:
        return entry.problem(where, "a practice cannot be related to itself", "remove it")
    from .explain import did_you_mean  # the explainers load Babel: only for a problem

    hint = did_you_mean(other, sorted(groups)) or "use the folder name of another practice"
    return entry.problem(where, f"there is no practice `{other}`", hint)


def locate(problems: list[Problem], shown) -> list[Problem]:
    """Problems naming `<slug>/<file>` as the path the reader is shown (`shown(key)`)."""
    paths = {key: shown(key) for key in {p.path for p in problems}}
    return [replace(p, path=paths[p.path]) for p in problems]
