"""The policy calendar: every day a document takes effect, expires or closes for comment."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import groupby

from ..model import Calendar, CalendarEvent, CalendarMonth, DocumentRecord

# The Facts fields that make calendar events, in the order events of one day are listed.
EVENT_KINDS = ("comment_until", "effective", "expires")


def calendar_events(records: tuple[DocumentRecord, ...]) -> tuple[CalendarEvent, ...]:
    """Every event of every document, oldest first."""
    found = [
        CalendarEvent(day, kind, record)
        for record in records
        for kind in EVENT_KINDS
        if (day := getattr(record.facts, kind)) is not None
    ]
    found.sort(key=lambda e: (e.date, EVENT_KINDS.index(e.kind), e.document.id))
    return tuple(found)


def calendar(events: tuple[CalendarEvent, ...], today: dt.date) -> Calendar:
    """The calendar on `today`: events from today on, soonest first; then earlier events by
    month, newest first."""
    upcoming = tuple(event for event in events if event.date >= today)
    past = [event for event in reversed(events) if event.date < today]
    months = tuple(
        CalendarMonth(year, month, tuple(group))
        for (year, month), group in groupby(past, key=lambda e: (e.date.year, e.date.month))
    )
    return Calendar(upcoming, months)


def term_events(events: tuple[CalendarEvent, ...]) -> dict[str, tuple[CalendarEvent, ...]]:
    """Term path -> the events of the documents its body issued or its sector covers."""
    found: dict[str, list[CalendarEvent]] = defaultdict(list)
    for event in events:
        for term in dict.fromkeys((*event.document.bodies, *event.document.sectors)):
            found[term.path].append(event)
    return {path: tuple(found[path]) for path in sorted(found)}
