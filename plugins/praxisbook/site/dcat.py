"""The DCAT-AP 3.0 description of the catalogue (`dcat.jsonld`), for open-data portals.

It passes SEMICeu's DCAT-AP 3.0.0 SHACL shapes (tests/test_validators.py). The
shapes check `sh:class` without inference, so every referenced node says what
it is: languages are `dct:LinguisticSystem`, licences `dct:LicenseDocument`,
media types `dct:MediaType`, file types `dct:MediaTypeOrExtent`, addresses
`rdfs:Resource`, schemas `dct:Standard`, countries `dct:Location`, themes
`skos:Concept`, the contact point `vcard:Kind`. References use the EU
Publications Office's authority tables, as data.europa.eu expects. The
`@context` is inline, so a reader needs no request to expand it.
"""

from __future__ import annotations

from ..catalogue.model import Practice
from ..catalogue.project import UI_LANGUAGES
from .links import SiteLinks
from .owner import Owner

EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
LICENCE = f"{EU}licence/CC_BY_4_0"  # texts written for Praxisbook (content/LICENSE.md)
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}  # fmt: skip
# ISO 639-1 (the schema's languages) → the EU language table's codes.
LANGUAGES = {
    "bg": "BUL", "cs": "CES", "da": "DAN", "de": "DEU", "el": "ELL", "en": "ENG", "es": "SPA",
    "et": "EST", "fi": "FIN", "fr": "FRA", "ga": "GLE", "hr": "HRV", "hu": "HUN", "it": "ITA",
    "lt": "LIT", "lv": "LAV", "mt": "MLT", "nl": "NLD", "pl": "POL", "pt": "POR", "ro": "RON",
    "sk": "SLK", "sl": "SLV", "sv": "SWE",
}  # fmt: skip
# ISO 3166-1 alpha-2 (the schema's countries) → the EU country table's codes. Kosovo (XK)
# is left out: its code there could not be confirmed, and a wrong reference is worse than none.
COUNTRIES = {
    "AD": "AND", "AL": "ALB", "AT": "AUT", "BA": "BIH", "BE": "BEL", "BG": "BGR", "CH": "CHE",
    "CY": "CYP", "CZ": "CZE", "DE": "DEU", "DK": "DNK", "EE": "EST", "ES": "ESP", "FI": "FIN",
    "FR": "FRA", "GB": "GBR", "GR": "GRC", "HR": "HRV", "HU": "HUN", "IE": "IRL", "IS": "ISL",
    "IT": "ITA", "LI": "LIE", "LT": "LTU", "LU": "LUX", "LV": "LVA", "MC": "MCO", "MD": "MDA",
    "ME": "MNE", "MK": "MKD", "MT": "MLT", "NL": "NLD", "NO": "NOR", "PL": "POL", "PT": "PRT",
    "RO": "ROU", "RS": "SRB", "SE": "SWE", "SI": "SVN", "SK": "SVK", "SM": "SMR", "UA": "UKR",
}  # fmt: skip
# The EU data themes the catalogue is filed under: always "Population and society" (it is
# about inclusion and safety), and one per sector its practices work in.
DATA_THEMES = {
    "SOCI": "Population and society", "EDUC": "Education, culture and sport",
    "JUST": "Justice, legal system and public safety", "GOVE": "Government and public sector",
    "HEAL": "Health",
}  # fmt: skip
SECTOR_THEMES = {
    "education": "EDUC", "police-justice": "JUST", "local-government": "GOVE", "health": "HEAL",
}  # fmt: skip
DISTRIBUTIONS = (  # file, IANA media type, EU file type, title, what it is for
    ("catalogue.json", "application/json", "JSON", "Praxisbook catalogue (JSON)",
     "Every practice with all its language versions: front matter and Markdown text."),
    ("catalogue.csv", "text/csv", "CSV", "Praxisbook catalogue (CSV, one row per version)",
     "For programs: RFC 4180, UTF-8 without byte order mark, comma-separated."),
    ("catalogue-excel.csv", "text/csv", "CSV", "Praxisbook catalogue (CSV for spreadsheets)",
     "For Excel and other spreadsheets: UTF-8 with byte order mark, semicolon-separated."),
)  # fmt: skip
STANDARDS = {  # what a distribution conforms to, besides its format
    "catalogue.json": "schema/catalogue.schema.json",
    "catalogue.csv": "https://www.rfc-editor.org/rfc/rfc4180",
}


def node(iri: str, cls: str, **more) -> dict:
    """A reference to `iri` that says what it is (the shapes check classes, not IRIs)."""
    return {"@id": iri, "@type": cls, **more}


def date(value: str) -> dict:
    return {"@value": value, "@type": "xsd:date"}


def in_every_language(site, message: str, template: str = "{}") -> list[dict]:
    """One literal per UI language: the site's own words for `message` (its .po files)."""
    return [
        {"@value": template.format(site.uis[lang].gettext(message)), "@language": lang}
        for lang in UI_LANGUAGES
    ]


def agent(owner: Owner, fallback: str) -> dict:
    """The publisher (mandatory in DCAT-AP): the settings' name, else the project's AUTHOR."""
    data = {"@type": "foaf:Agent", "foaf:name": owner.publisher.name or fallback}
    if owner.publisher.url:
        data["foaf:homepage"] = node(owner.publisher.url, "foaf:Document")
    return data


