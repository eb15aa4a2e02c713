"""How documents relate beyond their own page: related documents, earlier coverage, filters."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import partial

from ..carry import NO_CARRY, Parts, kept
from ..model import (
    STATUSES,
    Coverage,
    DocumentFilters,
    DocumentRecord,
    Mention,
    Status,
    Term,
)
from .documents import Mentions, unique
from .overlap import TermIndex, best_ranks, bitset

RELATED_LIMIT = 5


def related_documents(
    records: tuple[DocumentRecord, ...], *, limit: int = RELATED_LIMIT, carry: Parts = NO_CARRY
) -> dict[str, tuple[DocumentRecord, ...]]:
    """For each document id, the others sharing most bodies and sectors, outside its lineage.

    A shared body counts twice a shared sector: it says more about what a document is. Ties go
    to the newer document, then to the id, so the order never changes between builds.
    """
    # Every document is scored at once with bitsets over the tie-break order (see overlap.py),
    # instead of a sort key for every candidate, which took most of a large build.
    order = tuple(sorted(records, key=lambda record: (-ordinal(record), record.id)))
    # What the scores depend on: the last rebuild's scores while that is the same.
    wanted = tuple((r.id, r.lineage, r.bodies, r.sectors) for r in order)
    ranked = carry.part(("related ranks", limit), (wanted,), partial(ranks, wanted, limit))
    best = dict(zip((record.id for record in order), ranked, strict=True))
    return {
        r.id: kept(carry, ("related", r.id), tuple(order[rank] for rank in best[r.id]))
        for r in records
    }


def ranks(
    records: tuple[tuple[str, tuple[str, ...], tuple[Term, ...], tuple[Term, ...]], ...],
    limit: int,
) -> tuple[tuple[int, ...], ...]:
    """For each document (its id, lineage, bodies and sectors) in tie-break order, the
    places of the others it shares most with, best first."""
    rank_of = {record[0]: rank for rank, record in enumerate(records)}
    bodies = TermIndex(record[2] for record in records)
    sectors = TermIndex(record[3] for record in records)
    found = []
    for doc_id, lineage, its_bodies, its_sectors in records:
        weighted = [(mask, 2) for body in its_bodies for mask in bodies.masks(body)]
        weighted += [(mask, 1) for sector in its_sectors for mask in sectors.masks(sector)]
        unwanted = [rank_of[i] for i in (doc_id, *lineage) if i in rank_of]
        found.append(tuple(best_ranks(weighted, exclude=bitset(unwanted), limit=limit)))
    return tuple(found)


def ordinal(record: DocumentRecord) -> int:
    """A document's date as a number for sorting; undated documents count as oldest."""
    return record.date.toordinal() if record.date else 0


def previously_covered(
    records: tuple[DocumentRecord, ...], mentions: Mentions
) -> dict[str, tuple[Coverage, ...]]:
    """Article path -> the other articles, newest first, on documents its documents follow.

    The walk goes back along `follows:` to the first document of the chain, so an article on
    an implementing rule links the coverage of the final text and of the draft alike.
    """
    by_id = {record.id: record for record in records}
    found: dict[str, dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    for record in records:
        earlier = [m for e in ancestors(record, by_id) for m in mentions[e.id]]
        for mention in mentions[record.id]:
            here = mention.article.path
            for other in earlier:
                if other.article.path != here:
                    found[here][other.article.path].append(other)
    return {path: coverage(by_article) for path, by_article in found.items()}


def ancestors(record: DocumentRecord, by_id: dict[str, DocumentRecord]) -> Iterable[DocumentRecord]:
    """The documents `record` follows, nearest first; the catalogue has ruled out circles."""
    current = record
    while current.follows is not None and current.follows in by_id:
        current = by_id[current.follows]
        yield current


def coverage(by_article: dict[str, list[Mention]]) -> tuple[Coverage, ...]:
    """One Coverage per article, newest issue first, then in Top-list order."""
    items = [
        Coverage(found[0].issue, found[0].article, unique(m.document for m in found))
        for found in by_article.values()
    ]
    items.sort(key=lambda c: (-c.issue.date.toordinal(), c.issue.slug, c.article.number))
    return tuple(items)


def document_filters(
    records: tuple[DocumentRecord, ...], statuses: dict[str, Status] | None = None
) -> DocumentFilters:
    """Every body, sector, type, status and year that some document has, for the index's
    filter."""
    bodies = {body for record in records for body in record.bodies}
    sectors = {sector for record in records for sector in record.sectors}
    types = {record.facts.type for record in records if record.facts.type}
    years = {record.date.year for record in records if record.date}
    kinds = {status.kind for status in (statuses or {}).values()}

    def by_name(terms: set) -> tuple:
        return tuple(sorted(terms, key=lambda t: (t.name.casefold(), t.slug)))

    return DocumentFilters(
        bodies=by_name(bodies),
        sectors=by_name(sectors),
        years=tuple(sorted(years, reverse=True)),
        types=by_name(types),
        statuses=tuple(kind for kind in STATUSES if kind in kinds),
    )
