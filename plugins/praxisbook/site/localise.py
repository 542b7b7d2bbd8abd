"""Everything the theme needs to speak one UI language.

Interface strings come from gettext catalogues in `theme/translations/`, which
are compiled in memory so that no stale `.mo` file can be served. Country and
language names, dates and numbers come from Babel's CLDR data.
"""

from __future__ import annotations

import datetime
import io
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from ..catalogue.schema import Schema

DOMAIN = "messages"


@cache
def load_translations(folder: Path, lang: str) -> NullTranslations:
    """The catalogue for `lang`, or the source strings (English) when there is none."""
    po = folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        return NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


# Babel's plain "en" is US English ("January 1, 2024"); a European catalogue writes
# dates the British way ("1 January 2024").
REGIONAL = {"en": "en_GB"}


@cache
def locale(lang: str) -> Locale:
    return Locale.parse(REGIONAL.get(lang, lang))


@cache  # Babel parses the locale on every call: pages ask for a few names each time
def autonym(lang: str) -> str:
    """A language's name in that language, capitalised as in a menu: 'Suomi', 'Nederlands'."""
    name = Locale.parse(lang).get_display_name(lang) or lang  # "English", not "English (UK)"
    return name[:1].upper() + name[1:]


class UI:
    """Translations, labels and formats for one UI language."""

    def __init__(self, lang: str, translations_dir: Path, schema: Schema):
        self.lang = lang
        self.locale = locale(lang)
        self.translations = load_translations(translations_dir, lang)
        self.schema = schema
        self.dates: dict[str, str] = {}  # the same few thousand dates recur on many pages

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def label(self, vocabulary: str, term: str) -> str:
        return self.schema.vocabularies[vocabulary].label(term, self.lang)

    def country(self, code: str) -> str:
        return self.locale.territories.get(code.upper(), code)

    def language(self, code: str) -> str:
        """A language's name in running text, as the UI language writes it there.

        CLDR gives the form used inside a sentence: Finnish "saksa", French
        "allemand", German "Deutsch" (German capitalises its nouns anyway).
        """
        return self.locale.languages.get(code, code)

    def language_label(self, code: str) -> str:
        """A language's name standing alone, as in a list or a filter: "Saksa", "Allemand"."""
        name = self.language(code)
        return name[:1].upper() + name[1:]

    def facet_value(self, facet, term: str) -> str:
        """The label of one of a facet's ids in this language."""
        if facet.names == "territories":
            return self.country(term)
        if facet.names == "languages":
            return self.language_label(term)
        return self.label(facet.vocabulary, term)

    def date(self, value: str | None) -> str:
        """Format `YYYY`, `YYYY-MM` or `YYYY-MM-DD` at the precision it was given."""
        text = str(value or "")
        if text not in self.dates:  # Babel takes 20 µs a date; a page shows a few
            self.dates[text] = self.formatted_date(text)
        return self.dates[text]

    def formatted_date(self, text: str) -> str:
        if len(text) == 4:
            return text
        if len(text) == 7:
            day = datetime.date(int(text[:4]), int(text[5:7]), 1)
            return format_skeleton("yMMMM", day, locale=self.locale)
        if len(text) == 10:
            return format_date(datetime.date.fromisoformat(text), "long", locale=self.locale)
        return text

    def period(self, period) -> str:
        """When a practice runs, in words: "since 2016", "June 2019 – ongoing", "2020 – 2022"."""
        if period is None:
            return ""
        start, end = self.date(period.start), self.date(period.end)
        if start and end:
            return f"{start} – {end}"  # an en dash range reads the same in every UI language
        if start and period.ongoing:
            return self.gettext("%(start)s – ongoing") % {"start": start}
        if start:
            return self.gettext("since %(date)s") % {"date": start}
        if end:
            return self.gettext("until %(date)s") % {"date": end}
        return self.gettext("ongoing") if period.ongoing else ""

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)
