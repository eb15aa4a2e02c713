"""The content model: frozen dataclasses that the templates read, built once per build."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .fragments import demote_headings, prefix_ids


@dataclass(frozen=True)
class SmtpSettings:
    """Where `send` delivers (email.smtp); the password itself stays in the environment."""

    host: str
    port: int
    security: str  # "starttls", "ssl" or "none" (a local relay)
    username: str | None = None
    password_env: str | None = None  # the NAME of the variable holding the password


@dataclass(frozen=True)
class EmailSettings:
    """How each issue's newsletter email is addressed."""

    sender: str  # the From header
    reply_to: str | None
    unsubscribe: str  # mailto: or https:, for the link and List-Unsubscribe
    smtp: SmtpSettings | None = None  # None: `send` needs --smtp-host


@dataclass(frozen=True)
class SiteConfig:
    """site.yaml: the site's identity and where it is deployed."""

    title: str
    description: str
    base_url: str  # absolute, ends with "/"
    language: str
    series: str | None
    trust_raw_html: bool = False
    email: EmailSettings | None = None
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def base_path(self) -> str:
        """The URL path the site lives under, e.g. "/" or "/briefing/"."""
        after_host = self.base_url.split("://", 1)[1]
        return "/" + after_host.partition("/")[2]


@dataclass(frozen=True)
class Term:
    """A declared sector or issuing body; its page lives at `path`."""

    taxonomy: str  # "sectors" or "bodies"
    slug: str
    name: str
    full_name: str
    name_zh: str | None = None
    description: str | None = None
    aliases: tuple[str, ...] = ()
    level: str | None = None
    group: str | None = None
    website: str | None = None

    @property
    def path(self) -> str:
        return f"{self.taxonomy}/{self.slug}/"

    # A term is its taxonomy and slug. Hashing every field (aliases and all) made term
    # lookups the slowest part of assembling a large site.
    def __hash__(self) -> int:
        return hash((self.taxonomy, self.slug))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Term):
            return NotImplemented
        return (self.taxonomy, self.slug) == (other.taxonomy, other.slug)

    @property
    def abbreviated(self) -> bool:
        """True when `name` is a short form of a longer `full_name` (MIIT)."""
        return self.name != self.full_name


@dataclass(frozen=True)
class Document:
    """A policy document as one article names it; `id` is the same wherever it is named."""

    id: str
    title: str
    title_zh: str | None
    url: str | None
    date: dt.date | None
    bodies: tuple[Term, ...]
    follows: str | None = None  # the id of the earlier document this one continues
    relation: str | None = None  # how it continues it: "final version of", "implements"
    line: int | None = field(default=None, compare=False)  # where the article names it

    @property
    def path(self) -> str:
        return f"documents/{self.id}/"


@dataclass(frozen=True)
class Image:
    """An issue's hero image; `src` is already a site URL."""

    src: str
    alt: str
    caption: str | None


@dataclass(frozen=True)
class Article:
    """A "Top" item of an issue; `key` changes whenever anything shown of it changes."""

    key: str
    source: Path
    slug: str
    path: str
    number: int
    title: str
    kicker: str | None
    headline: str
    summary_html: str
    body_html: str
    sectors: tuple[Term, ...]
    bodies: tuple[Term, ...]
    documents: tuple[Document, ...]
    words: int
    draft: bool = False
    publish_at: dt.datetime | None = None
    scheduled: bool = False  # shown in a preview before its publish_at
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    # False when the summary is the body's first paragraph, which a page showing the body
    # would otherwise print twice.
    summary_written: bool = False

    @property
    def anchor(self) -> str:
        return f"top-{self.number}"

    @property
    def inline_body_html(self) -> str:
        """The body for the issue page: ids prefixed so items never clash, and headings
        two levels down because the item's own title is an h3 there."""
        return prefix_ids(demote_headings(self.body_html, 2), self.anchor)


