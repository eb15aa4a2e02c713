"""How dates and numbers are written on pages and in emails, in the render's language."""

from __future__ import annotations

import datetime as dt
from functools import cache

from babel.dates import format_skeleton
from babel.numbers import format_decimal

from .i18n import ENGLISH, locale

# Cached: an archive shows the same few thousand days on many pages, and Babel's
# skeleton matching costs far more than a lookup.


@cache
def long_date(day: dt.date, language: str = ENGLISH) -> str:
    """September 14, 2022; 14. September 2022; 2022年9月14日"""
    return format_skeleton("yMMMMd", day, locale=locale(language))


@cache
def month_day(day: dt.date, language: str = ENGLISH) -> str:
    """September 14; 14. September; 9月14日"""
    return format_skeleton("MMMMd", day, locale=locale(language))


@cache
def month_year(day: dt.date, language: str = ENGLISH) -> str:
    """September 2022; September 2022; 2022年9月"""
    return format_skeleton("yMMMM", day, locale=locale(language))


def number(value: int, language: str = ENGLISH) -> str:
    """1,234; 1.234; 1,234"""
    return format_decimal(value, locale=locale(language))


def iso_date(day: dt.date) -> str:
    """2022-09-14"""
    return day.isoformat()


# An issue without publish_at is out at 06:00 UTC on its day: the moment its email is dated
# and its structured data says it was published.
MORNING = dt.time(6, 0, tzinfo=dt.UTC)


def published(day: dt.date, publish_at: dt.datetime | None = None) -> dt.datetime:
    """The moment an item is out: its publish_at if it has one, else 06:00 UTC on its day."""
    return publish_at or dt.datetime.combine(day, MORNING)
