"""Routes of the policy tracker: the documents index, each document's page, citation record
and feeds, the policy calendar, and the open data.

As in routes.py, each page is given by its template and the values it shows.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from ..model import DocumentRecord, Issue, Site, SiteConfig, Status
from .formats import jsonld, jsonld_lists
from .formats.cite import cite_document
from .formats.csl import csl_document, csl_json
from .formats.feeds import document_feed
from .formats.ics import ics
from .formats.opendata import articles_data, documents_csv, documents_data, schema, to_json
from .i18n import translations
from .keys import Later
from .renderer import Renderer


def route_documents(r: Renderer) -> None:
    """The documents index and one page per policy document."""
    site = r.site
    by_id = {record.id: record for record in site.documents}
    r.page(
        "documents/",
        "documents.html",
        "documents index",
        documents=site.documents,
        filters=site.document_filters,
        ld=Later(jsonld_lists.documents_index, site.config, site.documents),
        statuses=site.statuses,
    )
    for record in site.documents:
        lineage = tuple(by_id[key] for key in record.lineage)
        r.routed(f"document:{record.path}", route_document, *document_inputs(site, record, lineage))


def document_inputs(site: Site, record: DocumentRecord, lineage: tuple) -> tuple:
    """What route_document reads of the site about one document."""
    related = site.related_documents.get(record.id, ())
    items = site.document_items.get(record.id, ())
    status, mentions = site.statuses.get(record.id), site.mentions.get(record.id, ())
    return record, lineage, status, mentions, related, items


def route_document(
    r: Renderer,
    record: DocumentRecord,
    lineage: tuple,
    status: Status | None,
    mentions: tuple,
    related: tuple,
    items: tuple,
) -> None:
    """A document's page, its citation record and its feeds, from `document_inputs`."""
    config = r.site.config
    origin = f"document '{record.id}'"
    r.page(
        record.path,
        "document.html",
        origin,
        record=record,
        status=status,
        mentions=mentions,
        lineage=lineage,
        related=related,
        citation=Later(cite_document, config, record, r.memo),
        ld=Later(jsonld.legislation, config, record, status),
    )
    route_csl(r, f"{record.path}cite.json", origin, Later(csl_document, config, record))
    feed = partial(document_feed, config)
    r.feeds(
        record.path, feed, origin, record=record, mentions=mentions, items=items, lineage=lineage
    )


def route_csl(r: Renderer, target: str, origin: Path | str, record: Later) -> None:
    """A page's citation as CSL-JSON, for reference managers to import."""
    r.files((target,), "csl-json", csl_file, origin, {"record": record})


def csl_file(record: dict[str, Any]) -> tuple[bytes]:
    """The bytes of a cite.json file."""
    return (csl_json(record).encode("utf-8"),)


def route_calendar(r: Renderer) -> None:
    """The policy calendar page and the whole site's calendar feed."""
    site = r.site
    bodies = tuple(p.term for p in site.bodies if p.term.path in site.term_events)
    sectors = tuple(p.term for p in site.sectors if p.term.path in site.term_events)
    r.page(
        "calendar/",
        "calendar.html",
        "calendar",
        calendar=site.calendar,
        bodies=bodies,
        sectors=sectors,
    )
    values = {
        "config": site.config,
        "events": site.events,
        "name": translations(site.config.language).gettext("%(title)s: policy calendar")
        % {"title": site.config.title},
    }
    r.files(("calendar.ics",), "ics", ics_file, "calendar", values)


def ics_file(config: SiteConfig, events: tuple, name: str) -> tuple[bytes]:
    """One calendar feed."""
    return (ics(config, events, name),)


def route_open_data(r: Renderer) -> None:
    """The documents and articles as JSON and CSV, with the schemas that describe them."""
    site = r.site
    documents = ("data/documents.json", "data/documents.csv")
    values = {"config": site.config, "records": site.documents, "statuses": site.statuses}
    r.files(documents, "open data", documents_files, "open data", values, large=True)
    values = {"config": site.config, "issues": site.issues}
    r.files(("data/articles.json",), "open data", articles_file, "open data", values, large=True)
    for name in ("documents", "articles"):
        r.out.add(f"data/schema/{name}.schema.json", schema(name, site.config), "open data")


def documents_files(
    config: SiteConfig, records: tuple[DocumentRecord, ...], statuses: dict[str, Status]
) -> tuple[bytes, bytes]:
    """data/documents.json and data/documents.csv."""
    documents = documents_data(config, records, statuses)
    return to_json(documents, "documents", config), documents_csv(documents)


def articles_file(config: SiteConfig, issues: tuple[Issue, ...]) -> tuple[bytes]:
    """data/articles.json."""
    return (to_json(articles_data(config, issues), "articles", config),)
