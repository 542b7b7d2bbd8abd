"""`praxisbook new`: a scaffold from the schema that validates once its required values are in."""

from __future__ import annotations

import io
import re

import pytest

from praxisbook.catalogue.read import read
from praxisbook.catalogue.schema import load_schema, resolve
from praxisbook.catalogue.text import slugify
from praxisbook.catalogue.translations import digest
from praxisbook.cli import main

from .conftest import DUTCH, DUTCH_BODY, TINY, make_project

SLUG = "school-network-against-racism"
FLAGS = [
    "--lang", "de",
    "--english-title", "School network against racism",
    "--title", "Schulnetzwerk gegen Rassismus",
    "--summary", "Ein kommunales Zentrum vernetzt Schulen, die sich gegen Rassismus einsetzen.",
    "--country", "DE",
    "--themes", "anti-racism,networks",
    "--source", "Testquelle",
    "--reviewed", "2026-11-22",
]  # fmt: skip


class Terminal(io.StringIO):
    """Typed answers, on what `praxisbook new` takes for a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def empty(tmp_path, monkeypatch):
    """An empty project, as the working directory, with no terminal attached."""
    project = make_project(tmp_path / "site", {})
    monkeypatch.chdir(project.root)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    return project


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    project = make_project(tmp_path / "site", TINY)
    monkeypatch.chdir(project.root)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    return project


def new(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["new", *args])
    out, err = capsys.readouterr()
    return code, out, err


def validate(capsys) -> tuple[int, str]:
    code = main(["validate"])
    return code, capsys.readouterr().out


def test_new_with_flags_writes_a_file_that_validates(empty, capsys):
    code, out, err = new(capsys, *FLAGS)
    assert (code, err) == (0, "")
    assert out == (
        f"Created content/practices/{SLUG}/de.md.\n"
        "Guide for the judgement calls: docs/editing.md\n"
        f"Then check it: praxisbook validate content/practices/{SLUG}\n"
    )
    meta = read(empty.practices / SLUG / "de.md").meta
    assert meta == {
        "title": "Schulnetzwerk gegen Rassismus",
        "summary": "Ein kommunales Zentrum vernetzt Schulen, die sich gegen Rassismus einsetzen.",
        "themes": ["anti-racism", "networks"],
        "country": "DE",
        "source": {"title": "Testquelle"},
        "last_reviewed": "2026-11-22",
        "added": "2026-11-22",
    }
    assert validate(capsys) == (0, "OK: 1 file checked, no problems.\n")


def test_scaffold_holds_the_fields_asked_for_then_the_optional_groups(empty, capsys):
    new(capsys, *FLAGS)
    text = (empty.practices / SLUG / "de.md").read_text(encoding="utf-8")
    keys = re.findall(r"^([a-z_]+):", text, flags=re.MULTILINE)
    assert keys == ["title", "summary", "themes", "country", "source", "last_reviewed", "added"]
    assert (
        "# title (required): Name of the practice, as its owner calls it.\n# Text; 3 to 160 characters.\n"
        in text
    )
    assert "docs/editing.md" in text
    assert len(text.splitlines()) < 80


def test_the_optional_groups_are_the_schemas(empty, capsys):
    """Every optional field is named once, under its `x-group`, in the schema's order."""
    new(capsys, *FLAGS)
    text = (empty.practices / SLUG / "de.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^#   ([a-z-]+): ([a-z_, ]+)$", text, flags=re.MULTILINE))
    schema = load_schema(empty.schema_dir)
    written = read(empty.practices / SLUG / "de.md").meta
    expected: dict[str, list[str]] = {}
    for key, declared in schema.facts.items():
        if key not in written:
            group = resolve(declared, schema.definitions)["x-group"]
            expected.setdefault(group, []).append(key)
    assert {g: v.split(", ") for g, v in listed.items()} == expected
    assert list(listed)[:4] == ["what", "where", "who", "when"]


