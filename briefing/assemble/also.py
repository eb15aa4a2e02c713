"""Also covered: for each article, others on the same document first, then on its bodies."""

from __future__ import annotations

from functools import partial

from ..carry import NO_CARRY, Parts, kept
from ..model import Entry, Issue
from .overlap import TermIndex, best_ranks

ALSO_COVERED = 5


def also_covered(
    issues: tuple[Issue, ...], carry: Parts = NO_CARRY
) -> dict[str, tuple[Entry, ...]]:
    """For each article, other articles on one of its documents first, then on its bodies.

    Sharing a document is worth 100 points, each shared body one. Every article is scored at
    once with bitsets over the newest-first order (see overlap.py): counting candidates and
    sorting them took seconds on large archives, and a pairwise loop minutes.
    """
    made = (carry.part(("also", i.path), (i,), partial(issue_entries, i)) for i in issues)
    entries = [entry for part in made for entry in part]
    articles = [article for entry in entries if (article := entry.article) is not None]
    # Newest first is the tie-break order, so an article's rank is its place in the list.
    documents = TermIndex([doc.id for doc in article.documents] for article in articles)
    bodies = TermIndex(article.bodies for article in articles)
    found: dict[str, tuple[Entry, ...]] = {}
    for rank, article in enumerate(articles):
        same_document = documents.any_of(doc.id for doc in article.documents)
        weighted = [(same_document, 100)]  # once, however many documents are shared
        weighted += [(mask, 1) for body in article.bodies for mask in bodies.masks(body)]
        best = best_ranks(weighted, exclude=1 << rank, limit=ALSO_COVERED)
        also = tuple(entries[j] for j in best)
        found[article.path] = kept(carry, ("also of", article.path), also)
    return found


def issue_entries(issue: Issue) -> tuple[Entry, ...]:
    """An entry for each of the issue's articles."""
    return tuple(Entry(issue.date, issue, article) for article in issue.articles)
