"""Open data: the documents and articles as JSON and CSV, each with a published JSON Schema.

Analysts load these into their own tools; ids are the same ones the site's URLs use, so a
row always leads back to its page.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import orjson

from ...model import DATE_FIELDS, STATUSES, Article, DocumentRecord, Issue, SiteConfig, Status, Term
from ..urls import absolute

SCHEMA_BASE = "data/schema/"
CSV_COLUMNS = (
    "id", "title", "title_zh", "date", "issuing_bodies", "sectors", "follows", "relation",
    "source_url", "page_url", "articles", "type", "number", *DATE_FIELDS, "status",
)  # fmt: skip


def term(value: Term) -> dict[str, str]:
    """A term as data."""
    return {"slug": value.slug, "name": value.name, "full_name": value.full_name}


def documents_data(
    config: SiteConfig,
    records: tuple[DocumentRecord, ...],
    statuses: dict[str, Status] | None = None,
) -> list[dict]:
    """Every document, newest first, with its status on the build's day."""
    statuses = statuses or {}
    return [
        {
            "id": record.id,
            "title": record.title,
            "title_zh": record.title_zh,
            "date": record.date.isoformat() if record.date else None,
            "issuing_bodies": [term(body) for body in record.bodies],
            "sectors": [term(sector) for sector in record.sectors],
            "follows": record.follows,
            "relation": record.relation,
            "lineage": list(record.lineage),
            "source_url": record.url,
            "page_url": absolute(config, record.path),
            "articles": [absolute(config, path) for path in record.articles],
            **facts_data(record),
            "status": status.kind if (status := statuses.get(record.id)) else None,
        }
        for record in records
    ]


def facts_data(record: DocumentRecord) -> dict[str, Any]:
    """A document's type, number and dates as data."""
    facts = record.facts
    kind = facts.type
    return {
        "type": {"slug": kind.slug, "name": kind.name, "name_zh": kind.name_zh} if kind else None,
        "number": facts.number,
        **{
            name: day.isoformat() if (day := getattr(facts, name)) else None for name in DATE_FIELDS
        },
    }


def articles_data(config: SiteConfig, issues: tuple[Issue, ...]) -> list[dict]:
    """Every article, newest issue first, in Top-list order."""
    return [article_data(config, issue, article) for issue in issues for article in issue.articles]


def article_data(config: SiteConfig, issue: Issue, article: Article) -> dict[str, Any]:
    """One article as data; its id is its path on the site."""
    return {
        "id": article.path.removeprefix("issues/").rstrip("/"),
        "url": absolute(config, article.path),
        "title": article.title,
        "rank": article.number,
        "issue": {
            "id": issue.slug,
            "title": issue.title,
            "date": issue.date.isoformat(),
            "url": absolute(config, issue.path),
        },
        "sectors": [term(sector) for sector in article.sectors],
        "issuing_bodies": [term(body) for body in article.bodies],
        "documents": [document.id for document in article.documents],
        "authors": [
            {"slug": a.slug, "name": a.name, "url": absolute(config, a.path)}
            for a in article.authors
        ],
    }


def to_json(data: Any, schema_name: str, config: SiteConfig) -> bytes:
    """Data as a JSON file that names its schema."""
    wrapped = {
        "$schema": absolute(config, SCHEMA_BASE + f"{schema_name}.schema.json"),
        schema_name: data,
    }
    return orjson.dumps(wrapped, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def documents_csv(documents: list[dict]) -> bytes:
    """The documents as CSV in UTF-8 with a byte-order mark, so spreadsheets show Chinese."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for doc in documents:
        row = dict(doc)
        row["issuing_bodies"] = "; ".join(body["name"] for body in doc["issuing_bodies"])
        row["sectors"] = "; ".join(sector["name"] for sector in doc["sectors"])
        row["articles"] = " ".join(doc["articles"])
        row["type"] = doc["type"]["name"] if doc["type"] else None
        writer.writerow(["" if row[column] is None else row[column] for column in CSV_COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def schema(name: str, config: SiteConfig) -> bytes:
    """The JSON Schema (draft 2020-12) of /data/<name>.json."""
    item = DOCUMENT if name == "documents" else ARTICLE
    body = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": absolute(config, SCHEMA_BASE + f"{name}.schema.json"),
        "title": f"{config.title}: {name}",
        "type": "object",
        "required": [name],
        "properties": {"$schema": {"type": "string"}, name: {"type": "array", "items": item}},
        "additionalProperties": False,
        "$defs": {"term": TERM},
    }
    return (json.dumps(body, indent=2) + "\n").encode("utf-8")


def nullable(kind: str, **extra: Any) -> dict:
    return {"type": [kind, "null"], **extra}


TERM = {
    "type": "object",
    "required": ["slug", "name", "full_name"],
    "properties": {
        "slug": {"type": "string"},
        "name": {"type": "string"},
        "full_name": {"type": "string"},
    },
    "additionalProperties": False,
}
TERMS = {"type": "array", "items": {"$ref": "#/$defs/term"}}
URL = {"type": "string", "format": "uri"}
DOCUMENT = {
    "type": "object",
    "required": ["id", "title", "issuing_bodies", "sectors", "page_url", "articles"],
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
        "title": {"type": "string"},
        "title_zh": nullable("string"),
        "date": nullable("string", format="date"),
        "issuing_bodies": TERMS,
        "sectors": TERMS,
        "follows": nullable("string"),
        "relation": nullable("string"),
        "lineage": {"type": "array", "items": {"type": "string"}},
        "source_url": nullable("string", format="uri"),
        "page_url": URL,
        "articles": {"type": "array", "items": URL},
        "type": {
            "type": ["object", "null"],
            "required": ["slug", "name", "name_zh"],
            "properties": {
                "slug": {"type": "string"},
                "name": {"type": "string"},
                "name_zh": nullable("string"),
            },
            "additionalProperties": False,
        },
        "number": nullable("string"),
        **{name: nullable("string", format="date") for name in DATE_FIELDS},
        # Derived on the day of the build (in China): see docs/content.md.
        "status": {"enum": [*STATUSES, None]},
    },
    "additionalProperties": False,
}
ARTICLE = {
    "type": "object",
    "required": [
        "id",
        "url",
        "title",
        "rank",
        "issue",
        "sectors",
        "issuing_bodies",
        "documents",
        "authors",
    ],
    "properties": {
        "id": {"type": "string"},
        "url": URL,
        "title": {"type": "string"},
        "rank": {"type": "integer", "minimum": 1},
        "issue": {
            "type": "object",
            "required": ["id", "title", "date", "url"],
            "properties": {
                "id": {"type": "string"},
                "title": {"type": "string"},
                "date": {"type": "string", "format": "date"},
                "url": URL,
            },
            "additionalProperties": False,
        },
        "sectors": TERMS,
        "issuing_bodies": TERMS,
        "documents": {"type": "array", "items": {"type": "string"}},
        # Its own authors, else its issue's; each has a page at `url`.
        "authors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["slug", "name", "url"],
                "properties": {"slug": {"type": "string"}, "name": {"type": "string"}, "url": URL},
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}
