"""Put read issues together into the complete Site: everything compared across the archive
is computed here, so rendering only routes, paginates and formats."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from ..errors import BuildFailed
from ..model import DeclaredTerms, Issue, Page, Site, SiteConfig, Year
from .also import also_covered
from .coverage import document_filters, previously_covered, related_documents
from .documents import catalogue
from .numbers import number_issues
from .terms import groups, term_pages


def assemble(
    config: SiteConfig,
    issues: Iterable[Issue],
    pages: Iterable[Page] = (),
    vocabularies: tuple[DeclaredTerms, ...] = (),
) -> Site:
    """The whole site's model, every list in the order pages show it; or BuildFailed when
    articles describe one document in different ways.

    `vocabularies` hold every term in file order, which orders the index groups.
    """
    numbered = number_issues(issues)
    newest_first = tuple(sorted(numbered, key=lambda issue: (issue.date, issue.slug), reverse=True))
    documents, mentions, problems = catalogue(newest_first)
    if problems:
        raise BuildFailed(problems)
    sectors, bodies = term_pages(newest_first)
    declared = tuple(term for vocabulary in vocabularies for term in vocabulary.terms)
    return Site(
        config=config,
        issues=newest_first,
        sectors=sectors,
        bodies=bodies,
        archive=archive(newest_first),
        documents=documents,
        sector_groups=groups(sectors, lambda term: term.group, declared),
        body_groups=groups(bodies, lambda term: term.level, declared),
        pages=tuple(sorted(pages, key=lambda page: page.slug)),
        vocabularies=vocabularies,
        also_covered=also_covered(newest_first),
        earlier=previously_covered(documents, mentions),
        mentions=mentions,
        related_documents=related_documents(documents),
        document_filters=document_filters(documents),
    )


def archive(issues: tuple[Issue, ...]) -> tuple[Year, ...]:
    """Issues grouped by year, newest year first."""
    return tuple(
        Year(year, tuple(group)) for year, group in groupby(issues, key=lambda i: i.date.year)
    )
