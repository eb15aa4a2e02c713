"""The bitset top-k, and the related lists built on it, against scoring every pair by hand."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.assemble.also import also_covered
from briefing.assemble.coverage import related_documents
from briefing.assemble.overlap import TermIndex, best_ranks, bitset
from briefing.carry import Carry
from briefing.model import DocumentRecord, Term

BODIES = [Term("bodies", f"b{n}", f"Body {n}", f"Body {n}") for n in range(6)]
SECTORS = [Term("sectors", f"s{n}", f"Sector {n}", f"Sector {n}") for n in range(4)]
# Few dates, so that ties on the date are common; None is an undated document.
DATES = [None, dt.date(2023, 1, 1), dt.date(2023, 6, 1), dt.date(2024, 1, 1)]
# Over 64 articles, so that a document named by one or two takes the path keeping only ranks.
MANY = 150


def shared(mine: tuple, theirs: tuple) -> int:
    """How many terms two items share, a term repeated on both counting once per pairing."""
    return sum(mine.count(term) * theirs.count(term) for term in set(mine))


def brute_best(weighted: list[tuple[int, int]], exclude: int, limit: int, size: int) -> list[int]:
    scores = {r: sum(w for mask, w in weighted if mask >> r & 1) for r in range(size)}
    wanted = [r for r, score in scores.items() if score and not exclude >> r & 1]
    return sorted(wanted, key=lambda r: (-scores[r], r))[:limit]


def brute_related(records: tuple[DocumentRecord, ...], limit: int) -> dict[str, tuple]:
    def points(record: DocumentRecord, other: DocumentRecord) -> int:
        return 2 * shared(record.bodies, other.bodies) + shared(record.sectors, other.sectors)

    def newest(other: DocumentRecord) -> int:
        return other.date.toordinal() if other.date else 0

    related = {}
    for record in records:
        others = [
            other
            for other in records
            if other.id != record.id and other.id not in record.lineage and points(record, other)
        ]
        others.sort(key=lambda other: (-points(record, other), -newest(other), other.id))
        related[record.id] = tuple(others[:limit])
    return related


def brute_also_covered(issues: list) -> dict[str, list[str]]:
    articles = [article for issue in issues for article in issue.articles]

    def points(article, other) -> int:
        ids, others = {d.id for d in article.documents}, {d.id for d in other.documents}
        return 100 * bool(ids & others) + shared(article.bodies, other.bodies)

    found = {}
    for i, article in enumerate(articles):
        scored = [(-points(article, other), j) for j, other in enumerate(articles) if j != i]
        found[article.path] = [articles[j].path for score, j in sorted(scored) if score][:5]
    return found


@st.composite
def records(draw) -> tuple[DocumentRecord, ...]:
    count = draw(st.integers(0, 40))
    ids = [f"doc-{n}" for n in draw(st.permutations(range(count)))]
    terms = st.lists(st.sampled_from(BODIES), max_size=3)  # repeats included
    return tuple(
        DocumentRecord(
            id=doc_id,
            title=doc_id,
            title_zh=None,
            url=None,
            date=draw(st.sampled_from(DATES)),
            bodies=tuple(draw(terms)),
            sectors=tuple(draw(st.lists(st.sampled_from(SECTORS), max_size=2))),
            articles=(),
            follows=None,
            relation=None,
            # Ids of its chain, often itself among them, and sometimes an id no record has.
            lineage=tuple(draw(st.lists(st.sampled_from([*ids, doc_id, "gone"]), max_size=3))),
        )
        for doc_id in ids
    )


@st.composite
def issues(draw) -> list:
    count = draw(st.integers(0, MANY))
    documents = [SimpleNamespace(id=f"doc-{n}") for n in range(count // 2 + 1)]
    articles = [
        SimpleNamespace(
            path=f"a{n}/",
            documents=tuple(draw(st.lists(st.sampled_from(documents), max_size=2))),
            bodies=tuple(draw(st.lists(st.sampled_from(BODIES), max_size=4))),
        )
        for n in range(count)
    ]
    cuts = sorted(draw(st.lists(st.integers(0, count), max_size=10)))
    bounds = list(zip([0, *cuts], [*cuts, count], strict=True))
    day = dt.date(2024, 1, 1)
    return [
        SimpleNamespace(path=f"i{n}/", date=day, articles=tuple(articles[a:b]))
        for n, (a, b) in enumerate(bounds)
    ]


def test_best_ranks_walks_scores_down_and_ties_to_the_lower_rank() -> None:
    index = TermIndex([["a", "b"], ["a"], [], ["b", "a"], ["c"]])
    weighted = [(mask, 2) for mask in index.masks("a")] + [(m, 1) for m in index.masks("b")]
    # Scores: rank 0 = 3, rank 1 = 2, rank 2 = 0, rank 3 = 3, rank 4 = 0.
    assert best_ranks(weighted, limit=10) == [0, 3, 1]
    assert best_ranks(weighted, exclude=bitset([0]), limit=2) == [3, 1]
    assert best_ranks(weighted, limit=0) == []
    assert index.any_of(["b", "c", "unknown"]) == 0b11001


def test_term_index_gives_the_same_masks_for_rare_and_common_terms() -> None:
    items = [["rare"] if rank in (5, 150) else ["common", "common"] for rank in range(200)]
    index = TermIndex(items)
    assert index.masks("rare") == [(1 << 5) | (1 << 150)]
    common = (1 << 200) - 1 - (1 << 5) - (1 << 150)
    assert index.masks("common") == [common, common]  # carried twice: a second copy
    assert index.masks("unknown") == []


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 200).flatmap(
        lambda size: st.tuples(
            st.just(size),
            st.lists(st.tuples(st.integers(0, 2**size - 1), st.integers(1, 300)), max_size=8),
            st.integers(0, 2**size - 1),
            st.integers(0, 12),
        )
    )
)
def test_best_ranks_matches_scoring_every_rank(case: tuple) -> None:
    size, weighted, exclude, limit = case
    assert best_ranks(weighted, exclude=exclude, limit=limit) == brute_best(
        weighted, exclude, limit, size
    )


@settings(max_examples=100, deadline=None)
@given(records(), st.integers(0, 8))
def test_related_documents_match_scoring_every_pair(found: tuple, limit: int) -> None:
    assert related_documents(found, limit=limit) == brute_related(found, limit)


@settings(max_examples=60, deadline=None)
@given(issues())
def test_also_covered_matches_scoring_every_pair(found: list) -> None:
    result = also_covered(tuple(found))
    assert {path: [e.article.path for e in entries] for path, entries in result.items()} == (
        brute_also_covered(found)
    )


@settings(max_examples=40, deadline=None)
@given(issues(), issues(), records(), records())
def test_scores_carried_between_rebuilds_are_those_made_afresh(
    first: list, second: list, documents: tuple, others: tuple
) -> None:
    # The preview keeps the last rebuild's scores while what they are scored on is alike:
    # whatever came before, the lists are those of a build that carries nothing.
    carry = Carry()
    for issues_now, records_now in ((first, documents), (second, others), (first, documents)):
        carry.begin()
        assert also_covered(tuple(issues_now), carry) == also_covered(tuple(issues_now))
        assert related_documents(records_now, carry=carry) == related_documents(records_now)
