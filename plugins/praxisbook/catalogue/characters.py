"""Control and direction-override characters: found anywhere in a file, reported where they stand.

What counts as one, and why, is in text.py (`FORBIDDEN`). The front matter's
are blanked before YAML reads it, so that the parse goes on and names the
field each one stands in; the text's are found line by line.
"""

from __future__ import annotations

import re

from .problems import Problem, field_name
from .text import FORBIDDEN, describe_character

BODY = "(body)"
Span = tuple[int, int, tuple]  # a scalar's (start, end) in the front matter, and its value path


def blanked(front: str) -> tuple[str, list[re.Match]]:
    """The front matter with each such character a space (positions stay), and the matches."""
    found = list(FORBIDDEN.finditer(front))
    return FORBIDDEN.sub(" ", front), found


def front_problems(
    doc, front: str, found: list[re.Match], spans: list[Span], offset: int
) -> list[Problem]:
    """The first such character of each line, named by the field it stands in.

    `doc.shown` names the file; it is asked for only when there is a problem,
    since it resolves the path on disk.
    """
    problems, seen = [], set()
    for match in found:
        at = match.start()
        line = front.count("\n", 0, at) + offset
        if line not in seen:
            seen.add(line)
            col = at - front.rfind("\n", 0, at)
            what, hint = describe_character(match[0])
            path = field_at(front, at, spans)
            problems.append(
                Problem(doc.shown, line, col, field_name(path), f"contains {what}", hint)
            )
    return problems


def field_at(front: str, at: int, spans: list[Span]) -> tuple:
    """The value a blanked character stood in, or next to (a plain value drops its spaces)."""

    def distance(span: Span) -> int:
        start, end = span[0], span[1]
        if start <= at < end:
            return 0
        gap = front[at:start] if at < start else front[end : at + 1]
        return len(gap) if not gap.strip() else -1

    near = [(distance(span), span[1] - span[0], span[2]) for span in spans]
    near = [n for n in near if n[0] >= 0]
    return min(near, key=lambda n: n[:2])[2] if near else ()


def body_problems(doc, body: str, first_line: int) -> list[Problem]:
    """The first such character of each line of the text (`doc.shown` names the file)."""
    if not FORBIDDEN.search(body):
        return []  # the usual case, found in one pass
    problems = []
    # split on newlines only: splitlines() would also cut at the form feed it should find
    for number, line in enumerate(body.split("\n"), start=first_line):
        if found := FORBIDDEN.search(line):
            what, hint = describe_character(found[0])
            col = found.start() + 1
            problems.append(Problem(doc.shown, number, col, BODY, f"contains {what}", hint))
    return problems


def escaped(value: str) -> tuple[str, str] | None:
    """(message, hint) for such a character written as an escape (`"\\u202E"`), or None."""
    if found := FORBIDDEN.search(value):
        what, hint = describe_character(found[0])
        return f"contains {what}, written as an escape", hint
    return None
