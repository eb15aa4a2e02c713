"""Activity per month for tag pages: how often a term is named, over the site's whole span."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from ..model import Entry, Month


def months_between(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    """Every (year, month) from `first`'s month to `last`'s, oldest first."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def activity(entries: tuple[Entry, ...], first: dt.date, last: dt.date) -> tuple[Month, ...]:
    """Entries counted per month over the whole span, zeros included, so charts compare."""
    counts = Counter((entry.date.year, entry.date.month) for entry in entries)
    return tuple(Month(y, m, counts[(y, m)]) for y, m in months_between(first, last))
