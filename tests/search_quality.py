"""The search-quality suite: queries a reader types, in all six UI languages, and what must come.

The catalogue is this checkout's content (the seed practices) plus the practices
in tests/fixtures/search/, made to set traps ("policy" for "police", French
"politique" for Dutch "politie", a Dutch-only practice found by its labels).
Each case names the practices that must come first (in any order) and those
that must not be among the results. `tests/test_search_quality.py` runs it in
Chromium with the real Pagefind index; `make search-report` prints
precision@3 and recall per UI language (bench/search_report.py).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
EXTRA = ROOT / "tests" / "fixtures" / "search"

B = "bochum-schools-against-racism-network"
R = "bruno-attitudes-police-diversity-network"
C = "consolidating-anti-racist-working-methods"
D = "digital-safety-plan-for-schools"
M = "met-alle-respect-national-school-safety-conference"
N = "nrw-360-degree-measures-against-clan-crime"
K = "op-koers-social-safety-training-for-special-education"
A = "regional-ambassadors-for-social-safety-at-school"
Y = "youth-justice-halt"  # Dutch only; target group young people, sector police and justice
P = "policy-equality-plan"  # English only; "policy", never "police"
F = "politique-jeunesse-locale"  # French only; "politique"
W = "rainbow-youth-space"  # Finnish original, English translation; LGBTIQ
T = "teacher-antisemitism-training"  # German only; teachers, training


@dataclass(frozen=True)
class Case:
    ui: str
    query: str
    kind: str  # label, cross-language, typo, absent, prefix, multi-word, name, inflected
    first: frozenset = frozenset()  # must fill the first len(first) places, in any order
    absent: frozenset = frozenset()  # must not be among the results
    suggest: str = ""  # a correction "did you mean" must offer
    quiet: bool = False  # "did you mean" must offer nothing

    @property
    def relevant(self) -> frozenset:
        return self.first


def case(ui, query, kind, first=(), absent=(), *, suggest="", quiet=False) -> Case:
    return Case(ui, query, kind, frozenset(first), frozenset(absent), suggest, quiet)


CRIME = (N, Y)
SCHOOL_SAFETY = (D, M, K, A)
YOUNG = (Y, W, F, N)
POLICE = (R, N, Y)

CASES = [
    # A vocabulary label in each language finds what carries the term, whatever its language.
    case("en", "Crime prevention", "label", CRIME, (P, F)),
    case("de", "Kriminalprävention", "label", CRIME),
    case("nl", "Criminaliteitspreventie", "label", CRIME),
    case("fr", "Prévention de la criminalité", "label", CRIME),
    case("sv", "Brottsförebyggande", "label", CRIME),
    case("fi", "Rikosten ehkäisy", "label", CRIME),
    case("fi", "Koulun turvallisuus", "label", SCHOOL_SAFETY),
    case("sv", "Trygghet i skolan", "label", SCHOOL_SAFETY),
    case("nl", "Jongeren", "label", YOUNG),
    case("fr", "Enseignants", "label", (B, M, T)),
    case("de", "Polizeibeschäftigte", "label", (R, N)),
    case("en", "LGBTIQ", "label", (W,)),
    case("sv", "hbtq", "label", (W,)),
    case("de", "Queere Vielfalt", "label", (W,)),
    # Words of another language than the page's.
    case("de", "politiezone", "cross-language", (R,)),
    case("sv", "Clankriminalität", "cross-language", (N,)),
    case("nl", "antirasism", "cross-language", (C,)),
    case("fi", "Schulnetzwerk", "cross-language", (B,)),
    case("en", "leerstraf", "cross-language", (Y,)),
    case("fr", "Antisemitismus", "cross-language", (T,)),
    case("en", "sateenkaarinuorille", "cross-language", (W,)),
    # A practice with no version in the reader's language, found by what it is about.
    case("de", "Jugendliche", "label", YOUNG),
    case("en", "youth", "label", YOUNG),
    case("fi", "nuoret", "label", YOUNG),
    # Typos: nothing found, and the catalogue's own word offered.
    case("en", "racsim", "typo", suggest="racism"),
    case("de", "Rassimus", "typo", suggest="rassismus"),
    case("nl", "discriminatei", "typo", suggest="discriminatie"),
    case("fr", "polcie", "typo", suggest="police"),
    case("sv", "mobbnig", "typo", suggest="mobbning"),
    case("fi", "rasimi", "typo", suggest="rasismi"),
    # A form the catalogue lacks, and compounds: its other form, or the two words it has.
    case("fi", "kiusaamista", "inflected", suggest="kiusaaminen"),
    case("de", "Jugendkriminalität", "typo", suggest="jugend kriminalität"),
    case("nl", "jeugdcriminaliteit", "typo", suggest="jeugd criminaliteit"),
    # A word no practice holds finds nothing, and lists nothing instead.
    case("en", "bystander", "absent"),
    case("de", "Quantenphysik", "absent"),
    case("fi", "avaruusalus", "absent"),
    case("nl", "qxbrowseall", "absent"),
    # Prefix traps: what only begins like the word stays out of the results.
    case("en", "police", "prefix", POLICE, (P,)),
    case("de", "politie", "prefix", POLICE, (F,)),
    case("fi", "poliisi", "prefix", POLICE, (F, P)),
    case("fr", "police", "prefix", POLICE, (P,)),
    case("en", "policy", "prefix", (P,), (Y,)),
    # Several words: every one must be there.
    case("en", "teacher training", "multi-word", (B, M, T)),
    case("de", "Schulen Bochum", "multi-word", (B,), (N,)),
    case("nl", "politie jongeren", "multi-word", (Y, N)),
    case("sv", "rasism utbildning", "multi-word", (B, C)),
    # A word no practice holds is said so and dropped: the others still find.
    case("en", "racism bystander", "multi-word", (B, C)),
    # Another form of the word than the text has: the reader's language, stemmed by Pagefind.
    case("fi", "opettajille", "inflected", (B, M, T)),  # "for teachers"; the label "Opettajat"
    case("fi", "oppilaille", "inflected", (B, M)),  # "for pupils"; "Oppilaat"
    case("fi", "nuorille", "inflected", (W, M)),  # "for young people"; their texts say "nuoria"
    case("en", "communities", "inflected", (N,)),  # the label's search word "community"
    # "for schools": one Finnish text writes "kouluille", others "koulun"; the labels "koulu".
    case("fi", "kouluille", "inflected", (B, M, D, K, A, T), (F, P, Y)),
    # ... but a word some practice holds as written is meant as written.
    # P writes "policies", A and M "policy": another form; N only "police".
    case("en", "policies", "inflected", (P,), (N,)),
    case("fr", "politie", "prefix", (R, N, Y), (F,)),  # Dutch; French stems "politique" alike
    case("fr", "enseignants", "inflected", (B, M, T)),  # not "enseignement", stemmed alike
    case("de", "Anti-Rassismus", "inflected", (C, B)),  # the texts write "Antirassismus"
    # A word the catalogue holds is no typo: no "did you mean" for "de" or "clans".
    case("fr", "zone de police", "multi-word", (R,), quiet=True),
    case("en", "clans", "name", (N,), quiet=True),
    # Places.
    case("nl", "Bochum", "name", (B, N)),
    case("fr", "Schaarbeek", "name", (R,)),
    case("fr", "Bruxelles", "name", (R,)),  # in the text only as "Bruxelles-Nord"
    case("sv", "Bryssel", "name", (R,)),  # "Bryssel-Nord"
]


def build_catalogue(root: Path):
    """The suite's catalogue as a project in `root`, built; returns the output folder."""
    import os

    from praxisbook.pipeline import build

    from .conftest import make_project

    project = make_project(root, {})
    shutil.copytree(ROOT / "content" / "practices", project.practices, dirs_exist_ok=True)
    shutil.copytree(EXTRA, project.practices, dirs_exist_ok=True)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1763769600")
    build(project)
    return project.output


