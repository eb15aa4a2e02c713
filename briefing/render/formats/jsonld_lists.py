"""Structured data of the listing pages: a CollectionPage whose main entity is an ItemList
of the entries it lists, with its breadcrumbs (the archive, the index pages, tag pages)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...model import DocumentRecord, Entry, SiteConfig, Term, TermGroup, Year
from ..i18n import N_, translations
from ..paginate import Listing
from ..urls import absolute
from .feeds import shorten, strip_tags
from .jsonld import CONTEXT, breadcrumbs, own_name

SECTIONS = {"sectors": N_("Sectors"), "bodies": N_("Issuing bodies")}  # as the index pages say


def collection_page(
    config: SiteConfig,
    trail: Sequence[tuple[str, str]],
    items: Sequence[tuple[str, str]],
) -> dict[str, Any]:
    """A listing page, the last step of `trail`, listing `items` as (name, site URL) pairs."""
    name, path = trail[-1]
    return {
        "@context": CONTEXT,
        "@type": "CollectionPage",
        "name": name,
        "url": absolute(config, path),
        "inLanguage": config.language,
        "isPartOf": {"@type": "WebSite", "name": config.title, "url": absolute(config, "")},
        "breadcrumb": breadcrumbs(config, trail),
        "mainEntity": {
            "@type": "ItemList",
            "numberOfItems": len(items),
            "itemListElement": [
                {"@type": "ListItem", "position": n, "name": title, "url": absolute(config, url)}
                for n, (title, url) in enumerate(items, start=1)
            ],
        },
    }


def archive(config: SiteConfig, years: tuple[Year, ...]) -> dict[str, Any]:
    """The archive: every issue, newest first."""
    issues = [(issue.title, issue.path) for year in years for issue in year.issues]
    return collection_page(config, [(own_name(config, "Archive"), "archive/")], issues)


def terms_index(config: SiteConfig, kind: str, groups: tuple[TermGroup, ...]) -> dict[str, Any]:
    """/sectors/ or /bodies/: every term in use, group by group."""
    terms = [(count.term.full_name, count.term.path) for group in groups for count in group.terms]
    return collection_page(config, [(own_name(config, SECTIONS[kind]), f"{kind}/")], terms)


def term_listing(config: SiteConfig, term: Term, listing: Listing[Entry]) -> dict[str, Any]:
    """One page of a term's entries: the articles and Noteworthy items it lists."""
    section = own_name(config, SECTIONS[term.taxonomy])
    trail = [(section, f"{term.taxonomy}/"), (term.full_name, term.path)]
    if listing.number > 1:
        page = translations(config.language).gettext("%(name)s, page %(n)s")
        trail.append((page % {"name": term.full_name, "n": listing.number}, listing.path))
    return collection_page(config, trail, [entry_item(entry) for entry in listing.items])


def entry_item(entry: Entry) -> tuple[str, str]:
    """An entry of a tag page as a name and the URL it links to."""
    if entry.article is not None:
        return entry.article.title, entry.article.path
    assert entry.item is not None
    return shorten(strip_tags(entry.item.text_html)), f"{entry.issue.path}#{entry.item.anchor}"


def documents_index(config: SiteConfig, records: tuple[DocumentRecord, ...]) -> dict[str, Any]:
    """/documents/: every policy document, newest first."""
    documents = [(record.title, record.path) for record in records]
    return collection_page(
        config, [(own_name(config, "Policy documents"), "documents/")], documents
    )
