"""Search at build time: records, Pagefind's index, facets, stable output, related practices.

The catalogue below is small and realistic: German, Dutch and Swedish
originals, some with translations, so that what each query and facet must
find is known exactly. The browser tests (test_search_browser.py) use it too.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from itertools import pairwise
from pathlib import Path

import pytest

from praxisbook.catalogue.model import Practice, Version
from praxisbook.catalogue.problems import BuildError
from praxisbook.catalogue.project import Project
from praxisbook.catalogue.related import related_practices
from praxisbook.catalogue.schema import load_schema
from praxisbook.pipeline import build, prepare
from praxisbook.site import indexchunks, search, searchlabels
from praxisbook.site.indexing import run_pagefind
from praxisbook.site.stableindex import LOOKAHEAD, SIGNATURE, decode, encode, gzipped, read_file

from .conftest import ROOT, make_project, soup


def source(added: str) -> str:
    """Source, review and the day the practice entered the catalogue (sorts "newest")."""
    return f"source: {{title: Testquelle}}\nlast_reviewed: 2026-11-22\nadded: {added}\n"


CATALOGUE = {
    ("bochum-school-network", "de"): (
        "title: Schulnetzwerk gegen Rassismus\n"
        "summary: Ein kommunales Zentrum vernetzt Schulen, die sich gegen Rassismus und Diskriminierung einsetzen.\n"
        "themes: [anti-racism, networks]\nsectors: [education]\ntarget_groups: [pupils, teachers]\n"
        "country: DE\nplaces: [Bochum]\nperiod: {start: '2019-06', ongoing: true}\nstatus: ongoing\n"
        "evidence: {level: described}\nrelated: [malmo-anti-racism-plan]\n" + source("2026-11-05"),
        "## Was\n\nDie beteiligten Schulen treffen sich zweimal im Jahr und planen gemeinsame Projekttage.\n",
    ),
    ("bochum-school-network", "en"): (
        "title: School network against racism\n"
        "summary: A municipal centre connects schools that stand up against racism and discrimination.\n"
        "translation: {kind: machine, from: de}\n",
        "## What\n\nThe schools meet twice a year and plan joint project days.\n",
    ),
    ("berlin-police-dialogue", "de"): (
        "title: Dialogforum Polizei und Nachbarschaft\n"
        "summary: Polizeibeamtinnen und Anwohner treffen sich monatlich, um Konflikte im Kiez früh zu besprechen.\n"
        "themes: [integration, crime-prevention]\nsectors: [police-justice]\n"
        "target_groups: [police-staff, residents]\ncountry: DE\nplaces: [Berlin]\n"
        "period: {start: '2015'}\nstatus: completed\nevidence: {level: evaluated}\n"
        + source("2026-10-01"),
        "## Was\n\nDas Forum wurde von der Polizei gegründet. Moderatorinnen leiten die Gespräche.\n",
    ),
    ("ghent-police-diversity", "nl"): (
        "title: Diversiteitsnetwerk van de politiezone Gent\n"
        "summary: Een netwerk van politiepersoneel bevordert respect voor diversiteit binnen het korps.\n"
        "themes: [diversity, anti-discrimination]\nsectors: [police-justice]\n"
        "target_groups: [police-staff]\ncountry: BE\nplaces: [Gent]\n"
        "period: {start: '2021-03', ongoing: true}\nstatus: ongoing\nevidence: {level: described}\n"
        + source("2026-11-15"),
        "## Wat\n\nHet netwerk organiseert workshops voor inspecteurs en begeleidt nieuwe collega's.\n",
    ),
    ("ghent-police-diversity", "fr"): (
        "title: Réseau diversité de la zone de police de Gand\n"
        "summary: Un réseau de policiers promeut le respect de la diversité au sein du corps.\n"
        "translation: {kind: editorial, from: nl}\n",
        "## Quoi\n\nLe réseau organise des ateliers pour les inspecteurs.\n",
    ),
    ("utrecht-pupil-confidants", "nl"): (
        "title: Leerlingen als vertrouwenspersoon\n"
        "summary: Opgeleide leerlingen helpen medeleerlingen bij pesten en onveiligheid op school.\n"
        "themes: [school-safety, peer-support]\nsectors: [education]\n"
        "target_groups: [pupils, school-staff]\ncountry: NL\nplaces: [Utrecht]\n"
        "period: {start: '2022-09', ongoing: true}\nstatus: ongoing\nevidence: {level: effective}\n"
        + source("2026-11-20"),
        "## Wat\n\nScholieren volgen een training van drie dagen. Daarna zijn ze aanspreekpunt.\n",
    ),
    ("malmo-anti-racism-plan", "sv"): (
        "title: Malmö stads plan mot rasism\n"
        "summary: Kommunen utbildar sina anställda och samarbetar med föreningar mot rasism och diskriminering.\n"
        "themes: [anti-racism, civic-education]\nsectors: [local-government]\n"
        "target_groups: [public-employees, residents]\ncountry: SE\nplaces: [Malmö]\n"
        "period: {start: '2020'}\nstatus: ongoing\nevidence: {level: evaluated}\n"
        + source("2026-11-10"),
        "## Vad\n\nAlla förvaltningar tar fram åtgärder. Föreningarna får stöd för dialogmöten.\n",
    ),
    ("malmo-anti-racism-plan", "en"): (
        "title: Malmö's plan against racism\n"
        "summary: The municipality trains its employees and works with associations against racism and discrimination.\n"
        "translation: {kind: machine, from: sv}\n",
        "## What\n\nEvery department draws up measures.\n",
    ),
    ("malmo-anti-racism-plan", "de"): (
        "title: Malmös Plan gegen Rassismus\n"
        "summary: Die Kommune bildet ihre Beschäftigten fort und arbeitet mit Vereinen gegen Rassismus und Diskriminierung.\n"
        "translation: {kind: machine, from: sv}\n",
        "## Was\n\nAlle Verwaltungen erarbeiten Maßnahmen.\n",
    ),
    ("gothenburg-extremism-prevention", "sv"): (
        "title: Åtgärder mot våldsbejakande extremism\n"
        "summary: Fritidsledare och föräldrar lär sig känna igen tidiga tecken på radikalisering bland ungdomar.\n"
        "themes: [extremism-prevention]\nsectors: [youth]\ntarget_groups: [young-people, parents]\n"
        "country: SE\nplaces: [Göteborg]\n" + source("2026-09-01"),
        "## Vad\n\nStaden erbjuder kurser för fritidsgårdarnas personal.\n",
    ),
}
SLUGS = sorted({slug for slug, _ in CATALOGUE})


@pytest.fixture(scope="session")
def search_site(tmp_path_factory) -> Path:
    """The catalogue above, built once per session; returns the output folder."""
    root = tmp_path_factory.mktemp("search") / "site"
    project = make_project(root, CATALOGUE)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1763769600")
    build(project)
    return project.output


def fragments(bundle: Path, lang: str) -> dict[str, dict]:
    """Pagefind's stored page data for one language's index, by URL."""
    return {data["url"]: data for data in pages_by_id(bundle, lang).values()}


def pages_by_id(bundle: Path, lang: str) -> dict[str, dict]:
    """Pagefind's stored page data for one language's index, by page id (a search result's)."""
    meta = read_file(bundle / f"pagefind.{entry_of(bundle)['languages'][lang]['hash']}.pf_meta")
    found = {}
    for page_hash, _words in meta[1]:
        raw = gzip.decompress((bundle / "fragment" / f"{page_hash}.pf_fragment").read_bytes())
        found[page_hash] = json.loads(raw[len(SIGNATURE) :])
    return found


def label_table(bundle: Path, lang: str, key: str) -> dict:
    path = bundle / entry_of(bundle)["languages"][lang][key]
    assert path.name == f"{lang}_{hashlib.sha256(path.read_bytes()).hexdigest()[:10]}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def entry_of(bundle: Path) -> dict:
    return json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))


