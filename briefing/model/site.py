"""The content model, part two: the Site, with everything compared across the archive."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from .content import Article, Document, Facts, Issue, NoteworthyItem, Page, SiteConfig, Term
from .people import Author


@dataclass(frozen=True)
class Entry:
    """One line of a tag page: an article or a Noteworthy item, with its issue."""

    date: dt.date
    issue: Issue
    article: Article | None = None
    item: NoteworthyItem | None = None


@dataclass(frozen=True)
class AuthorPage:
    """An author with the articles they wrote and the issues they signed, newest first."""

    author: Author
    entries: tuple[Entry, ...]  # each an article
    issues: tuple[Issue, ...] = ()


@dataclass(frozen=True)
class Month:
    """How many entries name a term in one calendar month."""

    year: int
    month: int
    count: int


@dataclass(frozen=True)
class TermCount:
    """A term with how many articles and Noteworthy items name it."""

    term: Term
    articles: int
    items: int


@dataclass(frozen=True)
class TermPage:
    """A sector or body with everything that names it, newest first."""

    term: Term
    entries: tuple[Entry, ...]
    related: tuple[Term, ...] = ()  # the terms named most often beside this one
    months: tuple[Month, ...] = ()  # activity over the site's whole span, oldest first

    @cached_property  # one object, so that its key is made once (render/keys.py)
    def count(self) -> TermCount:
        articles = sum(1 for entry in self.entries if entry.article is not None)
        return TermCount(self.term, articles, len(self.entries) - articles)


@dataclass(frozen=True)
class Mention:
    """One article naming a document, in its issue."""

    issue: Issue
    article: Article
    document: Document


# The relations by which a document replaces the one it follows, which is then superseded.
REPLACING = ("replaces", "supersedes")


@dataclass(frozen=True)
class DocumentRecord:
    """A policy document across the whole site and its lineage; the articles naming it are
    given by their paths (their mentions, with the articles themselves, are Site.mentions)."""

    id: str
    title: str
    title_zh: str | None
    url: str | None
    date: dt.date | None
    bodies: tuple[Term, ...]
    sectors: tuple[Term, ...]  # of the articles that cover it
    articles: tuple[str, ...]  # paths of the articles naming it, newest first
    follows: str | None
    relation: str | None
    lineage: tuple[str, ...]  # ids of every document in its chain, oldest first
    facts: Facts = field(default_factory=Facts)

    @property
    def path(self) -> str:
        return f"documents/{self.id}/"

    @property
    def replaces(self) -> bool:
        """True if it replaces the document it follows, which it then supersedes."""
        return self.follows is not None and (self.relation or "").strip().casefold() in REPLACING


# What a document's status can be, in the order the documents index offers them.
STATUSES = (
    "open-for-comment", "comments-closed", "draft", "issued", "in-force", "expired",
    "superseded", "repealed", "suspended",
)  # fmt: skip


@dataclass(frozen=True)
class Status:
    """A document's status on the build's day (in China Standard Time): one of STATUSES.

    `date` is the day the status turns on: the comment deadline (open or closed), the day a
    draft was published, the effective date (issued, in force), the last day in force
    (expired), the day the replacement took effect (superseded). `until` is the last day in
    force of a document in force that expires; `by` the document that replaced it, or a
    draft's final version.
    """

    kind: str
    date: dt.date | None = None
    until: dt.date | None = None
    by: DocumentRecord | None = None


@dataclass(frozen=True)
class CalendarEvent:
    """A day in a document's life that readers plan for: `kind` is the Facts field that
    gives it: "effective", "expires" or "comment_until"."""

    date: dt.date
    kind: str
    document: DocumentRecord


@dataclass(frozen=True)
class CalendarMonth:
    """The calendar's past events of one month, newest first."""

    year: int
    month: int
    events: tuple[CalendarEvent, ...]


@dataclass(frozen=True)
class Calendar:
    """The policy calendar on the build's day: what lies ahead (from today on, soonest
    first), then what is past, by month, newest first."""

    upcoming: tuple[CalendarEvent, ...] = ()
    past: tuple[CalendarMonth, ...] = ()


@dataclass(frozen=True)
class DayChange:
    """The next day on which some document's status (or the calendar) changes."""

    day: dt.date
    document: str  # the id of a document that changes then
    what: str  # "enters into force", "expires", "closes for comment", ...


@dataclass(frozen=True)
class Coverage:
    """An article that covered earlier documents of a lineage."""

    issue: Issue
    article: Article
    documents: tuple[Document, ...]  # the earlier documents it covered, nearest first


@dataclass(frozen=True)
class DocumentFilters:
    """What the documents index filters by: bodies, sectors and types by name, years newest
    first, statuses in the order of STATUSES."""

    bodies: tuple[Term, ...] = ()
    sectors: tuple[Term, ...] = ()
    years: tuple[int, ...] = ()
    types: tuple[Term, ...] = ()
    statuses: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermGroup:
    """Terms of one group (a sector group, a level of government) for the index pages."""

    title: str
    terms: tuple[TermCount, ...]


@dataclass(frozen=True)
class DeclaredTerms:
    """The declared terms of one taxonomy, in the order its file lists them."""

    taxonomy: str  # "sectors" or "bodies"
    file: str  # the file under content/taxonomies/ that declares them
    terms: tuple[Term, ...]


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
    vocabularies: tuple[DeclaredTerms, ...] = ()  # every declared term, used or not
    authors: tuple[AuthorPage, ...] = ()  # every declared author, in file order
    # Everything compared across the archive, made before rendering. Keyed by article path
    # or document id; a missing key means an empty list.
    also_covered: dict[str, tuple[Entry, ...]] = field(default_factory=dict, compare=False)
    earlier: dict[str, tuple[Coverage, ...]] = field(default_factory=dict, compare=False)
    mentions: dict[str, tuple[Mention, ...]] = field(default_factory=dict, compare=False)
    related_documents: dict[str, tuple[DocumentRecord, ...]] = field(
        default_factory=dict, compare=False
    )
    document_filters: DocumentFilters = DocumentFilters()
    # What the build's day says: each document's status (by id; none where nothing says),
    # the calendar, and the next day either changes.
    statuses: dict[str, Status] = field(default_factory=dict, compare=False)
    calendar: Calendar = Calendar()
    next_change: DayChange | None = None
    # Every calendar event by date (for the .ics feeds), and those of each term by its path.
    events: tuple[CalendarEvent, ...] = ()
    term_events: dict[str, tuple[CalendarEvent, ...]] = field(default_factory=dict, compare=False)
    # Document id -> the Noteworthy items about it, newest first.
    document_items: dict[str, tuple[Entry, ...]] = field(default_factory=dict, compare=False)
