"""Small text helpers shared by the rules and the editors' tools."""

from __future__ import annotations

import re
import unicodedata

try:  # Unidecode also folds ß, ø, ł; NFKD alone only drops accents
    from unidecode import unidecode as _unidecode
except ImportError:  # pragma: no cover - a declared dependency, but the fallback is harmless
    _unidecode = None

SLUG_LIMIT = 80


def ascii_fold(text: str) -> str:
    """`Schulnetzwerk „Köln“` as plain ASCII: `Schulnetzwerk "Koln"`."""
    if _unidecode is not None:
        return _unidecode(text)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def slugify(text: str) -> str:
    """ASCII, lowercase, hyphens: `Schulnetzwerk „Köln“ 2024` becomes `schulnetzwerk-koln-2024`."""
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_fold(text).lower()))
    return slug if len(slug) <= SLUG_LIMIT else slug[:SLUG_LIMIT].rsplit("-", 1)[0]


# Characters no practice file may hold (docs/editing.md, "Invisible characters"):
# control characters other than tab and newline (C0, DEL, C1, NUL), and the
# bidirectional embeddings, overrides and isolates, which make text display in
# another order than it is stored ("Trojan Source"). The marks U+200E/U+200F
# are allowed: they move no text, only settle the direction of neutral
# characters next to a right-to-left name.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
FORBIDDEN = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def describe_character(char: str) -> tuple[str, str]:
    """What a forbidden character is, and what to do about it, in plain words."""
    code = f"U+{ord(char):04X}"
    if char in BIDI_CONTROLS:
        what = f"the invisible direction control {code} ({unicodedata.name(char)})"
        hint = (
            "delete it: it makes text show in another order than it is written, so a line"
            " can look different from what it says; names in Arabic or Hebrew script show"
            " the right way round without it"
        )
        return what, hint
    hint = "delete it: it is invisible, and often comes from text copied out of a PDF"
    return f"the control character {code}", hint