def test_every_ui_language_index_holds_each_practice_once(search_site):
    entry = entry_of(search_site / "pagefind")
    assert {lang: info["page_count"] for lang, info in entry["languages"].items()} == {
        lang: len(SLUGS) for lang in ("en", "de", "nl", "fr", "sv", "fi")
    }
    assert not (search_site / "_search").exists()
    assert not (search_site / "pagefind" / "pagefind-ui.js").exists()


def test_record_holds_the_readers_text_the_originals_and_labels_in_six_languages(search_site):
    pages = fragments(search_site / "pagefind", "nl")
    assert sorted(pages) == [f"/nl/practices/{slug}/" for slug in SLUGS]
    malmo = pages["/nl/practices/malmo-anti-racism-plan/"]
    assert malmo["meta"]["title"] == "Malmö's plan against racism"  # no Dutch one: English
    # No Dutch text: the body holds only the browsing word; full texts are only in their own
    # language's index, so that a match in the body is a match in the reader's language.
    assert malmo["content"] == "qxbrowseall."
    assert malmo["meta"]["original"].startswith("Malmö stads plan mot rasism. ")
    assert malmo["meta"]["other"].startswith("Malmös Plan gegen Rassismus. Die Kommune")
    english = fragments(search_site / "pagefind", "en")["/en/practices/malmo-anti-racism-plan/"]
    assert "Every department draws up measures." in english["content"]
    # Its labels were indexed, then left out of its stored data, which keeps its names and
    # its original's language; the labels come from the language's table (searchlabels.py).
    assert "labels" not in malmo["meta"] and "labels_other" not in malmo["meta"]
    assert "Malmö" in malmo["meta"]["names"].split(" · ")
    assert malmo["meta"]["original_lang"] == "sv"
    own, other = (label_table(search_site / "pagefind", "nl", key) for key in searchlabels.KEYS)
    assert own["facets"]["theme"]["anti-racism"] == ["Antiracisme", "racisme", "racistisch"]
    assert own["facets"]["country"]["SE"] == ["Zweden"]
    assert other["languages"] == ["en", "de", "fr", "sv", "fi"]
    anti_racism = other["facets"]["theme"]["anti-racism"]
    assert anti_racism[0] == [
        "Anti-racism",
        "Antirassismus",
        "Antiracisme",
        "Antirasism",
        "Antirasismi",
    ]
    assert anti_racism[1]["sv"] == ["rasism", "rasistisk"] and "nl" not in anti_racism[1]
    assert other["facets"]["country"]["SE"] == [
        ["Sweden", "Schweden", "Suède", "Sverige", "Ruotsi"]
    ]
    assert malmo["filters"] == {
        "country": ["SE"],
        "evidence": ["evaluated"],
        "language": ["sv", "de", "en"],
        "sector": ["local-government"],
        "status": ["ongoing"],
        "target_group": ["public-employees", "residents"],
        "theme": ["anti-racism", "civic-education"],
        "title_lang": ["en"],
    }
    german = fragments(search_site / "pagefind", "de")["/de/practices/malmo-anti-racism-plan/"]
    assert german["meta"]["title"] == "Malmös Plan gegen Rassismus"
    assert german["filters"]["title_lang"] == ["de"]
    assert "url" not in german["meta"]  # Pagefind searches metadata; a URL would match "de"
    swedish = fragments(search_site / "pagefind", "sv")["/sv/practices/malmo-anti-racism-plan/"]
    assert swedish["content"].count("Alla förvaltningar") == 1  # the Swedish text, once


