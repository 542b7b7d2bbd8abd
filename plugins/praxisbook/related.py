"""Related practices, computed once at build time.

The ones an editor named come first; then the practices that share the most
vocabulary terms, weighted by how telling a shared term is. Scores are summed
over posting lists rather than over all pairs, so the cost grows with the
number of shared terms, not with the square of the catalogue.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict

from .model import Practice

WEIGHTS = {"themes": 3.0, "target_groups": 2.0, "sectors": 1.5, "country": 1.0}
LIMIT = 4


def postings(practices: list[Practice]) -> dict[tuple[str, str], list[int]]:
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, practice in enumerate(practices):
        for field_name in WEIGHTS:
            for term in practice.terms(field_name):
                index[(field_name, term)].append(i)
    return index


def similarity(practices: list[Practice], i: int, index: dict, n: int) -> Counter:
    scores: Counter = Counter()
    for field_name, weight in WEIGHTS.items():
        for term in practices[i].terms(field_name):
            members = index[(field_name, term)]
            rarity = math.log(1 + n / len(members))  # a term everyone has says little
            for j in members:
                scores[j] += weight * rarity
    del scores[i]
    return scores


def related_practices(practices: list[Practice], limit: int = LIMIT) -> dict[str, list[Practice]]:
    """For each slug: named related practices, then the most similar others."""
    by_slug = {p.slug: p for p in practices}
    index = postings(practices)
    result = {}
    for i, practice in enumerate(practices):
        named = [by_slug[s] for s in practice.terms("related") if s in by_slug]
        scores = similarity(practices, i, index, len(practices))
        best = heapq.nsmallest(
            limit, scores, key=lambda j: (-round(scores[j], 9), practices[j].slug)
        )
        similar = [practices[j] for j in best if practices[j] not in named]
        result[practice.slug] = (named + similar)[: max(limit, len(named))]
    return result
