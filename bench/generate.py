"""Write a synthetic Praxisbook project with N valid practices.

    .venv/bin/python bench/generate.py --n 2000 --out bench/out/n2000

The folder becomes a complete project: `schema/` and `theme/` are symlinks to
this checkout's, `pelicanconf.py` and `publishconf.py` are copies, and
`content/practices/` holds the generated entries. The same `--seed` and `--n`
always give the same files: every practice draws from its own random stream,
seeded by the seed and its number.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

import yaml
from words import CITY_ORGANISATION, COUNTRIES, HEADINGS, WORDS

CHECKOUT = Path(__file__).resolve().parents[1]
MARKER = ".praxisbook-bench"  # only folders carrying it are ever emptied
ORIGINAL_LANGUAGES = {"de": 25, "nl": 25, "fr": 15, "sv": 12, "fi": 10, "en": 13}
UI_LANGUAGES = ("en", "de", "nl", "fr", "sv", "fi")
SLUG_WORDS = sorted({w for w in WORDS["en"] if len(w) > 4 and w.isascii()})
BODY_WORDS = 360  # counted with Markdown markers; gives ~400 words of text


class Dumper(yaml.SafeDumper):
    """Plain YAML: no anchors or aliases, which the reader rejects."""

    def ignore_aliases(self, data):
        return True


def chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def pick(rng: random.Random, items, low: int, high: int) -> list:
    return rng.sample(list(items), rng.randint(low, min(high, len(items))))


# ---------------------------------------------------------------- text


def words(rng: random.Random, lang: str, count: int) -> list[str]:
    return rng.choices(WORDS[lang], k=count)


def phrase(rng: random.Random, lang: str, low: int, high: int) -> str:
    text = " ".join(words(rng, lang, rng.randint(low, high)))
    return text[0].upper() + text[1:]


def sentence(rng: random.Random, lang: str) -> str:
    return phrase(rng, lang, 8, 16) + "."


def paragraph(rng: random.Random, lang: str, sentences: int) -> str:
    return " ".join(sentence(rng, lang) for _ in range(sentences))


def bullet_list(rng: random.Random, lang: str) -> str:
    items = []
    for _ in range(rng.randint(3, 6)):
        item = phrase(rng, lang, 3, 9)
        if chance(rng, 0.3):
            item = f"**{phrase(rng, lang, 1, 2)}:** {item}"
        items.append(f"- {item}")
    return "\n".join(items)


def link(rng: random.Random, lang: str) -> str:
    return f"[{phrase(rng, lang, 2, 4)}](https://www.example.org/{rng.randint(1, 99999)})"


def section(rng: random.Random, lang: str, heading: str, budget: int) -> str:
    parts = [f"## {heading}", paragraph(rng, lang, rng.randint(2, 3))]
    if chance(rng, 0.05):  # about one body in four has a web link
        parts[1] += f" {link(rng, lang)}."
    if chance(rng, 0.7):
        parts.append(bullet_list(rng, lang))
    while sum(len(p.split()) for p in parts) < budget:
        parts.append(paragraph(rng, lang, rng.randint(1, 3)))
    return "\n\n".join(parts)


def body(rng: random.Random, lang: str) -> str:
    """About 400 words in 4 to 6 `##` sections, with lists."""
    headings = HEADINGS[lang][: rng.randint(4, 6)]
    budget = BODY_WORDS // len(headings)
    return "\n\n".join(section(rng, lang, h, budget) for h in headings) + "\n"


def summary(rng: random.Random, lang: str) -> str:
    """Two short sentences: well inside the schema's 500 characters."""
    return " ".join(phrase(rng, lang, 6, 12) + "." for _ in range(2))


# ---------------------------------------------------------------- dates