@pytest.mark.parametrize(
    ("lang", "first", "last"),
    [
        ("en", "What", "Lessons learned"),
        ("de", "Was", "Erkenntnisse"),
        ("nl", "Wat", "Geleerde lessen"),
        ("fr", "Quoi", "Enseignements tirés"),
        ("sv", "Vad", "Lärdomar"),
        ("fi", "Mitä", "Opit"),
        ("it", "What", "Lessons learned"),  # not a language of the site: English headings
    ],
)
def test_section_headings_are_in_the_files_language(empty, capsys, lang, first, last):
    assert new(capsys, "--lang", lang, "--slug", "school-network")[0] == 0
    body = read(empty.practices / "school-network" / f"{lang}.md").body
    headings = re.findall(r"^## (.+)$", body, flags=re.MULTILINE)
    assert (len(headings), headings[0], headings[-1]) == (6, first, last)


def test_the_folder_name_comes_from_the_english_title(empty, capsys):
    code, out, _ = new(capsys, "--lang", "en", "--title", "School network against racism")
    assert code == 0
    assert out.startswith(f"Created content/practices/{SLUG}/en.md.\n")


def test_a_title_in_another_language_does_not_name_the_folder(empty, capsys):
    code, out, err = new(capsys, "--lang", "nl", "--title", "Schoolnetwerk tegen racisme")
    assert (code, out) == (2, "")
    assert err == (
        "praxisbook new: give --english-title or --slug: the folder name is made from the"
        " English title, as every folder name is English (docs/editing.md)\n"
    )
    assert not empty.practices.exists()


def test_empty_scaffold_lists_what_to_fill_in_and_validates_once_filled(empty, capsys):
    code, out, _ = new(capsys, "--lang", "de", "--slug", "school-network")
    assert code == 0
    assert out == (
        "Created content/practices/school-network/de.md.\n"
        "Still to fill in: title, summary, themes[0], country, source.title.\n"
        "Guide for the judgement calls: docs/editing.md\n"
        "Then check it: praxisbook validate content/practices/school-network\n"
    )
    path = empty.practices / "school-network" / "de.md"
    assert validate(capsys)[0] == 1
    fills = {
        r'^title: ""$': "title: Schulnetzwerk",
        r'^summary: ""$': "summary: Ein Zentrum vernetzt Schulen gegen Rassismus.",
        r'^themes:\n  - ""$': "themes:\n  - anti-racism",
        r'^country: ""$': "country: DE",
        r'^  title: ""$': "  title: Testquelle",
    }
    text = path.read_text(encoding="utf-8")
    for pattern, value in fills.items():
        text, count = re.subn(pattern, value, text, flags=re.MULTILINE)
        assert count == 1, pattern
    path.write_text(text, encoding="utf-8")
    assert validate(capsys) == (0, "OK: 1 file checked, no problems.\n")


def uncomment_block(text: str, key: str) -> str:
    """Delete one `# ` from each line of a commented top-level field, as an editor would."""
    block = re.search(rf"^# {key}:\n(?:#.*\n)*?(?=\n)", text, flags=re.MULTILINE).group(0)
    return text.replace(block, re.sub(r"^# ", "", block, flags=re.MULTILINE))


def test_new_never_overwrites(empty, capsys):
    new(capsys, *FLAGS)
    path = empty.practices / SLUG / "de.md"
    before = path.read_text(encoding="utf-8")
    code, out, err = new(capsys, *FLAGS[:6], "--summary", "Something else entirely, long enough.")
    assert (code, out) == (1, "")
    assert err == (
        f"praxisbook new: content/practices/{SLUG}/de.md already exists; nothing was written.\n"
        "    hint: edit that file, or choose another --slug or --lang\n"
    )
    assert path.read_text(encoding="utf-8") == before


def test_new_refuses_a_second_original(empty, capsys):
    new(capsys, *FLAGS)
    code, _, err = new(capsys, "--lang", "en", "--slug", SLUG)
    assert code == 1
    assert err == (
        f"praxisbook new: the practice {SLUG} already exists (de.md); nothing was written.\n"
        "    hint: add a language version with "
        f"`praxisbook new --translation-of {SLUG} --lang en`, or choose another --slug\n"
    )
    assert not (empty.practices / SLUG / "en.md").exists()


