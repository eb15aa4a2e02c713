"""Feeds: the site's issues, each term's entries and each document's life as Atom and JSON
Feed 1.1.

Dates come from the content, never the clock, so the same content gives the same feeds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import orjson
from markupsafe import Markup, escape

from ...model import Author, DocumentRecord, Entry, Issue, Mention, SiteConfig, Term
from ..dates import long_date
from ..i18n import translations
from ..labels import DATE_NAMES, names
from ..urls import absolute, absolute_links


class FeedAuthor(NamedTuple):
    """An entry's author as feeds name them: with the absolute URL of their page."""

    name: str
    url: str


def feed_authors(config: SiteConfig, authors: tuple[Author, ...]) -> tuple[FeedAuthor, ...]:
    """Authors as a feed entry names them."""
    return tuple(FeedAuthor(author.name, absolute(config, author.path)) for author in authors)


@dataclass(frozen=True)
class FeedEntry:
    """One entry, with absolute URLs and its full content as HTML."""

    id: str
    url: str
    title: str
    date: dt.date
    content_html: str
    summary: str
    authors: tuple[FeedAuthor, ...]
    tags: tuple[str, ...]

    @property
    def timestamp(self) -> str:
        return rfc3339(self.date)


@dataclass(frozen=True)
class Feed:
    """A feed published as `<path>feed.xml` and `<path>feed.json`."""

    path: str
    title: str
    description: str
    home_url: str
    entries: tuple[FeedEntry, ...]

    @property
    def updated(self) -> str:
        """The newest entry's date: a feed changes only when its content does."""
        return rfc3339(max((e.date for e in self.entries), default=dt.date(2000, 1, 1)))


def rfc3339(day: dt.date) -> str:
    """2022-09-29T00:00:00Z"""
    return f"{day.isoformat()}T00:00:00Z"


# Feed readers want what is new: the latest entries, not a whole archive of full texts
# (a site of a thousand issues would otherwise serve a feed of tens of megabytes).
FEED_ENTRIES = 50


def site_feed(
    config: SiteConfig, issues: tuple[Issue, ...], issue_html: Callable[[Issue], str]
) -> Feed:
    """One entry per issue (the latest FEED_ENTRIES), its full text rendered by `issue_html`."""
    entries = tuple(
        FeedEntry(
            id=absolute(config, issue.path),
            url=absolute(config, issue.path),
            title=issue.title,
            date=issue.date,
            content_html=absolute_links(issue_html(issue), config),
            summary=strip_tags(issue.summary_html or ""),
            authors=feed_authors(config, issue.authors),
            tags=(),
        )
        for issue in issues[:FEED_ENTRIES]
    )
    return Feed("", config.title, config.description, absolute(config, ""), entries)


def term_feed(config: SiteConfig, term: Term, recent: tuple[Entry, ...]) -> Feed:
    """One entry per recent article or Noteworthy item that names the term, newest first."""
    entries = tuple(
        article_entry(config, entry) if entry.article is not None else item_entry(config, entry)
        for entry in recent[:FEED_ENTRIES]
    )
    title = f"{config.title}: {term.full_name}"
    home = absolute(config, term.path)
    return Feed(term.path, title, term.description or "", home, entries)


def document_feed(
    config: SiteConfig,
    record: DocumentRecord,
    mentions: tuple[Mention, ...],
    items: tuple[Entry, ...],
    lineage: tuple[DocumentRecord, ...],
) -> Feed:
    """Everything about one document, newest first: each article and Noteworthy item on it,
    and each dated document of its lineage (itself included), so a reader can follow it
    from draft to force."""
    entries = [
        article_entry(config, Entry(m.issue.date, m.issue, article=m.article)) for m in mentions
    ]
    entries += [item_entry(config, entry) for entry in items]
    entries += [step_entry(config, step) for step in lineage or (record,) if step.date]
    entries.sort(key=lambda entry: entry.date, reverse=True)  # stable: ties keep this order
    title = f"{config.title}: {record.title}"
    _ = translations(config.language).gettext
    description = _("Coverage of %(title)s and every step of its lineage.") % {
        "title": record.title
    }
    home = absolute(config, record.path)
    return Feed(record.path, title, description, home, tuple(entries[:FEED_ENTRIES]))


def step_entry(config: SiteConfig, step: DocumentRecord) -> FeedEntry:
    """A document of a lineage: what it is, who issued it and its dates."""
    url = absolute(config, step.path)
    facts, language = step.facts, config.language
    _ = translations(language).gettext
    what = " ".join(filter(None, (facts.type.name if facts.type else _("Document"), facts.number)))
    bodies = ", ".join(body.full_name for body in step.bodies)
    lead = (
        _("%(what)s, issued by %(bodies)s.") % {"what": what, "bodies": bodies}
        if bodies
        else _("%(what)s.") % {"what": what}
    )
    labels = names(DATE_NAMES, language)
    dates = "".join(
        f"<li>{labels[name]}: {long_date(day, language)}</li>" for name, day in facts.dates
    )
    content = f"<p>{escape(lead)}</p>" + (f"<ul>{dates}</ul>" if dates else "")
    return FeedEntry(
        id=url,
        url=url,
        title=step.title,
        date=step.date or dt.date.min,
        content_html=content,
        summary=lead,
        authors=(),
        tags=tuple(t.name for t in (*([facts.type] if facts.type else []), *step.bodies)),
    )


def article_entry(config: SiteConfig, entry: Entry) -> FeedEntry:
    """An article with its full text."""
    article = entry.article
    assert article is not None
    url = absolute(config, article.path)
    return FeedEntry(
        id=url,
        url=url,
        title=article.title,
        date=entry.date,
        content_html=absolute_links(article.body_html, config),
        summary=strip_tags(article.summary_html),
        authors=feed_authors(config, article.authors),
        tags=tuple(t.name for t in (*article.sectors, *article.bodies)),
    )


def item_entry(config: SiteConfig, entry: Entry) -> FeedEntry:
    """A Noteworthy item: its sentence and source; it links to its anchor in the issue."""
    item = entry.item
    assert item is not None
    url = absolute(config, f"{entry.issue.path}#{item.anchor}")
    source = f' (<a href="{escape(item.source_url)}">{escape(item.source_title)}</a>)'
    return FeedEntry(
        id=url,
        url=url,
        title=shorten(strip_tags(item.text_html)),
        date=entry.date,
        content_html=absolute_links(f"<p>{item.text_html}{source}</p>", config),
        summary=strip_tags(item.text_html),
        authors=feed_authors(config, entry.issue.authors),
        tags=tuple(t.name for t in (*item.sectors, *item.bodies)),
    )


def json_feed(feed: Feed, config: SiteConfig) -> bytes:
    """The feed as JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": feed.home_url,
        "feed_url": absolute(config, f"{feed.path}feed.json"),
        "description": feed.description,
        "language": config.language,
        "items": [
            {
                "id": e.id,
                "url": e.url,
                "title": e.title,
                "content_html": e.content_html,
                "summary": e.summary,
                "date_published": e.timestamp,
                "authors": [{"name": a.name, "url": a.url} for a in e.authors],
                "tags": list(e.tags),
            }
            for e in feed.entries
        ],
    }
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def strip_tags(html: str) -> str:
    """Plain text of a snippet of HTML, for summaries and titles."""
    return Markup(html).striptags()


def shorten(text: str, limit: int = 90) -> str:
    """A title for a news item: its text, cut at a word before `limit` characters."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
