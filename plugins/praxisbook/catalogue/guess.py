"""What an editor most likely meant: a country or language by name, a date in a local form.

The names come from Babel (the CLDR data the site already shows), in English
and the six UI languages, so `Niederlande`, `Pays-Bas` and `Alankomaat` all
point to `NL`, and `juni 2016`, `kesäkuuta 2016` and `Nov. 2026` to a month.
No table of names is typed here.
"""

from __future__ import annotations

import datetime
import difflib
import re
from functools import cache

from babel import Locale

from .project import UI_LANGUAGES
from .text import ascii_fold

NAME_LANGUAGES = ("en", *UI_LANGUAGES)
CUTOFF = 0.85  # close enough for a typing slip (`Nederlands`), not for another country


def fold(text: str) -> str:
    """Case, accents, dots and spacing do not matter: `Pays-Bas` and `pays bas` are one."""
    return " ".join(re.findall(r"[a-z0-9]+", ascii_fold(text).casefold()))


@cache
def names(table: str) -> dict[str, str]:
    """Folded name → code, from Babel's `territories` or `languages` in every language here."""
    found: dict[str, str] = {}
    for lang in NAME_LANGUAGES:
        for code, name in getattr(Locale(lang), table).items():
            found.setdefault(fold(name), code)
    return found


def table_of(allowed: list) -> str | None:
    """Which of Babel's tables names these codes: `territories` (`DE`) or `languages` (`de`)."""
    english = Locale("en")
    for table in ("territories", "languages"):
        if allowed and all(isinstance(v, str) and v in getattr(english, table) for v in allowed):
            return table
    return None


def code_for(value: object, allowed: list) -> str | None:
    """`did you mean `NL` (Netherlands)?` for a country or language given by its name."""
    table = table_of(allowed)
    if table is None or not isinstance(value, str) or not fold(value):
        return None
    known = {name: code for name, code in names(table).items() if code in allowed}
    close = difflib.get_close_matches(fold(value), list(known), n=1, cutoff=CUTOFF)
    if not close:
        return None
    code = known[close[0]]
    return f"did you mean `{code}` ({getattr(Locale('en'), table)[code]})?"


# --- dates -------------------------------------------------------------------------------------

NUMERIC = re.compile(r"(\d{1,4})\s*([./-])\s*(\d{1,4})(?:\s*\2\s*(\d{1,4}))?")
WORDS = re.compile(
    r"(?:(\d{1,2})(?:\.|er|st|nd|rd|th)?\s+)?([^\W\d_]+)\.?,?\s+(?:(\d{1,2})\w{0,2},?\s+)?(\d{4})"
)


@cache
def months() -> dict[str, int]:
    """Folded month name → number: wide and abbreviated, in every language here.

    A name that means two months in two languages is left out.
    """
    found: dict[str, set[int]] = {}
    for lang in NAME_LANGUAGES:
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in Locale(lang).months[context][width].items():
                    found.setdefault(fold(name), set()).add(number)
    return {name: numbers.pop() for name, numbers in found.items() if len(numbers) == 1}


def iso(year: int, month: int, day: int | None = None) -> str | None:
    """`2026-11-27` or `2026-11`, if that day or month exists."""
    try:
        datetime.date(year, month, day or 1)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def date_for(value: object, full: bool) -> str | None:
    """`did you mean `2026-11-27`?` for a date written another way; `full` wants a day."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    guess = numeric_date(text) if NUMERIC.fullmatch(text) else worded_date(text)
    if guess is None or (full and len(guess) < 10):
        return None
    return f"did you mean `{guess}`?"


def numeric_date(text: str) -> str | None:
    """`27.11.2026`, `27/11/2026`, `2026/11/27`, `2016-6`, `6/2016`; day before month.

    A first number above 12 can only be a day, a second one only a day written
    after the month (`11/27/2026`).
    """
    first, _, second, third = NUMERIC.fullmatch(text).groups()
    a, b = int(first), int(second)
    if third is None:  # a month and a year, in either order
        if len(first) == 4 and len(second) <= 2:
            return iso(a, b)
        return iso(b, a) if len(second) == 4 and len(first) <= 2 else None
    c = int(third)
    if len(second) > 2:
        return None
    if len(first) == 4:
        return iso(a, b, c) if len(third) <= 2 else None
    if len(third) != 4:
        return None
    return iso(c, a, b) if b > 12 >= a else iso(c, b, a)


def worded_date(text: str) -> str | None:
    """`November 2026`, `Nov. 2026`, `27. November 2026`, `1er juin 2016`, `November 27, 2026`."""
    found = WORDS.fullmatch(text)
    if not found:
        return None
    day_before, name, day_after, year = found.groups()
    month = months().get(fold(name))
    if month is None:
        return None
    day = day_before or day_after
    return iso(int(year), month, int(day) if day else None)
