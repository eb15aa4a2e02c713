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
