"""`check`: validate strictly, build into a temporary folder, and check every link in it."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildFailed, Problem
from ..model import Site, language_folder
from ..pipeline import check_content, find_templates, make_site
from ..release import Release
from ..write import write_site
from .external import Fetch, check_urls, fetch
from .links import BrokenLink, broken_links, external_links
from .rules import check_site, unused_terms

LINK_CACHE = "links.json"  # in the cache folder
ITEM_PREFIX = re.compile(r"^#top-\d+-")


@dataclass(frozen=True)
class Report:
    """What `check` found: problems fail it, notes never do."""

    problems: list[Problem]
    notes: list[str]
    fetched: int = 0  # external links fetched this time


def check(
    content: Path,
    *,
    now: dt.datetime,
    external: bool = False,
    cache: Path | None = Path(".briefing-cache"),
    get: Fetch = fetch,
) -> Report:
    """Everything wrong with a content folder, as it would be published at `now`.

    External links that worked are remembered in `cache`/links.json (None: remember
    nothing, fetch every link)."""
    templates = find_templates(content)
    check_content(content)
    try:
        preview = make_site(content, templates, Release(now, drafts=True))
        public = make_site(content, templates, Release(now, drafts=False))
    except BuildFailed as failure:
        return Report(failure.problems, [])
    problems = check_site(preview.site)
    notes = unused_terms(preview.site) + list(preview.notes)  # and what has no translation
    with tempfile.TemporaryDirectory(prefix="briefing-check-") as folder:
        out = Path(folder) / "site"
        write_site(public.produce(), out)
        problems += link_problems(out, public.site, public.editions)
        fetched = 0
        if external:
            links = cache / LINK_CACHE if cache else None
            found, fetched = external_problems(out, public.site, links, now, get, public.editions)
            problems += found
    return Report(BuildFailed(problems).problems, notes, fetched)


def sources(site: Site, editions: Sequence[Site] = ()) -> dict[str, Path]:
    """The content file each issue and article page is made from, by output path; in the
    other editions (de/…), the translation (or the original an untranslated page shows)."""
    found = {}
    for number, edition in enumerate((site, *editions)):
        prefix = language_folder(edition.config.language) if number else ""
        for issue in edition.issues:
            found[f"{prefix}{issue.path}index.html"] = issue.source
            for article in issue.articles:
                found[f"{prefix}{article.path}index.html"] = article.source
    return found


def link_problems(out: Path, site: Site, editions: Sequence[Site] = ()) -> list[Problem]:
    """Broken internal links and anchors, each reported once at the content file it is
    most likely written in: an article's page first, then an issue's, then any other."""
    origin = sources(site, editions)
    groups: dict[tuple[str, str], list[BrokenLink]] = {}
    for link in broken_links(out, site.config.base_path):
        # An issue page shows each article's text with its ids prefixed "top-N-": the same
        # broken in-page link, found again there.
        url = ITEM_PREFIX.sub("#", link.url) if link.page.startswith("issues/") else link.url
        groups.setdefault((url, link.reason), []).append(link)

    problems = []
    for links in groups.values():
        first = min(links, key=lambda link: preference(link.page, origin))
        also = other_pages(len(links) - 1)
        message = f"broken link to {first.url} on /{first.page}{also}: {first.reason}"
        problems.append(Problem(origin.get(first.page, Path(first.page)), None, message))
    return problems


def preference(page: str, origin: dict[str, Path]) -> tuple[int, str]:
    """Where a link found on several pages was most likely written: an article's page
    first, then an issue's, then any other."""
    source = origin.get(page)
    return (2 if source is None else 1 if source.name.startswith("index.") else 0, page)


def other_pages(count: int) -> str:
    """' (and 2 other pages)', or nothing."""
    return f" (and {count} other page{'s' if count != 1 else ''})" if count else ""


def external_problems(
    out: Path,
    site: Site,
    cache: Path | None,
    now: dt.datetime,
    get: Fetch,
    editions: Sequence[Site] = (),
) -> tuple[list[Problem], int]:
    """External links that fail, each at the content file of a page that carries it."""
    # Links to the site itself (canonical URLs) point where it is not deployed yet.
    pages = {
        url: on
        for url, on in external_links(out).items()
        if not url.startswith(site.config.base_url)
    }
    failed, fetched = check_urls(list(pages), cache, now=now, get=get)
    origin = sources(site, editions)
    problems = []
    for url, reason in failed.items():
        on = sorted(set(pages[url]), key=lambda page: preference(page, origin))
        message = f"external link {url} fails{other_pages(len(on) - 1)}: {reason}"
        problems.append(Problem(origin.get(on[0], Path(on[0])), None, message))
    return problems, fetched
