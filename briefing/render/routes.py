"""Routes: every output of the site, each page with its template and the values it shows.

A route names what a page's template receives, and nothing else: the page's re-render
key is made from those same values (see renderer.py), so the two are side by side by
construction. Routes only route, paginate and format; everything compared across the
archive is already on the Site.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import NamedTuple, TypeVar
from urllib.parse import urlsplit

from ..carry import NO_CARRY, Carry
from ..errors import Problem
from ..model import (
    Document,
    DocumentRecord,
    Facts,
    Issue,
    Site,
    Status,
    TermPage,
    language_folder,
    root_url,
)
from ..outputs import Output, SearchShard
from .author_routes import route_authors
from .document_routes import ics_file, route_calendar, route_csl, route_documents, route_open_data
from .editions import page_languages, sitemap_entries
from .formats import jsonld, jsonld_lists
from .formats.cite import cite_article
from .formats.csl import csl_article
from .formats.email import issue_email
from .formats.feeds import FEED_ENTRIES, Feed, site_feed, term_feed
from .formats.pdf import PdfReady, issue_pdf
from .formats.printer import Printer
from .formats.search import search_bundles
from .formats.searchnames import names_table
from .formats.searchplan import plan_search
from .i18n import translations
from .images import SETTINGS, resize_all, variants
from .keys import Later
from .outputs import Outputs
from .paginate import paginate
from .renderer import Renderer

T = TypeVar("T")
HOME_ISSUES = 11  # the latest issue in full, then ten more


class Tracked(NamedTuple):
    """What a source box shows of a document besides what its article wrote: the facts
    every article gave together, and its status on the build's day."""

    facts: Facts
    status: Status | None


class Plan(NamedTuple):
    """The site planned: each output file, any problems, each page's fingerprint, and each
    edition's search index in shards, by the edition's folder ("", "de/")."""

    files: dict[str, Output]
    problems: list[Problem]
    fingerprints: dict[str, str]
    search: tuple[tuple[str, tuple[SearchShard, ...]], ...]


def render(
    site: Site,
    templates: Path,
    previous: Mapping[str, str] | None = None,
    cache: Path | None = None,
    editions: Sequence[Site] = (),
    printer: Printer | None = None,
    carry: Carry = NO_CARRY,
) -> Plan:
    """Every page, feed and copied file of the site, by output path, with the fingerprints
    of the pages; a page whose fingerprint is in `previous` is reused, not rendered.
    Compiled templates are kept in the `cache` folder, when there is one. `editions` are
    the site in its other languages, each rendered under its folder (de/); a `printer`
    lays out their PDF editions; a `carry` (the preview's) keeps the keys of page values
    from one rebuild to the next."""
    sites = (site, *editions)
    prefixes = ["", *(language_folder(s.config.language) for s in editions)]
    renderers = [
        Renderer(s, templates, previous or {}, cache, p, printer, carry)
        for s, p in zip(sites, prefixes, strict=True)
    ]
    for r in renderers:
        route_edition(r)
    paths = {r.site.config.language: r.paths() for r in renderers}
    languages = page_languages(sites, paths)
    out = Outputs()
    fingerprints: dict[str, str] = {}
    for r in renderers:
        r.finish(partial(languages, r.site.config.language))
        out.merge(r.out)
        fingerprints.update(r.fingerprints)
    r = renderers[0]
    entries = sitemap_entries(sites, paths)
    out.add("sitemap.xml", r.text("sitemap.xml", entries=entries).encode(), "sitemap")
    out.add("robots.txt", r.text("robots.txt").encode(), "robots.txt")
    logo = site.config.brand.logo
    if logo is not None:
        out.add(logo.src.removeprefix(site.config.base_path), logo.source, "site.yaml brand")
    search = tuple((r.out.prefix, plan_search(r.site, r.keys, r.base)) for r in renderers)
    return Plan(out.files, out.problems, fingerprints, search)


def route_edition(r: Renderer) -> None:
    """Every page and file of one edition (each under its folder)."""
    site = r.site
    route_site_pages(r)
    records = {record.id: record for record in site.documents}
    for issue in site.issues:
        route_issue(r, issue, records)
    route_terms(r)
    route_authors(r)
    route_documents(r)
    route_calendar(r)
    route_open_data(r)
    for hashed, source in r.assets.values():
        r.out.add(f"static/{hashed}", source, source)


