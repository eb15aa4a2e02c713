"""Routes of the people who write the briefing: the authors index, each author's pages of
articles (paginated like a term's), their feeds and their photo.

As in routes.py, each page is given by its template and the values it shows.
"""

from __future__ import annotations

from functools import partial

from ..model import Author, AuthorPage, Entry, SiteConfig
from .formats import jsonld_authors
from .formats.feeds import FEED_ENTRIES, Feed, article_entry, strip_tags
from .images import SETTINGS, resize_all, variants
from .keys import Later
from .paginate import paginate
from .renderer import Renderer
from .urls import absolute


def route_authors(r: Renderer) -> None:
    """The authors index and every declared author's pages; nothing for a site without."""
    site = r.site
    if not site.authors:
        return
    ld = Later(jsonld_authors.authors_index, site.config, site.authors)
    r.page("authors/", "authors.html", "authors index", authors=site.authors, ld=ld)
    for page in site.authors:
        route_author(r, page)


def route_author(r: Renderer, page: AuthorPage) -> None:
    """An author's pages of articles, newest first, their feeds and their photo."""
    author, config = page.author, r.site.config
    origin = f"author '{author.slug}'"
    for listing in paginate(page.entries, author.path):
        r.page(
            listing.path,
            "author.html",
            origin,
            author=author,
            articles=len(page.entries),
            issues=page.issues,
            listing=listing,
            ld=Later(jsonld_authors.profile_page, config, author, listing),
        )
    recent = page.entries[:FEED_ENTRIES]
    r.feeds(author.path, partial(author_feed, config), origin, author=author, recent=recent)
    route_photo(r, author, origin)


def route_photo(r: Renderer, author: Author, origin: str) -> None:
    """An author's photo as it was given and, for a raster one, in the widths pages use."""
    picture = author.photo.file if author.photo is not None else None
    if picture is None:
        return
    base_path = r.site.config.base_path
    path = picture.src.removeprefix(base_path)
    if path in r.out.files:  # two authors may share a picture (a team's logo)
        return
    r.out.add(path, picture.source, picture.source)
    if picture.raster:
        targets = tuple(variant.path for variant in variants(picture, base_path))
        make = partial(resize_all, base_path=base_path, cache=r.cache)
        r.files(targets, f"images:{SETTINGS}", make, picture.source, {"picture": picture})


def author_feed(config: SiteConfig, author: Author, recent: tuple[Entry, ...]) -> Feed:
    """The latest articles an author wrote, in full, newest first."""
    entries = tuple(article_entry(config, entry) for entry in recent[:FEED_ENTRIES])
    description = author.role or " ".join(strip_tags(author.bio_html).split())
    title = f"{config.title}: {author.name}"
    return Feed(author.path, title, description, absolute(config, author.path), entries)
