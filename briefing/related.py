"""What belongs together: terms named side by side, and articles on the same document or bodies."""

from __future__ import annotations

from collections import Counter, defaultdict

from .model import Article, Entry, Issue, Term

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
    """For each article, other articles on one of its documents first, then on its bodies."""
    entries = [Entry(issue.date, issue, article) for issue in issues for article in issue.articles]
    found: dict[str, tuple[Entry, ...]] = {}
    for entry in entries:
        assert entry.article is not None
        scored = [
            (score, other)
            for other in entries
            if other.article is not None and other.article is not entry.article
            for score in [closeness(entry.article, other.article)]
            if score > 0
        ]
        # Sorted by closeness, then newest first; `entries` is already newest first.
        scored.sort(key=lambda pair: -pair[0])
        found[entry.article.path] = tuple(other for _, other in scored[:ALSO_COVERED])
    return found


def closeness(one: Article, other: Article) -> int:
    """How much two articles share: a common document outweighs any number of bodies."""
    documents = {doc.id for doc in one.documents}
    shared_document = any(doc.id in documents for doc in other.documents)
    shared_bodies = len(set(one.bodies) & set(other.bodies))
    return 100 * shared_document + shared_bodies
