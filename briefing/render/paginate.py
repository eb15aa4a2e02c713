"""Split long tag pages into numbered pages with stable URLs (`bodies/miit/page/2/`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
PER_PAGE = 30


@dataclass(frozen=True)
class Listing(Generic[T]):
    """One page of a paginated list, with the paths of its neighbours."""

    number: int
    count: int
    items: tuple[T, ...]
    path: str
    previous: str | None
    next: str | None


def page_path(first: str, number: int) -> str:
    """The first page lives at the term's own path; later pages under page/<n>/."""
    return first if number == 1 else f"{first}page/{number}/"


def paginate(items: Sequence[T], first: str, *, per_page: int = PER_PAGE) -> list[Listing[T]]:
    """At least one page, even for an empty list, so every term has its page."""
    count = max(1, -(-len(items) // per_page))
    return [
        Listing(
            number=number,
            count=count,
            items=tuple(items[(number - 1) * per_page : number * per_page]),
            path=page_path(first, number),
            previous=page_path(first, number - 1) if number > 1 else None,
            next=page_path(first, number + 1) if number < count else None,
        )
        for number in range(1, count + 1)
    ]
