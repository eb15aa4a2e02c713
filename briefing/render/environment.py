"""The one Jinja environment, for the site's pages and feeds and for the email edition."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..model import Article, Brand, SiteConfig, Term
from .dates import iso_date, long_date, month_day, month_year, number
from .formats import jsonld
from .formats.chart import chart_svg
from .fragments import demote_headings, prefix_ids, scroll_tables
from .i18n import translations
from .images import email_source, sources
from .labels import DATE_NAMES, EVENT_NAMES, STATUS_NAMES, names
from .urls import absolute, absolute_links


def environment(
    templates: Path,
    config: SiteConfig,
    *,
    assets: Mapping[str, str] | None = None,
    nav: tuple[Any, ...] = (),
    compiled: jinja2.BytecodeCache | None = None,
) -> jinja2.Environment:
    """Jinja for `templates`: strict about undefined names, escaping all HTML and XML.

    `assets` maps each static file's plain name to its hashed one; `nav` is the site's
    navigation (free-standing pages). Make it once per build: each new environment
    compiles the templates again.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        bytecode_cache=compiled,
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    # Interface text is written as {{ _("…") }} / {% trans %}, in the site's language.
    language = config.language
    env.install_gettext_translations(translations(language), newstyle=True)
    env.globals.update(site_globals(config, dict(assets or {}), nav))
    env.filters.update(
        long_date=partial(long_date, language=language),
        month_day=partial(month_day, language=language),
        month_year=partial(month_year, language=language),
        number=partial(number, language=language),
        iso=iso_date,
        inline_body=inline_body,
        scroll_tables=lambda html: Markup(scroll_tables(str(html))),
    )
    return env


def site_globals(config: SiteConfig, hashed: dict[str, str], nav: tuple[Any, ...]) -> dict:
    """What every template can call or read besides the values its route gives it."""
    return dict(
        config=config,
        nav=nav,
        url=lambda path="": config.base_path + path,
        absolute=partial(absolute, config),
        absolute_links=lambda html, page_url=None: Markup(
            absolute_links(html, config, page_url=page_url)
        ),
        # Templates name assets by their plain name and get the content-hashed URL.
        asset=lambda name: config.base_path + "static/" + hashed[name],
        json_ld=jsonld.script,
        chart=partial(chart_svg, language=config.language),
        status_names=names(STATUS_NAMES, config.language),
        date_names=names(DATE_NAMES, config.language),
        event_names=names(EVENT_NAMES, config.language),
        image_sources=partial(sources, base_path=config.base_path),
        email_image=partial(email_source, base_path=config.base_path),
        chip_rows=chip_rows,
        brand_style=partial(brand_style, config.brand),
    )


# Chips shown before the rest fold into "+N more": a Top item names up to a dozen terms.
CHIPS_SHOWN = 4


def chip_rows(article: Article) -> tuple[tuple[Term, ...], tuple[Term, ...]]:
    """An article's terms (sectors, then bodies) as those shown and those folded away."""
    terms = (*article.sectors, *article.bodies)
    if len(terms) <= CHIPS_SHOWN + 1:  # "+1 more" would take the room of the chip itself
        return terms, ()
    return terms[:CHIPS_SHOWN], terms[CHIPS_SHOWN:]


def brand_style(brand: Brand) -> Markup:
    """The site's own accent colour over the stylesheet's, light, dark and in print."""
    if not brand.custom:
        return Markup("")
    light, dark = brand.accent, brand.accent_dark
    return Markup(
        f"<style>:root{{--accent:{light}}}"
        f"@media (prefers-color-scheme: dark){{:root{{--accent:{dark}}}}}"
        f"@media print{{:root{{--accent:{light}}}}}</style>"
    )


def inline_body(article: Article) -> Markup:
    """An article's body for the issue page: ids prefixed so items never clash, and headings
    two levels down because the item's own title is an h3 there."""
    body = prefix_ids(demote_headings(article.body_html, 2), article.anchor)
    return Markup(scroll_tables(body))
