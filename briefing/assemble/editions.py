"""The site in another language: an edition assembled like the default one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from ..carry import NO_CARRY, Carry
from ..model import Author, DeclaredTerms, Issue, Page, Site, SiteConfig
from .site import assemble


def assemble_edition(
    config: SiteConfig,
    issues: tuple[Issue, ...],
    pages: tuple[Page, ...],
    vocabularies: Sequence[DeclaredTerms],
    *,
    default: Site,
    authors: tuple[Author, ...],
    today: dt.date,
    carry: Carry = NO_CARRY,
) -> Site:
    """One edition's Site: each issue keeps the number it has in the `default` edition
    ("No. 42" everywhere), and only authors who signed something in it get a page there
    (the rest would be empty)."""
    numbers = {issue.path: issue.number for issue in default.issues}
    parts = carry.scoped(config.language)
    numbered = tuple(
        parts.part(("given", i.path), (i, numbers[i.path]), partial(given, i, numbers[i.path]))
        for i in issues
    )
    writers = authors_in(issues, authors)
    return assemble(
        config, numbered, pages, vocabularies, today=today, authors=writers, carry=carry
    )


def given(issue: Issue, number: int | None) -> Issue:
    """The issue with the number it has in the default edition given to it."""
    return replace(issue, numbered=number)


def authors_in(issues: tuple[Issue, ...], authors: tuple[Author, ...]) -> tuple[Author, ...]:
    """The declared authors who signed an issue or an article among `issues`."""
    named = {
        a.slug for i in issues for a in (*i.authors, *(a for t in i.articles for a in t.authors))
    }
    return tuple(author for author in authors if author.slug in named)
