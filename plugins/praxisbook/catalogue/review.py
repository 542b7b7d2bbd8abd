"""Hints for reviewers: likely duplicates, stale entries, contacts that look private.

Every finding here is a warning: it is shown in `praxisbook validate` and as a
pull-request annotation, but never fails the build, because each rule is a
guess that a reviewer confirms or dismisses. The rules are chosen to stay
quiet on ordinary entries, and each costs one pass over the catalogue.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from .index import Entry, entries_of, locate, originals_in
from .problems import Problem

if TYPE_CHECKING:
    from .read import Document

STALE_AFTER_YEARS = 2
MERGE_HINT = (
    "if both describe one practice, keep one folder and add the other's name to its "
    "`former_slugs`; if they differ, make the titles tell them apart"
)
# Words that make an address functional (`info.bochum@…`), not a person's (`anna.schmidt@…`).
FUNCTIONAL_WORDS = {
    "info", "office", "contact", "kontakt", "contato", "mail", "post", "press", "presse",
    "pers", "team", "service", "support", "helpdesk", "admin", "secretariat", "sekretariat",
    "secretariaat", "noreply", "webmaster", "general", "city", "stadt", "gemeente", "kommune",
    "school", "schule", "police", "polizei", "politie", "poliisi", "project", "projekt",
    "network", "netzwerk", "netwerk", "integration", "diversity", "diversiteit", "safety",
}  # fmt: skip
# `anna.schmidt`, `a.schmidt`, `jan-peter.de-vries`: an initial or a name, a dot, a name.
PERSONAL_LOCAL_PART = re.compile(r"([a-z]|[a-z]{3,}(?:-[a-z]+)*)\.([a-z]{2,}(?:-[a-z]+)*)\Z")
# A courtesy title before a capitalised word is what marks a person's name in running text.
# Capitalised pairs alone are not enough: "Stadt Bochum" or any German noun phrase has them.
TITLED_NAME = re.compile(
    r"\b(?:Herr|Frau|Hr\.|Fr\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Prof\.?|Mevrouw|Meneer|Mevr\.|Dhr\.|"
    r"Mw\.|Mme\.?|Madame|Monsieur|Fru)\s+(?:[A-Z]\.\s*)?[A-ZÀ-Ý][\w'-]+"
)
PHONE = re.compile(r"\+?\(?\d[\d ()/.-]{5,}\d")  # seven or more digits, with the usual separators


def review(groups: dict[str, list[Document]], today: datetime.date | None = None) -> list[Problem]:
    """Every reviewer's warning for a catalogue, given as its documents by slug."""
    today = today or datetime.date.today()
    problems, entries, shown = [], {}, {}
    for slug, docs in groups.items():
        entries[slug] = entries_of(docs, [])
        shown |= {entry.file: doc.shown for entry, doc in zip(entries[slug], docs, strict=True)}
        problems += review_practice(docs, today)
    return problems + locate(across(entries), shown.__getitem__)


def review_practice(docs: list[Document], today: datetime.date) -> list[Problem]:
    """The warnings about one practice on its own."""
    from .folders import original_of  # the reader (PyYAML) is needed only to check a practice

    doc = original_of(docs)
    return stale(doc, today) + private_contact(doc) if doc else []


def across(
    groups: dict[str, list[Entry]], originals: list[tuple[str, Entry]] | None = None
) -> list[Problem]:
    """The warnings that compare practices, from their index entries.

    `originals`: `originals_in(groups)`, when the caller has it already.
    """
    originals = originals_in(groups) if originals is None else originals
    return same_titles(groups) + same_organisation_and_place(originals)


def warning(doc: Document, where: tuple, message: str, hint: str) -> Problem:
    return doc.problem(where, message, hint, severity="warning")


def same_titles(groups: dict[str, list[Entry]]) -> list[Problem]:
    """A title (in any language version) that another practice has too."""
    first: dict[str, Entry] = {}  # the first entry with each title, in slug order
    problems = []
    for slug, entries in groups.items():
        for entry in entries:
            other = first.setdefault(entry.title, entry) if entry.title else entry
            if other is not entry and other.slug != slug:
                message = f"may duplicate `{other.slug}`: same title as its {other.name}"
                problems.append(entry.problem("title", message, MERGE_HINT, "warning"))
    return problems


def same_organisation_and_place(originals: list[tuple[str, Entry]]) -> list[Problem]:
    """Practices run by the same lead organisation in the same place (originals by slug)."""
    first: dict[tuple[str, str], Entry] = {}  # the first original with each, in slug order
    problems = []
    for _, entry in originals:
        for lead, place_key, place in entry.places:
            other = first.setdefault((lead, place_key), entry)
            if other is not entry:
                message = f"may duplicate `{other.slug}`: same lead organisation, also in {place}"
                where = "lead_organisation.name"
                problems.append(entry.problem(where, message, MERGE_HINT, "warning"))
                break  # one warning per practice is enough to start a look
    return problems


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February, in a year without one
        return day.replace(year=day.year - years, day=28)


def stale(doc: Document, today: datetime.date) -> list[Problem]:
    """`last_reviewed` more than two years ago: the source may have moved on."""
    value = doc.meta.get("last_reviewed")
    try:
        reviewed = datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return []  # a missing or malformed date is already an error of the schema
    if reviewed >= years_before(today, STALE_AFTER_YEARS):
        return []
    message = f"last reviewed on {value}, more than {STALE_AFTER_YEARS} years ago"
    hint = "check the entry against its source, then set `last_reviewed` to the day you did"
    return [warning(doc, ("last_reviewed",), message, hint)]


def private_contact(doc: Document) -> list[Problem]:
    """Contact details that look like a private person's, with no recorded consent.

    Heuristic, to keep false alarms rare: an e-mail address whose local part is
    shaped `firstname.lastname` (unless a part is a functional word such as
    `info`), or a courtesy title and a name (`Frau Schmidt`, `Dr. Jansen`) next
    to a phone number in the contact's organisation or note. A bare name
    without a title, or a title without a number, is not flagged.
    """
    contact = doc.meta.get("contact")
    if not isinstance(contact, dict) or has_consent(contact):
        return []
    hint = (
        "give an office's address and number instead, or name the person in "
        "`contact.person` with their recorded `consent`"
    )
    return [
        warning(doc, ("contact", key), f"looks like a private person's contact ({why})", hint)
        for key, why in personal_signs(contact)
    ]


def has_consent(contact: dict) -> bool:
    person = contact.get("person")
    return isinstance(person, dict) and isinstance(person.get("consent"), dict)


def personal_signs(contact: dict) -> list[tuple[str, str]]:
    signs = []
    email = contact.get("email")
    if isinstance(email, str) and looks_like_personal_email(email):
        signs.append(("email", f"`{email}` is shaped like firstname.lastname"))
    for key in ("organisation", "note"):
        text = contact.get(key)
        name = TITLED_NAME.search(text) if isinstance(text, str) else None
        if name and PHONE.search(text):
            signs.append((key, f"`{name.group(0)}` with a phone number"))
    return signs


def looks_like_personal_email(email: str) -> bool:
    shape = PERSONAL_LOCAL_PART.match(email.rsplit("@", 1)[0].lower())
    return bool(shape) and not {shape.group(1), shape.group(2)} & FUNCTIONAL_WORDS
