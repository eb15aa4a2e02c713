"""Routes: every output of the site, each page with its template and the values it shows.

A route names what a page's template receives, and nothing else: the page's re-render
key is made from those same values (see renderer.py), so the two are side by side by
construction. Routes only route, paginate and format; everything compared across the
archive is already on the Site.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import NamedTuple, TypeVar

from ..errors import Problem
from ..model import DocumentRecord, Issue, Site, SiteConfig, TermPage
from ..outputs import Output
from .formats import jsonld
from .formats.cite import cite_article, cite_document
from .formats.email import issue_email
from .formats.feeds import FEED_ENTRIES, Feed, site_feed, term_feed
from .formats.opendata import articles_data, documents_csv, documents_data, schema, to_json
from .formats.pdf import issue_pdf
from .images import SETTINGS, resize_all, variants
from .keys import Later
from .paginate import paginate
from .renderer import Renderer

T = TypeVar("T")
HOME_ISSUES = 11  # the latest issue in full, then ten more


class Plan(NamedTuple):
    """The site planned: each output file, any problems, and each page's fingerprint."""

    files: dict[str, Output]
    problems: list[Problem]
    fingerprints: dict[str, str]


def render(
    site: Site,
    templates: Path,
    previous: Mapping[str, str] | None = None,
    cache: Path | None = None,
) -> Plan:
    """Every page, feed and copied file of the site, by output path, with the fingerprints
    of the pages; a page whose fingerprint is in `previous` is reused, not rendered.
    Compiled templates are kept in the `cache` folder, when there is one."""
    r = Renderer(site, templates, previous or {}, cache)
    route_site_pages(r)
    for issue in site.issues:
        route_issue(r, issue)
    route_terms(r)
    route_documents(r)
    route_open_data(r)
    r.out.add("sitemap.xml", r.text("sitemap.xml", paths=sitemap_paths(r)).encode(), "sitemap")
    r.out.add("robots.txt", r.text("robots.txt").encode(), "robots.txt")
    for hashed, source in r.assets.values():
        r.out.add(f"static/{hashed}", source, source)
    logo = site.config.brand.logo
    if logo is not None:
        r.out.add(logo.src.removeprefix(site.config.base_path), logo.source, "site.yaml brand")
    return Plan(r.out.files, r.out.problems, r.fingerprints)


def route_site_pages(r: Renderer) -> None:
    """The home page, archive, search, 404, free-standing pages and the site feed."""
    site, config = r.site, r.site.config
    home = site.issues[:HOME_ISSUES]
    r.page("", "home.html", "home page", issues=home, ld=jsonld.website(config))
    r.page("archive/", "archive.html", "archive page", archive=site.archive)
    r.page("search/", "search.html", "search page")
    r.page("404.html", "404.html", "404 page")
    for page in site.pages:
        r.page(page.path, "page.html", page.source, page=page, ld=jsonld.web_page(config, page))
    r.feeds("", partial(issues_feed, r), "site feed", issues=site.issues[:FEED_ENTRIES])


def issues_feed(r: Renderer, issues: tuple[Issue, ...]) -> Feed:
    """The site feed: each recent issue in full."""
    return site_feed(r.site.config, issues, lambda issue: r.text("_feed_issue.html", issue=issue))


def route_issue(r: Renderer, issue: Issue) -> None:
    """An issue page, its article pages, its email and the files published beside it."""
    site, config = r.site, r.site.config
    ld = Later(jsonld.issue_ld, config, issue)
    r.page(issue.path, "issue.html", issue.source, issue=issue, ld=ld)
    for before, article, after in neighbours(issue.articles):
        r.page(
            article.path,
            "article.html",
            article.source,
            issue=issue,
            article=article,
            previous=before,
            next=after,
            also=site.also_covered.get(article.path, ()),
            earlier=site.earlier.get(article.path, ()),
            citation=Later(cite_article, config, issue, article),
            ld=Later(jsonld.news_article, config, issue, article),
        )
    targets = tuple(f"{issue.path}email.{suffix}" for suffix in ("html", "txt", "eml"))
    r.files(targets, "email", partial(email_parts, r), issue.source, {"issue": issue})
    r.files((issue.pdf,), "pdf", partial(pdf_edition, r), issue.source, {"issue": issue})
    route_images(r, issue)
    for asset in issue.assets:
        relative = asset.relative_to(issue.source.parent).as_posix()
        r.out.add(f"{issue.path}{relative}", asset, asset)


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
    return (issue_pdf(html, r.site.config, pdf_files(r, issue)),)


