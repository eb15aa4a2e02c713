"""Structured data of the author pages: each author's page a ProfilePage whose main entity
is the Person, and the authors index a CollectionPage of them."""

from __future__ import annotations

from typing import Any

from ...model import Author, AuthorPage, Entry, SiteConfig
from ..paginate import Listing
from ..urls import absolute
from .feeds import strip_tags
from .jsonld import author_ld, breadcrumbs, graph
from .jsonld_lists import collection_page

TRAIL = ("Authors", "authors/")  # as the authors index calls itself


def person_in_full(config: SiteConfig, author: Author) -> dict[str, Any]:
    """The Person an author's page is about: as bylines give them, with bio, photo and the
    profiles their links lead to."""
    data = author_ld(config, author)
    if author.bio_html:
        data["description"] = " ".join(strip_tags(author.bio_html).split())
    if author.photo is not None:
        data["image"] = absolute(config, author.photo.src)
    profiles = [link.url for link in author.links if link.url.startswith(("http:", "https:"))]
    if profiles:
        data["sameAs"] = profiles
    return data


def profile_page(config: SiteConfig, author: Author, listing: Listing[Entry]) -> dict[str, Any]:
    """One page of an author's articles: a ProfilePage about them, with its breadcrumbs."""
    trail = [TRAIL, (author.name, author.path)]
    if listing.number > 1:
        trail.append((f"{author.name}, page {listing.number}", listing.path))
    page = {
        "@type": "ProfilePage",
        "name": trail[-1][0],
        "url": absolute(config, listing.path),
        "inLanguage": config.language,
        "mainEntity": person_in_full(config, author),
        "hasPart": [
            {
                "@type": "NewsArticle",
                "headline": entry.article.title,
                "url": absolute(config, entry.article.path),
            }
            for entry in listing.items
            if entry.article is not None
        ],
    }
    return graph(page, breadcrumbs(config, trail))


def authors_index(config: SiteConfig, pages: tuple[AuthorPage, ...]) -> dict[str, Any]:
    """/authors/: every declared author, in the order they are declared."""
    people = [(page.author.name, page.author.path) for page in pages]
    return collection_page(config, [TRAIL], people)