def test_sorts_leave_pf_meta_for_an_order_file_in_the_ranks_the_records_carry(search_site):
    bundle, site = search_site / "pagefind", prepare(Project(search_site.parent))
    for lang, info in entry_of(bundle)["languages"].items():
        assert read_file(bundle / f"pagefind.{info['hash']}.pf_meta")[4] == []  # no sorts
        data = (bundle / info["sort"]).read_bytes()
        assert info["sort"] == f"sort/{lang}_{hashlib.sha256(data).hexdigest()[:10]}.json"
        orders, slug = json.loads(data), slug_by_id(bundle, lang)
        found = {
            "title": [slug[page] for page in orders["ids"]],
            "newest": [slug[orders["ids"][at]] for at in orders["newest"]],
        }
        ranks = search.sort_ranks(site, lang)
        for name in search.SORTS:
            assert found[name] == sorted(ranks, key=lambda s: ranks[s][name]), (lang, name)
    assert found["newest"] != found["title"]  # else the test could not tell them apart


def slug_by_id(bundle: Path, lang: str) -> dict[str, str]:
    return {page: data["url"].split("/")[-2] for page, data in pages_by_id(bundle, lang).items()}


def test_suggestion_words_come_from_the_records(search_site):
    german = (search_site / "suggest" / "de" / "s.js").read_text(encoding="utf-8")
    assert german.startswith('PraxisbookSuggest.put("de","s",[')
    words = json.loads(german[german.index("[") : german.rindex("]") + 1])
    assert "schulen" in words[::2] and "schweden" in words[::2]
    counts = words[1::2]
    assert counts == sorted(counts, reverse=True)  # most frequent first
    assert not (search_site / "suggest" / "de" / "q.js").exists() or "qxbrowseall" not in (
        search_site / "suggest" / "de" / "q.js"
    ).read_text(encoding="utf-8")