READY = (
    "() => document.getElementById('search-status').textContent"
    " && !document.getElementById('search-results').hasAttribute('aria-busy')"
    " && !document.getElementById('search-facets').hasAttribute('aria-busy')"
)
SLUGS = "a => a.map(x => x.getAttribute('href').replace(/\\/$/, '').split('/').pop())"


@dataclass
class Outcome:
    case: Case
    results: list[str] = field(default_factory=list)
    similar: list[str] = field(default_factory=list)
    suggestions: str = ""

    @property
    def problems(self) -> list[str]:
        found, want = self.results, self.case.first
        wrong = []
        if set(found[: len(want)]) != set(want):
            wrong.append(f"first {sorted(want)}, got {found[: len(want)]}")
        if want == frozenset() and found:
            wrong.append(f"no results expected, got {found}")
        if set(found) & self.case.absent:
            wrong.append(f"{sorted(set(found) & self.case.absent)} must not be found")
        if self.case.kind == "absent" and self.similar:
            wrong.append(f"nothing instead, got {self.similar}")
        if self.case.suggest and self.case.suggest not in self.suggestions.lower():
            wrong.append(f"did you mean {self.case.suggest!r}? got {self.suggestions!r}")
        if self.case.quiet and self.suggestions:
            wrong.append(f"no 'did you mean', got {self.suggestions!r}")
        return wrong

    @property
    def precision_at_3(self) -> float | None:
        if not self.case.relevant:
            return None
        top = self.results[:3]
        return len(set(top) & self.case.relevant) / min(3, len(self.case.relevant))

    @property
    def recall(self) -> float | None:
        if not self.case.relevant:
            return None
        return len(set(self.results) & self.case.relevant) / len(self.case.relevant)


def run_case(page, base: str, c: Case) -> Outcome:
    page.goto(f"{base}/{c.ui}/search/?q={quote(c.query)}")
    page.wait_for_function(READY, timeout=15_000)
    suggest = page.locator("#search-suggest")
    return Outcome(
        c,
        page.eval_on_selector_all("#search-results .card-title a", SLUGS),
        page.eval_on_selector_all("#search-similar-results .card-title a", SLUGS),
        suggest.inner_text() if suggest.is_visible() else "",
    )


def report(outcomes: list[Outcome]) -> str:
    """Precision@3 and recall per UI language, as a Markdown table."""
    rows = ["| UI | queries | passed | precision@3 | recall |", "|---|---|---|---|---|"]
    for ui in ("en", "de", "nl", "fr", "sv", "fi"):
        mine = [o for o in outcomes if o.case.ui == ui]
        p3 = [o.precision_at_3 for o in mine if o.precision_at_3 is not None]
        rec = [o.recall for o in mine if o.recall is not None]
        passed = sum(not o.problems for o in mine)
        rows.append(
            f"| {ui} | {len(mine)} | {passed} | {sum(p3) / len(p3):.2f} | {sum(rec) / len(rec):.2f} |"
        )
    return "\n".join(rows)
