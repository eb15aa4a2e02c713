"""The words pages, feeds and calendars use for a document's statuses and dates.

Written in English and marked for the catalogues; `names` gives them in a language.
"""

from __future__ import annotations

from .i18n import N_, translations

# Each status as the documents index's filter names it (model.STATUSES).
STATUS_NAMES = {
    "open-for-comment": N_("Open for comment"),
    "comments-closed": N_("Comments closed"),
    "draft": N_("Draft for comment"),
    "issued": N_("Not yet in force"),
    "in-force": N_("In force"),
    "expired": N_("Expired"),
    "superseded": N_("Superseded"),
    "repealed": N_("Repealed"),
    "suspended": N_("Suspended"),
}
# Each date of a document (model.DATE_FIELDS), in its facts box and timeline.
DATE_NAMES = {
    "issued": N_("Issued"),
    "published": N_("Published"),
    "comment_until": N_("Comments until"),
    "effective": N_("In force from"),
    "expires": N_("Last day in force"),
}
# Each kind of calendar event, on the calendar page and in the .ics feeds.
EVENT_NAMES = {
    "comment_until": N_("Comments close"),
    "effective": N_("Takes effect"),
    "expires": N_("Last day in force"),
}


def names(table: dict[str, str], language: str) -> dict[str, str]:
    """One of the tables above with its words in a language."""
    gettext = translations(language).gettext
    return {key: gettext(word) for key, word in table.items()}
