"""Render the Site through Jinja templates into a map of output path to content."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import jinja2

from . import jsonld
from .activity import chart_svg
from .assets import static_assets
from .errors import Problem
from .feeds import Feed, json_feed, site_feed, term_feed
from .model import Issue, Site, SiteConfig
from .paginate import paginate
from .search import cjk_search_terms

T = TypeVar("T")

# What an output file holds: rendered bytes, or a source file to copy as it is.
Output = bytes | Path


class Outputs:
    """Output files by path; writing one path twice is a problem naming both sources."""

    def __init__(self) -> None:
        self.files: dict[str, Output] = {}
        self.origins: dict[str, Path | str] = {}
        self.problems: list[Problem] = []

    def add(self, path: str, content: Output, origin: Path | str) -> None:
        """Add one output file, made from `origin` (a content file or template name)."""
        if path in self.files:
            message = f"writes /{path}, which {self.origins[path]} writes too: rename one"
            source = origin if isinstance(origin, Path) else Path(origin)
            self.problems.append(Problem(source, None, message))
            return
        self.files[path] = content
        self.origins[path] = origin


def environment(templates: Path, config: SiteConfig, assets: dict[str, str]) -> jinja2.Environment:
    """The Jinja environment: strict about undefined names, escaping all HTML and XML."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
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


def long_date(day: dt.date) -> str:
    """September 14, 2022"""
    return f"{day:%B} {day.day}, {day.year}"


def month_day(day: dt.date) -> str:
    """September 14"""
    return f"{day:%B} {day.day}"


def iso_date(day: dt.date) -> str:
    """2022-09-14"""
    return day.isoformat()


class Renderer:
    """Renders templates into an Outputs collection for one site."""

    def __init__(self, site: Site, templates: Path) -> None:
        self.site = site
        self.assets = static_assets(templates / "static")
        hashed = {name: hashed for name, (hashed, _) in self.assets.items()}
        self.env = environment(templates, site.config, hashed)
        self.out = Outputs()

    def text(self, template: str, **values: Any) -> str:
        """A template rendered to a string."""
        return self.env.get_template(template).render(site=self.site, **values)

    def page(self, path: str, template: str, origin: Path | str, **values: Any) -> None:
        """One page at a URL path; "x/" is written as x/index.html."""
        values.setdefault("ld", None)
        html = self.text(template, page_path=path, **values)
        target = f"{path}index.html" if path.endswith("/") or not path else path
        self.out.add(target, html.encode("utf-8"), origin)

    def feeds(self, feed: Feed, origin: str) -> None:
        """A feed as Atom and JSON Feed side by side."""
        atom = self.text("feed.xml", feed=feed)
        self.out.add(f"{feed.path}feed.xml", atom.encode("utf-8"), origin)
        self.out.add(f"{feed.path}feed.json", json_feed(feed, self.site.config), origin)


def render(site: Site, templates: Path) -> tuple[dict[str, Output], list[Problem]]:
    """Every page, feed and copied file of the site, by output path."""
    r = Renderer(site, templates)
    config = site.config
    r.page("", "home.html", "home page", ld=jsonld.website(config))
    r.page("archive/", "archive.html", "archive page")
    r.page("search/", "search.html", "search page")
    r.page("404.html", "404.html", "404 page")
    for page in site.pages:
        r.page(page.path, "page.html", page.source, page=page, ld=jsonld.web_page(config, page))
    for issue in site.issues:
        render_issue(r, issue)
    render_terms(r)
    r.feeds(site_feed(site, lambda issue: r.text("_feed_issue.html", issue=issue)), "site feed")
    r.out.add("sitemap.xml", r.text("sitemap.xml", paths=sitemap_paths(r)).encode(), "sitemap")
    r.out.add("robots.txt", r.text("robots.txt").encode(), "robots.txt")
    for hashed, source in r.assets.values():
        r.out.add(f"static/{hashed}", source, source)
    return r.out.files, r.out.problems


def render_issue(r: Renderer, issue: Issue) -> None:
    """An issue page, its article pages and the files published beside it."""
    config = r.site.config
    r.page(issue.path, "issue.html", issue.source, issue=issue, ld=jsonld.issue_ld(config, issue))
    for before, article, after in neighbours(issue.articles):
        r.page(
            article.path,
            "article.html",
            article.source,
            issue=issue,
            article=article,
            previous=before,
            next=after,
            also=r.site.also_covered.get(article.path, ()),
            ld=jsonld.news_article(config, issue, article),
        )
    for asset in issue.assets:
        relative = asset.relative_to(issue.source.parent).as_posix()
        r.out.add(f"{issue.path}{relative}", asset, asset)


def render_terms(r: Renderer) -> None:
    """The index pages, then every term's pages and feeds."""
    site = r.site
    for kind, groups in (("sectors", site.sector_groups), ("bodies", site.body_groups)):
        r.page(f"{kind}/", "terms.html", f"{kind} index", kind=kind, groups=groups)
    for term_page in (*site.sectors, *site.bodies):
        term = term_page.term
        origin = f"{term.taxonomy} '{term.slug}'"
        for listing in paginate(term_page.entries, term.path):
            r.page(
                listing.path, "term.html", origin, term_page=term_page, term=term, listing=listing
            )
        r.feeds(term_feed(site.config, term_page), origin)


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
