"""What belongs together: terms named side by side, and articles on the same document or bodies."""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict

from .model import Entry, Issue, Term

RELATED_TERMS = 6
ALSO_COVERED = 5


def co_occurring(issues: tuple[Issue, ...]) -> dict[Term, tuple[Term, ...]]:
    """For each term, the other terms most often named on the same article or item."""
    counts: dict[Term, Counter[Term]] = defaultdict(Counter)
    for issue in issues:
        groups = [(*a.sectors, *a.bodies) for a in issue.articles]
        groups += [(*i.sectors, *i.bodies) for s in issue.noteworthy for i in s.items]
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


def also_covered(issues: tuple[Issue, ...]) -> dict[str, tuple[Entry, ...]]:
    """For each article, other articles on one of its documents first, then on its bodies.

    Closeness is counted through indexes of documents and bodies, so only articles that
    share something are ever compared (a pairwise loop took minutes on large archives).
    """
    entries = [Entry(issue.date, issue, article) for issue in issues for article in issue.articles]
    by_document: dict[str, list[int]] = defaultdict(list)
    by_body: dict[Term, list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):  # newest first
        assert entry.article is not None
        for doc_id in dict.fromkeys(doc.id for doc in entry.article.documents):
            by_document[doc_id].append(index)
        for body in entry.article.bodies:
            by_body[body].append(index)
    found: dict[str, tuple[Entry, ...]] = {}
    for index, entry in enumerate(entries):
        assert entry.article is not None
        shared: Counter[int] = Counter()
        for body in entry.article.bodies:
            shared.update(by_body[body])
        same_document = {j for doc in entry.article.documents for j in by_document[doc.id]}
        scores = {j: count for j, count in shared.items() if count}
        for j in same_document:
            scores[j] = scores.get(j, 0) + 100
        scores.pop(index, None)
        # Closest first, then newest first (entries are newest first).
        best = heapq.nsmallest(ALSO_COVERED, scores, key=lambda j: (-scores[j], j))
        found[entry.article.path] = tuple(entries[j] for j in best)
    return found
