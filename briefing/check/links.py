"""The links and ids of built pages, and the internal links that lead nowhere."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

EXTERNAL = ("http://", "https://")


class Links(HTMLParser):
    """Collects the href and src attributes and the ids of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append(value)
            if name == "id" and value:
                self.ids.add(value)


@dataclass(frozen=True)
class BrokenLink:
    """A link on a built page (path relative to the output) that leads nowhere."""

    page: str
    url: str
    reason: str


def page_links(html: str) -> Links:
    """The links and ids of a page."""
    parser = Links()
    parser.feed(html)
    return parser


def site_pages(out: Path) -> dict[str, Links]:
    """Every HTML page of a built site by its path relative to `out`."""
    return {
        page.relative_to(out).as_posix(): page_links(page.read_text(encoding="utf-8"))
        for page in sorted(out.rglob("*.html"))
    }


def broken_links(out: Path, base_path: str) -> list[BrokenLink]:
    """Internal links of every page that point at no file, or at a missing #anchor."""
    pages = site_pages(out)
    broken = []
    for page, links in pages.items():
        for url in links.urls:
            reason = check_internal(url, page, out, base_path, pages)
            if reason:
                broken.append(BrokenLink(page, url, reason))
    return broken


def check_internal(
    url: str, page: str, out: Path, base_path: str, pages: dict[str, Links]
) -> str | None:
    """Why an internal link is broken, or None if it works (or is not internal)."""
    if url.startswith("#"):
        anchor = url[1:]
        return None if not anchor or anchor in pages[page].ids else "no such anchor on this page"
    if not url.startswith("/") or url.startswith("//"):
        return None
    if not url.startswith(base_path):
        return f"it is outside the site's path {base_path}"
    path, _, anchor = url[len(base_path) :].partition("?")[0].partition("#")
    target = path + "index.html" if path == "" or path.endswith("/") else path
    if not (out / target).is_file():
        return "no such page or file"
    if anchor and (target not in pages or anchor not in pages[target].ids):
        return f"no element with id '{anchor}' on that page"
    return None


def external_links(out: Path) -> dict[str, list[str]]:
    """Every http(s) link of the built site with the pages that carry it."""
    found: dict[str, list[str]] = {}
    for page, links in site_pages(out).items():
        for url in links.urls:
            if url.startswith(EXTERNAL):
                found.setdefault(url.partition("#")[0], []).append(page)
    return found