def pdf_files(r: Renderer, issue: Issue) -> dict[str, Path]:
    """The files a PDF edition may show, by site path: the stylesheets and the issue's
    own files (nothing is fetched from the network)."""
    files = {f"static/{hashed}": source for hashed, source in r.assets.values()}
    folder = issue.source.parent
    files.update({f"{issue.path}{a.relative_to(folder).as_posix()}": a for a in issue.assets})
    logo = r.site.config.brand.logo
    if logo is not None:
        files[logo.src.removeprefix(r.site.config.base_path)] = logo.source
    return files


def email_parts(r: Renderer, issue: Issue) -> tuple[bytes, bytes, bytes]:
    """The bytes of email.html, email.txt and email.eml."""
    mail = issue_email(r.site.config, issue, r.env)
    return mail.html, mail.text, mail.eml


def route_terms(r: Renderer) -> None:
    """The index pages, then every term's pages and feeds."""
    site = r.site
    for kind, groups in (("sectors", site.sector_groups), ("bodies", site.body_groups)):
        r.page(f"{kind}/", "terms.html", f"{kind} index", kind=kind, groups=groups)
    for term_page in (*site.sectors, *site.bodies):
        route_term(r, term_page)


def route_term(r: Renderer, term_page: TermPage) -> None:
    """A term's pages of entries and its feeds."""
    term = term_page.term
    origin = f"{term.taxonomy} '{term.slug}'"
    for listing in paginate(term_page.entries, term.path):
        r.page(
            listing.path,
            "term.html",
            origin,
            term=term,
            count=term_page.count,
            related=term_page.related,
            months=term_page.months,
            listing=listing,
        )
    recent = term_page.entries[:FEED_ENTRIES]
    r.feeds(term.path, partial(term_feed, r.site.config), origin, term=term, recent=recent)


def route_documents(r: Renderer) -> None:
    """The documents index and one page per policy document."""
    site = r.site
    by_id = {record.id: record for record in site.documents}
    r.page(
        "documents/",
        "documents.html",
        "documents index",
        documents=site.documents,
        filters=site.document_filters,
    )
    for record in site.documents:
        r.page(
            record.path,
            "document.html",
            f"document '{record.id}'",
            record=record,
            mentions=site.mentions.get(record.id, ()),
            lineage=tuple(by_id[key] for key in record.lineage),
            related=site.related_documents.get(record.id, ()),
            citation=Later(cite_document, site.config, record),
            ld=Later(jsonld.legislation, site.config, record),
        )


def route_open_data(r: Renderer) -> None:
    """The documents and articles as JSON and CSV, with the schemas that describe them."""
    site = r.site
    documents = ("data/documents.json", "data/documents.csv")
    values = {"config": site.config, "records": site.documents}
    r.files(documents, "open data", documents_files, "open data", values, large=True)
    values = {"config": site.config, "issues": site.issues}
    r.files(("data/articles.json",), "open data", articles_file, "open data", values, large=True)
    for name in ("documents", "articles"):
        r.out.add(f"data/schema/{name}.schema.json", schema(name, site.config), "open data")


def documents_files(config: SiteConfig, records: tuple[DocumentRecord, ...]) -> tuple[bytes, bytes]:
    """data/documents.json and data/documents.csv."""
    documents = documents_data(config, records)
    return to_json(documents, "documents", config), documents_csv(documents)


def articles_file(config: SiteConfig, issues: tuple[Issue, ...]) -> tuple[bytes]:
    """data/articles.json."""
    return (to_json(articles_data(config, issues), "articles", config),)


def sitemap_paths(r: Renderer) -> list[str]:
    """Every HTML page but the 404, in path order."""
    pages = (path for path in r.out.files if path.endswith("index.html"))
    return sorted(path.removesuffix("index.html") for path in pages)


def neighbours(items: Sequence[T]) -> Iterator[tuple[T | None, T, T | None]]:
    """Each item with the one before and after it."""
    for index, item in enumerate(items):
        before = items[index - 1] if index > 0 else None
        after = items[index + 1] if index + 1 < len(items) else None
        yield before, item, after
