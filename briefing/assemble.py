"""Put read issues together into the Site: order, tag pages and the archive."""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby

from .model import DocumentRecord, Entry, Issue, Site, SiteConfig, Term, TermPage, Year


def assemble(
    config: SiteConfig, issues: list[Issue], documents: tuple[DocumentRecord, ...] = ()
) -> Site:
    """The whole site's model, every list in the order pages show it."""
    newest_first = tuple(sorted(issues, key=lambda issue: (issue.date, issue.slug), reverse=True))
    sectors, bodies = term_pages(newest_first)
    return Site(
        config=config,
        issues=newest_first,
        sectors=sectors,
        bodies=bodies,
        archive=archive(newest_first),
        documents=documents,
    )


def term_pages(issues: tuple[Issue, ...]) -> tuple[tuple[TermPage, ...], tuple[TermPage, ...]]:
    """A page for every sector and body in use, each listing what names it, newest first."""
    entries: dict[Term, list[Entry]] = defaultdict(list)
    for issue in issues:
        for article in issue.articles:
            for term in (*article.sectors, *article.bodies):
                entries[term].append(Entry(date=issue.date, issue=issue, article=article))
        for section in issue.noteworthy:
            for item in section.items:
                for term in (*item.sectors, *item.bodies):
                    entries[term].append(Entry(date=item.date, issue=issue, item=item))
    pages = [
        # A stable sort: same-day entries keep the issues' own order.
        TermPage(term, tuple(sorted(found, key=lambda entry: -entry.date.toordinal())))
        for term, found in entries.items()
    ]
    pages.sort(key=lambda page: (page.term.name.casefold(), page.term.slug))
    return (
        tuple(page for page in pages if page.term.taxonomy == "sectors"),
        tuple(page for page in pages if page.term.taxonomy == "bodies"),
    )


def archive(issues: tuple[Issue, ...]) -> tuple[Year, ...]:
    """Issues grouped by year, newest year first."""
    return tuple(
        Year(year, tuple(group)) for year, group in groupby(issues, key=lambda i: i.date.year)
    )
