"""Tag pages: every term in use with what names it, related terms, activity and groups."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import partial

from ..carry import NO_CARRY, Parts
from ..model import Entry, Issue, Term, TermGroup, TermPage
from .activity import activity

RELATED_TERMS = 6
# Group keys whose title is not simply the key with spaces for hyphens.
GROUP_TITLES = {"cross-cutting": "Cross-cutting"}


def term_pages(
    issues: tuple[Issue, ...], carry: Parts = NO_CARRY
) -> tuple[tuple[TermPage, ...], tuple[TermPage, ...]]:
    """A page for every sector and body in use, each listing what names it, newest first.

    With the preview's `carry`, an unchanged issue's entries and a term page whose
    entries are all unchanged are the objects the last rebuild made."""
    entries: dict[Term, list[Entry]] = defaultdict(list)
    for issue in issues:
        for term, entry in carry.part(("named", issue.path), (issue,), partial(named, issue)):
            entries[term].append(entry)
    first, last = span(issues)
    related = co_occurring(issues, carry)
    pages = []
    for term, found in entries.items():
        near = related.get(term, ())
        # The related terms are found afresh: the page is the same if they are the same.
        inputs = (term, first, last, *near, None, *found)
        page = partial(term_page, term, found, near, first, last, carry)
        pages.append(carry.part(("term", term.taxonomy, term.slug), inputs, page))
    pages.sort(key=lambda page: (page.term.name.casefold(), page.term.slug))
    return (
        tuple(page for page in pages if page.term.taxonomy == "sectors"),
        tuple(page for page in pages if page.term.taxonomy == "bodies"),
    )


def named(issue: Issue) -> tuple[tuple[Term, Entry], ...]:
    """Each term an issue's articles and Noteworthy items name, with the entry naming it."""
    found = []
    for article in issue.articles:
        for term in (*article.sectors, *article.bodies):
            found.append((term, Entry(date=issue.date, issue=issue, article=article)))
    for section in issue.noteworthy:
        for item in section.items:
            for term in (*item.sectors, *item.bodies):
                found.append((term, Entry(date=item.date, issue=issue, item=item)))
    return tuple(found)


def term_page(
    term: Term,
    found: list[Entry],
    related: tuple[Term, ...],
    first: dt.date,
    last: dt.date,
    carry: Parts = NO_CARRY,
) -> TermPage:
    """One term's page: its entries newest first and its activity month by month (the
    months the last rebuild made if they counted the same)."""
    # A stable sort: same-day entries keep the issues' own order.
    ordered = tuple(sorted(found, key=lambda entry: -entry.date.toordinal()))
    months = activity(ordered, first, last)
    counted = tuple((month.year, month.month, month.count) for month in months)
    months = carry.part(("months", term.taxonomy, term.slug), counted, lambda: months)
    return TermPage(term, ordered, related, months)


def span(issues: tuple[Issue, ...]) -> tuple[dt.date, dt.date]:
    """The first and last date anything on the site is dated."""
    dates = [issue.date for issue in issues]
    dates += [item.date for issue in issues for s in issue.noteworthy for item in s.items]
    return (min(dates), max(dates)) if dates else (dt.date.min, dt.date.min)


def co_occurring(
    issues: tuple[Issue, ...], carry: Parts = NO_CARRY
) -> dict[Term, tuple[Term, ...]]:
    """For each term, the other terms most often named on the same article or item; the
    last rebuild's while every issue names the same terms together."""
    named = tuple(carry.part(("together", i.path), (i,), partial(together, i)) for i in issues)
    return carry.part(("co-occurring",), named, partial(most_often_with, named))


def together(issue: Issue) -> tuple[tuple[Term, ...], ...]:
    """The terms each article and Noteworthy item of the issue names together."""
    groups = [(*a.sectors, *a.bodies) for a in issue.articles]
    groups += [(*i.sectors, *i.bodies) for s in issue.noteworthy for i in s.items]
    return tuple(groups)


def most_often_with(
    issues: tuple[tuple[tuple[Term, ...], ...], ...],
) -> dict[Term, tuple[Term, ...]]:
    """For each term, the others named with it most often in these groups of terms."""
    counts: dict[Term, Counter[Term]] = defaultdict(Counter)
    for groups in issues:
        for terms in groups:
            for term in terms:
                counts[term].update(other for other in terms if other != term)
    return {
        # Ties go by name so the list is the same on every build.
        term: tuple(
            other
            for other, _ in sorted(found.items(), key=lambda kv: (-kv[1], kv[0].name.casefold()))
        )[:RELATED_TERMS]
        for term, found in counts.items()
    }


def groups(
    pages: tuple[TermPage, ...],
    key: Callable[[Term], str | None],
    declared: tuple[Term, ...],
) -> tuple[TermGroup, ...]:
    """Term pages by group, groups in the order the vocabulary declares them, terms in the
    order of `pages`; ungrouped last."""
    by_key: dict[str | None, list[TermPage]] = defaultdict(list)
    for page in pages:
        by_key[key(page.term)].append(page)
    position = {}
    for index, term in enumerate(declared):
        position.setdefault(key(term), index)

    def rank(group: str | None) -> tuple[bool, int, str]:
        return (group is None, position.get(group, len(declared)), group or "")

    return tuple(
        TermGroup(group_title(group), tuple(page.count for page in by_key[group]))
        for group in sorted(by_key, key=rank)
    )


def group_title(group: str | None) -> str:
    """life-sciences -> Life sciences; no group -> Other."""
    if group is None:
        return "Other"
    return GROUP_TITLES.get(group, group.replace("-", " ").capitalize())
