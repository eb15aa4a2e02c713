"""Routes of one issue: its page, its articles' pages and citation records, its email,
its PDF edition, and the files and images published beside it.

As in routes.py, each page is given by its template and the values it shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import NamedTuple, TypeVar
from urllib.parse import urlsplit

from ..model import Document, DocumentRecord, Facts, Issue, Site, Status, root_url
from .document_routes import route_csl
from .formats import jsonld
from .formats.cite import cite_article
from .formats.csl import csl_article
from .formats.email import issue_email
from .formats.pdf import PdfReady, issue_pdf
from .images import SETTINGS, resize_all, variants
from .keys import Later
from .renderer import Renderer

T = TypeVar("T")


class Tracked(NamedTuple):
    """What a source box shows of a document besides what its article wrote: the facts
    every article gave together, and its status on the build's day."""

    facts: Facts
    status: Status | None


def issue_inputs(
    site: Site, records: Mapping[str, DocumentRecord], issue: Issue
) -> tuple[Issue, tuple[tuple[str, Tracked], ...], tuple[tuple, ...], tuple[tuple, ...]]:
    """What route_issue reads of the site: the issue, what is tracked of its documents,
    and each article's other coverage and earlier articles on its documents."""
    documents = (doc for article in issue.articles for doc in article.documents)
    known = {doc.id: Tracked(records[doc.id].facts, site.statuses.get(doc.id)) for doc in documents}
    also = tuple(site.also_covered.get(article.path, ()) for article in issue.articles)
    earlier = tuple(site.earlier.get(article.path, ()) for article in issue.articles)
    return issue, tuple(known.items()), also, earlier


def route_issue(
    r: Renderer,
    issue: Issue,
    known: tuple[tuple[str, Tracked], ...],
    also: tuple[tuple, ...],
    earlier: tuple[tuple, ...],
) -> None:
    """An issue page, its article pages, its email and the files published beside it,
    from `issue_inputs`."""
    table = dict(known)
    documents = (doc for article in issue.articles for doc in article.documents)
    ld = Later(jsonld.issue_ld, r.site.config, issue)
    tracking = tracked(table, documents)
    r.page(issue.path, "issue.html", issue.source, issue=issue, tracked=tracking, ld=ld)
    route_articles(r, issue, table, also, earlier)
    route_issue_files(r, issue)


def route_articles(
    r: Renderer,
    issue: Issue,
    table: Mapping[str, Tracked],
    also: tuple[tuple, ...],
    earlier: tuple[tuple, ...],
) -> None:
    """Each article's page and citation record."""
    config = r.site.config
    for index, (before, article, after) in enumerate(neighbours(issue.articles)):
        r.page(
            article.path,
            "article.html",
            article.source,
            issue=issue,
            article=article,
            previous=before,
            next=after,
            also=also[index],
            earlier=earlier[index],
            tracked=tracked(table, article.documents),
            citation=Later(cite_article, config, issue, article, r.memo),
            ld=Later(jsonld.news_article, config, issue, article),
        )
        record = Later(csl_article, config, issue, article)
        route_csl(r, f"{article.path}cite.json", article.source, record)


def route_issue_files(r: Renderer, issue: Issue) -> None:
    """An issue's email, its PDF edition, and the files and images published beside it."""
    targets = tuple(f"{issue.path}email.{suffix}" for suffix in ("html", "txt", "eml"))
    r.files(targets, "email", partial(email_parts, r), issue.source, {"issue": issue})
    pdf = partial(pdf_edition, r)
    ready = PdfReady(r.assets["style.css"][1], root_url(r.site.config))
    r.files((issue.pdf,), "pdf", pdf, issue.source, {"issue": issue}, slow=True, ready=ready)
    route_images(r, issue)
    for asset in issue.assets:
        relative = asset.relative_to(issue.source.parent).as_posix()
        r.copy(f"{issue.path}{relative}", asset, asset)


def tracked(table: Mapping[str, Tracked], documents: Iterable[Document]) -> dict[str, Tracked]:
    """Document id -> its facts and status, for the source boxes of these documents."""
    return {doc.id: table[doc.id] for doc in documents}


def route_images(r: Renderer, issue: Issue) -> None:
    """The resized files of the issue's hero image and its articles' images."""
    base_path = r.site.config.base_path
    images = (issue.image, *(article.image for article in issue.articles))
    for image in images:
        if image is None or image.file is None or not image.file.raster:
            continue
        targets = tuple(variant.path for variant in variants(image.file, base_path))
        make = partial(resize_all, base_path=base_path, cache=r.cache)
        r.files(targets, f"images:{SETTINGS}", make, image.file.source, {"picture": image.file})


def pdf_edition(r: Renderer, issue: Issue) -> tuple[bytes]:
    """The bytes of the issue's PDF edition."""
    html = r.text("pdf/issue.html", issue=issue, page_path=issue.path)
    # Files are named from the site's root: an edition's own (de/static/…) and those it
    # shares with the default one (an issue's images, the logo).
    root = replace(r.site.config, base_url=root_url(r.site.config))
    stylesheet = r.assets["style.css"][1]
    maker = r.printer.make if r.printer else None
    slot = r.out.prefix + issue.pdf
    made = issue_pdf(html, root, pdf_files(r, issue), stylesheet, r.memo, slot, maker)
    return (made,)


def pdf_files(r: Renderer, issue: Issue) -> dict[str, Path]:
    """The files a PDF edition may show, by site path: the stylesheets and the issue's
    own files (nothing is fetched from the network)."""
    prefix = r.out.prefix
    files = {f"{prefix}static/{hashed}": source for hashed, source in r.assets.values()}
    folder = issue.source.parent
    for asset in issue.assets:
        relative = f"{issue.path}{asset.relative_to(folder).as_posix()}"
        files.update({relative: asset, f"{prefix}{relative}": asset})
    logo = r.site.config.brand.logo
    if logo is not None:
        files[logo.src.removeprefix(urlsplit(root_url(r.site.config)).path)] = logo.source
    return files


def email_parts(r: Renderer, issue: Issue) -> tuple[bytes, bytes, bytes]:
    """The bytes of email.html, email.txt and email.eml."""
    mail = issue_email(r.site.config, issue, r.env)
    return mail.html, mail.text, mail.eml


def neighbours(items: Sequence[T]) -> Iterator[tuple[T | None, T, T | None]]:
    """Each item with the one before and after it."""
    for index, item in enumerate(items):
        before = items[index - 1] if index > 0 else None
        after = items[index + 1] if index + 1 < len(items) else None
        yield before, item, after
