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
