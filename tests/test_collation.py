"""One collation for titles and labels, per UI language (catalogue/collation.py)."""

from __future__ import annotations

import pytest

from praxisbook.catalogue.collation import collated, collation_key


def ordered(words: list[str], lang: str) -> list[str]:
    return sorted(words, key=lambda w: collation_key(w, lang))


def test_german_sorts_umlauts_with_their_base_letter_and_sharp_s_as_ss():
    words = ["Zürich", "Österreich", "Oslo", "Ärzte", "Abend", "Straße", "Strasse", "Strom", "über"]
    assert ordered(words, "de") == [
        "Abend", "Ärzte", "Oslo", "Österreich", "Strasse", "Straße", "Strom", "über", "Zürich",
    ]  # fmt: skip


@pytest.mark.parametrize("lang", ["sv", "fi"])
def test_swedish_and_finnish_put_a_ring_a_umlaut_o_umlaut_after_z(lang):
    words = ["Öland", "Åbo", "Ähtäri", "Zagreb", "Aalto", "Oulu"]
    assert ordered(words, lang) == ["Aalto", "Oulu", "Zagreb", "Åbo", "Ähtäri", "Öland"]


@pytest.mark.parametrize("lang", ["sv", "fi"])
def test_nordic_u_umlaut_is_y_ae_is_a_umlaut_and_o_slash_is_o_umlaut(lang):
    assert ordered(["Mz", "Müller", "Mx"], lang) == ["Mx", "Müller", "Mz"]  # ü = y
    assert ordered(["Mz", "Müller", "Mx"], "de") == ["Müller", "Mx", "Mz"]  # in German ü = u
    assert ordered(["Ørsted", "Öberg", "Ödla"], lang) == ["Öberg", "Ödla", "Ørsted"]  # ø = ö
    assert ordered(["Æble", "Ädel", "Ägg"], lang) == ["Æble", "Ädel", "Ägg"]  # æ = ä
    assert ordered(["Æble", "Zebra", "Åsa"], lang) == ["Zebra", "Åsa", "Æble"]


@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
def test_other_languages_ignore_accents_and_case(lang):
    words = ["école", "Ecole", "Égalité", "zèbre", "Élan", "ecart"]
    assert ordered(words, lang) == ["ecart", "Ecole", "école", "Égalité", "Élan", "zèbre"]


def test_the_order_is_total_and_stable():
    words = ["Ecole", "École", "ecole", "ÉCOLE"]
    assert ordered(words, "fr") == ordered(list(reversed(words)), "fr")
    assert len({collation_key(w, "fr") for w in words}) == len(words)


def test_collated_orders_objects_by_the_text_they_show():
    items = [("b", "Österreich"), ("a", "Zypern"), ("c", "Belgien")]
    assert [i[0] for i in collated(items, "de", lambda item: item[1])] == ["c", "b", "a"]
    assert [i[0] for i in collated(items, "sv", lambda item: item[1])] == ["c", "a", "b"]
