"""The markup cache and the forked workers change how fast, never what is reported."""

from __future__ import annotations

import json
import random
import shutil

from praxisbook.catalogue import parallel
from praxisbook.catalogue.folders import read_catalogue
from praxisbook.catalogue.markup import (
    EXTENSIONS,
    INLINE_PATTERN_NEEDS,
    URL_SCHEMES,
    MarkupCache,
    _converter,
    convert,
    needs_conversion,
    unused_patterns,
)
from praxisbook.catalogue.validate import scheme_of
from praxisbook.pipeline import check

from .conftest import DUTCH, GERMAN, ROOT, TINY, make_project, write_practice


def many_practices(tmp_path, count=30, *, broken=True):
    entries = dict(TINY)
    for i in range(count):
        front = DUTCH.replace("former_slugs: [bruno-attitudes]\n", "")
        entries[(f"copy-{i:03d}", "nl")] = (front, f"## Wat\n\nTekst nummer {i}.\n")
    project = make_project(tmp_path / "site", entries)
    if not broken:
        return project
    write_practice(
        project.root, "broken", "de", GERMAN.replace("country: DE", "country: XX"), "<b>x</b>\n"
    )
    return project


def test_forked_workers_report_exactly_what_one_process_reports(tmp_path, monkeypatch):
    project = many_practices(tmp_path)
    uncached = tmp_path / "copy" / "practices"  # outside the project: nothing is cached
    shutil.copytree(project.practices, uncached)
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1000)
    serial = check(project, uncached).problems
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 5)
    forked = check(project, uncached).problems
    assert forked == serial
    assert [p.field for p in forked if p.severity == "error"] == ["country", "(body)"]


def test_markup_is_cached_between_runs_and_reused(tmp_path):
    project = many_practices(tmp_path, count=3, broken=False)
    first = check(project, convert=True)
    cache_file = project.cache / "markup.json"
    stored = json.loads(cache_file.read_text(encoding="utf-8"))
    assert len(stored) == len({d.body for d in first.catalogue.documents})
    catalogue = read_catalogue(project.practices)
    MarkupCache(cache_file).prefill(catalogue.documents)
    assert all("markup" in d.__dict__ for d in catalogue.documents)  # nothing left to convert
    assert check(project).problems == first.problems


def test_a_broken_cache_is_ignored_and_replaced(tmp_path):
    project = many_practices(tmp_path, count=2, broken=False)
    expected = check(project, convert=True).problems
    cache_file = project.cache / "markup.json"
    cache_file.write_text("{not json", encoding="utf-8")
    assert check(project, convert=True).problems == expected
    assert json.loads(cache_file.read_text(encoding="utf-8"))


def test_cache_forgets_bodies_that_are_gone(tmp_path):
    project = many_practices(tmp_path, count=2, broken=False)
    check(project, convert=True)
    (project.practices / "copy-000" / "nl.md").unlink()
    (project.practices / "copy-000").rmdir()
    check(project, convert=True)
    stored = json.loads((project.cache / "markup.json").read_text(encoding="utf-8"))
    documents = read_catalogue(project.practices).documents
    assert set(stored) == {MarkupCache.key(d.body) for d in documents}


def test_other_folders_are_not_cached(tmp_path):
    project = many_practices(tmp_path, count=1)
    other = tmp_path / "elsewhere" / "practices"
    other.mkdir(parents=True)
    check(project, other)
    assert not (project.cache / "markup.json").exists()


TRICKY_BODIES = [
    "## Was\n\nText mit *Betonung* und `code`.\n",
    "# Titel\n",
    "#Titel ohne Leerzeichen\n",
    "- # Überschrift in einer Liste\n",
    "Titel\n=====\n\nText.\n",
    "Text <b>fett</b>.\n",
    "Siehe <https://example.org>.\n",
    "Ein [Link](https://example.org) und ![Bild](a.png).\n",
    "Ein [Verweis][1].\n\n[1]: https://example.org\n",
    "Ein Hashtag #metoo im Satz.\n",
    "## Abschnitt ##\n\nText & mehr &amp; Entities.\n",
    "1. eins\n2. zwei\n\n> Zitat\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "Ein [Link](https://example.org) im Satz.\n",
    'Ein [Link]( HTTPS://example.org "Titel") und [Anker](#was).\n',
    "Ein [Link](javascript:alert(1)) im Satz.\n",
    "Ein [Link](seite.html) im Satz.\n",
    "Ein [Link](`javascript:x`) im Satz.\n",
    "Ein [a [b](ftp://x.org)](https://example.org).\n",
    "| [a](https://x.org | b) |\n|---|---|\n| 1 | 2 |\n",
    ">#Titel im Zitat\n",
    "> Titel\n> =====\n",
]


def random_bodies(count: int = 400):
    rng = random.Random(0)
    pieces = ["Wort", " ", "\n", "\n\n", "#", "##", "=", "==", "-", "*", "_", "`", "<", ">",
              "[", "]", "(", ")", "!", "&", "amp;", "https://x.org", "a.png", "1.", "|", ":", "\t",
              "](", "](https://x.org", "](#a", "](mailto:a@x.org", "javascript:", "HTTPS://",
              "]:", "\\", '"', "&#58;", "x.org/", "> ", "    ", "[TOC]"]  # fmt: skip
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))


