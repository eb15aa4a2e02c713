"""Shared helpers: copy a test site into a temporary folder and build it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing import build
from briefing.carry import Carry
from briefing.check.links import broken_links as find_broken_links
from briefing.check.links import page_links  # noqa: F401  (tests import it from here)
from briefing.cli.serve import Preview
from briefing.folders import BUNDLED_TEMPLATES
from briefing.pipeline import Rendered, find_templates, make_site
from briefing.release import Release, utc_now

HERE = Path(__file__).parent
MINIMAL = HERE / "sites" / "minimal" / "content"
HOSTILE = HERE / "hostile" / "content"
SAMPLE = HERE.parent / "content"


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample briefings built once per test session, search index included."""
    out = tmp_path_factory.mktemp("sample") / "site"
    summary = build(SAMPLE, out)
    assert summary.issues >= 3
    return out


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal site with tests/hostile/ laid over it, built once per session."""
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(MINIMAL, root / "content")
    shutil.copytree(HOSTILE, root / "content", dirs_exist_ok=True)
    build(root / "content", root / "site")
    return root / "site"


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

    Pagefind's indexes (pagefind/, and an edition's de/pagefind/) are left out: their file
    names and entry file change from run to run for the same pages (checked with pagefind 1.5
    and 1.6), so only briefing's own output is byte-identical.
    """
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "pagefind" not in path.relative_to(folder).parts[:2]
    }


def broken_links(out: Path, base_path: str) -> list[str]:
    """Internal links of every page that point at no file, or at a missing #anchor."""
    return [f"{out / b.page}: {b.url} ({b.reason})" for b in find_broken_links(out, base_path)]


@pytest.fixture
def preview(content: Path, tmp_path: Path) -> Preview:
    """The preview's model as `serve` runs it, on a copy of the bundled templates."""
    shutil.copytree(BUNDLED_TEMPLATES, content.parent / "templates")
    return resident_preview(content, tmp_path)


def recorded(preview: Preview) -> list[Rendered]:
    """What each of the preview's rebuilds from here on makes, in order."""
    made: list[Rendered] = []
    make = preview.make
    preview.make = lambda *args: made.append(make(*args)) or made[-1]
    return made


def resident_preview(content: Path, tmp_path: Path) -> Preview:
    """The preview's model as `serve` runs it, after its first build: the last reading kept
    in memory, the last build's fingerprints reused, what it made carried over, and the
    build cache on disk."""
    templates = find_templates(content)
    cache = tmp_path / "cache"
    carry = Carry()

    def make(previous, last, changed):
        return make_site(
            content, templates, Release(utc_now()), cache=cache, previous=previous,
            last=last, changed=changed, carry=carry,
        )  # fmt: skip

    made = Preview(make, templates, log=(tmp_path / "log.txt").open("w"))
    assert made.rebuild() is True
    return made


def clean(content: Path, templates: Path) -> dict[str, bytes]:
    """Every file of a clean build, as bytes (copied files read)."""
    made = make_site(content, templates, Release(utc_now()))
    return {
        path: data if isinstance(data, bytes) else data.read_bytes()
        for path, data in made.produce()
    }


def served(preview: Preview) -> dict[str, bytes]:
    """Every file as the preview serves it (a deferred PDF made as a reader asks for it)."""
    outcome = preview.outcome
    return {path: preview.content(outcome, path) for path in list(outcome.files)}
