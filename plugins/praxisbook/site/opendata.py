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

# The version of catalogue.json's shape; docs/open-data.md keeps the changelog.
SCHEMA_VERSION = "2.0.0"
VERSION_COLUMNS = (
    "slug", "language", "is_original", "translation_kind", "translated_from", "title", "summary",
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
        "schema_version": SCHEMA_VERSION,
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
        "required": ["schema_version", "generated", "practices"],
        "properties": {
            "$schema": {"type": "string"},
            "schema_version": {
                "type": "string", "pattern": "^[0-9]+\\.[0-9]+\\.[0-9]+$",
                "description": "Version of this file's shape (semantic versioning); a new major "
                "version means a change that breaks readers. See the changelog in the docs.",
            },
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


def csv_columns(schema: Schema) -> list[tuple[str, tuple[str, ...]]]:
    """(column, field path) for every field the schema marks `x-csv`, in schema order."""
    columns = []
    for f in schema.fields():
        spec = f.node.get("x-csv")
        if spec is True:
            columns.append(("_".join(f.path), f.path))
        elif isinstance(spec, list):
            columns += [("_".join((*f.path, sub)), (*f.path, sub)) for sub in spec]
    return columns


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(cell(v) for v in value)
    return str(value)


def csv_rows(practice: Practice, links: SiteLinks, columns: list):
    for lang in practice.languages:
        version = practice.versions[lang]
        ui = lang if lang in UI_LANGUAGES else "en"
        facts = practice.reading(lang, ("ui", "original")).facts  # this version's own prose
        yield {
            "slug": practice.slug, "language": lang,
            "is_original": str(version.translation is None).lower(),
            "translation_kind": version.translation["kind"] if version.translation else "",
            "translated_from": version.made_from or "", "title": version.title,
            "summary": version.summary,
            **{name: cell(facts.get(path)) for name, path in columns},
            "url": links.page("practice", ui, practice.slug),
        }  # fmt: skip


def catalogue_csv(practices: list[Practice], links: SiteLinks, schema: Schema) -> str:
    columns = csv_columns(schema)
    names = [*VERSION_COLUMNS, *(name for name, _ in columns), "url"]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\r\n")
    writer.writeheader()
    for practice in practices:
        writer.writerows(csv_rows(practice, links, columns))
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
        "catalogue.csv": catalogue_csv(practices, links, schema),
        "dcat.jsonld": dump_json(dcat(links)),
    }
    for name, text in files.items():
        target = site_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