def test_search_page_lists_facets_labelled_in_the_ui_language(search_site):
    page = soup(search_site / "de" / "search" / "index.html")
    assert [f["data-facet"] for f in page.select("fieldset[data-facet]")] == [
        "theme", "sector", "target_group", "country", "language", "status", "evidence",
    ]  # fmt: skip
    options = {
        f["data-facet"]: [
            (
                li.input["value"],
                li.select_one(".facet-label").get_text(),
                li.select_one(".count").get_text(),
            )
            for li in f.select("li")
        ]
        for f in page.select("fieldset[data-facet]")
    }
    assert options["country"] == [
        ("BE", "Belgien", "1"), ("DE", "Deutschland", "2"),
        ("NL", "Niederlande", "1"), ("SE", "Schweden", "2"),
    ]  # fmt: skip
    assert options["language"] == [
        ("de", "Deutsch", "3"), ("en", "Englisch", "2"), ("fr", "Französisch", "1"),
        ("nl", "Niederländisch", "2"), ("sv", "Schwedisch", "2"),
    ]  # fmt: skip
    assert [o[0] for o in options["evidence"]] == ["described", "evaluated", "effective"]
    assert ("anti-racism", "Antirassismus", "2") in options["theme"]
    for box in page.select("fieldset input"):
        assert page.find("label", attrs={"for": box["id"]})


def test_search_page_has_no_inline_script_and_keeps_the_no_js_links(search_site):
    page = soup(search_site / "sv" / "search" / "index.html")
    scripts = page.find_all("script")
    assert [s["src"] for s in scripts] == [
        "/sv/compare/select.js",  # the Compare buttons on the results (compare-select.html)
        "/theme/js/search.js",
        "/theme/js/search-online.js",
    ]
    assert all(not s.string for s in scripts)
    app = page.find(id="search-app")
    assert app.has_attr("hidden") and app["data-pagefind"] == "/pagefind/pagefind.js"
    assert app["data-suggest-script"] == "/theme/js/search-suggest.js"  # loaded when needed
    links = [a["href"] for a in page.select("#search-fallback a")]
    assert links == [
        f"/sv/browse/#{t}" for t in ("themes", "sectors", "target-groups", "countries")
    ]


def test_entry_page_shows_named_related_first_then_similar(search_site):
    page = soup(search_site / "en" / "practices" / "bochum-school-network" / "index.html")
    section = page.find(id="related-heading").parent
    hrefs = [a["href"] for a in section.select("a")]
    assert hrefs == [
        "/en/practices/malmo-anti-racism-plan/",  # named by the editor
        "/en/practices/utrecht-pupil-confidants/",  # shares a sector and a target group
        "/en/practices/berlin-police-dialogue/",  # shares the country and a rare word
    ]  # the others share nothing, so they are not offered


def test_pagefind_failure_fails_the_build_with_its_output(tmp_path, monkeypatch):
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: something broke in the index'\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setattr("praxisbook.site.indexing.pagefind_binary", lambda: str(fake))
    records = tmp_path / "records"
    write_record(records, "de", "a", "Text")
    with pytest.raises(BuildError) as failure:
        run_pagefind(records, tmp_path / "pagefind")
    assert "Pagefind could not index" in str(failure.value)
    assert "Error: something broke in the index" in str(failure.value)


def test_a_record_pagefind_leaves_out_fails_the_build(tmp_path):
    records = tmp_path / "records"
    write_record(records, "de", "a", "Text")
    (records / "de" / "b.html").write_text("<html lang='de'><body>no body marker</body></html>")
    with pytest.raises(BuildError) as failure:
        run_pagefind(records, tmp_path / "pagefind")
    assert "indexed {'de': 1} search records, expected 2" in str(failure.value)


def write_record(records: Path, lang: str, slug: str, text: str, filters=()) -> None:
    path = records / lang / "practices" / slug / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    spans = "".join(f'<span data-pagefind-filter="{k}:{v}"></span>' for k, v in filters)
    path.write_text(
        f'<html lang="{lang}"><body><main data-pagefind-body><h1>{slug}</h1><p>{text}</p></main>'
        f'{spans}<span data-pagefind-sort="title:{slug}"></span></body></html>'
    )
    known = (records / lang / searchlabels.KEPT).exists()
    kept = searchlabels.read_kept(records, lang) if known else {}
    kept[f"/{lang}/practices/{slug}/"] = {"original_lang": lang}  # what search.py writes
    searchlabels.write(records, lang, {"languages": [lang], "facets": {}}, kept)


