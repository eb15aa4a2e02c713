"""How dates are written on pages and in emails."""

from __future__ import annotations

import datetime as dt


def long_date(day: dt.date) -> str:
    """September 14, 2022"""
    return f"{day:%B} {day.day}, {day.year}"


def month_day(day: dt.date) -> str:
    """September 14"""
    return f"{day:%B} {day.day}"


def month_year(day: dt.date) -> str:
    """September 2022"""
    return f"{day:%B} {day.year}"


def iso_date(day: dt.date) -> str:
    """2022-09-14"""
    return day.isoformat()


# An issue without publish_at is out at 06:00 UTC on its day: the moment its email is dated
# and its structured data says it was published.
MORNING = dt.time(6, 0, tzinfo=dt.UTC)


def published(day: dt.date, publish_at: dt.datetime | None = None) -> dt.datetime:
    """The moment an item is out: its publish_at if it has one, else 06:00 UTC on its day."""
    return publish_at or dt.datetime.combine(day, MORNING)
