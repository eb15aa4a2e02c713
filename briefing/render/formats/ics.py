"""The policy calendar as iCalendar (RFC 5545), for readers to subscribe to in a calendar app.

Each event is one all-day event (a DATE, not a moment: documents are dated by the day in
China, and a reader anywhere sees it on that calendar day). Its UID names the document and
which of its dates it is, so a corrected date updates the same event; nothing in the file
depends on the clock, so it changes only when content does.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import icalendar

from ...model import CalendarEvent, SiteConfig
from ..dates import long_date
from ..i18n import translations
from ..labels import EVENT_NAMES, names
from ..urls import absolute


def ics(config: SiteConfig, events: tuple[CalendarEvent, ...], name: str) -> bytes:
    """A calendar named `name` with one all-day event per document date."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//briefing//{config.title}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    host = urlsplit(config.base_url).hostname or "localhost"
    for event in events:
        calendar.add_component(ics_event(config, event, host))
    return calendar.to_ical()


def ics_event(config: SiteConfig, event: CalendarEvent, host: str) -> icalendar.Event:
    """One document date as an all-day event linking the document's page."""
    record = event.document
    url = absolute(config, record.path)
    kind = record.facts.type.name if record.facts.type else None
    bodies = ", ".join(body.full_name for body in record.bodies)
    _ = translations(config.language).gettext
    what = names(EVENT_NAMES, config.language)[event.kind]
    lines = [
        " · ".join(filter(None, (kind, record.facts.number))),
        _("Issued by %(bodies)s") % {"bodies": bodies} if bodies else "",
        f"{what}: {long_date(event.date, config.language)}",
        url,
    ]
    item = icalendar.Event()
    item.add("uid", f"{record.id}-{event.kind.replace('_', '-')}@{host}")
    # The day itself stands in for the moment of writing, so the bytes stay the same.
    item.add("dtstamp", dt.datetime.combine(event.date, dt.time(0), dt.UTC))
    item.add("dtstart", event.date)
    item.add("dtend", event.date + dt.timedelta(days=1))
    item.add("summary", f"{what}: {record.title}")
    item.add("description", "\n".join(line for line in lines if line))
    item.add("url", url)
    item.add("transp", "TRANSPARENT")  # a date to know, not time taken up
    return item
