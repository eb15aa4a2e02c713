"""Also covered: for each article, others on the same document first, then on its bodies."""

from __future__ import annotations

from functools import partial

from ..carry import NO_CARRY, Parts, kept
from ..model import Entry, Issue, Term
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
    # What the scores depend on: the last rebuild's scores while that is the same.
    wanted = tuple((tuple(doc.id for doc in a.documents), a.bodies) for a in articles)
    ranked = carry.part(("also ranks",), (wanted,), partial(ranks, wanted))
    return {
        article.path: kept(carry, ("also of", article.path), tuple(entries[j] for j in best))
        for article, best in zip(articles, ranked, strict=True)
    }


def ranks(
    articles: tuple[tuple[tuple[str, ...], tuple[Term, ...]], ...],
) -> tuple[tuple[int, ...], ...]:
    """For each article (its documents' ids and its bodies), the places of the others it
    has most in common with, best first."""
    # Newest first is the tie-break order, so an article's rank is its place in the list.
    documents = TermIndex(ids for ids, _ in articles)
    bodies = TermIndex(terms for _, terms in articles)
    found = []
    for rank, (ids, terms) in enumerate(articles):
        weighted = [(documents.any_of(ids), 100)]  # once, however many documents are shared
        weighted += [(mask, 1) for body in terms for mask in bodies.masks(body)]
        found.append(tuple(best_ranks(weighted, exclude=1 << rank, limit=ALSO_COVERED)))
    return tuple(found)


def issue_entries(issue: Issue) -> tuple[Entry, ...]:
    """An entry for each of the issue's articles."""
    return tuple(Entry(issue.date, issue, article) for article in issue.articles)
