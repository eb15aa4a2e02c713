"""Routes: every output of the site, each page with its template and the values it shows.

A route names what a page's template receives, and nothing else: the page's re-render
key is made from those same values (see renderer.py), so the two are side by side by
construction. Routes only route, paginate and format; everything compared across the
archive is already on the Site.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import NamedTuple

from ..carry import NO_CARRY, Carry
from ..digests import digest
from ..errors import Problem
from ..model import Issue, Site, TermPage, language_folder
from ..outputs import Output, SearchShard
from .author_routes import route_authors
from .document_routes import ics_file, route_calendar, route_documents, route_open_data
from .editions import page_languages, sitemap_entries
from .formats import jsonld, jsonld_lists
from .formats.feeds import FEED_ENTRIES, Feed, site_feed, term_feed
from .formats.printer import Printer
from .formats.search import search_bundles
from .formats.searchnames import names_table
from .formats.searchplan import plan_search
from .i18n import translations
from .issue_routes import issue_inputs, route_issue
from .keys import Later
from .outputs import Outputs
from .paginate import paginate
from .renderer import Renderer

HOME_ISSUES = 11  # the latest issue in full, then ten more


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
    lays out their PDF editions; a `carry` (the preview's) keeps the keys of page values,
    the units routed (units.py) and the sitemap from one rebuild to the next."""
    sites = (site, *editions)
    route = partial(route_editions, sites, templates, previous or {}, cache, printer, carry)
    renderers, paths = route_pages(route, carry)
    languages = page_languages(sites, paths)
    out = Outputs()
    fingerprints: dict[str, str] = {}
    for r in renderers:
        r.finish(partial(languages, r.site.config.language))
        out.merge(r.out)
        fingerprints.update(r.fingerprints)
    r = renderers[0]
    made = partial(sitemap, r, sites, paths)
    out.add("sitemap.xml", carry.part("sitemap", (r.units.context, paths), made), "sitemap")
    out.add("robots.txt", r.text("robots.txt").encode(), "robots.txt")
    logo = site.config.brand.logo
    if logo is not None:
        out.add(logo.src.removeprefix(site.config.base_path), logo.source, "site.yaml brand")
    search = tuple((r.out.prefix, plan_search(r.site, r.keys, r.base)) for r in renderers)
    return Plan(out.files, out.problems, fingerprints, search)


def sitemap(r: Renderer, sites: Sequence[Site], paths: Mapping[str, Mapping[str, bool]]) -> bytes:
    """The bytes of sitemap.xml: every page of every edition (`paths`) by language."""
    return r.text("sitemap.xml", entries=sitemap_entries(sites, paths)).encode()


def route_pages(
    route: Callable[..., list[Renderer]], carry: Carry
) -> tuple[list[Renderer], dict[str, dict[str, bool]]]:
    """Every edition routed by `route`, and its page paths by language (Renderer.paths)."""
    renderers = route(replay=True)
    paths = {r.site.config.language: r.paths() for r in renderers}
    last = carry.found("page paths", ())
    if last == paths:
        paths = last  # the very object: what is made from it is carried (the sitemap)
    elif any(r.units.replayed for r in renderers):
        # A replayed unit's pages link their translations as the last rebuild's pages
        # did: with other pages on the site, every unit is routed again.
        renderers = route(replay=False)
        paths = {r.site.config.language: r.paths() for r in renderers}
    carry.keep("page paths", (), paths)
    return renderers, paths


def route_editions(
    sites: Sequence[Site],
    templates: Path,
    previous: Mapping[str, str],
    cache: Path | None,
    printer: Printer | None,
    carry: Carry,
    replay: bool,
) -> list[Renderer]:
    """A renderer for each edition with every file routed; units the `carry` kept from
    the last rebuild are replayed if `replay` (see units.py)."""
    prefixes = ["", *(language_folder(s.config.language) for s in sites[1:])]
    renderers = [
        Renderer(s, templates, previous, cache, p, printer, carry)
        for s, p in zip(sites, prefixes, strict=True)
    ]
    context = digest(*(r.base for r in renderers))
    for r in renderers:
        r.units.context, r.units.replay = context, replay
        route_edition(r)
    return renderers


def route_edition(r: Renderer) -> None:
    """Every page and file of one edition (each under its folder)."""
    site = r.site
    route_site_pages(r)
    records = {record.id: record for record in site.documents}
    for issue in site.issues:
        r.routed(issue.path, route_issue, *issue_inputs(site, records, issue))
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


def route_terms(r: Renderer) -> None:
    """The index pages, then every term's pages and feeds."""
    site = r.site
    for kind, groups in (("sectors", site.sector_groups), ("bodies", site.body_groups)):
        ld = Later(jsonld_lists.terms_index, site.config, kind, groups)
        r.page(f"{kind}/", "terms.html", f"{kind} index", kind=kind, groups=groups, ld=ld)
    for term_page in (*site.sectors, *site.bodies):
        events = site.term_events.get(term_page.term.path, ())
        r.routed(f"{term_page.term.taxonomy}:{term_page.term.path}", route_term, term_page, events)


def route_term(r: Renderer, term_page: TermPage, events: tuple) -> None:
    """A term's pages of entries and its feeds, and the calendar of its `events`."""
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
