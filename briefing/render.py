"""Render the Site through Jinja templates into a map of output path to content."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import jinja2

from .errors import Problem
from .model import Site, SiteConfig

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


def environment(templates: Path, config: SiteConfig) -> jinja2.Environment:
    """The Jinja environment: strict about undefined names, escaping all HTML."""
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


def render(site: Site, templates: Path) -> tuple[dict[str, Output], list[Problem]]:
    """Every page and copied file of the site, by output path."""
    env = environment(templates, site.config)
    out = Outputs()

    def page(path: str, template: str, origin: Path | str, **values: Any) -> None:
        html = env.get_template(template).render(site=site, page_path=path, **values)
        out.add(
            f"{path}index.html" if path.endswith("/") or not path else path,
            html.encode("utf-8"),
            origin,
        )

    page("", "home.html", "home page")
    page("archive/", "archive.html", "archive page")
    page("404.html", "404.html", "404 page")
    for issue in site.issues:
        page(issue.path, "issue.html", issue.source, issue=issue)
        for before, article, after in neighbours(issue.articles):
            page(
                article.path,
                "article.html",
                article.source,
                issue=issue,
                article=article,
                previous=before,
                next=after,
            )
        for asset in issue.assets:
            relative = asset.relative_to(issue.source.parent).as_posix()
            out.add(f"{issue.path}{relative}", asset, asset)
    for kind, pages in (("sectors", site.sectors), ("bodies", site.bodies)):
        page(f"{kind}/", "terms.html", f"{kind} index", kind=kind, pages=pages)
        for term_page in pages:
            page(
                term_page.term.path,
                "term.html",
                f"{kind} '{term_page.term.slug}'",
                term_page=term_page,
                term=term_page.term,
            )
    for path in sorted((templates / "static").rglob("*")):
        if path.is_file():
            out.add(f"static/{path.relative_to(templates / 'static').as_posix()}", path, path)
    return out.files, out.problems


def neighbours(items: Sequence[T]) -> Iterator[tuple[T | None, T, T | None]]:
    """Each item with the one before and after it."""
    for index, item in enumerate(items):
        before = items[index - 1] if index > 0 else None
        after = items[index + 1] if index + 1 < len(items) else None
        yield before, item, after
