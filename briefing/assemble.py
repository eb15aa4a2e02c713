"""Put read issues together into the Site: order, tag pages, groups and the archive."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from itertools import groupby

from .activity import activity
from .model import (
    DocumentRecord,
    Entry,
    Issue,
    Page,
    Site,
    SiteConfig,
    Term,
    TermGroup,
    TermPage,
    Year,
)
from .related import also_covered, co_occurring

# Group keys whose title is not simply the key with spaces for hyphens.
GROUP_TITLES = {"cross-cutting": "Cross-cutting"}


def assemble(
    config: SiteConfig,
    issues: list[Issue],
    documents: tuple[DocumentRecord, ...] = (),
    pages: tuple[Page, ...] = (),
    declared: tuple[Term, ...] = (),
) -> Site:
    """The whole site's model, every list in the order pages show it.

    `declared` is every term in vocabulary-file order, which orders the index groups.
    """
    newest_first = tuple(sorted(issues, key=lambda issue: (issue.date, issue.slug), reverse=True))
    sectors, bodies = term_pages(newest_first)
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
        also_covered=also_covered(newest_first),
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
    first, last = span(issues)
    related = co_occurring(issues)
    pages = []
    for term, found in entries.items():
        # A stable sort: same-day entries keep the issues' own order.
        ordered = tuple(sorted(found, key=lambda entry: -entry.date.toordinal()))
        months = activity(ordered, first, last)
        pages.append(TermPage(term, ordered, related.get(term, ()), months))
    pages.sort(key=lambda page: (page.term.name.casefold(), page.term.slug))
    return (
        tuple(page for page in pages if page.term.taxonomy == "sectors"),
        tuple(page for page in pages if page.term.taxonomy == "bodies"),
    )


def span(issues: tuple[Issue, ...]) -> tuple[dt.date, dt.date]:
    """The first and last date anything on the site is dated."""
    dates = [issue.date for issue in issues]
    dates += [item.date for issue in issues for s in issue.noteworthy for item in s.items]
    return (min(dates), max(dates)) if dates else (dt.date.min, dt.date.min)


def groups(
    pages: tuple[TermPage, ...],
    key: Callable[[Term], str | None],
    declared: tuple[Term, ...],
) -> tuple[TermGroup, ...]:
    """Term pages by group, groups in the order the vocabulary declares them; ungrouped last."""
    by_key: dict[str | None, list[TermPage]] = defaultdict(list)
    for page in pages:
        by_key[key(page.term)].append(page)
    position = {}
    for index, term in enumerate(declared):
        position.setdefault(key(term), index)

    def rank(group: str | None) -> tuple[bool, int, str]:
        return (group is None, position.get(group, len(declared)), group or "")

    return tuple(
        TermGroup(group_title(group), tuple(by_key[group])) for group in sorted(by_key, key=rank)
    )


def group_title(group: str | None) -> str:
    """life-sciences -> Life sciences; no group -> Other."""
    if group is None:
        return "Other"
    return GROUP_TITLES.get(group, group.replace("-", " ").capitalize())


def archive(issues: tuple[Issue, ...]) -> tuple[Year, ...]:
    """Issues grouped by year, newest year first."""
    return tuple(
        Year(year, tuple(group)) for year, group in groupby(issues, key=lambda i: i.date.year)
    )
