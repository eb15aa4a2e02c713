"""The activity chart of a tag page: build-time inline SVG with a text description."""

from __future__ import annotations

import datetime as dt
from html import escape

from ...model import Month

WIDTH, HEIGHT, LABEL, TOP = 600, 120, 18, 16


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
