"""Render the Site through Jinja templates into a map of output path to content."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cached_property, partial
from pathlib import Path
from typing import Any, TypeVar

import jinja2

from . import jsonld
from .activity import chart_svg
from .assets import static_assets
from .cache import CompiledTemplates
from .cite import cite_article, cite_document
from .content import code_version
from .dates import iso_date, long_date, month_day
from .errors import Problem
from .feeds import FEED_ENTRIES, Feed, json_feed, site_feed, term_feed
from .model import DocumentRecord, Entry, Issue, Site, SiteConfig
from .newsletter import environment as email_environment
from .newsletter import issue_email
from .opendata import articles_data, documents_csv, documents_data, schema, to_json
from .outputs import REUSED, Output, Outputs
from .paginate import paginate
from .related_documents import Coverage, document_filters, previously_covered, related_documents
from .search import cjk_search_terms
from .slugs import digest

T = TypeVar("T")
HOME_ISSUES = 11  # the latest issue in full, then ten more


def environment(
    templates: Path,
    config: SiteConfig,
    assets: dict[str, str],
    compiled: jinja2.BytecodeCache | None = None,
) -> jinja2.Environment:
    """The Jinja environment: strict about undefined names, escaping all HTML and XML."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        bytecode_cache=compiled,
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(config=config, url=lambda path="": config.base_path + path)
    env.globals["absolute_url"] = lambda path="": config.base_url + path
    env.globals["site_absolute"] = partial(jsonld.site_absolute, config)
    # Templates name assets by their plain name and get the content-hashed URL.
    env.globals["asset"] = lambda name: config.base_path + "static/" + assets[name]
    env.globals.update(json_ld=jsonld.script, chart=chart_svg, cjk_search_terms=cjk_search_terms)
    env.filters.update(long_date=long_date, month_day=month_day, iso=iso_date)
    return env


class Renderer:
    """Renders templates into an Outputs collection for one site.

    A page given its `deps` (the keys of everything it shows) gets a fingerprint; when the
    last build wrote that page with the same fingerprint, it is not rendered again.
    """

    def __init__(
        self, site: Site, templates: Path, previous: Mapping[str, str], cache: Path | None
    ) -> None:
        self.site = site
        self.previous = previous
        self.fingerprints: dict[str, str] = {}
        # What every page depends on: the code, every template and asset, the config and
        # the navigation (free-standing pages).
        self.base = digest(
            code_version(),
            folder_digest(templates),
            repr(site.config),
            *(f"{page.path}\0{page.title}" for page in site.pages),
        )
        self.assets = static_assets(templates / "static")
        hashed = {name: hashed for name, (hashed, _) in self.assets.items()}
        # Compiling the templates takes longer than an edit's pages: keep them compiled.
        self.compiled = CompiledTemplates(cache / "templates") if cache else None
        self.env = environment(templates, site.config, hashed, self.compiled)
        self.templates = templates
        self.out = Outputs()

    @cached_property
    def email_env(self) -> jinja2.Environment:
        """The email templates' environment, made once (each one compiles them anew)."""
        return email_environment(self.templates, self.site.config, self.compiled)

    @cached_property
    def listing_keys(self) -> tuple[str, ...]:
        """The listing_key of every document, in the site's order."""
        return tuple(map(listing_key, self.site.documents))

    def text(self, template: str, **values: Any) -> str:
        """A template rendered to a string."""
        return self.env.get_template(template).render(site=self.site, **values)

    def unchanged(self, target: str, deps: Sequence[str] | None) -> bool:
        """Record a page's fingerprint; True if the last build wrote it with the same one."""
        if deps is None:
            return False
        fingerprint = digest(self.base, target, *deps)
        self.fingerprints[target] = fingerprint
        return self.previous.get(target) == fingerprint

    def files(
        self,
        targets: tuple[str, ...],
        make: Callable[[], tuple[bytes, ...]],
        origin: Path | str,
        deps: Sequence[str] | None = None,
        *,
        large: bool = False,
    ) -> None:
        """Files one render makes together, kept as they are if nothing they show changed.

        `large` files hold the whole archive: see outputs.Pending."""
        unchanged = [self.unchanged(target, deps) for target in targets]  # record every one
        if all(unchanged):
            for target in targets:
                self.out.add(target, REUSED, origin)
            return
        self.out.pending(targets, make, origin, large=large)

    def page(
        self,
        path: str,
        template: str,
        origin: Path | str,
        deps: Sequence[str] | None = None,
        **values: Any,
    ) -> None:
        """One page at a URL path; "x/" is written as x/index.html.

        Values given as `Later(function, ...)` are only computed if the page is rendered.
        """
        target = f"{path}index.html" if path.endswith("/") or not path else path
        values.setdefault("ld", None)
        self.files((target,), partial(self.render_page, template, path, values), origin, deps)

    def render_page(self, template: str, path: str, values: dict[str, Any]) -> tuple[bytes]:
        """The bytes of one page."""
        values = {k: v() if isinstance(v, Later) else v for k, v in values.items()}
        return (self.text(template, page_path=path, **values).encode("utf-8"),)

    def feeds(
        self, path: str, feed: Callable[[], Feed], origin: str, deps: Sequence[str] | None = None
    ) -> None:
        """A feed as Atom and JSON Feed side by side; `feed` is only made if needed."""
        targets = (f"{path}feed.xml", f"{path}feed.json")
        self.files(targets, partial(self.render_feed, feed), origin, deps)

    def render_feed(self, feed: Callable[[], Feed]) -> tuple[bytes, bytes]:
        """A feed's Atom and JSON Feed bytes."""
        made = feed()
        return self.text("feed.xml", feed=made).encode("utf-8"), json_feed(made, self.site.config)


