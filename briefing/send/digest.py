"""Issues cut to a subscriber's topics, and digests across issues: new frozen model objects.

Both are ordinary Issues, so the email template renders them as it renders any issue; a
Note above the items says what was left out and links to the whole.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..digests import digest as content_digest
from ..model import Article, Issue, NoteworthyItem, NoteworthySection, SiteConfig, Term
from ..read.issues import WORDS_PER_MINUTE
from ..render.dates import long_date
from ..render.formats.email import Note
from ..render.i18n import translations
from .topics import topic_names

TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Range:
    """The days a digest covers, both included."""

    since: dt.date
    until: dt.date

    def holds(self, day: dt.date) -> bool:
        """True if the day falls in the range."""
        return self.since <= day <= self.until

    def __str__(self) -> str:
        return f"{long_date(self.since)} to {long_date(self.until)}"

    def dates(self, language: str) -> dict[str, str]:
        """Its first and last day as a language writes them."""
        return {"since": long_date(self.since, language), "until": long_date(self.until, language)}


def carries(terms: Iterable[Term], topics: frozenset[Term]) -> bool:
    """True if any of an item's terms is one of the topics."""
    return any(term in topics for term in terms)


def cut_issue(issue: Issue, topics: Sequence[Term]) -> Issue | None:
    """The issue cut to the Top and Noteworthy items carrying a topic; None if none does.

    Articles keep their numbers, so "3." in the email is "3." on the web page."""
    wanted = frozenset(topics)
    articles = tuple(a for a in issue.articles if carries((*a.sectors, *a.bodies), wanted))
    sections = cut_sections(issue.noteworthy, wanted)
    if not articles and not sections:
        return None
    key = content_digest(issue.key, *sorted(f"{t.taxonomy}/{t.slug}" for t in wanted))
    cut = replace(issue, key=key, articles=articles, noteworthy=sections)
    return replace(cut, reading_minutes=reading_minutes(cut))


def cut_sections(
    sections: Iterable[NoteworthySection], wanted: frozenset[Term]
) -> tuple[NoteworthySection, ...]:
    """The Noteworthy sections with only the items carrying a topic; empty ones dropped."""
    result = []
    for section in sections:
        items = tuple(i for i in section.items if carries((*i.sectors, *i.bodies), wanted))
        if items:
            result.append(replace(section, items=items))
    return tuple(result)


def reading_minutes(issue: Issue) -> int:
    """Minutes to read what an issue (or a cut of it) still holds."""
    words = sum(article.words for article in issue.articles)
    texts = [issue.intro_html] + [i.text_html for s in issue.noteworthy for i in s.items]
    words += sum(len(TAGS.sub(" ", text).split()) for text in texts)
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def cut_note(config: SiteConfig, issue: Issue, topics: Sequence[Term]) -> Note:
    """The line above a cut issue: which topics, and where the whole issue is."""
    _ = translations(config.language).gettext
    text = _("This edition is cut to your topics: %(topics)s.")
    link = _("Read the full issue")
    return Note(text % {"topics": topic_names(tuple(topics))}, link, config.base_url + issue.path)


def digest_issue(
    config: SiteConfig, issues: Sequence[Issue], topics: Sequence[Term], days: Range
) -> Issue | None:
    """One Issue holding every item on the topics (all items if none) from the issues
    dated in the range, newest issue first; None if there is nothing."""
    chosen = [issue for issue in issues if days.holds(issue.date)]
    cuts = [c for issue in chosen if (c := cut_issue(issue, topics) if topics else issue)]
    articles = [article for cut in cuts for article in cut.articles]
    if not articles and not any(cut.noteworthy for cut in cuts):
        return None
    names = topic_names(tuple(topics))
    _ = translations(config.language).gettext
    digest = Issue(
        key=content_digest(*(cut.key for cut in cuts), str(days)),
        source=Path("digest"),
        slug=f"digest-{days.since.isoformat()}-{days.until.isoformat()}",
        path=topics[0].path if len(topics) == 1 else "archive/",
        title=_("Digest for %(topics)s") % {"topics": names} if names else _("Digest"),
        date=days.until,
        series=config.series,
        authors=(),
        summary_html=None,
        image=None,
        intro_html="",
        articles=renumber(articles),
        noteworthy=merge_sections(cut.noteworthy for cut in cuts),
        reading_minutes=1,
        assets=(),
    )
    return replace(digest, reading_minutes=reading_minutes(digest))


def renumber(articles: Iterable[Article]) -> tuple[Article, ...]:
    """Articles from several issues numbered 1, 2, 3 … in the digest's order."""
    return tuple(replace(a, number=n) for n, a in enumerate(articles, start=1))


def merge_sections(
    groups: Iterable[tuple[NoteworthySection, ...]],
) -> tuple[NoteworthySection, ...]:
    """Noteworthy sections of several issues, one per title, in the order titles appear."""
    merged: dict[str, tuple[NoteworthySection, list[NoteworthyItem]]] = {}
    for sections in groups:
        for section in sections:
            merged.setdefault(section.title, (section, []))[1].extend(section.items)
    return tuple(replace(section, items=tuple(items)) for section, items in merged.values())


def digest_note(config: SiteConfig, digest: Issue, topics: Sequence[Term], days: Range) -> Note:
    """The line above a digest: the topics, the days, and where everything is."""
    names = topic_names(tuple(topics))
    _ = translations(config.language).gettext
    text = (
        _(
            "This digest gathers the items on your topics (%(topics)s) "
            "published from %(since)s to %(until)s."
        )
        if names
        else _("This digest gathers every item published from %(since)s to %(until)s.")
    ) % {"topics": names, **days.dates(config.language)}
    link = _("Everything on %(name)s") % {"name": names} if len(topics) == 1 else _("The archive")
    return Note(text, link, config.base_url + digest.path)
