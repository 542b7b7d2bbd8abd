"""Open data: catalogue.json (with its JSON Schema), catalogue.csv and a DCAT-AP description.

catalogue.json holds every language version's front matter exactly as parsed,
and its Markdown body, so that every entry can be rebuilt from it; the
published schema checks each front matter against the practice schema.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..catalogue.model import Practice
from ..catalogue.project import UI_LANGUAGES
from ..catalogue.schema import Schema
from .links import SiteLinks

CSV_COLUMNS = (
    "slug", "language", "is_original", "translation_kind", "translated_from", "title",
    "summary", "country", "region", "places", "themes", "sectors", "target_groups",
    "lead_organisation", "status", "period_start", "period_end", "period_ongoing",
    "evidence_level", "last_reviewed", "source_document", "source_url", "url",
)  # fmt: skip
LIST_SEPARATOR = "; "


def dump_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def version_record(practice: Practice, lang: str) -> dict:
    version = practice.versions[lang]  # the file as written, not the rendered model
    return {"language": lang, "front_matter": version.front_matter, "body": version.body}


def practice_record(practice: Practice, links: SiteLinks) -> dict:
    return {
        "slug": practice.slug,
        "original_language": practice.original.lang,
        "versions": [version_record(practice, lang) for lang in practice.languages],
        "urls": {ui: links.page("practice", ui, practice.slug) for ui in UI_LANGUAGES},
    }


def catalogue(practices: list[Practice], links: SiteLinks) -> dict:
    return {
        "$schema": links.file("schema/catalogue.schema.json"),
        "generated": links.build_date,
        "practices": [practice_record(p, links) for p in practices],
    }


def catalogue_schema(links: SiteLinks) -> dict:
    """A schema for catalogue.json that reuses the practice schema for front matter."""
    practice_schema = links.file("schema/practice.schema.json")
    front = {
        "oneOf": [{"$ref": f"{practice_schema}#/$defs/{n}"} for n in ("original", "translation")]
    }
    version = {
        "type": "object", "additionalProperties": False,
        "required": ["language", "front_matter", "body"],
        "properties": {
            "language": {"$ref": f"{practice_schema}#/$defs/language"},
            "front_matter": front,
            "body": {"type": "string", "description": "Markdown body of this version."},
        },
    }  # fmt: skip
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": links.file("schema/catalogue.schema.json"),
        "title": "Praxisbook catalogue",
        "type": "object", "additionalProperties": False,
        "required": ["generated", "practices"],
        "properties": {
            "$schema": {"type": "string"},
            "generated": {"type": "string", "format": "date"},
            "practices": {"type": "array", "items": {
                "type": "object", "additionalProperties": False,
                "required": ["slug", "original_language", "versions", "urls"],
                "properties": {
                    "slug": {"$ref": f"{practice_schema}#/$defs/slug"},
                    "original_language": {"$ref": f"{practice_schema}#/$defs/language"},
                    "versions": {"type": "array", "minItems": 1, "items": version},
                    "urls": {"type": "object", "additionalProperties": {"type": "string"}},
                },
            }},
        },
    }  # fmt: skip


def csv_rows(practice: Practice, links: SiteLinks):
    facts = practice.facts
    period = facts.get("period") or {}
    shared = {
        "slug": practice.slug, "country": facts["country"], "region": facts.get("region", ""),
        "places": LIST_SEPARATOR.join(facts.get("places") or []),
        "themes": LIST_SEPARATOR.join(practice.terms("themes")),
        "sectors": LIST_SEPARATOR.join(practice.terms("sectors")),
        "target_groups": LIST_SEPARATOR.join(practice.terms("target_groups")),
        "lead_organisation": (facts.get("lead_organisation") or {}).get("name", ""),
        "status": facts.get("status", ""), "period_start": period.get("start", ""),
        "period_end": period.get("end", ""),
        "period_ongoing": {True: "true", False: "false"}.get(period.get("ongoing"), ""),
        "evidence_level": (facts.get("evidence") or {}).get("level", ""),
        "last_reviewed": facts["last_reviewed"],
        "source_document": facts["source"]["document"],
        "source_url": facts["source"].get("url", ""),
    }  # fmt: skip
    for lang in practice.languages:
        version = practice.versions[lang]
        ui = lang if lang in UI_LANGUAGES else "en"
        yield {
            **shared, "language": lang, "is_original": str(version.translation is None).lower(),
            "translation_kind": version.translation["kind"] if version.translation else "",
            "translated_from": version.made_from or "", "title": version.title,
            "summary": version.summary, "url": links.page("practice", ui, practice.slug),
        }  # fmt: skip


def catalogue_csv(practices: list[Practice], links: SiteLinks) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for practice in practices:
        writer.writerows(csv_rows(practice, links))
    return buffer.getvalue()


def dcat(links: SiteLinks) -> dict:
    """DCAT-AP description of the catalogue's distributions."""

    def distribution(name: str, media_type: str, title: str) -> dict:
        return {
            "@type": "dcat:Distribution", "dct:title": title,
            "dcat:accessURL": {"@id": links.file(name)},
            "dcat:downloadURL": {"@id": links.file(name)},
            "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{media_type}"},
            "dct:license": {"@id": "http://creativecommons.org/licenses/by/4.0/"},
        }  # fmt: skip

    as_json = distribution("catalogue.json", "application/json", "Praxisbook catalogue (JSON)")
    as_json["dct:conformsTo"] = {"@id": links.file("schema/catalogue.schema.json")}
    as_csv = distribution(
        "catalogue.csv", "text/csv", "Praxisbook catalogue (CSV, one row per version)"
    )
    distributions = [as_json, as_csv]
    return {
        "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                     "foaf": "http://xmlns.com/foaf/0.1/"},
        "@id": links.file("dcat.jsonld"), "@type": "dcat:Catalog",
        "dct:title": "Praxisbook", "dct:description": "Good-practice examples for public bodies.",
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": "Praxisbook editors"},
        "dct:modified": links.build_date,
        "dcat:dataset": {
            "@type": "dcat:Dataset", "dct:title": "Praxisbook catalogue of good practices",
            "dct:description": "Every practice with all its language versions, facts and texts.",
            "dct:modified": links.build_date,
            "dct:language": [{"@id": f"http://publications.europa.eu/resource/authority/language/{c}"}
                             for c in ("ENG", "DEU", "NLD", "FRA", "SWE", "FIN")],
            "dcat:distribution": distributions,
        },
    }  # fmt: skip


def write_open_data(
    site_dir: Path, practices: list[Practice], links: SiteLinks, schema: Schema
) -> None:
    """Publish the practice schema (vocabularies resolved), the catalogue and its description."""
    files = {
        # Published under its own address, which the catalogue schema's $refs use.
        "schema/practice.schema.json": dump_json(
            {**schema.document, "$id": links.file("schema/practice.schema.json")}
        ),
        "schema/catalogue.schema.json": dump_json(catalogue_schema(links)),
        "catalogue.json": dump_json(catalogue(practices, links)),
        "catalogue.csv": catalogue_csv(practices, links),
        "dcat.jsonld": dump_json(dcat(links)),
    }
    for name, text in files.items():
        target = site_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