class Later(partial):
    """A page value computed only when the page is rendered (not when it is reused)."""


def render(
    site: Site,
    templates: Path,
    previous: Mapping[str, str] | None = None,
    cache: Path | None = None,
) -> tuple[dict[str, Output], list[Problem], dict[str, str]]:
    """Every page, feed and copied file of the site, by output path, with the fingerprints
    of the pages; a page whose fingerprint is in `previous` is reused, not rendered.
    Compiled templates are kept in the `cache` folder, when there is one."""
    r = Renderer(site, templates, previous or {}, cache)
    config = site.config
    keys = [issue.key for issue in site.issues]
    r.page("", "home.html", "home page", keys[:HOME_ISSUES], ld=jsonld.website(config))
    r.page("archive/", "archive.html", "archive page", keys)
    r.page("search/", "search.html", "search page", ())
    r.page("404.html", "404.html", "404 page", ())
    for page in site.pages:
        r.page(
            page.path,
            "page.html",
            page.source,
            (repr(page),),
            page=page,
            ld=jsonld.web_page(config, page),
        )
    earlier = previously_covered(site.documents)
    for issue in site.issues:
        render_issue(r, issue, earlier)
    render_terms(r)
    render_documents(r)
    render_open_data(r)
    r.feeds(
        "",
        lambda: site_feed(site, lambda issue: r.text("_feed_issue.html", issue=issue)),
        "site feed",
        keys[:FEED_ENTRIES],
    )
    r.out.add("sitemap.xml", r.text("sitemap.xml", paths=sitemap_paths(r)).encode(), "sitemap")
    r.out.add("robots.txt", r.text("robots.txt").encode(), "robots.txt")
    for hashed, source in r.assets.values():
        r.out.add(f"static/{hashed}", source, source)
    return r.out.files, r.out.problems, r.fingerprints


def render_issue(r: Renderer, issue: Issue, earlier: dict[str, tuple[Coverage, ...]]) -> None:
    """An issue page, its article pages and the files published beside it."""
    config = r.site.config
    r.page(
        issue.path,
        "issue.html",
        issue.source,
        (issue.key,),
        issue=issue,
        ld=Later(jsonld.issue_ld, config, issue),
    )
    for before, article, after in neighbours(issue.articles):
        also = r.site.also_covered.get(article.path, ())
        coverage = earlier.get(article.path, ())
        r.page(
            article.path,
            "article.html",
            article.source,
            (issue.key, *map(entry_key, also), *map(coverage_key, coverage)),
            issue=issue,
            article=article,
            previous=before,
            next=after,
            also=also,
            earlier=coverage,
            citation=Later(cite_article, config, issue, article),
            ld=Later(jsonld.news_article, config, issue, article),
        )
    render_email(r, issue)
    for asset in issue.assets:
        relative = asset.relative_to(issue.source.parent).as_posix()
        r.out.add(f"{issue.path}{relative}", asset, asset)


def render_email(r: Renderer, issue: Issue) -> None:
    """The issue's newsletter email beside its page: email.html, email.txt and email.eml."""
    targets = tuple(f"{issue.path}email.{suffix}" for suffix in ("html", "txt", "eml"))
    r.files(targets, partial(email_parts, r, issue), issue.source, (issue.key,))


def email_parts(r: Renderer, issue: Issue) -> tuple[bytes, bytes, bytes]:
    """The bytes of email.html, email.txt and email.eml."""
    mail = issue_email(r.site.config, issue, r.email_env)
    return mail.html, mail.text, mail.eml


