"""The words pages, feeds and calendars use for a document's statuses and dates."""

from __future__ import annotations

# Each status as the documents index's filter names it (model.STATUSES).
STATUS_NAMES = {
    "open-for-comment": "Open for comment",
    "comments-closed": "Comments closed",
    "draft": "Draft for comment",
    "issued": "Not yet in force",
    "in-force": "In force",
    "expired": "Expired",
    "superseded": "Superseded",
    "repealed": "Repealed",
    "suspended": "Suspended",
}
# Each date of a document (model.DATE_FIELDS), in its facts box and timeline.
DATE_NAMES = {
    "issued": "Issued",
    "published": "Published",
    "comment_until": "Comments until",
    "effective": "In force from",
    "expires": "Last day in force",
}
# Each kind of calendar event, on the calendar page and in the .ics feeds.
EVENT_NAMES = {
    "comment_until": "Comments close",
    "effective": "Takes effect",
    "expires": "Last day in force",
}