def test_bodies_skipped_by_validation_really_hold_nothing_to_check():
    skipped = 0
    for body in [*TRICKY_BODIES, *random_bodies(3000)]:
        if needs_conversion(body):
            continue
        found = convert(body, inventory=True)
        assert (found.raw_html, found.images, found.h1) == ([], [], []), body
        assert all(allowed_link(href) for href in found.links), body
        skipped += bool(found.links)
    assert skipped  # bodies with links were skipped, and their links were all fine


def allowed_link(href: str) -> bool:
    """What check_link accepts: an anchor, or a web, mail or phone address."""
    return href.startswith("#") or scheme_of(href) in URL_SCHEMES


def test_tricky_bodies_are_converted_for_validation():
    holding = [b for b in TRICKY_BODIES if any(_to_check(convert(b, inventory=True)))]
    assert holding and all(needs_conversion(b) for b in holding)
    assert not needs_conversion(TRICKY_BODIES[0])
    assert not needs_conversion(TRICKY_BODIES[10])
    assert not needs_conversion(TRICKY_BODIES[13])  # a web link: nothing to reject
    assert not needs_conversion(TRICKY_BODIES[14])  # a web link with a title, an anchor


def _to_check(markup):
    """What in a converted body the validator could reject."""
    links = [href for href in markup.links if not allowed_link(href)]
    return markup.raw_html, links, markup.images, markup.h1


# Strings that make Python-Markdown's inline patterns match, or nearly: each
# pattern is left out of a body's converter when the body holds none of what
# its regular expression needs (markup.INLINE_PATTERN_NEEDS).
INLINE_PIECES = ["  \n", " \t\n", "\r\n", "  \r", "*", "**", "_", "__", "`", "``", "\\", "\\*",
                 "<b>", "</b>", "<https://x.org>", "<a@x.org>", "<!-- c -->", "![a](b.png)",
                 "![a][1]", "[1]", "[a][1]", "[a](https://x.org)", "\n\n[1]: https://x.org\n",
                 "&amp;", "&#35;", "&", "Wort", " ", "\n", "\n\n", "- ", "1. ", "> ", "## ",
                 "| a | b |\n|---|---|\n| 1 | 2 |\n", "    code\n"]  # fmt: skip


def inline_bodies(count: int):
    rng = random.Random(1)
    for _ in range(count):
        yield "".join(rng.choice(INLINE_PIECES) for _ in range(rng.randint(1, 30)))


def bodies_of(folder):
    return [doc.body for doc in read_catalogue(folder).documents]


def test_leaving_out_patterns_that_cannot_match_changes_no_conversion():
    import markdown

    full = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
    bodies = [*TRICKY_BODIES, *random_bodies(2000), *inline_bodies(3000)]
    bodies += bodies_of(ROOT / "content" / "practices")
    for folder in ("complete", "search"):
        bodies += bodies_of(ROOT / "tests" / "fixtures" / folder)
    lean = 0
    for body in bodies:
        unused = unused_patterns(body)
        assert _converter(unused).reset().convert(body) == full.reset().convert(body), body
        lean += bool(unused)
    assert lean > len(bodies) / 2  # most bodies were converted with patterns left out


def test_every_inline_pattern_is_known_with_what_it_needs():
    """A new Python-Markdown that adds or renames an inline pattern fails here: look at
    its regular expression and say in INLINE_PATTERN_NEEDS what it cannot match without."""
    import markdown

    registered = markdown.Markdown(extensions=EXTENSIONS).inlinePatterns
    assert set(INLINE_PATTERN_NEEDS) == {item.name for item in registered._priority}
    assert unused_patterns("Wort") == set(INLINE_PATTERN_NEEDS)
    assert "linebreak" not in unused_patterns("Zeile\t\nnoch eine")  # tabs become spaces
