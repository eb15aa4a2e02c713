"""The search index's records: one small page per article, Noteworthy item, issue, document
and free-standing page, made from the model for Pagefind to index.

Records are made from the model rather than read back from the published pages, so the text
Pagefind indexes, and shows as a result's excerpt, is exactly the body a reader sees under
the result's title: never a tag list, navigation, a citation or hidden text. Everything else
a result needs is index metadata, which Pagefind never shows as an excerpt: the names of the
terms it names (searchable), filters, the date to sort by, and an opaque card the search
page shows (kind, date, issue, link). Chinese document titles also go into records of their
own language, which Pagefind segments into words; the search page merges that bundle.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from ...model import Article, DocumentRecord, Issue, Page, Site, Term
from ...outputs import SearchRecord
from ..dates import long_date
from ..i18n import translations
from ..labels import DATE_NAMES, names
from .searchnames import Mentions, is_latin, term_key, unique

CHINESE = "zh-Hans"  # the language of every `title_zh`
# The glossary links a body's first mention in an article: the article names that body.
GLOSSARY = re.compile(r'<a class="glossary" href="[^"]*?\b(sectors|bodies)/([a-z0-9-]+)/"')


@dataclass(frozen=True)
class Entry:
    """One search result before it becomes records: its text and what is known about it."""

    path: str  # where Pagefind reads its page: "issues/x/index.html"
    url: str  # what the result links to, from the site's root: "issues/x/#noteworthy-policy-2"
    kind: str  # article | item | issue | document | page
    title: str
    body: str  # safe HTML: the text readers see as its body
    date: dt.date | None = None
    issue: Issue | None = None
    sectors: tuple[Term, ...] = ()
    bodies: tuple[Term, ...] = ()
    named: tuple[Term, ...] = ()  # every term it names: its tags and its text's mentions
    chinese: tuple[str, ...] = ()  # Chinese titles it shows, for the Chinese bundle


def search_records(site: Site) -> tuple[SearchRecord, ...]:
    """Every record of the site's search index, in the site's language and in Chinese."""
    language = site.config.language
    entries = list(site_entries(site))
    records = [record(entry, language, "", entry.body, shown_in=language) for entry in entries]
    if not language.lower().startswith("zh"):
        records += [c for entry in entries for c in chinese_records(entry, language)]
    return tuple(records)


def chinese_records(entry: Entry, shown_in: str) -> Iterator[SearchRecord]:
    """A record in Chinese for each Chinese title an entry shows: one record a title, so an
    excerpt is always one whole title as the page shows it; its card is in `shown_in`."""
    folder = entry.path.removesuffix("index.html")
    for number, title in enumerate(entry.chinese, start=1):
        made = record(
            entry,
            CHINESE,
            CHINESE.lower(),
            f"<p>{html.escape(title)}</p>",
            searchable=False,
            shown_in=shown_in,
        )
        path = entry.path if len(entry.chinese) == 1 else f"{folder}{CHINESE.lower()}-{number}.html"
        yield replace(made, path=path)


def search_bundles(site: Site) -> tuple[tuple[str, str], ...]:
    """The extra bundles `search_records` makes, as (folder under pagefind/, language)."""
    if site.config.language.lower().startswith("zh"):
        return ()
    has_chinese = any(record.title_zh for record in site.documents)
    return ((CHINESE.lower(), CHINESE),) if has_chinese else ()


def site_entries(site: Site) -> Iterator[Entry]:
    """Every search result of the site: issues with their articles and items, documents
    and free-standing pages."""
    terms = Terms([page.term for page in (*site.sectors, *site.bodies)])
    for member in (*site.issues, *site.documents, *site.pages):
        yield from member_entries(member, terms, site.config.language)


class Terms:
    """The site's terms as entries look them up: by key, and by the names a text mentions."""

    def __init__(self, terms: list[Term]) -> None:
        self.by_key = {term_key(term): term for term in terms}
        self.mentions = Mentions(terms)


def member_entries(
    member: Issue | DocumentRecord | Page, terms: Terms, language: str
) -> list[Entry]:
    """The search results of one issue (with its articles and items), document or page."""
    if isinstance(member, Issue):
        articles = [article_entry(member, a, terms.by_key, terms.mentions) for a in member.articles]
        items = list(item_entries(member, terms.mentions))
        return [issue_entry(member, (*articles, *items)), *articles, *items]
    if isinstance(member, DocumentRecord):
        return [document_entry(member, terms.mentions, language)]
    return [Entry(f"{member.path}index.html", member.path, "page", member.title, page_body(member))]


def article_entry(
    issue: Issue, article: Article, by_key: dict[str, Term], mentions: Mentions
) -> Entry:
    """An article: its body, tagged with its sectors and bodies; it names those, every term
    its text links to and every term its titles name."""
    linked = (by_key.get(f"{kind}/{slug}") for kind, slug in GLOSSARY.findall(article.body_html))
    chinese = unique(d.title_zh for d in article.documents if d.title_zh)
    titled = mentions.find(" / ".join((article.title, *chinese)))
    named = unique((*article.sectors, *article.bodies, *(t for t in linked if t), *titled))
    return Entry(
        f"{article.path}index.html",
        article.path,
        "article",
        article.title,
        article.body_html,
        issue.date,
        issue,
        article.sectors,
        article.bodies,
        named,
        chinese,
    )


