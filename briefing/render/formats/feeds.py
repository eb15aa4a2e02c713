"""Feeds: the site's issues and each term's entries as Atom and JSON Feed 1.1.

Dates come from the content, never the clock, so the same content gives the same feeds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import orjson
from markupsafe import Markup, escape

from ...model import Entry, Issue, SiteConfig, Term
from ..urls import absolute, absolute_links


@dataclass(frozen=True)
class FeedEntry:
    """One entry, with absolute URLs and its full content as HTML."""

    id: str
    url: str
    title: str
    date: dt.date
    content_html: str
    summary: str
    authors: tuple[str, ...]
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
            authors=issue.authors,
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
        authors=entry.issue.authors,
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
        authors=entry.issue.authors,
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
                "authors": [{"name": name} for name in e.authors],
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
