"""The content model, part one: what editors write, read from one file each (frozen)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .email import EmailSettings
from .media import Image, Picture
from .people import Author


@dataclass(frozen=True)
class Brand:
    """Who publishes the site and how it looks: masthead, accent colour, footer."""

    logo: Picture | None = None
    accent: str = "#a3122a"  # checked for 4.5:1 against the light background
    accent_dark: str = "#ff7b8a"  # a tint of it with 4.5:1 against the dark background
    publisher: str | None = None
    address: str | None = None  # postal address, also in every email (CAN-SPAM)
    footer: str | None = None  # Markdown, as written
    footer_html: str | None = None  # converted by read with the site's Markdown
    footer_line: int | None = field(default=None, compare=False)  # in site.yaml
    custom: bool = False  # the accent was set in site.yaml (else the stylesheet's own)


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
    brand: Brand = Brand()
    languages: tuple[str, ...] = ()  # the default first; () for `language` alone (languages.py)
    translations: tuple[tuple[str, str | None, str | None], ...] = ()  # (language, title, text)

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


# The dates a document may carry, in the order a document's life usually runs.
DATE_FIELDS = ("issued", "published", "comment_until", "effective", "expires")


@dataclass(frozen=True)
class Facts:
    """What a tracker records of a document besides its titles: its kind, official number,
    key dates (calendar days in China Standard Time) and any status the dates cannot say."""

    type: Term | None = None  # a declared document type (measures, notice, draft for comment)
    number: str | None = None  # the official document number (文号), as written
    issued: dt.date | None = None  # signed or adopted
    published: dt.date | None = None  # made public
    effective: dt.date | None = None  # the first day in force
    expires: dt.date | None = None  # the last day in force
    comment_until: dt.date | None = None  # the last day of a consultation, for drafts
    status: str | None = None  # given only where no date says it: "repealed", "suspended"

    @property
    def draft(self) -> bool:
        """True for a draft put out for comment: its type's group is "draft", or it has a
        comment period and no type."""
        if self.type is None:
            return self.comment_until is not None
        return self.type.group == "draft"

    @property
    def dates(self) -> tuple[tuple[str, dt.date], ...]:
        """Each date given, as (field, day), in the order they fall."""
        given = [(name, getattr(self, name)) for name in DATE_FIELDS if getattr(self, name)]
        return tuple(sorted(given, key=lambda pair: pair[1]))


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
    facts: Facts = Facts()
    line: int | None = field(default=None, compare=False)  # where the article names it
    title_zh_line: int | None = field(default=None, compare=False)  # for `check`'s rules

    @property
    def path(self) -> str:
        return f"documents/{self.id}/"


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
    rank: int | None = None  # as written in the front matter, if it was
    rank_line: int | None = field(default=None, compare=False)
    image: Image | None = None
    authors: tuple[Author, ...] = ()  # its own (authors:), else its issue's
    language: str | None = None  # of its text when not the edition's: it has no translation

    @property
    def anchor(self) -> str:
        return f"top-{self.number}"


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
    line: int | None = field(default=None, compare=False)  # of its date, for `check`
    documents: tuple[str, ...] = ()  # ids of the policy documents it is about
    documents_line: int | None = field(default=None, compare=False)


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
    authors: tuple[Author, ...]
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
    # "No. 42": counted across the archive by assemble, from the oldest issue on, unless
    # the front matter's `number:` (kept in `numbered`) says otherwise.
    number: int | None = None
    numbered: int | None = None

    @property
    def pdf(self) -> str:
        """The site path of the issue's PDF edition."""
        return f"{self.path}{self.slug}.pdf"


@dataclass(frozen=True)
class Page:
    """A free-standing page such as About, from content/pages/<slug>.md."""

    source: Path
    slug: str
    path: str
    title: str
    summary: str | None
    body_html: str
    language: str | None = None  # as Article.language: a page shown untranslated