@dataclass(frozen=True)
class NoteworthyItem:
    """A short dated news item; `anchor` is stable within its issue page."""

    anchor: str
    date: dt.date
    text_html: str
    source_title: str
    source_url: str
    bodies: tuple[Term, ...]
    sectors: tuple[Term, ...]


@dataclass(frozen=True)
class NoteworthySection:
    """One heading of the Noteworthy list ("Policy news") with its items in order."""

    title: str
    slug: str
    items: tuple[NoteworthyItem, ...]


@dataclass(frozen=True)
class Issue:
    """A dated edition of the briefing; `key` changes whenever anything of it changes."""

    key: str
    source: Path
    slug: str
    path: str
    title: str
    date: dt.date
    series: str | None
    authors: tuple[str, ...]
    summary_html: str | None
    image: Image | None
    intro_html: str
    articles: tuple[Article, ...]
    noteworthy: tuple[NoteworthySection, ...]
    reading_minutes: int
    assets: tuple[Path, ...]
    draft: bool = False
    publish_at: dt.datetime | None = None
    scheduled: bool = False  # shown in a preview before its publish_at
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Entry:
    """One line of a tag page: an article or a Noteworthy item, with its issue."""

    date: dt.date
    issue: Issue
    article: Article | None = None
    item: NoteworthyItem | None = None


@dataclass(frozen=True)
class Month:
    """How many entries name a term in one calendar month."""

    year: int
    month: int
    count: int


@dataclass(frozen=True)
class TermPage:
    """A sector or body with everything that names it, newest first."""

    term: Term
    entries: tuple[Entry, ...]
    related: tuple[Term, ...] = ()  # the terms named most often beside this one
    months: tuple[Month, ...] = ()  # activity over the site's whole span, oldest first

    @property
    def article_count(self) -> int:
        return sum(1 for entry in self.entries if entry.article is not None)

    @property
    def item_count(self) -> int:
        return sum(1 for entry in self.entries if entry.item is not None)


@dataclass(frozen=True)
class Mention:
    """One article naming a document, in its issue."""

    issue: Issue
    article: Article
    document: Document


@dataclass(frozen=True)
class DocumentRecord:
    """A policy document across the whole site: every mention, and its lineage."""

    id: str
    title: str
    title_zh: str | None
    url: str | None
    date: dt.date | None
    bodies: tuple[Term, ...]
    sectors: tuple[Term, ...]  # of the articles that cover it
    mentions: tuple[Mention, ...]  # newest first
    follows: str | None
    relation: str | None
    lineage: tuple[str, ...]  # ids of every document in its chain, oldest first

    @property
    def path(self) -> str:
        return f"documents/{self.id}/"


@dataclass(frozen=True)
class TermGroup:
    """Terms of one group (a sector group, a level of government) for the index pages."""

    title: str
    pages: tuple[TermPage, ...]


@dataclass(frozen=True)
class Page:
    """A free-standing page such as About, from content/pages/<slug>.md."""

    source: Path
    slug: str
    path: str
    title: str
    summary: str | None
    body_html: str


@dataclass(frozen=True)
class Year:
    """The archive's issues of one year, newest first."""

    year: int
    issues: tuple[Issue, ...]


@dataclass(frozen=True)
class Site:
    """Everything a build renders."""

    config: SiteConfig
    issues: tuple[Issue, ...]  # newest first
    sectors: tuple[TermPage, ...]  # terms in use, by name
    bodies: tuple[TermPage, ...]
    archive: tuple[Year, ...]
    documents: tuple[DocumentRecord, ...] = ()  # newest first
    sector_groups: tuple[TermGroup, ...] = ()
    body_groups: tuple[TermGroup, ...] = ()
    pages: tuple[Page, ...] = ()
    # Article path -> other articles on the same document or bodies, best match first.
    also_covered: dict[str, tuple[Entry, ...]] = field(
        default_factory=dict, hash=False, compare=False
    )
