"""schema.org JSON-LD for entry pages, so that other catalogues and search engines can read them."""

from __future__ import annotations

import json

from ..catalogue.model import Practice


def organisation(org: dict) -> dict:
    data = {"@type": "Organization", "name": org["name"]}
    if org.get("website"):
        data["url"] = org["website"]
    return data


def period(facts: dict) -> dict:
    span = facts.get("period") or {}
    dates = {"temporalCoverage": f"{span.get('start', '..')}/{span.get('end', '..')}"}
    return dates if span.get("start") or span.get("end") else {}


def practice_jsonld(practice: Practice, ui: str, url: str) -> dict:
    """A CreativeWork describing the version shown at `url`."""
    facts, version = practice.facts, practice.version_for(ui)
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": version.title,
        "description": version.summary,
        "inLanguage": version.lang,
        "url": url,
        "dateModified": facts["last_reviewed"],
        "keywords": practice.terms("themes"),
        "spatialCoverage": {"@type": "Place", "address": {
            "@type": "PostalAddress", "addressCountry": facts["country"]}},
        "isBasedOn": facts["source"].get("url") or facts["source"]["document"],
        **period(facts),
    }  # fmt: skip
    if facts.get("lead_organisation"):
        data["creator"] = organisation(facts["lead_organisation"])
    if facts.get("funding"):
        data["funder"] = [{"@type": "Organization", "name": f["funder"]} for f in facts["funding"]]
    if version.translation:
        data["translationOfWork"] = {"@type": "CreativeWork", "inLanguage": practice.original.lang}
    return data


def script_json(data: dict) -> str:
    """JSON safe inside <script>: no `</script>` or `<!--` can end the block early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
