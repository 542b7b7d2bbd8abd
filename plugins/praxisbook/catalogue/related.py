"""Related practices, computed once at build time.

The ones an editor named come first; then the practices that share the most
vocabulary terms, weighted by how telling a shared term is, plus the rare words
they share in the titles and summaries of all their language versions. Scores
are summed over posting lists rather than over all pairs; a common term's list
is visited only near the practice itself (WINDOW), and words found in more than
a tenth of the practices (at most TEXT_CAP) are skipped, so the cost grows with
the catalogue, not with its square.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
from collections import Counter, defaultdict

from .model import Practice
from .parallel import map_slices
from .schema import Schema

LIMIT = 4
TEXT_WEIGHT = 1.0  # one shared rare word counts a third of a shared theme
TEXT_CAP = 50
# Members of a common term's list visited per practice: 96 % of the exact score at N=2,000.
WINDOW = 256
WORD = re.compile(r"[^\W\d_]{4,}")


def title_words(practice: Practice) -> list[str]:
    """The distinct words of 4+ letters in every version's title and summary, sorted."""
    text = " ".join(f"{v.title} {v.summary}" for v in practice.versions.values())
    return sorted(set(WORD.findall(text.casefold())))


def text_postings(words: list[list[str]]) -> dict[str, list[int]]:
    """Word → practices using it, for words shared by a few practices only."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, practice_words in enumerate(words):
        for word in practice_words:
            index[word].append(i)
    cap = max(2, min(TEXT_CAP, len(words) // 10))
    return {w: members for w, members in index.items() if 1 < len(members) <= cap}


def text_similarity(i: int, words: list[list[str]], index: dict, scores: Counter) -> None:
    n = len(words)
    for word in words[i]:
        members = index.get(word, ())
        for j in members:
            scores[j] += TEXT_WEIGHT * math.log(1 + n / len(members))


def weights(schema: Schema) -> dict[tuple, float]:
    """Field → how much a shared value counts, from the schema's `x-related-weight`."""
    return {path: float(w) for path, w in schema.annotated("x-related-weight").items()}


def postings(practices: list[Practice], weighted: dict) -> dict[tuple, list[int]]:
    index: dict[tuple, list[int]] = defaultdict(list)
    for i, practice in enumerate(practices):
        for path in weighted:
            for term in practice.terms(path):
                index[(path, term)].append(i)
    return index


def neighbours(members: list[int], i: int) -> list[int]:
    """At most WINDOW members of a posting list, those next to `i` (all of a short list).

    Common terms (a theme half the catalogue has) would otherwise make every
    practice visit every other one, which grows with the square of the
    catalogue. Rare terms, which say the most, are always visited in full.
    """
    if len(members) <= WINDOW:
        return members
    start = min(max(0, bisect.bisect_left(members, i) - WINDOW // 2), len(members) - WINDOW)
    return members[start : start + WINDOW]


def similarity(practices: list[Practice], i: int, index: dict, weighted: dict) -> Counter:
    scores: Counter = Counter()
    n = len(practices)
    for path, weight in weighted.items():
        for term in practices[i].terms(path):
            members = index[(path, term)]
            rarity = math.log(1 + n / len(members))  # a term everyone has says little
            for j in neighbours(members, i):
                scores[j] += weight * rarity
    del scores[i]
    return scores


def most_similar(scores: Counter, practices: list[Practice], limit: int) -> list[int]:
    """The `limit` best scores, ties (to 9 decimals: sums in another order) by slug.

    Only scores within 1e-9 of the `limit`-th best can be among them, so the exact
    ordering, with its rounding and slugs, is worked out for those few, not for the
    thousand or so practices that share a term with this one."""
    if len(scores) <= limit:
        floor = min(scores.values(), default=0.0)
    else:
        floor = heapq.nlargest(limit, scores.values())[-1]
    near = [j for j, score in scores.items() if score >= floor - 1e-9]
    near.sort(key=lambda j: (-round(scores[j], 9), practices[j].slug))
    return near[:limit]


def related_practices(
    practices: list[Practice], schema: Schema, limit: int = LIMIT, only: set[str] | None = None
) -> dict[str, list[Practice]]:
    """For each slug (or each of `only`): named related practices, then the most similar others.

    On every core (parallel.py): at 2,000 practices this takes about a second, before
    any page can be rendered.
    """
    by_slug = {p.slug: p for p in practices}
    weighted = weights(schema)
    index = postings(practices, weighted)
    words = [title_words(p) for p in practices]
    text_index = text_postings(words)
    todo = [i for i, p in enumerate(practices) if only is None or p.slug in only]

    def best_of(start: int, stop: int) -> list[list[int]]:
        found = []
        for i in todo[start:stop]:
            scores = similarity(practices, i, index, weighted)
            text_similarity(i, words, text_index, scores)
            del scores[i]
            found.append(most_similar(scores, practices, limit))
        return found

    result = {}
    for i, best in zip(todo, map_slices(best_of, len(todo)), strict=True):
        practice = practices[i]
        named = [by_slug[s] for s in practice.terms("related") if s in by_slug]
        similar = [practices[j] for j in best if practices[j] not in named]
        result[practice.slug] = (named + similar)[: max(limit, len(named))]
    return result
