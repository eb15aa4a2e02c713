"""Each document's status on the build's day, and the next day on which any status changes.

A status is derived from a document's dates, its lineage and the day, never written, except
`repealed` and `suspended`, which no date can say. Every date is a calendar day in China
Standard Time, and so is the build's day (see release.Release.today).

In order, the first rule that holds decides:
  1. `status:` given: repealed or suspended;
  2. published (or issued) after the day: no status yet (a preview of the past);
  3. superseded: a later document follows it with `relation: replaces` (or `supersedes`),
     from the day that one takes effect (or, without `effective:`, is issued or published);
  4. a draft (type of group draft, or a comment period given without a type): open for
     comment up to and including `comment_until`, comments closed after it, or simply a
     draft for comment without a deadline;
  5. expired: after `expires`, its last day in force;
  6. in force: from `effective` on;
  7. issued, not yet in force: before `effective`;
  8. otherwise nothing is known, and no status is shown.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ..model import REPLACING, DayChange, DocumentRecord, Site, Status
from ..release import Change, day_start

FINAL = ("final version of",)
DAY = dt.timedelta(days=1)


def statuses(records: tuple[DocumentRecord, ...], today: dt.date) -> dict[str, Status]:
    """Document id -> its status on `today`, for the documents something is known of."""
    replaced_by = successors(records, REPLACING)
    finals = successors(records, FINAL)
    found = {}
    for record in records:
        status = status_of(record, today, replaced_by.get(record.id, ()), finals.get(record.id))
        if status is not None:
            found[record.id] = status
    return found


def successors(
    records: tuple[DocumentRecord, ...], relations: tuple[str, ...]
) -> dict[str, tuple[DocumentRecord, ...]]:
    """Document id -> the documents that follow it with one of `relations`, earliest first."""
    found: dict[str, list[DocumentRecord]] = defaultdict(list)
    for record in records:
        if record.follows is not None and relation_of(record) in relations:
            found[record.follows].append(record)
    return {
        key: tuple(sorted(later, key=lambda r: (start_of(r) or dt.date.max, r.id)))
        for key, later in found.items()
    }


def relation_of(record: DocumentRecord) -> str:
    """How a document continues the one it follows, as compared: "replaces"."""
    return (record.relation or "").strip().casefold()


def start_of(record: DocumentRecord) -> dt.date | None:
    """The day a document starts to count: it takes effect, else it is issued or dated."""
    facts = record.facts
    return facts.effective or facts.issued or facts.published or record.date


def status_of(
    record: DocumentRecord,
    today: dt.date,
    replacements: tuple[DocumentRecord, ...],
    finals: tuple[DocumentRecord, ...] | None,
) -> Status | None:
    """One document's status on `today` (see the module's rules), or None."""
    facts = record.facts
    if facts.status:
        return Status(facts.status)
    if (facts.published or facts.issued or dt.date.min) > today:
        return None
    # A replacement with no date at all replaces it as soon as it is known.
    started = [r for r in replacements if (start_of(r) or today) <= today]
    if started:
        return Status("superseded", start_of(started[0]), by=started[0])
    if facts.draft:
        final = finals[0] if finals else None
        until = facts.comment_until
        if until is None:
            return Status("draft", facts.published or facts.issued or record.date, by=final)
        return Status("open-for-comment" if today <= until else "comments-closed", until, by=final)
    if facts.expires and facts.expires < today:
        return Status("expired", facts.expires)
    if facts.effective and facts.effective <= today:
        return Status("in-force", facts.effective, until=facts.expires)
    if facts.effective:
        return Status("issued", facts.effective)
    return None


def next_change(records: tuple[DocumentRecord, ...], today: dt.date) -> DayChange | None:
    """The first day after `today` on which a status or the calendar changes, or None.

    Statuses change on an effective date, the day after a last day in force or a comment
    deadline, and the day a replacement starts; the calendar moves a day to its past the
    day after it. Each change is named by the first reason found for it.
    """
    candidates = []
    for record in records:
        facts = record.facts
        reasons = [
            (facts.effective, "enters into force"),
            (facts.expires and facts.expires + DAY, "expires"),
            (facts.comment_until and facts.comment_until + DAY, "closes for comment"),
            (facts.effective and facts.effective + DAY, "moves to the calendar's past"),
        ]
        if record.replaces:
            reasons.append((start_of(record), f"{relation_of(record)} '{record.follows}'"))
        for order, (day, what) in enumerate(reasons):
            if day and day > today:
                candidates.append((day, order, record.id, what))
    if not candidates:
        return None
    day, _, document, what = min(candidates)
    return DayChange(day, document, what)


def status_change(site: Site) -> list[Change]:
    """The next day a document's status or the calendar changes, as a scheduled change of
    the site at the start of that day in China, named with a file that describes it."""
    change = site.next_change
    if change is None:
        return []
    source = site.mentions[change.document][-1].article.source
    what = f"document '{change.document}' {change.what}"
    return [Change(day_start(change.day), source, what)]