def render_terms(r: Renderer) -> None:
    """The index pages, then every term's pages and feeds."""
    site = r.site
    span = (
        (site.issues[-1].date.isoformat(), site.issues[0].date.isoformat()) if site.issues else ()
    )
    for kind, groups, pages in (
        ("sectors", site.sector_groups, site.sectors),
        ("bodies", site.body_groups, site.bodies),
    ):
        counts = tuple(f"{p.term!r}:{p.article_count}:{p.item_count}" for p in pages)
        r.page(f"{kind}/", "terms.html", f"{kind} index", counts, kind=kind, groups=groups)
    for term_page in (*site.sectors, *site.bodies):
        term = term_page.term
        origin = f"{term.taxonomy} '{term.slug}'"
        # Each page of a term shows its own entries, and for the whole term: its names,
        # related terms, counts and the activity chart over the site's span.
        shared = (*span, repr(term), *map(repr, term_page.related), repr(term_page.months))
        shared += (f"{term_page.article_count}:{term_page.item_count}",)
        for listing in paginate(term_page.entries, term.path):
            deps = (*shared, f"{listing.number}/{listing.count}", *map(entry_key, listing.items))
            r.page(
                listing.path,
                "term.html",
                origin,
                deps,
                term_page=term_page,
                term=term,
                listing=listing,
            )
        recent = tuple(map(entry_key, term_page.entries[:FEED_ENTRIES]))
        r.feeds(term.path, partial(term_feed, site.config, term_page), origin, recent)


def folder_digest(folder: Path) -> str:
    """A digest of every file under a folder, names and bytes."""
    found = hashlib.blake2b(digest_size=16)
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            found.update(f"{path.relative_to(folder)}\0".encode())
            found.update(path.read_bytes())
    return found.hexdigest()


def entry_key(entry: Entry) -> str:
    """What a listed article or Noteworthy item looks like: its issue and itself."""
    own = entry.article.key if entry.article else entry.item.anchor if entry.item else ""
    return f"{entry.issue.key}/{own}"


def coverage_key(coverage: Coverage) -> str:
    """What a "previously covered" line shows: the article, its issue and the documents."""
    ids = ",".join(document.id for document in coverage.documents)
    return f"{coverage.issue.key}/{coverage.article.key}/{ids}"


def render_documents(r: Renderer) -> None:
    """The documents index and one page per policy document."""
    site = r.site
    records = site.documents
    by_id = {record.id: record for record in records}
    related = related_documents(records)
    listed = r.listing_keys
    r.page(
        "documents/",
        "documents.html",
        "documents index",
        listed,
        filters=Later(document_filters, records),
    )
    keys = {
        record.id: document_key(record, key) for record, key in zip(records, listed, strict=True)
    }
    for record in records:
        shown = (*record.lineage, *(other.id for other in related[record.id]))
        r.page(
            record.path,
            "document.html",
            f"document '{record.id}'",
            (keys[record.id], *(keys[key] for key in shown)),
            record=record,
            lineage=[by_id[key] for key in record.lineage],
            related=related[record.id],
            citation=Later(cite_document, site.config, record),
            ld=Later(jsonld.legislation, site.config, record),
        )


def listing_key(record: DocumentRecord) -> str:
    """What lists of documents and the open data show of one: its fields, and the
    addresses of the articles naming it."""
    fields = (record.id, record.title, record.title_zh, record.url, str(record.date))
    fields += (record.follows, record.relation, *map(repr, record.bodies + record.sectors))
    mentions = (m.article.path for m in record.mentions)
    return digest(*(str(field) for field in fields), *record.lineage, *mentions)


def document_key(record: DocumentRecord, listed: str) -> str:
    """What a document's page shows of it: its fields (`listed`, its listing_key) and the
    issues and articles naming it."""
    mentions = (f"{m.issue.key}/{m.article.key}" for m in record.mentions)
    return digest(listed, *mentions)


def render_open_data(r: Renderer) -> None:
    """The documents and articles as JSON and CSV, with the schemas that describe them."""
    config = r.site.config
    documents = ("data/documents.json", "data/documents.csv")
    listed = r.listing_keys
    r.files(documents, partial(documents_files, r.site), "open data", listed, large=True)
    articles = tuple(issue.key for issue in r.site.issues)
    r.files(
        ("data/articles.json",), partial(articles_file, r.site), "open data", articles, large=True
    )
    for name in ("documents", "articles"):
        r.out.add(f"data/schema/{name}.schema.json", schema(name, config), "open data")


def documents_files(site: Site) -> tuple[bytes, bytes]:
    """data/documents.json and data/documents.csv."""
    documents = documents_data(site.config, site.documents)
    return to_json(documents, "documents", site.config), documents_csv(documents)


def articles_file(site: Site) -> tuple[bytes]:
    """data/articles.json."""
    return (to_json(articles_data(site.config, site.issues), "articles", site.config),)


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