def test_new_checks_flag_values_against_the_schema(empty, capsys):
    code, _, err = new(capsys, *FLAGS[:8], "--country", "Deutschland")
    assert code == 1
    assert err == (
        "praxisbook new: --country: `Deutschland` is not an allowed value\n"
        "    hint: did you mean `DE` (Germany)?\n"
    )
    assert not empty.practices.exists()


def test_new_without_a_language_and_no_terminal_is_a_usage_error(empty, capsys):
    code, _, err = new(capsys, "--title", "Schulnetzwerk")
    assert code == 2
    assert err == "praxisbook new: give --lang: Language code of the text (e.g. de)\n"


def test_new_asks_for_missing_values_in_a_terminal(empty, capsys, monkeypatch):
    answers = [
        "de",  # language
        "Schulnetzwerk gegen Rassismus",  # title
        "School network against racism",  # the title in English
        "",  # folder name: accept the one made from the English title
        "Ein Zentrum vernetzt Schulen gegen Rassismus.",  # summary
        "Deutschland",  # country: refused, asked again
        "DE",
        "anti-racism, networks",  # themes
        "Testquelle",  # source
    ]
    monkeypatch.setattr("sys.stdin", Terminal("\n".join(answers) + "\n"))
    code, out, err = new(capsys, "--reviewed", "2026-11-22")
    assert code == 0
    assert "The title in English (it names the folder, which stays forever): " in out
    assert (
        "Folder name, in English: lowercase ASCII letters, digits, hyphens"
        " [school-network-against-racism]: " in out
    )
    assert "\ncountry: `Deutschland` is not an allowed value\n    hint: " in err
    assert "\nids: anti-racism, anti-discrimination, diversity," in err
    meta = read(empty.practices / SLUG / "de.md").meta
    assert meta["country"] == "DE"
    assert meta["themes"] == ["anti-racism", "networks"]
    assert validate(capsys) == (0, "OK: 1 file checked, no problems.\n")


def digest_of(project, lang: str = "de") -> str:
    """The digest a new translation records: of the texts of the version it is made from."""
    folder = "police-diversity-network" if lang == "nl" else "school-network"
    original = read(project.practices / folder / f"{lang}.md")
    return digest(original.meta, original.body, load_schema(project.schema_dir))


def test_translation_starts_from_the_original(tiny, capsys):
    code, out, err = new(capsys, "--translation-of", "police-diversity-network", "--lang", "fi")
    assert (code, err) == (0, "")
    assert out == (
        "Created content/practices/police-diversity-network/fi.md.\n"
        "Translate its title, summary and text (they are copies of the original).\n"
        "Guide for the judgement calls: docs/editing.md\n"
        "Then check it: praxisbook validate content/practices/police-diversity-network\n"
    )
    path = tiny.practices / "police-diversity-network" / "fi.md"
    doc = read(path)
    assert doc.meta == {
        "title": "Diversiteitsnetwerk van de politiezone",
        "summary": "Een netwerk van politiepersoneel bevordert respect voor diversiteit binnen de politie.",
        "translation": {"kind": "editorial", "from": "nl", "digest": digest_of(tiny, "nl")},
    }
    assert doc.body == DUTCH_BODY
    text = path.read_text(encoding="utf-8")
    assert "# Copied from nl.md: replace it with the title in Finnish.\ntitle: " in text
    assert "translate" in text.split("---")[1].lower()
    assert '# localised_names:\n#   "Evere": ""\n#   "Sint-Joost-ten-Node": ""\n' in text
    assert DUTCH.splitlines()[0].removeprefix("title: ") in text
    assert validate(capsys)[0] == 0


PROSE = """\
milestones:
  - date: "2019-06"
    text: Gründung des Netzwerks mit zwölf Schulen.
  - date: "2023"
    text: Vierzig Schulen machen mit.
evidence:
  level: described
  note: Die Schulen berichten von weniger Konflikten.
"""