def item_entries(issue: Issue, mentions: Mentions) -> Iterator[Entry]:
    """Each Noteworthy item, a result of its own linking to its place in the issue; it
    names its tags and the terms its text names."""
    for section in issue.noteworthy:
        for item in section.items:
            yield Entry(
                f"{issue.path}{item.anchor}.html",
                f"{issue.path}#{item.anchor}",
                "item",
                item.source_title,
                f"<p>{item.text_html}</p>",
                item.date,
                issue,
                item.sectors,
                item.bodies,
                unique((*item.sectors, *item.bodies, *mentions.find(item.text_html))),
            )


def issue_entry(issue: Issue, parts: Iterable[Entry]) -> Entry:
    """An issue: its summary and introduction; it is tagged with what its parts are."""
    parts = list(parts)
    body = f"<p>{issue.summary_html}</p>" if issue.summary_html else ""
    return Entry(
        f"{issue.path}index.html",
        issue.path,
        "issue",
        issue.title,
        body + issue.intro_html,
        issue.date,
        None,
        unique(t for part in parts for t in part.sectors),
        unique(t for part in parts for t in part.bodies),
        unique(t for part in parts for t in part.named),
    )


def document_entry(document: DocumentRecord, mentions: Mentions, language: str) -> Entry:
    """A document: its issuing bodies and date as its page states them (in the site's
    language); it names its bodies, its sectors and the terms its titles name."""
    t, facts = translations(language), []
    if document.bodies:
        label = t.ngettext("Issuing body:", "Issuing bodies:", len(document.bodies))
        bodies = ", ".join(body_name(term) for term in document.bodies)
        facts.append(f"<p>{label} {html.escape(bodies)}</p>")
    labels = names(DATE_NAMES, language)
    for name, day in document.facts.dates or (("", document.date),):
        label = labels[name] + ":" if name else t.gettext("Date:")
        shown = long_date(day, language) if day else t.gettext("Undated")
        facts.append(f"<p>{label} {shown}</p>")
    chinese = (document.title_zh,) if document.title_zh else ()
    titled = mentions.find(" / ".join((document.title, *chinese)))
    return Entry(
        f"{document.path}index.html",
        document.path,
        "document",
        document.title,
        "".join(facts),
        document.date,
        None,
        document.sectors,
        document.bodies,
        unique((*document.sectors, *document.bodies, *titled)),
        chinese,
    )


def body_name(term: Term) -> str:
    """A body as the document page names it: "Cyberspace Administration of China (CAC)"."""
    return f"{term.full_name} ({term.name})" if term.abbreviated else term.full_name


def page_body(page: Page) -> str:
    """A free-standing page's summary and text."""
    lede = f"<p>{html.escape(page.summary)}</p>" if page.summary else ""
    return lede + page.body_html


def record(
    entry: Entry,
    language: str,
    bundle: str,
    body: str,
    *,
    searchable: bool = True,
    shown_in: str = "en",
) -> SearchRecord:
    """One entry as a page for Pagefind; `searchable` records carry its searchable names.

    A record in another language carries no searchable title or names, so a query in the
    site's language finds each result once, in its own bundle."""
    head = [meta("card", card(entry, shown_in))]
    if searchable:
        head.append(meta("title", entry.title))
        known = " / ".join(n for term in entry.named for n in term_names(term) if is_latin(n))
        if known:
            head.append(meta("names", known))
    head += [filter_tag(name, value) for name, value in filters(entry)]
    # Pagefind leaves out of a sorted list what has no value to sort by: undated go last.
    date = entry.date.isoformat() if entry.date else "0000-00-00"
    head.append(f'<meta data-pagefind-sort="date[content]" content="{date}">')
    page = (
        # No <title>: Pagefind would search it, in a record in another language too.
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">{"".join(head)}</head>'
        f"<body><main data-pagefind-body>{body}</main></body></html>"
    )
    year = entry.date.year if entry.date else None
    return SearchRecord(entry.path, bundle, page.encode("utf-8"), year)


def filters(entry: Entry) -> Iterator[tuple[str, str]]:
    """What an entry can be filtered by: kind, year, sector and body (its tags), and every
    term it names (by key, for the names the search page recognises)."""
    yield "kind", entry.kind
    if entry.date:
        yield "year", str(entry.date.year)
    yield from (("sector", term.slug) for term in entry.sectors)
    yield from (("body", term.slug) for term in entry.bodies)
    yield from (("names", term_key(term)) for term in entry.named)


def card(entry: Entry, language: str) -> str:
    """What the search page shows of a result besides its excerpt (dates in `language`),
    encoded so that no word of it can be searched for (Pagefind searches metadata)."""
    shown = {"title": entry.title, "url": entry.url, "kind": entry.kind}
    if entry.date:
        shown |= {"date": entry.date.isoformat(), "when": long_date(entry.date, language)}
    if entry.issue:
        shown |= {"issue": entry.issue.title, "issue_url": entry.issue.path}
    data = json.dumps(shown, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(data).decode("ascii")


def meta(name: str, value: str) -> str:
    """A metadata tag Pagefind reads."""
    return f'<meta data-pagefind-meta="{name}[content]" content="{html.escape(value)}">'


def filter_tag(name: str, value: str) -> str:
    """A filter tag Pagefind reads."""
    return f'<meta data-pagefind-filter="{name}[content]" content="{html.escape(value)}">'


def term_names(term: Term) -> tuple[str, ...]:
    """Every name a term is known by: slug, short name, full name, Chinese name, aliases."""
    return unique((term.slug, term.name, term.full_name, term.name_zh or "", *term.aliases))
