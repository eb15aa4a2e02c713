"""Author pages: every declared author with the articles they wrote and the issues they
signed, newest first."""

from __future__ import annotations

from collections import defaultdict

from ..model import Author, AuthorPage, Entry, Issue


def author_pages(authors: tuple[Author, ...], issues: tuple[Issue, ...]) -> tuple[AuthorPage, ...]:
    """A page for each declared author, in the order they are declared; `issues` come
    newest first, and so do each author's entries (an issue's articles in their order)."""
    entries: dict[Author, list[Entry]] = defaultdict(list)
    signed: dict[Author, list[Issue]] = defaultdict(list)
    for issue in issues:
        for author in issue.authors:
            signed[author].append(issue)
        for article in issue.articles:
            for author in article.authors:
                entries[author].append(Entry(date=issue.date, issue=issue, article=article))
    return tuple(
        AuthorPage(author, tuple(entries[author]), tuple(signed[author])) for author in authors
    )