def test_translation_writes_the_originals_prose_commented_out_to_translate(tiny, capsys):
    original = tiny.practices / "school-network" / "de.md"
    original.write_text(
        original.read_text(encoding="utf-8").replace("source:", PROSE + "source:", 1),
        encoding="utf-8",
    )
    assert new(capsys, "--translation-of", "school-network", "--lang", "nl")[0] == 0
    path = tiny.practices / "school-network" / "nl.md"
    text = path.read_text(encoding="utf-8")
    assert (
        "# From de.md: translate the words, keep each date as it is and the items in their order,"
        " then\n#   delete the `# ` in front of each line.\n"
        '# milestones:\n#   - date: "2019-06"\n#     text: "Gründung des Netzwerks mit zwölf Schulen."\n'
        in text
    )
    assert "# evidence:\n#   # note (optional): " in text
    assert "level" not in text.split("# evidence:")[1].split("\n\n")[0]  # a fact, not prose
    assert "milestones" not in read(path).meta  # commented out: the page shows the original's
    assert validate(capsys)[0] == 0
    translated = uncomment_block(uncomment_block(text, "milestones"), "evidence")
    translated = translated.replace("Gründung des Netzwerks mit zwölf Schulen.", "Oprichting.")
    path.write_text(translated, encoding="utf-8")
    meta = read(path).meta
    assert meta["milestones"][0] == {"date": "2019-06", "text": "Oprichting."}
    assert meta["evidence"] == {"note": "Die Schulen berichten von weniger Konflikten."}
    assert meta["translation"]["digest"] == digest_of(tiny)
    assert validate(capsys)[0] == 0


def test_translation_kind_machine(tiny, capsys):
    new(capsys, "--translation-of", "school-network", "--lang", "fr", "--kind", "machine")
    meta = read(tiny.practices / "school-network" / "fr.md").meta
    assert meta["translation"] == {"kind": "machine", "from": "de", "digest": digest_of(tiny)}


def test_translation_asks_for_the_kind_with_editorial_as_default(tiny, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", Terminal("\n"))
    code, out, _ = new(capsys, "--translation-of", "school-network", "--lang", "sv")
    assert code == 0
    assert out.startswith("Kind of translation: official, editorial or machine [editorial]: ")
    meta = read(tiny.practices / "school-network" / "sv.md").meta
    assert meta["translation"] == {"kind": "editorial", "from": "de", "digest": digest_of(tiny)}


def test_translation_refuses_an_existing_language(tiny, capsys):
    path = tiny.practices / "school-network" / "en.md"
    before = path.read_text(encoding="utf-8")
    code, _, err = new(capsys, "--translation-of", "school-network", "--lang", "en")
    assert code == 1
    assert err.startswith("praxisbook new: content/practices/school-network/en.md already exists")
    assert path.read_text(encoding="utf-8") == before


def test_translation_of_an_unknown_practice(tiny, capsys):
    code, _, err = new(capsys, "--translation-of", "no-such-practice", "--lang", "fi")
    assert code == 1
    assert (
        err == "praxisbook new: there is no practice folder content/practices/no-such-practice/\n"
    )


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Bochumer Schulnetzwerk gegen Rassismus", "bochumer-schulnetzwerk-gegen-rassismus"),
        ("Straße „Vielfalt“ – Köln 2024!", "strasse-vielfalt-koln-2024"),
        ("Met Alle Respect! In gesprek", "met-alle-respect-in-gesprek"),
        ("Bruno@ttitudes", "bruno-ttitudes"),
        ("¿?", ""),
    ],
)
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_slugify_cuts_long_titles_at_a_word():
    slug = slugify("word " * 30)
    assert len(slug) <= 80 and slug.endswith("word") and "--" not in slug


def test_translation_of_must_be_a_folder_name(tiny, capsys):
    code, _, err = new(capsys, "--translation-of", "../school-network", "--lang", "it")
    assert code == 1
    assert err.startswith(
        "praxisbook new: --translation-of: `../school-network` is not a valid slug\n"
    )
