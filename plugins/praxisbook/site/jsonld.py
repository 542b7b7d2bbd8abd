"""schema.org JSON-LD for entry pages, so that other catalogues and search engines can read them."""

from __future__ import annotations

import json

from ..catalogue.model import Organisation, Reading, Source
from .owner import Publisher


def organisation(org: Organisation) -> dict:
    data = {"@type": "Organization", "name": str(org.name)}
    if org.website:
        data["url"] = org.website
    return data


def period(reading: Reading) -> dict:
    span = reading.facts.period
    if span is None or not (span.start or span.end):
        return {}
    return {"temporalCoverage": f"{span.start or '..'}/{span.end or '..'}"}


def source(src: Source) -> dict:
    """The document the entry is based on, as a citation."""
    data = {"@type": "CreativeWork", "name": str(src.title)}
    if src.publisher:
        data["publisher"] = {"@type": "Organization", "name": str(src.publisher)}
    for key, value in (("datePublished", src.date), ("url", src.url), ("license", src.licence)):
        if value:
            data[key] = value
    return data


def publisher(owner: Publisher) -> dict:
    data = {"@type": "Organization", "name": owner.name}
    if owner.url:
        data["url"] = owner.url
    if owner.email:
        data["email"] = owner.email
    return data


def practice_jsonld(reading: Reading, ui, url: str, owner: Publisher | None = None) -> dict:
    """A CreativeWork describing the version shown at `url`, its keywords in `ui`'s words.

    `owner` is the catalogue's publisher (settings), named only when the settings name it.
    """
    facts, practice = reading.facts, reading.practice
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": str(reading.title),
        "description": str(reading.summary),
        "inLanguage": reading.lang,
        "url": url,
        "dateModified": facts.last_reviewed,
        "keywords": [ui.label("themes", t) for t in practice.terms("themes")],
        "spatialCoverage": {"@type": "Place", "address": {
            "@type": "PostalAddress", "addressCountry": facts.country}},
        "isBasedOn": source(facts.source),
        **period(reading),
    }  # fmt: skip
    if owner and owner.name:
        data["publisher"] = publisher(owner)
    if facts.added:
        data["datePublished"] = facts.added
    if facts.lead_organisation:
        data["creator"] = organisation(facts.lead_organisation)
    if facts.funding:
        data["funder"] = [{"@type": "Organization", "name": str(f.funder)} for f in facts.funding]
    if reading.version.translation:
        data["translationOfWork"] = {"@type": "CreativeWork", "inLanguage": practice.original.lang}
    return data


def script_json(data: dict) -> str:
    """JSON safe inside <script>: no `</script>` or `<!--` can end the block early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
