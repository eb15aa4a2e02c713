"""Structured data (schema.org JSON-LD) for search engines, safe inside a <script> element.

Pages about one thing (an issue, an article, a document) describe it with a BreadcrumbList
beside it in an `@graph`; listing pages are in jsonld_lists.py. Dates are date-times with
an offset, as Google's article guidance asks: an item is published at its publish_at, else
at 06:00 UTC on its day (the moment its email is dated). briefing keeps no edit history, so
dateModified is the same moment.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from ...model import (
    Article,
    Author,
    Document,
    DocumentRecord,
    Facts,
    Issue,
    Page,
    SiteConfig,
    Status,
)
from ..dates import published
from ..i18n import translations
from ..urls import absolute
from .feeds import strip_tags

CONTEXT = "https://schema.org"

# JSON allows these escapes everywhere, and with them no value can close the script element
# or open a comment, whatever an editor writes in front matter.
UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script(data: dict[str, Any] | None) -> Markup:
    """A JSON-LD script element, or nothing."""
    if data is None:
        return Markup("")
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(UNSAFE)
    return Markup(f'<script type="application/ld+json">\n{text}\n</script>')


def publisher(config: SiteConfig) -> dict[str, Any]:
    """The site as the publishing organisation, with its logo when it has one."""
    data = {"@type": "Organization", "name": config.title, "url": absolute(config, "")}
    if config.brand.logo is not None:
        data["logo"] = absolute(config, config.brand.logo.src)
    return data


def person(name: str, url: str | None = None) -> dict[str, Any]:
    """A person by name, with the URL of their page if they have one."""
    data: dict[str, Any] = {"@type": "Person", "name": name}
    if url:
        data["url"] = url
    return data


def author_ld(config: SiteConfig, author: Author) -> dict[str, Any]:
    """A declared author as a Person: their page, Chinese name, role and affiliation."""
    data = person(author.name, absolute(config, author.path))
    if author.name_zh:
        data["alternateName"] = {"@language": "zh-Hans", "@value": author.name_zh}
    if author.role:
        data["jobTitle"] = author.role
    if author.affiliation:
        data["affiliation"] = {"@type": "Organization", "name": author.affiliation}
    return data


def authors(config: SiteConfig, people: Sequence[Author]) -> list[dict[str, Any]]:
    """The authors of an article or issue, or the site's organisation (with its URL) when
    none is named."""
    return [author_ld(config, author) for author in people] or [publisher(config)]


def dates(day: dt.date, publish_at: dt.datetime | None) -> dict[str, str]:
    """datePublished and dateModified as date-times with an offset."""
    moment = published(day, publish_at).isoformat()
    return {"datePublished": moment, "dateModified": moment}


def breadcrumbs(config: SiteConfig, trail: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """A BreadcrumbList from the home page down, given as (name, site path) pairs."""
    crumbs = [(config.title, ""), *trail]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": absolute(config, path)}
            for n, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def graph(*nodes: dict[str, Any]) -> dict[str, Any]:
    """Several top-level nodes of one page in a single JSON-LD document."""
    return {"@context": CONTEXT, "@graph": list(nodes)}


def image(config: SiteConfig, issue: Issue) -> dict[str, Any]:
    """The issue's image as an absolute URL, if it has one."""
    return {"image": [absolute(config, issue.image.src)]} if issue.image else {}


def archive_trail(config: SiteConfig, issue: Issue) -> list[tuple[str, str]]:
    """Where an issue sits: the archive, then the issue."""
    return [(own_name(config, "Archive"), "archive/"), (issue.title, issue.path)]


def own_name(config: SiteConfig, message: str) -> str:
    """A name of the site's own pages, in the site's language."""
    return translations(config.language).gettext(message)


def website(config: SiteConfig) -> dict[str, Any]:
    """The home page: the site itself."""
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": config.title,
        "description": config.description,
        "url": absolute(config, ""),
        "inLanguage": config.language,
    }


def chinese_title_and_date(title_zh: str | None, date: dt.date | None) -> dict[str, Any]:
    """The Legislation properties an article's document and a document page share."""
    data: dict[str, Any] = {}
    if title_zh:
        data["alternateName"] = {"@language": "zh-Hans", "@value": title_zh}
    if date:
        data["legislationDate"] = date.isoformat()
    return data