def contact_point(owner: Owner, name: str) -> dict | None:
    route = owner.feedback
    if route is None:
        return None
    key = "vcard:hasEmail" if route.kind == "email" else "vcard:hasURL"
    return {"@type": "vcard:Kind", "vcard:fn": owner.publisher.name or name,
            key: {"@id": route.href}}  # fmt: skip


def distribution(entry: tuple, links: SiteLinks, sizes: dict[str, int]) -> dict:
    name, media_type, file_type, title, description = entry
    url = node(links.file(name), "rdfs:Resource")
    data = {
        "@type": "dcat:Distribution", "dct:title": {"@value": title, "@language": "en"},
        "dct:description": {"@value": description, "@language": "en"},
        "dcat:accessURL": url, "dcat:downloadURL": url,
        "dcat:mediaType": node(f"{IANA}{media_type}", "dct:MediaType"),
        "dct:format": node(f"{EU}file-type/{file_type}", "dct:MediaTypeOrExtent"),
        "dct:license": node(LICENCE, "dct:LicenseDocument"),
        "dct:modified": date(links.build_date),
        "dcat:byteSize": {"@value": str(sizes[name]), "@type": "xsd:nonNegativeInteger"},
    }  # fmt: skip
    if name in STANDARDS:
        standard = STANDARDS[name]
        iri = standard if standard.startswith("https:") else links.file(standard)
        data["dct:conformsTo"] = node(iri, "dct:Standard")
    return data


def coverage(practices: list[Practice]) -> dict:
    """Where, in which languages and on which EU data themes the catalogue's practices are."""
    countries = sorted({p.country for p in practices if p.country in COUNTRIES})
    languages = sorted({*UI_LANGUAGES, *(lang for p in practices for lang in p.languages)})
    themes = {"SOCI"} | {SECTOR_THEMES[s] for p in practices for s in p.terms("sectors")
                         if s in SECTOR_THEMES}  # fmt: skip
    return {
        "dct:spatial": [node(f"{EU}country/{COUNTRIES[c]}", "dct:Location") for c in countries],
        "dct:language": [node(f"{EU}language/{LANGUAGES[lang]}", "dct:LinguisticSystem")
                         for lang in languages if lang in LANGUAGES],
        "dcat:theme": [node(f"{EU}data-theme/{t}", "skos:Concept",
                            **{"skos:prefLabel": {"@value": DATA_THEMES[t], "@language": "en"}})
                       for t in sorted(themes)],
    }  # fmt: skip


def keywords(site) -> list[dict]:
    """The themes in use, as words in every UI language."""
    used = sorted({t for p in site.practices for t in p.terms("themes")})
    return [
        {"@value": site.uis[lang].label("themes", term), "@language": lang}
        for term in used
        for lang in UI_LANGUAGES
    ]


def dataset(site, links: SiteLinks, sizes: dict[str, int]) -> dict:
    added = sorted(p.record["added"] for p in site.practices if p.record.get("added"))
    data = {
        "@id": f"{links.file('dcat.jsonld')}#dataset", "@type": "dcat:Dataset",
        "dct:title": in_every_language(site, GOOD_PRACTICES, f"{site.ctx.sitename} – {{}}"),
        "dct:description": in_every_language(site, DESCRIPTION),
        "dct:publisher": agent(site.owner, author(site)),
        "dcat:keyword": keywords(site),
        "dcat:landingPage": node(links.page("chooser"), "foaf:Document"),
        **coverage(site.practices),
        "dct:modified": date(links.build_date),
        "dcat:distribution": [distribution(d, links, sizes) for d in DISTRIBUTIONS],
    }  # fmt: skip
    if added:
        data["dct:issued"] = date(added[0])  # when the first practice was added
    contact = contact_point(site.owner, site.ctx.sitename)
    if contact:
        data["dcat:contactPoint"] = contact
    return data


def author(site) -> str:
    return str(site.ctx.settings.get("AUTHOR") or site.ctx.sitename)


# The site's own words (base.html), so that a portal shows what the site says, in six languages.
GOOD_PRACTICES = "Good practices for public bodies"
DESCRIPTION = (
    "Good-practice examples for public bodies: what works against racism and discrimination, "
    "for safety and inclusion, in municipalities, schools and police across Europe."
)


def dcat(site, links: SiteLinks, sizes: dict[str, int]) -> dict:
    """The catalogue, its one dataset and the dataset's distributions, with their sizes."""
    return {
        "@context": CONTEXT,
        "@id": links.file("dcat.jsonld"), "@type": "dcat:Catalog",
        "dct:title": site.ctx.sitename,
        "dct:description": in_every_language(site, DESCRIPTION),
        "dct:publisher": agent(site.owner, author(site)),
        "foaf:homepage": node(links.page("chooser"), "foaf:Document"),
        "dct:language": [node(f"{EU}language/{LANGUAGES[lang]}", "dct:LinguisticSystem")
                         for lang in UI_LANGUAGES],
        "dct:license": node(LICENCE, "dct:LicenseDocument"),
        "dct:modified": date(links.build_date),
        "dcat:dataset": dataset(site, links, sizes),
    }  # fmt: skip