def test_index_is_byte_identical_from_run_to_run(tmp_path):
    records = tmp_path / "records"
    for lang in ("de", "nl", "sv", "en"):
        for i, country in enumerate(("DE", "NL", "SE", "BE", "FI", "FR")):
            filters = [("country", country), ("theme", f"t{i % 3}"), ("theme", f"t{i % 4}")]
            write_record(records, lang, f"p{i}", f"Wort {i} woord {i}", filters)
    run_pagefind(records, tmp_path / "a")
    run_pagefind(records, tmp_path / "b")
    files = sorted(
        p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file()
    )
    assert files == sorted(
        p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file()
    )
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_cbor_codec_round_trips_pagefinds_files(search_site):
    bundle = search_site / "pagefind"
    files = [*bundle.glob("*.pf_meta"), *bundle.glob("filter/*"), *bundle.glob("index/*")]
    assert len(files) > 20
    for path in files:
        raw = gzip.decompress(path.read_bytes())[len(SIGNATURE) :]
        assert encode(decode(raw)) == raw, path


def test_gzipped_writes_the_bytes_gzip_writes(search_site):
    """Every file of the index, and text with a match as far back as it can be, at each size
    around the edges of `gzipped`'s windows."""
    files = [gzip.decompress(p.read_bytes()) for p in (search_site / "pagefind").rglob("*.pf_*")]
    assert len(files) > 20
    text = b"".join(files)
    sizes = [n + d for k in range(9, 17) for n in [(1 << k) - LOOKAHEAD] for d in (-2, -1, 0, 1)]
    far = [text[:300] + text[300 : n - 300] + text[:300] for n in sizes if 600 < n < len(text)]
    assert len(far) > 20
    for data in [*files, *far, text, b""]:
        for level in (6, 9):
            assert gzipped(data, level) == gzip.compress(data, level, mtime=0), (len(data), level)


def test_word_index_is_cut_into_smaller_chunks_with_every_entry_in_its_range(search_site):
    bundle = search_site / "pagefind"
    info = entry_of(bundle)["languages"]["de"]
    meta = read_file(bundle / f"pagefind.{info['hash']}.pf_meta")
    raw = [
        gzip.decompress((bundle / "index" / f"{chunk_id}.pf_index").read_bytes())[12:]
        for _first, _last, chunk_id in meta[indexchunks.META_CHUNKS]
    ]
    words = [entry for chunk in raw for entry in decode(chunk)[0]]
    cut = indexchunks.cut(raw, target=300)
    assert len(cut) > 5
    assert [decode(entry) for *_, entries in cut for entry in entries] == words  # each as it was
    for first, last, entries in cut:
        held = [decode(entry)[0] for entry in entries]
        assert first <= held[0] and held[-1] <= last  # Pagefind's test: from <= word <= to
        assert len(entries) == 1 or sum(map(len, entries)) <= 300
    for (_, last, _), (first, _, entries) in pairwise(cut):
        assert last < first  # ranges apart: no word in two
        assert len(first) <= len(decode(entries[0])[0])  # the start is a word's beginning
    # That Pagefind loads one chunk per word and finds it there: tests/test_search_chunks.py.


def practice(slug: str, title: str, themes: list[str], lang: str = "en") -> Practice:
    version = Version(lang, title, "", "", Path(f"{slug}/{lang}.md"))
    facts = {"themes": themes, "country": "DE"}
    return Practice(slug, facts, version, {lang: version})


def test_related_adds_shared_rare_title_words_to_shared_terms():
    practices = [
        practice("a", "Buddy scheme for newcomers in libraries", ["integration"]),
        practice("b", "Library buddy scheme", ["networks"]),
        practice("c", "Police diversity network", ["integration"]),
        practice("d", "Sports club for newcomers", ["networks"]),
        *[practice(f"z{i}", f"Unrelated {i}", ["equality"]) for i in range(16)],
    ]
    related = related_practices(practices, load_schema(ROOT / "schema"))
    # c shares a theme; b shares two rare words ("buddy", "scheme"); d one ("newcomers").
    assert [p.slug for p in related["a"]] == ["c", "b", "d", "z0"]
    assert [p.slug for p in related["b"]][:2] == ["d", "a"]
