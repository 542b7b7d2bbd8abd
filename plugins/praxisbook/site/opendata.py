"""Open data: catalogue.json (with its JSON Schema), two CSV files and a DCAT-AP description.

catalogue.json holds every language version's front matter exactly as parsed,
and its Markdown body, so that every entry can be rebuilt from it; the
published schema checks each front matter against the practice schema.

The same table is written twice: `catalogue.csv` for programs (RFC 4180:
commas, UTF-8 without a byte order mark) and `catalogue-excel.csv` for people
who open it in a spreadsheet. Excel reads a CSV file as UTF-8 only when it
starts with a byte order mark, and splits it at the list separator of the
user's locale, which is `;` in German, Dutch, French and most of Europe; a
`sep=;` line would name the separator but makes Excel ignore the mark.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..catalogue.model import Practice
from ..catalogue.project import UI_LANGUAGES
from ..catalogue.schema import Schema
from .dcat import dcat
from .links import SiteLinks
from .owner import Owner

# The version of catalogue.json's shape; docs/open-data.md keeps the changelog.
SCHEMA_VERSION = "2.1.0"
VERSION_COLUMNS = (
    "slug", "language", "is_original", "translation_kind", "translated_from", "title", "summary",
)  # fmt: skip
LIST_SEPARATOR = "; "
BOM = "\ufeff"
# A cell a spreadsheet would run as a formula (OWASP "CSV injection") gets a leading
# apostrophe in the spreadsheet file only, which Excel shows as text and does not display.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def dump_json(data: object) -> str:
    """Compact: the catalogue is read by programs, and indenting it made it a fifth larger."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


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


def publisher(owner: Owner) -> dict:
    """Who publishes the catalogue, as far as the settings say (schema_version 2.1.0)."""
    fields = {
        "name": owner.publisher.name,
        "url": owner.publisher.url,
        "email": owner.publisher.email,
        "contact_form": owner.publisher.contact_form,
    }
    return {key: value for key, value in fields.items() if value}  # fmt: skip


def catalogue(practices: list[Practice], links: SiteLinks, owner: Owner) -> dict:
    data = {
        "$schema": links.file("schema/catalogue.schema.json"),
        "schema_version": SCHEMA_VERSION,
        "generated": links.build_date,
        "practices": [practice_record(p, links) for p in practices],
    }
    if owner.publisher.name:
        data["publisher"] = publisher(owner)
    return data


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
            "publisher": {
                "type": "object", "additionalProperties": False, "required": ["name"],
                "description": "Who publishes the catalogue (since 2.1.0; absent when the "
                "site does not name its publisher).",
                "properties": {k: {"type": "string"} for k in
                               ("name", "url", "email", "contact_form")},
            },
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


def table(practices: list[Practice], links: SiteLinks, schema: Schema) -> list[dict]:
    columns = csv_columns(schema)
    header = {name: name for name in (*VERSION_COLUMNS, *(name for name, _ in columns), "url")}
    return [header, *(row for p in practices for row in csv_rows(p, links, columns))]


def write_csv(rows: list[dict], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=delimiter,
                            lineterminator="\r\n")  # fmt: skip
    writer.writerows(rows)
    return buffer.getvalue()


def catalogue_csv(practices: list[Practice], links: SiteLinks, schema: Schema) -> str:
    """The table for programs: RFC 4180, comma-separated, UTF-8 without a byte order mark."""
    return write_csv(table(practices, links, schema))


def as_text(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_START) else value


def excel_csv(practices: list[Practice], links: SiteLinks, schema: Schema) -> bytes:
    """The table for spreadsheets: a byte order mark, `;` between cells, no formulas."""
    rows = [{k: as_text(v) for k, v in row.items()} for row in table(practices, links, schema)]
    return (BOM + write_csv(rows, ";")).encode("utf-8")


def write_open_data(site_dir: Path, site, links: SiteLinks) -> None:
    """Publish the practice schema (vocabularies resolved), the catalogue and its description."""
    practices, schema = site.practices, site.schema
    files = {
        # Published under its own address, which the catalogue schema's $refs use.
        "schema/practice.schema.json": dump_json(
            {**schema.document, "$id": links.file("schema/practice.schema.json")}
        ).encode(),
        "schema/catalogue.schema.json": dump_json(catalogue_schema(links)).encode(),
        "catalogue.json": dump_json(catalogue(practices, links, site.owner)).encode(),
        "catalogue.csv": catalogue_csv(practices, links, schema).encode(),
        "catalogue-excel.csv": excel_csv(practices, links, schema),
    }
    sizes = {name: len(data) for name, data in files.items()}
    files["dcat.jsonld"] = dump_json(dcat(site, links, sizes)).encode()
    for name, data in files.items():
        target = site_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
