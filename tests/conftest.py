"""Shared helpers: copy a test site into a temporary folder and build it."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from briefing import build

HERE = Path(__file__).parent
MINIMAL = HERE / "sites" / "minimal" / "content"
SAMPLE = HERE.parent / "content"


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample briefings built once per test session, search index included."""
    out = tmp_path_factory.mktemp("sample") / "site"
    summary = build(SAMPLE, out)
    assert summary.issues >= 3
    return out


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A fresh copy of the minimal test site's content folder."""
    target = tmp_path / "content"
    shutil.copytree(MINIMAL, target)
    return target


@pytest.fixture
def built(content: Path, tmp_path: Path) -> Path:
    """The minimal site, built; returns the output folder."""
    out = tmp_path / "site"
    build(content, out)
    return out


def read(out: Path, path: str) -> str:
    """The text of an output page given by its URL path ("issues/x/")."""
    file = out / path
    if path == "" or path.endswith("/"):
        file = file / "index.html"
    return file.read_text(encoding="utf-8")


def write(path: Path, text: str) -> Path:
    """Write a content file, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes, for comparing whole trees.

    Pagefind's index (pagefind/) is left out: its file names and entry file change from
    run to run for the same pages (checked with pagefind 1.5), so only briefing's own
    output is byte-identical.
    """
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.relative_to(folder).parts[0] != "pagefind"
    }


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


def page_links(html: str) -> Links:
    """The links and ids of a page."""
    parser = Links()
    parser.feed(html)
    return parser


def broken_links(out: Path, base_path: str) -> list[str]:
    """Internal links of every page that point at no file, or at a missing #anchor."""
    pages = {p: page_links(p.read_text(encoding="utf-8")) for p in out.rglob("*.html")}
    broken = []
    for page, links in pages.items():
        for url in links.urls:
            if not url.startswith("/"):
                continue
            if not url.startswith(base_path):
                broken.append(f"{page}: {url} is outside {base_path}")
                continue
            path, _, anchor = url[len(base_path) :].partition("#")
            target = out / path
            if path == "" or path.endswith("/"):
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page}: {url}")
            elif anchor and anchor not in pages[target].ids:
                broken.append(f"{page}: {url} (no such anchor)")
    return broken
