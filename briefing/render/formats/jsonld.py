"""Structured data (schema.org JSON-LD) for search engines, safe inside a <script> element."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from markupsafe import Markup

from ...model import Article, Document, DocumentRecord, Issue, Page, SiteConfig
from ..urls import absolute
from .feeds import strip_tags

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


def website(config: SiteConfig) -> dict[str, Any]:
    """The home page: the site itself."""
    return {
        "@context": "https://schema.org",
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


def document(doc: Document) -> dict[str, Any]:
    """A policy document as schema.org Legislation, with its issuing bodies."""
    data: dict[str, Any] = {"@type": "Legislation", "name": doc.title}
    data.update(chinese_title_and_date(doc.title_zh, doc.date))
    if doc.url:
        data["url"] = doc.url
    if doc.bodies:
        data["legislationPassedBy"] = [
            {"@type": "GovernmentOrganization", "name": body.full_name} for body in doc.bodies
        ]
    return data


def legislation(config: SiteConfig, record: DocumentRecord) -> dict[str, Any]:
    """A document page: the document as Legislation, its bodies as publishers."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": absolute(config, record.path),
        "name": record.title,
        "mainEntityOfPage": absolute(config, record.path),
    }
    data.update(chinese_title_and_date(record.title_zh, record.date))
    if record.url:
        data["sameAs"] = record.url
    if record.bodies:
        data["publisher"] = [
            {"@type": "GovernmentOrganization", "name": body.full_name, "alternateName": body.name}
            for body in record.bodies
        ]
    if record.follows:
        data["isBasedOn"] = absolute(config, f"documents/{record.follows}/")
    return data


def news_article(config: SiteConfig, issue: Issue, article: Article) -> dict[str, Any]:
    """An article as NewsArticle, the documents it discusses as its subject and citations."""
    documents = [document(doc) for doc in article.documents]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": strip_tags(article.summary_html),
        "datePublished": issue.date.isoformat(),
        "url": absolute(config, article.path),
        "mainEntityOfPage": absolute(config, article.path),
        "inLanguage": config.language,
        "author": [{"@type": "Person", "name": name} for name in issue.authors],
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
    return data


def issue_ld(config: SiteConfig, issue: Issue) -> dict[str, Any]:
    """An issue as a NewsArticle made of its Top items."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": issue.title,
        "datePublished": issue.date.isoformat(),
        "url": absolute(config, issue.path),
        "inLanguage": config.language,
        "author": [{"@type": "Person", "name": name} for name in issue.authors],
        "publisher": publisher(config),
        "hasPart": [
            {"@type": "NewsArticle", "headline": a.title, "url": absolute(config, a.path)}
            for a in issue.articles
        ],
    }
    if issue.summary_html:
        data["description"] = strip_tags(issue.summary_html)
    if issue.image:
        data["image"] = absolute(config, issue.image.src)
    return data


def web_page(config: SiteConfig, page: Page) -> dict[str, Any]:
    """A free-standing page such as About."""
    return {
        "@context": "https://schema.org",
        "@type": "AboutPage" if page.slug == "about" else "WebPage",
        "name": page.title,
        "url": absolute(config, page.path),
    }
