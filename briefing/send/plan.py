"""Who gets what: each subscriber's parcel (whole issue, cut, digest or nothing) and letter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from email.headerregistry import Address

import jinja2

from ..model import Issue, SiteConfig
from ..render.formats.email import Note
from .digest import Range, cut_issue, cut_note, digest_issue, digest_note
from .log import QUEUED, SKIPPED, Entry
from .message import Letter, Rendered, compose, message_id, render, unsubscribe_url
from .subscribers import Subscriber
from .topics import topic_names


@dataclass(frozen=True)
class Parcel:
    """What one subscriber gets: an issue (whole, cut or a digest) with its note, or nothing."""

    subscriber: Subscriber
    issue: Issue | None  # None: nothing on their topics
    note: Note | None
    variant: str  # everyone with the same variant gets the same rendered email

    def describe(self, whole: Issue | None) -> str:
        """What they get, for a dry run: "cut to MIIT: 2 of 5 Top items, 1 of 9 Noteworthy"."""
        names = topic_names(self.subscriber.topics)
        if self.issue is None:
            return f"skipped: nothing on {names}"
        counts = f"{len(self.issue.articles)} Top items, {noteworthy(self.issue)} Noteworthy"
        if whole is None:
            return f"digest of {names or 'everything'}: {counts}"
        if not self.subscriber.topics:
            return f"whole issue: {counts}"
        top, news = len(whole.articles), noteworthy(whole)
        return (
            f"cut to {names}: {len(self.issue.articles)} of {top} Top items, "
            f"{noteworthy(self.issue)} of {news} Noteworthy"
        )


def noteworthy(issue: Issue) -> int:
    """How many Noteworthy items an issue holds."""
    return sum(len(section.items) for section in issue.noteworthy)


def variant(subscriber: Subscriber) -> str:
    """The key of what a subscriber's topics make of an issue: "" for all of it."""
    return ";".join(f"{term.taxonomy}/{term.slug}" for term in subscriber.topics)


def plan_issue(
    config: SiteConfig, issue: Issue, subscribers: Iterable[Subscriber]
) -> tuple[Parcel, ...]:
    """Each subscriber's parcel of one issue: all of it, or the cut to their topics."""
    made: dict[str, tuple[Issue | None, Note | None]] = {}
    parcels = []
    for subscriber in subscribers:
        key = variant(subscriber)
        if key not in made:
            topics = subscriber.topics
            cut = cut_issue(issue, topics) if topics else issue
            note = cut_note(config, issue, topics) if topics and cut else None
            made[key] = (cut, note)
        parcels.append(Parcel(subscriber, *made[key], key))
    return tuple(parcels)


def plan_digest(
    config: SiteConfig, issues: Sequence[Issue], subscribers: Iterable[Subscriber], days: Range
) -> tuple[Parcel, ...]:
    """Each subscriber's digest of their topics across the issues dated in the range."""
    made: dict[str, tuple[Issue | None, Note | None]] = {}
    parcels = []
    for subscriber in subscribers:
        key = variant(subscriber)
        if key not in made:
            digest = digest_issue(config, issues, subscriber.topics, days)
            note = digest and digest_note(config, digest, subscriber.topics, days)
            made[key] = (digest, note)
        parcels.append(Parcel(subscriber, *made[key], key))
    return tuple(parcels)


def entries(
    config: SiteConfig, name: str, round_number: int, parcels: Iterable[Parcel]
) -> Iterator[Entry]:
    """The log entries of a new plan: queued, or skipped for those who get nothing."""
    for parcel in parcels:
        email = parcel.subscriber.email
        mid = message_id(config, name, round_number, email)
        if parcel.issue is None:
            why = f"nothing on {topic_names(parcel.subscriber.topics)}"
            yield Entry(parcel.subscriber.key, SKIPPED, mid, why, 0)
        else:
            yield Entry(parcel.subscriber.key, QUEUED, mid, "", 0)


def letters(
    config: SiteConfig,
    env: jinja2.Environment,
    parcels: Iterable[Parcel],
    ids: dict[str, str],
    clock: Callable[[], dt.datetime],
) -> Iterator[Letter]:
    """The letter of each parcel whose address is in `ids` (its Message-ID), made lazily:
    one render per variant, one MIME message per recipient."""
    assert config.email is not None
    rendered: dict[str, Rendered] = {}
    for parcel in parcels:
        subscriber = parcel.subscriber
        if parcel.issue is None or subscriber.key not in ids:
            continue
        if parcel.variant not in rendered:
            rendered[parcel.variant] = render(config, parcel.issue, env, parcel.note)
        unsubscribe = unsubscribe_url(
            config.email.unsubscribe, subscriber.email, subscriber.unsubscribe_url
        )
        to = Address(subscriber.name, addr_spec=subscriber.email)
        mid = ids[subscriber.key]
        data = compose(
            config,
            rendered[parcel.variant],
            to=to,
            unsubscribe=unsubscribe,
            message_id=mid,
            date=clock(),
        )
        yield Letter(subscriber.email, mid, data)
