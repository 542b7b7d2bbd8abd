"""One order for titles and labels in each UI language.

Babel has no collation and PyICU has no Linux wheel on the package index, so
this is a small rule set after CLDR's tailorings for the six UI languages:

- everywhere: case and accents are ignored at first (`Österreich` sorts with
  `Oslo`, `École` with `Ecole`), and `ß` is `ss`;
- German: ä = a, ö = o, ü = u (DIN 5007-1, dictionary order);
- Swedish and Finnish: å, ä, ö are letters of their own after z, in that
  order; ü sorts as y, æ as ä and ø as ö.

Ties (`Ecole` / `École`) are broken by the text with accents, then as written,
so the order is total and builds stay byte-identical.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")
# Letters after z in Swedish and Finnish, with the letters that sort as them. They
# become private-use characters, which sort after every letter and survive NFKD.
NORDIC = {"sv", "fi"}
NORDIC_LETTERS = {"å": "\ue001", "ä": "\ue002", "æ": "\ue002", "ö": "\ue003", "ø": "\ue003"}
NORDIC_AS = {"ü": "y"}
EVERYWHERE = {"ß": "ss", "ẞ": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l"}
# As tables for str.translate, which maps in C: a build sorts some 20,000 titles and labels.
NORDIC_TABLE = str.maketrans({**NORDIC_AS, **NORDIC_LETTERS})
EVERYWHERE_TABLE = str.maketrans(EVERYWHERE)


def _strip_accents(text: str) -> str:
    if text.isascii():  # most titles: nothing to decompose
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _base(text: str, lang: str) -> str:
    """The primary key: letters as the language's alphabet orders them."""
    text = unicodedata.normalize("NFC", text.casefold())
    if lang in NORDIC:
        text = text.translate(NORDIC_TABLE)
    return _strip_accents(text.translate(EVERYWHERE_TABLE))


def collation_key(text: str, lang: str) -> tuple[str, str, str]:
    """Sort key for `text` in UI language `lang`."""
    return (_base(text, lang), unicodedata.normalize("NFC", text.casefold()), text)


def collated(items: Iterable[T], lang: str, text: Callable[[T], str]) -> list[T]:
    """`items` ordered by `text(item)` in `lang`."""
    return sorted(items, key=lambda item: collation_key(text(item), lang))