def route_site_pages(r: Renderer) -> None:
    """The home page, archive, search, 404, free-standing pages and the site feed."""
    site, config = r.site, r.site.config
    home = site.issues[:HOME_ISSUES]
    r.page("", "home.html", "home page", issues=home, ld=jsonld.website(config))
    ld = Later(jsonld_lists.archive, config, site.archive)
    r.page("archive/", "archive.html", "archive page", archive=site.archive, ld=ld)
    terms = Later(names_table, tuple(page.term for page in (*site.sectors, *site.bodies)))
    r.page("search/", "search.html", "search page", terms=terms, bundles=search_bundles(site))
    r.page("404.html", "404.html", "404 page")
    for page in site.pages:
        r.page(page.path, "page.html", page.source, page=page, ld=jsonld.web_page(config, page))
    r.feeds("", partial(issues_feed, r), "site feed", issues=site.issues[:FEED_ENTRIES])


def issues_feed(r: Renderer, issues: tuple[Issue, ...]) -> Feed:
    """The site feed: each recent issue in full."""
    return site_feed(r.site.config, issues, lambda issue: r.text("_feed_issue.html", issue=issue))


def route_issue(r: Renderer, issue: Issue, records: Mapping[str, DocumentRecord]) -> None:
    """An issue page, its article pages, its email and the files published beside it."""
    site, config = r.site, r.site.config
    ld = Later(jsonld.issue_ld, config, issue)
    documents = (doc for article in issue.articles for doc in article.documents)
    r.page(
        issue.path,
        "issue.html",
        issue.source,
        issue=issue,
        tracked=tracked(site, records, documents),
        ld=ld,
    )
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
            tracked=tracked(site, records, article.documents),
            citation=Later(cite_article, config, issue, article, r.memo),
            ld=Later(jsonld.news_article, config, issue, article),
        )
        record = Later(csl_article, config, issue, article)
        route_csl(r, f"{article.path}cite.json", article.source, record)
    targets = tuple(f"{issue.path}email.{suffix}" for suffix in ("html", "txt", "eml"))
    r.files(targets, "email", partial(email_parts, r), issue.source, {"issue": issue})
    pdf = partial(pdf_edition, r)
    ready = PdfReady(r.assets["style.css"][1], root_url(r.site.config))
    r.files((issue.pdf,), "pdf", pdf, issue.source, {"issue": issue}, slow=True, ready=ready)
    route_images(r, issue)
    for asset in issue.assets:
        relative = asset.relative_to(issue.source.parent).as_posix()
        r.out.add(f"{issue.path}{relative}", asset, asset)


def tracked(
    site: Site, records: Mapping[str, DocumentRecord], documents: Iterable[Document]
) -> dict[str, Tracked]:
    """Document id -> its facts and status, for the source boxes of these documents."""
    return {doc.id: Tracked(records[doc.id].facts, site.statuses.get(doc.id)) for doc in documents}


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


def route_terms(r: Renderer) -> None:
    """The index pages, then every term's pages and feeds."""
    site = r.site
    for kind, groups in (("sectors", site.sector_groups), ("bodies", site.body_groups)):
        ld = Later(jsonld_lists.terms_index, site.config, kind, groups)
        r.page(f"{kind}/", "terms.html", f"{kind} index", kind=kind, groups=groups, ld=ld)
    for term_page in (*site.sectors, *site.bodies):
        route_term(r, term_page)


def route_term(r: Renderer, term_page: TermPage) -> None:
    """A term's pages of entries and its feeds."""
    term = term_page.term
    origin = f"{term.taxonomy} '{term.slug}'"
    events = r.site.term_events.get(term.path, ())
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
            ld=Later(jsonld_lists.term_listing, r.site.config, term, listing),
            calendar=bool(events),
        )
    recent = term_page.entries[:FEED_ENTRIES]
    r.feeds(term.path, partial(term_feed, r.site.config), origin, term=term, recent=recent)
    if events:
        calendar = translations(r.site.config.language).gettext("%(title)s: %(name)s calendar")
        name = calendar % {"title": r.site.config.title, "name": term.full_name}
        values = {"config": r.site.config, "events": events, "name": name}
        r.files((f"{term.path}calendar.ics",), "ics", ics_file, origin, values)


def neighbours(items: Sequence[T]) -> Iterator[tuple[T | None, T, T | None]]:
    """Each item with the one before and after it."""
    for index, item in enumerate(items):
        before = items[index - 1] if index > 0 else None
        after = items[index + 1] if index + 1 < len(items) else None
        yield before, item, after
