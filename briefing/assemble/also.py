"""Also covered: for each article, others on the same document first, then on its bodies."""

from __future__ import annotations

from ..model import Entry, Issue
from .overlap import TermIndex, best_ranks

ALSO_COVERED = 5


def also_covered(issues: tuple[Issue, ...]) -> dict[str, tuple[Entry, ...]]:
    """For each article, other articles on one of its documents first, then on its bodies.

    Sharing a document is worth 100 points, each shared body one. Every article is scored at
    once with bitsets over the newest-first order (see overlap.py): counting candidates and
    sorting them took seconds on large archives, and a pairwise loop minutes.
    """
    entries = [Entry(issue.date, issue, article) for issue in issues for article in issue.articles]
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
        found[article.path] = tuple(entries[j] for j in best)
    return found