def facts_ld(facts: Facts) -> dict[str, Any]:
    """A document's type, number and dates as Legislation properties."""
    data: dict[str, Any] = {}
    if facts.type:
        data["legislationType"] = facts.type.name
    if facts.number:
        data["legislationIdentifier"] = facts.number
    if facts.published:
        data["datePublished"] = facts.published.isoformat()
    if facts.expires:
        data["expires"] = facts.expires.isoformat()
    if facts.draft:
        data["creativeWorkStatus"] = "Draft"
    return data


def legal_force(status: Status | None) -> dict[str, Any]:
    """legislationLegalForce: InForce while in force, NotInForce in every other known status."""
    if status is None:
        return {}
    force = "InForce" if status.kind == "in-force" else "NotInForce"
    return {"legislationLegalForce": f"https://schema.org/{force}"}


def document(doc: Document) -> dict[str, Any]:
    """A policy document as schema.org Legislation, with its issuing bodies."""
    data: dict[str, Any] = {"@type": "Legislation", "name": doc.title}
    data.update(chinese_title_and_date(doc.title_zh, doc.facts.issued or doc.date))
    data.update(facts_ld(doc.facts))
    if doc.url:
        data["url"] = doc.url
    if doc.bodies:
        data["legislationPassedBy"] = [
            {"@type": "GovernmentOrganization", "name": body.full_name} for body in doc.bodies
        ]
    return data


def legislation(
    config: SiteConfig, record: DocumentRecord, status: Status | None = None
) -> dict[str, Any]:
    """A document page: the document as Legislation, its bodies as publishers, its facts
    and its legal force on the build's day."""
    data: dict[str, Any] = {
        "@type": "Legislation",
        "@id": absolute(config, record.path),
        "name": record.title,
        "mainEntityOfPage": absolute(config, record.path),
    }
    data.update(chinese_title_and_date(record.title_zh, record.facts.issued or record.date))
    data.update(facts_ld(record.facts))
    data.update(legal_force(status))
    if record.url:
        data["sameAs"] = record.url
    if record.bodies:
        data["publisher"] = [
            {"@type": "GovernmentOrganization", "name": body.full_name, "alternateName": body.name}
            for body in record.bodies
        ]
    if record.follows:
        data["isBasedOn"] = absolute(config, f"documents/{record.follows}/")
        if record.replaces:
            data["legislationChanges"] = absolute(config, f"documents/{record.follows}/")
    trail = [(own_name(config, "Policy documents"), "documents/"), (record.title, record.path)]
    return graph(data, breadcrumbs(config, trail))


def news_article(config: SiteConfig, issue: Issue, article: Article) -> dict[str, Any]:
    """An article as NewsArticle, the documents it discusses as its subject and citations."""
    documents = [document(doc) for doc in article.documents]
    data: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": article.title,
        "description": strip_tags(article.summary_html),
        **image(config, issue),
        **dates(issue.date, article.publish_at or issue.publish_at),
        "url": absolute(config, article.path),
        "mainEntityOfPage": absolute(config, article.path),
        "inLanguage": article.language or config.language,  # untranslated: the original's
        "author": authors(config, article.authors),
        "publisher": publisher(config),
        "isPartOf": {
            "@type": "CreativeWork",
            "name": issue.title,
            "url": absolute(config, issue.path),
        },
        "keywords": [term.name for term in (*article.sectors, *article.bodies)],
    }
    if documents:
        data["about"] = documents
        data["citation"] = documents
    trail = [*archive_trail(config, issue), (article.title, article.path)]
    return graph(data, breadcrumbs(config, trail))


def issue_ld(config: SiteConfig, issue: Issue) -> dict[str, Any]:
    """An issue as a NewsArticle made of its Top items."""
    data: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": issue.title,
        **image(config, issue),
        **dates(issue.date, issue.publish_at),
        "url": absolute(config, issue.path),
        "mainEntityOfPage": absolute(config, issue.path),
        "inLanguage": config.language,
        "author": authors(config, issue.authors),
        "publisher": publisher(config),
        "hasPart": [
            {"@type": "NewsArticle", "headline": a.title, "url": absolute(config, a.path)}
            for a in issue.articles
        ],
    }
    if issue.summary_html:
        data["description"] = strip_tags(issue.summary_html)
    return graph(data, breadcrumbs(config, archive_trail(config, issue)))


def web_page(config: SiteConfig, page: Page) -> dict[str, Any]:
    """A free-standing page such as About."""
    return {
        "@context": CONTEXT,
        "@type": "AboutPage" if page.slug == "about" else "WebPage",
        "name": page.title,
        "url": absolute(config, page.path),
    }