def date(rng: random.Random, year: int) -> str:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as sources give them."""
    form = rng.choice(("y", "ym", "ymd"))
    if form == "y":
        return str(year)
    month = f"{year}-{rng.randint(1, 12):02d}"
    return month if form == "ym" else f"{month}-{rng.randint(1, 28):02d}"


def day(rng: random.Random, first: int, last: int, months: int = 12) -> str:
    return f"{rng.randint(first, last)}-{rng.randint(1, months):02d}-{rng.randint(1, 28):02d}"


def reviewed(rng: random.Random) -> str:
    """A review date in 2025 or 2026, so that the reviewers' stale-entry hint stays quiet.

    It will speak up from 2027 on (warnings only); move the window then.
    """
    return day(rng, 2025, 2025) if chance(rng, 0.5) else day(rng, 2026, 2026, months=10)


# ---------------------------------------------------------------- facts


def organisation(rng: random.Random, name: str, lang: str, vocab: dict) -> dict:
    org: dict = {"name": name}
    if chance(rng, 0.3):
        org["unit"] = phrase(rng, lang, 2, 4)
    if chance(rng, 0.8):
        org["type"] = rng.choice(vocab["organisation_types"])
    if chance(rng, 0.4):
        org["website"] = f"https://www.example.org/{rng.randint(1, 99999)}"
    return org


def what_fields(rng: random.Random, lang: str, vocab: dict) -> dict:
    meta = {"title": phrase(rng, lang, 4, 9), "summary": summary(rng, lang)}
    meta["themes"] = pick(rng, vocab["themes"], 1, 4)
    if chance(rng, 0.85):
        meta["sectors"] = pick(rng, vocab["sectors"], 1, 2)
    if chance(rng, 0.9):
        meta["target_groups"] = pick(rng, vocab["target_groups"], 1, 4)
    return meta


def where_fields(rng: random.Random, lang: str) -> dict:
    country = rng.choice(sorted(COUNTRIES[lang]))
    region, places = COUNTRIES[lang][country]
    meta: dict = {"country": country}
    if chance(rng, 0.5):
        meta["region"] = region
    if chance(rng, 0.7):
        meta["places"] = pick(rng, places, 1, 3)
    return meta


def who_fields(rng: random.Random, lang: str, where: dict, vocab: dict) -> dict:
    meta: dict = {}
    home = (where.get("places") or COUNTRIES[lang][where["country"]][1])[0]
    if chance(rng, 0.9):
        city = CITY_ORGANISATION[lang].format(place=home)
        # The same lead organisation in the same place is a duplicate hint: keep those rare.
        name = city if chance(rng, 0.02) else f"{phrase(rng, lang, 2, 4)} {home}"
        meta["lead_organisation"] = organisation(rng, name, lang, vocab)
    if chance(rng, 0.4):
        names = [f"{phrase(rng, lang, 1, 3)} {n}" for n in range(1, rng.randint(2, 5))]
        meta["partners"] = [organisation(rng, name, lang, vocab) for name in names]
    if chance(rng, 0.3):
        funder = {"funder": phrase(rng, lang, 2, 4), "programme": phrase(rng, lang, 2, 5)}
        meta["funding"] = [funder]
    return meta


def when_fields(rng: random.Random, lang: str) -> dict:
    start = rng.randint(2005, 2024)
    state = rng.choice(("ongoing", "ongoing", "completed", "unknown"))
    meta: dict = {}
    if state == "ongoing":
        meta["period"] = {"start": date(rng, start), "ongoing": True}
    elif state == "completed":
        end = rng.randint(start + 1, 2025)
        meta["period"] = {"start": date(rng, start), "end": date(rng, end)}
    if state != "unknown" and chance(rng, 0.8):
        meta["status"] = state
    if chance(rng, 0.3):
        years = sorted(rng.randint(start, 2025) for _ in range(rng.randint(1, 5)))
        meta["milestones"] = [{"date": str(y), "text": sentence(rng, lang)} for y in years]
    return meta


def quality_fields(rng: random.Random, lang: str, vocab: dict) -> dict:
    meta: dict = {}
    if chance(rng, 0.2):
        meta["scores"] = [
            {"kind": kind, "value": rng.randint(1, 4), "max": 4} for kind in vocab["score_kinds"]
        ]
    if chance(rng, 0.75):
        meta["evidence"] = {"level": rng.choice(vocab["evidence_levels"])}
        if chance(rng, 0.4):
            meta["evidence"]["note"] = sentence(rng, lang)
        if chance(rng, 0.1):
            meta["evidence"]["evaluation_url"] = "https://www.example.org/evaluation.pdf"
    if chance(rng, 0.1):
        meta["recognition"] = [phrase(rng, lang, 3, 6)]
    if chance(rng, 0.4):
        meta["transferability"] = paragraph(rng, lang, 2)
    return meta


def contact_fields(rng: random.Random, lang: str, slug: str) -> dict:
    if not chance(rng, 0.6):
        return {}
    contact: dict = {"organisation": phrase(rng, lang, 2, 5)}
    if chance(rng, 0.5):
        contact["email"] = f"info@{slug[:20].strip('-')}.example.org"
    if chance(rng, 0.3):
        number = f"{rng.randint(10, 999)} {rng.randint(1000, 99999)}"
        contact["phone"] = f"+{rng.randint(30, 49)} {number}"
    if chance(rng, 0.3):
        contact["website"] = f"https://www.example.org/contact/{slug}"
    if chance(rng, 0.05):
        consent = {"date": day(rng, 2023, 2025), "recorded_by": "Bench Editor"}
        contact["person"] = {"name": "Alex Example", "role": "Coordinator", "consent": consent}
    return {"contact": contact}


def provenance_fields(rng: random.Random, lang: str, number: int) -> dict:
    source: dict = {"title": f"Synthetic source {number}: {phrase(rng, lang, 3, 8)}"}
    if chance(rng, 0.6):
        source["publisher"] = phrase(rng, lang, 2, 4)
    if chance(rng, 0.5):
        source["url"] = f"https://www.example.org/source/{number}"
    if chance(rng, 0.5):
        source["retrieved"] = day(rng, 2024, 2025)
    if chance(rng, 0.2):
        source["licence"] = "CC-BY-4.0"
    return {"source": source, "last_reviewed": reviewed(rng), "added": day(rng, 2020, 2026)}


def link_fields(rng: random.Random, number: int, slugs: list[str]) -> dict:
    meta: dict = {}
    if chance(rng, 0.5) and len(slugs) > 1:
        others = {rng.randrange(len(slugs)) for _ in range(rng.randint(1, 3))} - {number}
        if others:
            meta["related"] = [slugs[i] for i in sorted(others)]
    if chance(rng, 0.02):
        meta["former_slugs"] = [f"former-{slugs[number]}"]
    return meta


def original(rng: random.Random, lang: str, number: int, slugs: list[str], vocab: dict) -> dict:
    """The practice record: every fact, a few optional groups left out as sources do."""
    meta = what_fields(rng, lang, vocab)
    meta.update(where_fields(rng, lang))
    meta.update(who_fields(rng, lang, meta, vocab))
    meta.update(when_fields(rng, lang))
    meta.update(quality_fields(rng, lang, vocab))
    meta.update(contact_fields(rng, lang, slugs[number]))
    meta.update(provenance_fields(rng, lang, number))
    meta.update(link_fields(rng, number, slugs))
    return meta


def translation(rng: random.Random, lang: str, made_from: str, facts: dict) -> dict:
    meta = {
        "title": phrase(rng, lang, 4, 9),
        "summary": summary(rng, lang),
        "translation": {"kind": "machine", "from": made_from},
    }
    if facts.get("places") and chance(rng, 0.1):
        meta["localised_names"] = {facts["places"][0]: f"{facts['places'][0]} ({lang})"}
    meta.update(translated_prose(rng, lang, facts))
    return meta


def translated_prose(rng: random.Random, lang: str, facts: dict) -> dict:
    """Half the translations carry the original's prose facts in their own words, same shape."""
    if not chance(rng, 0.5):
        return {}
    prose: dict = {"source": {"title": phrase(rng, lang, 3, 8)}}
    if facts.get("milestones"):
        prose["milestones"] = [
            {"date": m["date"], "text": sentence(rng, lang)} for m in facts["milestones"]
        ]
    if facts.get("transferability"):
        prose["transferability"] = sentence(rng, lang)
    return prose


