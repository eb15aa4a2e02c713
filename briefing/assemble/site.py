"""Put read issues together into the complete Site: everything compared across the archive
is computed here, so rendering only routes, paginates and formats."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from itertools import groupby
from typing import Any

from ..carry import NO_CARRY, Carry, Parts, kept
from ..errors import BuildFailed
from ..model import Author, DeclaredTerms, DocumentRecord, Issue, Page, Site, SiteConfig, Year
from .also import also_covered
from .authors import author_pages
from .calendar import calendar, calendar_events, term_events
from .coverage import document_filters, previously_covered, related_documents
from .documents import Mentions, catalogue, items_about
from .numbers import number_issues
from .status import next_change, statuses
from .terms import groups, term_pages


def assemble(
    config: SiteConfig,
    issues: Iterable[Issue],
    pages: Iterable[Page] = (),
    vocabularies: tuple[DeclaredTerms, ...] = (),
    *,
    today: dt.date,
    authors: tuple[Author, ...] = (),
    carry: Carry = NO_CARRY,
) -> Site:
    """The whole site's model, every list in the order pages show it; or BuildFailed when
    articles describe one document in different ways.

    `vocabularies` hold every term in file order, which orders the index groups, and
    `authors` every declared author; `today` (in China) decides each document's status.
    The preview's `carry` gives the parts made from the same inputs as last rebuild.
    """
    parts = carry.scoped(config.language)
    config, pages, vocabularies, authors = as_before(parts, config, pages, vocabularies, authors)
    numbered = number_issues(issues, parts)
    newest_first = tuple(sorted(numbered, key=lambda issue: (issue.date, issue.slug), reverse=True))
    documents, mentions, problems = catalogue(newest_first, parts)
    if problems:
        raise BuildFailed(problems)
    return Site(
        config=config,
        issues=newest_first,
        **tag_pages(newest_first, vocabularies, parts),
        archive=archive(newest_first),
        documents=documents,
        pages=tuple(sorted(pages, key=lambda page: page.slug)),
        vocabularies=vocabularies,
        authors=author_pages(authors, newest_first),
        also_covered=also_covered(newest_first, parts),
        earlier=previously_covered(documents, mentions),
        mentions=mentions,
        related_documents=related_documents(documents, carry=parts),
        **tracking(newest_first, documents, mentions, today),
    )


def as_before(
    carry: Parts,
    config: SiteConfig,
    pages: Iterable[Page],
    vocabularies: tuple[DeclaredTerms, ...],
    authors: tuple[Author, ...],
) -> tuple[SiteConfig, tuple[Page, ...], tuple[DeclaredTerms, ...], tuple[Author, ...]]:
    """What every build reads afresh, as the objects the last rebuild had while they are
    alike: so the keys made for them carry over too."""
    return (
        kept(carry, "config", config),
        kept(carry, "pages", tuple(pages)),
        kept(carry, "vocabularies", vocabularies),
        kept(carry, "authors", authors),
    )


def tag_pages(
    issues: tuple[Issue, ...], vocabularies: tuple[DeclaredTerms, ...], carry: Parts
) -> dict[str, Any]:
    """The Site's term pages, and their groups in the order the vocabularies declare."""
    sectors, bodies = term_pages(issues, carry)
    declared = tuple(term for vocabulary in vocabularies for term in vocabulary.terms)
    return {
        "sectors": sectors,
        "bodies": bodies,
        "sector_groups": groups(sectors, lambda term: term.group, declared),
        "body_groups": groups(bodies, lambda term: term.level, declared),
    }


def tracking(
    issues: tuple[Issue, ...],
    documents: tuple[DocumentRecord, ...],
    mentions: Mentions,
    today: dt.date,
) -> dict[str, Any]:
    """The Site's values that follow a document's life: statuses and the calendar on
    `today`, the filters they offer, and the Noteworthy items about each document."""
    items, problems = items_about(issues, mentions)
    if problems:
        raise BuildFailed(problems)
    status = statuses(documents, today)
    events = calendar_events(documents)
    return {
        "document_filters": document_filters(documents, status),
        "statuses": status,
        "calendar": calendar(events, today),
        "next_change": next_change(documents, today),
        "events": events,
        "term_events": term_events(events),
        "document_items": items,
    }


def archive(issues: tuple[Issue, ...]) -> tuple[Year, ...]:
    """Issues grouped by year, newest year first."""
    return tuple(
        Year(year, tuple(group)) for year, group in groupby(issues, key=lambda i: i.date.year)
    )
