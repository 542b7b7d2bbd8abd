"""UI translations: the committed catalogues are current, complete and well-formed.

Run on its own with `make i18n-check`. When a template gains a string, run
`make i18n-update` and translate the new entries in every language's .po file.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po
from babel.support import Translations

from praxisbook.catalogue.project import UI_LANGUAGES
from praxisbook.catalogue.schema import load_schema, missing_labels
from praxisbook.site.localise import load_translations

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "theme" / "translations"
POT = TRANSLATIONS / "messages.pot"
SOURCE_LANGUAGE = "en"
TRANSLATED = [lang for lang in UI_LANGUAGES if lang != SOURCE_LANGUAGE]

# A printf-style named placeholder: %(name)s, %(count)d, %(value).1f ...
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa]")

# Translations that may equal the English text, by (language, msgid). Each one is
# the word a public body in that language really uses; keep this list short.
ALLOW_SAME = {
    ("de", "Downloads"),  # the usual German menu label for files to download
    ("nl", "Downloads"),  # likewise in Dutch (e.g. rijksoverheid.nl, vlaanderen.be)
    ("nl", "Scores"),  # the Dutch word for ratings, as Flemish catalogues use it
    ("nl", "E-mail"),  # Dutch spelling is the same as the English
    ("nl", "website"),  # the standard Dutch word
    ("nl", "Open data"),  # the established Dutch term (data.overheid.nl, data.vlaanderen.be)
    ("fr", "Source"),  # French word, same spelling
}


def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def entries(catalog: Catalog) -> list[Message]:
    """Every message except the header."""
    return [m for m in catalog if m.id]


def key(message: Message) -> str:
    """The singular msgid, by which templates look a message up."""
    return message.id[0] if isinstance(message.id, tuple) else message.id


def forms(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


@pytest.fixture(scope="module")
def pot() -> Catalog:
    return read_catalog(POT)


@pytest.fixture(scope="module", params=TRANSLATED)
def po(request) -> tuple[str, Catalog]:
    lang = request.param
    return lang, read_catalog(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", lang)


def test_committed_pot_matches_the_templates(tmp_path):
    """Re-extracting exactly as `make i18n-extract` does gives the committed messages.pot."""
    pybabel = Path(sys.executable).with_name("pybabel")
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            str(pybabel),
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "N_",
            "--no-location",
            "--sort-output",
            "--project=Praxisbook",
            "--copyright-holder=The Praxisbook contributors",
            "-o",
            str(fresh),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    extracted = {m.id: sorted(m.flags) for m in entries(read_catalog(fresh))}
    committed = {m.id: sorted(m.flags) for m in entries(read_catalog(POT))}
    assert extracted, "no strings extracted from the templates"
    new = sorted(map(str, extracted.keys() - committed.keys()))
    gone = sorted(map(str, committed.keys() - extracted.keys()))
    assert not new and not gone, (
        f"messages.pot is stale; run `make i18n-update`: new {new}, gone {gone}"
    )
    changed = sorted(str(k) for k in extracted if extracted[k] != committed[k])
    assert not changed, f"flags differ from messages.pot; run `make i18n-update`: {changed}"


def test_po_has_the_declared_language_and_two_plural_forms(po):
    lang, catalog = po
    assert str(catalog.locale) == lang
    assert catalog.num_plurals == 2
    assert "nplurals=2;" in catalog.plural_forms


def test_po_contains_every_pot_message_and_no_other(po, pot):
    lang, catalog = po
    wanted = {m.id for m in entries(pot)}
    present = {m.id for m in entries(catalog)}
    missing = sorted(map(str, wanted - present))
    extra = sorted(map(str, present - wanted))
    assert not missing, f"{lang}: missing from messages.po; run `make i18n-update`: {missing}"
    assert not extra, f"{lang}: not in messages.pot any more; run `make i18n-update`: {extra}"


def test_po_has_no_fuzzy_or_empty_translation(po):
    lang, catalog = po
    fuzzy = [key(m) for m in entries(catalog) if m.fuzzy]
    assert not fuzzy, f"{lang}: fuzzy entries: {fuzzy}"
    empty = [
        key(m)
        for m in entries(catalog)
        if len(forms(m.string)) != (catalog.num_plurals if m.pluralizable else 1)
        or not all(s.strip() for s in forms(m.string))
    ]
    assert not empty, f"{lang}: untranslated (or a plural form missing): {empty}"


def test_po_keeps_the_placeholders_of_the_msgid(po):
    lang, catalog = po
    wrong = []
    for m in entries(catalog):
        expected = set().union(*(placeholders(s) for s in forms(m.id)))
        for translation in forms(m.string):
            if placeholders(translation) != expected:
                wrong.append((key(m), translation))
            elif "python-format" in m.flags:
                try:  # a stray % would break the template's |format at build time
                    translation % dict.fromkeys(expected, 1)
                except (TypeError, ValueError, KeyError) as error:
                    wrong.append((key(m), f"{translation} ({error})"))
    assert not wrong, f"{lang}: placeholders differ from the msgid: {wrong}"


def test_po_translations_differ_from_english_unless_allowed(po):
    lang, catalog = po
    same = [
        key(m)
        for m in entries(catalog)
        if (lang, key(m)) not in ALLOW_SAME and set(forms(m.string)) & set(forms(m.id))
    ]
    assert not same, f"{lang}: left in English (or add to ALLOW_SAME with a reason): {same}"


def test_allow_same_lists_only_current_untranslated_messages():
    """Keep the allow-list honest: each entry must still exist and still be needed."""
    stale = []
    for lang, msgid in sorted(ALLOW_SAME):
        catalog = read_catalog(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", lang)
        message = catalog.get(msgid)
        if message is None or message.string != msgid:
            stale.append((lang, msgid))
    assert not stale, f"remove from ALLOW_SAME: {stale}"


def test_every_vocabulary_term_has_a_label_in_every_ui_language():
    schema = load_schema(ROOT / "schema")
    assert schema.vocabularies, "no vocabularies found in schema/vocabularies/"
    assert missing_labels(schema) == []
    blank = [
        f"{v.name}.{term}.{lang}"
        for v in schema.vocabularies.values()
        for term, labels in v.terms.items()
        for lang in UI_LANGUAGES
        if not str(labels.get(lang, "")).strip()
    ]
    assert not blank


EXPECTED_COUNTRY = {
    "en": "Country",
    "de": "Land",
    "nl": "Land",
    "fr": "Pays",
    "sv": "Land",
    "fi": "Maa",
}


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_catalogue_loads_and_translates(lang):
    translations = load_translations(TRANSLATIONS, lang)
    assert translations.gettext("Country") == EXPECTED_COUNTRY[lang]
    practices = translations.ngettext("%(n)s practice", "%(n)s practices", 2)
    if lang == SOURCE_LANGUAGE:
        assert practices == "%(n)s practices"
    else:
        assert isinstance(translations, Translations)
        assert practices != "%(n)s practices" and "%(n)s" in practices


def test_german_facts_labels():
    """The German labels the build tests rely on."""
    de = load_translations(TRANSLATIONS, "de")
    assert de.gettext("Country") == "Land"
    assert de.gettext("Period") == "Zeitraum"
    assert de.gettext("ongoing") == "laufend"
    assert de.gettext("Last reviewed") == "Zuletzt geprüft"
    assert de.gettext("%(score)s of %(scale)s") == "%(score)s von %(scale)s"
