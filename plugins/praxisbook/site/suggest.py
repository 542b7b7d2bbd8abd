"""Words for "did you mean …", made at build time from the catalogue's own words and labels.

For each UI language, every word of its search records (the texts a reader of
that language searches, the labels in six languages, the names) with how
often it occurs. The search page loads them only when a query finds nothing
or very little, one file per first letter, as classic scripts: they load from
`file://` too, and no network service is ever asked (docs/search.md).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

from ..catalogue.model import Practice
from .search import BROWSE_TERM, indexed_text
from .spare import write_over

FOLDER = "suggest"
LOADER = "PraxisbookSuggest.put"  # defined by theme/static/js/search-suggest.js
WORD = re.compile(r"[^\W\d_]{3,}")
MIN_COUNT = 1  # a word once in the catalogue is still a word a reader may have meant
KEYS = [*"abcdefghijklmnopqrstuvwxyz", "_"]


# Letters that lose no accent in Unicode decomposition but have a plain Latin cousin.
# theme/static/js/search-suggest.js folds the same way: keep the two in step.
FOLD = {"ß": "s", "æ": "a", "ø": "o", "œ": "o", "ł": "l", "đ": "d", "þ": "t", "ð": "d"}


def chunk_key(word: str) -> str:
    """The file a word lives in: its first letter, without accents (`ä` → `a`), else `_`."""
    first = unicodedata.normalize("NFD", word[:1].lower())[:1]
    first = FOLD.get(first, first)
    return first if "a" <= first <= "z" else "_"


def texts(site, practice: Practice, ui: str, labels: tuple[list, list]) -> list[str]:
    """What the UI language's record of a practice holds, as plain text; `labels` are the
    record's `label_words`."""
    shown = site.reading(practice, ui).version
    full = indexed_text(practice, ui, shown)
    found = [f"{v.title} {v.summary}" for v in practice.versions.values()]
    found += [full.body] if full is not None else []
    own, others = labels
    return [*found, *own, *others]


def record_words(site, practice: Practice, ui: str, labels: tuple[list, list]) -> list[str]:
    """The words of a record, lower-cased, as `search.write_records` counts them for
    `write_suggestions` while it writes the records (on every core, the labels worked
    out once for both)."""
    known = site.text_words
    return [word for text in texts(site, practice, ui, labels) for word in words(known, text)]


def words(known: dict[str, list[str]], text: str) -> list[str]:
    """The words of `text`, lower-cased, kept in `known`: every label is on hundreds of
    records, and every title and summary on six."""
    if text not in known:
        known[text] = [word.lower() for word in WORD.findall(text)]
    return known[text]


def chunks(counts: Counter) -> dict[str, list]:
    """Per first letter, [word, count, word, count, …], most frequent first."""
    grouped: dict[str, list[tuple[str, int]]] = {}
    for word, n in counts.items():
        if n >= MIN_COUNT:
            grouped.setdefault(chunk_key(word), []).append((word, n))
    return {
        key: [x for word, n in sorted(pairs, key=lambda p: (-p[1], p[0])) for x in (word, n)]
        for key, pairs in sorted(grouped.items())
    }


def write_suggestions(target: Path, vocabulary: dict[str, Counter]) -> int:
    """`target/suggest/<ui>/<letter>.js` for every UI language of `vocabulary` (its words and
    their counts: `search.write_records` with `record_words`); returns the number of words."""
    total = 0
    for ui, counts in vocabulary.items():
        del counts[BROWSE_TERM]
        folder = target / FOLDER / ui
        folder.mkdir(parents=True, exist_ok=True)
        found = chunks(counts)
        for key in KEYS:  # every letter has a file, so that no lookup ends in a 404
            flat = found.get(key, [])
            data = json.dumps(flat, ensure_ascii=False, separators=(",", ":"))
            script = f"{LOADER}({json.dumps(ui)},{json.dumps(key)},{data});\n"
            write_over(folder / f"{key}.js", script.encode("utf-8"))
        total += len(counts)
    return total
