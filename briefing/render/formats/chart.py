"""The activity chart of a tag page: build-time inline SVG that can be read at any width.

Bars are placed in percentages of the chart's width while text keeps its pixel size, so
labels stay legible on a phone instead of shrinking with a scaled viewBox. Each bar is a
list item named for screen readers ("September 2022: 3 entries") with a <title> tooltip;
colours come from the stylesheet, so the same SVG serves light and dark mode.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from babel.dates import format_skeleton

from ...model import Month
from ..dates import month_year
from ..i18n import ENGLISH, locale, translations

HEIGHT, AXIS, TOP = 160, 126, 18  # px: the chart, the baseline, room for value labels
NARROW, WIDE = 320, 640  # px: the chart's width on a phone and beside a wide screen
LABEL_ROOM = 34  # px a month label needs ("Sep")
STEPS = (1, 2, 3, 6, 12)  # months between labels, coarser where room is short


def month_label(month: Month, language: str) -> str:
    """September 2022"""
    return month_year(dt.date(month.year, month.month, 1), language)


def step_for(months: int, width: int) -> int:
    """The fewest months between two labels that still leaves each label its room."""
    return next((s for s in STEPS if width / months * s >= LABEL_ROOM), STEPS[-1])


def labelled(month: Month, step: int) -> bool:
    """Months labelled at a step: whole quarters, halves or years (Jan, Apr, Jul, Oct)."""
    return (month.month - 1) % step == 0


def entries(count: int, language: str) -> str:
    """3 entries; 1 entry."""
    text = translations(language).ngettext("%(count)s entry", "%(count)s entries", count)
    return text % {"count": count}


def slot(
    month: Month, index: int, total: int, peak: int, steps: tuple[int, int], language: str
) -> str:
    """One month: an invisible hover target, its bar, its value, its tick and label."""
    width = 100 / total
    left, middle = index * width, (index + 0.5) * width
    height = (AXIS - TOP) * month.count / peak
    name = f"{month_label(month, language)}: {entries(month.count, language)}"
    parts = [f"<title>{name}</title>"]
    parts.append(f'<rect class="hit" x="{left:.3f}%" y="0" width="{width:.3f}%" height="{AXIS}"/>')
    if month.count:
        bar_x, bar_w = left + width * 0.15, width * 0.7
        y = AXIS - height
        parts.append(
            f'<rect class="bar" x="{bar_x:.3f}%" y="{y:.1f}" width="{bar_w:.3f}%" '
            f'height="{height:.1f}"/>'
        )
        shown = label_class(NARROW / total >= 18, WIDE / total >= 18)
        if shown is not None:
            parts.append(
                f'<text class="value{shown}" x="{middle:.3f}%" y="{y - 4:.1f}" '
                f'aria-hidden="true">{month.count}</text>'
            )
    narrow, wide = (labelled(month, step) for step in steps)
    shown = label_class(narrow, wide)
    if shown is not None:
        tick = f'<line class="tick" x1="{left:.3f}%" x2="{left:.3f}%" y1="{AXIS}" y2="{AXIS + 5}"/>'
        parts.append(tick.replace('class="tick"', f'class="tick{shown}"'))
        label = format_skeleton("MMM", dt.date(month.year, month.month, 1), locale=locale(language))
        parts.append(
            f'<text class="month{shown}" x="{middle:.3f}%" y="{AXIS + 17}" '
            f'aria-hidden="true">{label}</text>'
        )
    year = "" if index == 0 else shown  # the first month's year shows at every width
    if (month.month == 1 or index == 0) and year is not None:
        parts.append(
            f'<text class="year{year}" x="{middle:.3f}%" y="{AXIS + 32}" '
            f'aria-hidden="true">{month.year}</text>'
        )
    return f'<g class="slot" role="listitem" aria-label="{escape(name)}">{"".join(parts)}</g>'


def label_class(narrow: bool, wide: bool) -> str | None:
    """The class that shows a label at the widths it fits: always, only wide, never."""
    if narrow and wide:
        return ""
    if wide:
        return " wide"
    if narrow:
        return " narrow-only"
    return None


def chart_svg(months: tuple[Month, ...], name: str, chart_id: str, language: str = ENGLISH) -> str:
    """A bar chart of entries per month: its title and description give the totals, and
    each bar is named on its own."""
    if not months:
        return ""
    peak = max(month.count for month in months) or 1
    steps = (step_for(len(months), NARROW), step_for(len(months), WIDE))
    slots = "".join(slot(m, i, len(months), peak, steps, language) for i, m in enumerate(months))
    total = sum(month.count for month in months)
    busiest = max(months, key=lambda m: m.count)
    _ = translations(language).gettext
    described = (
        _("%(entries)s from %(first)s to %(last)s; the most in %(busiest)s (%(count)s).")
        % {
            "entries": entries(total, language),
            "first": month_label(months[0], language),
            "last": month_label(months[-1], language),
            "busiest": month_label(busiest, language),
            "count": busiest.count,
        }
        if total
        else _("No entries.")
    )
    title = _("%(name)s: articles and news items per month") % {"name": name}
    by_month = _("Month by month")
    return (
        f'<svg class="chart" width="100%" height="{HEIGHT}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(described)}</desc>'
        f'<line x1="0" y1="{AXIS}" x2="100%" y2="{AXIS}" aria-hidden="true"/>'
        # The HTML checker allows no role but img on <svg>: the list is a group inside it.
        f'<g class="months" role="list" aria-label="{escape(by_month)}">{slots}</g></svg>'
    )
