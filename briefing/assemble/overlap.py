"""Exact top-k by shared terms, counted with bitsets instead of comparing every pair.

Related documents and "also covered" ask the same question: of N items, which `limit` share
the most with this one, where each shared term is worth some points and ties go to a fixed
order of the items? Counting it pair by pair, or even through posting lists with a sort key
per candidate, took most of a large build. This module answers it with whole-archive bitsets.

The idea, in plain words:

- Number the items by their tie-break order: rank 0 is the item that wins every tie.
- For each term, keep one Python int as a bitset: bit r is set when the item of rank r carries
  the term. Python ints grow as needed, and `&`, `|`, `^` on them work 64 items at a time.
- To score every item at once, keep the scores as a "bit-sliced counter": a list of bitsets
  where slice k holds bit k of every item's score (slice 0 the ones, slice 1 the twos, ...).
  Adding a term's bitset is schoolbook addition done for all items together: the new slice
  is `slice ^ carry`, the carry to the next slice is `slice & carry`, until no carry is left.
  A weight of 2 is the same addition started one slice up; any weight is added at each slice
  where its binary form has a one (100 = 64 + 32 + 4: slices 6, 5 and 2).
- The best items then come out from the top: starting from every item that scored, look at
  the slices from the highest down and keep only the items with a one there, unless none
  has one. What is left is the set of items with the highest score. Its lowest set bits are
  the best ranks, so they are taken first; if more are wanted, that score level is removed
  and the walk repeats for the next highest score.

Items that share nothing score 0, are in no slice, and so are never returned. Each query
costs a few operations on N-bit ints per term: for 5,000 to 50,000 items that is 80 to 800
machine words per operation, effectively linear however the terms are spread.

An item that carries a term twice counts twice, as a count over posting lists would: the
second copy is kept as a term of its own (`(term, 1)`). Built by `unique()`, our terms never
repeat, so in practice there is one copy.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable

# A mask costs N/8 bytes however few items carry the term, and a document id is carried by
# one article or three: 50,000 of them would hold about 150 MB of mostly-zero masks. Terms
# carried by fewer than one item in SPARSE keep their list of ranks and make the mask each
# time it is asked for, which is cheap for so few ranks.
SPARSE = 64


class TermIndex:
    """Which items carry each term, for items given in their tie-break order (best first)."""

    def __init__(self, items: Iterable[Iterable[Hashable]]) -> None:
        self._ranks: dict[tuple[Hashable, int], list[int]] = defaultdict(list)
        self.size = 0
        for rank, terms in enumerate(items):
            for term, copies in Counter(terms).items():
                for copy in range(copies):
                    self._ranks[term, copy].append(rank)
            self.size = rank + 1
        self._masks = {
            key: bitset(ranks)
            for key, ranks in self._ranks.items()
            if len(ranks) * SPARSE >= self.size
        }

    def masks(self, term: Hashable) -> list[int]:
        """The bitsets of the items carrying `term`: once, twice, ... (usually just once)."""
        found = []
        copy = 0
        while (term, copy) in self._ranks:
            key = (term, copy)
            mask = self._masks.get(key)
            found.append(mask if mask is not None else bitset(self._ranks[key]))
            copy += 1
        return found

    def any_of(self, terms: Iterable[Hashable]) -> int:
        """The bitset of the items carrying at least one of `terms`."""
        found = 0
        for term in terms:
            for mask in self.masks(term)[:1]:
                found |= mask
        return found


def bitset(ranks: list[int]) -> int:
    """The int whose set bits are `ranks` (a rank given twice is simply set once)."""
    # Byte by byte: adding the powers of two one at a time would copy the growing int each time.
    if not ranks:
        return 0
    bits = bytearray(max(ranks) // 8 + 1)
    for rank in ranks:
        bits[rank // 8] |= 1 << (rank % 8)
    return int.from_bytes(bits, "little")


def best_ranks(weighted: Iterable[tuple[int, int]], *, exclude: int = 0, limit: int) -> list[int]:
    """The `limit` best ranks by total weight of the bitsets they are in, best first.

    `weighted` holds (bitset, weight) pairs with weights of at least 1; a higher total wins,
    then the lower rank. Ranks in `exclude` (a bitset) and ranks that scored 0 never come out.
    """
    slices: list[int] = []
    for mask, weight in weighted:
        add(slices, mask, weight)
    remaining = 0
    for bits in slices:
        remaining |= bits
    remaining &= ~exclude
    found: list[int] = []
    while remaining and len(found) < limit:
        level = highest(slices, remaining)
        found += lowest(level, limit - len(found))
        remaining ^= level
    return found


def add(slices: list[int], mask: int, weight: int) -> None:
    """Add `weight` to the score of every item in `mask`, one binary digit of it at a time."""
    if weight < 0:
        raise ValueError(f"weights count shared terms and cannot be negative, not {weight}")
    position = 0
    while weight:
        if weight & 1:
            carry_in(slices, mask, position)
        weight >>= 1
        position += 1


def carry_in(slices: list[int], carry: int, position: int) -> None:
    """Add 2**position to the items in `carry`: ripple the carry up through the slices."""
    while carry:
        while len(slices) <= position:  # a weight of 2 may start above the top slice
            slices.append(0)
        bits = slices[position]
        slices[position] = bits ^ carry
        carry &= bits
        position += 1


def highest(slices: list[int], candidates: int) -> int:
    """The candidates with the highest score: narrowed slice by slice from the top digit."""
    for bits in reversed(slices):
        narrowed = candidates & bits
        if narrowed:
            candidates = narrowed
    return candidates


def lowest(mask: int, count: int) -> list[int]:
    """The `count` lowest set bits of `mask` as ranks, lowest first."""
    ranks = []
    while mask and len(ranks) < count:
        low = mask & -mask  # two's complement keeps only the lowest set bit
        ranks.append(low.bit_length() - 1)
        mask ^= low
    return ranks