# ---------------------------------------------------------------- files


def document(meta: dict, text: str) -> str:
    front = yaml.dump(meta, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n\n{text}"


def translation_languages(rng: random.Random, lang: str) -> list[str]:
    """About a third of practices have one or two translations, English most often."""
    if not chance(rng, 1 / 3):
        return []
    others = [x for x in UI_LANGUAGES if x != lang]
    first = "en" if lang != "en" and chance(rng, 0.5) else rng.choice(others)
    rest = [x for x in others if x != first]
    return [first, rng.choice(rest)] if chance(rng, 0.3) else [first]


def practice_files(number: int, slugs: list[str], vocab: dict, seed: int) -> dict[str, str]:
    """Every language version of practice `number`, as file texts keyed by language."""
    rng = random.Random(f"{seed}/{number}")
    langs, weights = zip(*ORIGINAL_LANGUAGES.items(), strict=True)
    lang = rng.choices(langs, weights)[0]
    facts = original(rng, lang, number, slugs, vocab)
    files = {lang: document(facts, body(rng, lang))}
    for other in translation_languages(rng, lang):
        files[other] = document(translation(rng, other, lang, facts), body(rng, other))
    return files


def slug_list(n: int, seed: int) -> list[str]:
    rng = random.Random(f"{seed}/slugs")
    return [f"{'-'.join(rng.sample(SLUG_WORDS, 3))}-{i:05d}" for i in range(n)]


def load_vocabularies(schema_dir: Path) -> dict[str, list[str]]:
    """Term ids of every vocabulary, in file order."""
    vocab = {}
    for path in sorted((schema_dir / "vocabularies").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        vocab[path.stem] = [str(term) for term in data["terms"]]
    return vocab


# ---------------------------------------------------------------- project


def prepare(out: Path) -> None:
    """An empty project folder linked to this checkout's schema and theme."""
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        sys.exit(f"{out} exists and was not made by bench/generate.py; not touching it")
    shutil.rmtree(out, ignore_errors=True)  # also any site or staging folder of an earlier run
    out.mkdir(parents=True)
    (out / MARKER).write_text("made by bench/generate.py; may be deleted\n", encoding="utf-8")
    for name in ("schema", "theme"):
        (out / name).symlink_to(CHECKOUT / name, target_is_directory=True)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copyfile(CHECKOUT / name, out / name)
    (out / "content" / "practices").mkdir(parents=True)
    for extra in (CHECKOUT / "content").glob("*.*"):  # e.g. LICENSE.md, never practices
        shutil.copyfile(extra, out / "content" / extra.name)


def write_project(out: Path, n: int, seed: int = 1) -> int:
    """Write a project with `n` practices into `out`; returns the number of files."""
    prepare(out)
    vocab = load_vocabularies(CHECKOUT / "schema")
    slugs = slug_list(n, seed)
    written = 0
    for number, slug in enumerate(slugs):
        folder = out / "content" / "practices" / slug
        folder.mkdir()
        for lang, text in practice_files(number, slugs, vocab, seed).items():
            (folder / f"{lang}.md").write_text(text, encoding="utf-8")
            written += 1
    return written


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="number of practices (2000)")
    parser.add_argument("--out", type=Path, default=CHECKOUT / "bench" / "out" / "catalogue")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    files = write_project(args.out, args.n, args.seed)
    print(f"Wrote {args.n} practices ({files} files) into {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
