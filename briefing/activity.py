"""Activity per month for tag pages, and its chart as build-time inline SVG."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from html import escape

from .model import Entry, Month

WIDTH, HEIGHT, LABEL, TOP = 600, 120, 18, 16


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


def month_label(month: Month) -> str:
    """September 2022"""
    return f"{dt.date(month.year, month.month, 1):%B %Y}"


def chart_svg(months: tuple[Month, ...], name: str, chart_id: str) -> str:
    """A bar chart with a title and a text description, so screen readers get the numbers."""
    if not months:
        return ""
    peak = max(month.count for month in months) or 1
    slot = WIDTH / len(months)
    bars, labels = [], []
    for index, month in enumerate(months):
        height = (HEIGHT - LABEL - TOP) * month.count / peak
        x = index * slot + slot * 0.15
        y = HEIGHT - LABEL - height
        bars.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{height:.1f}"/>'
        )
        if month.count:
            middle = index * slot + slot / 2
            labels.append(
                f'<text class="value" x="{middle:.1f}" y="{y - 4:.1f}">{month.count}</text>'
            )
        if month.month == 1 or index == 0:
            labels.append(f'<text x="{index * slot:.1f}" y="{HEIGHT - 4}">{month.year}</text>')
    described = "; ".join(f"{month_label(m)}: {m.count}" for m in months if m.count)
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(name)}: articles and news items per month</title>'
        f'<desc id="{chart_id}-desc">{escape(described or "No entries")}.</desc>'
        f'<line x1="0" y1="{HEIGHT - LABEL}" x2="{WIDTH}" y2="{HEIGHT - LABEL}"/>'
        f'<g class="bars">{"".join(bars)}</g><g class="labels">{"".join(labels)}</g></svg>'
    )
