"""Cached and parallel builds give exactly the bytes of a clean serial build."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import snapshot, write

from bench.corpus import articles, write_briefing
from briefing import BuildFailed, build
from briefing.read.content import POOL_THRESHOLD


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated content folder big enough to use the process pool."""
    folder = tmp_path_factory.mktemp("corpus")
    write_briefing(folder, articles(POOL_THRESHOLD * 2))
    return folder / "content"


@pytest.fixture
def content(corpus: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(corpus, tmp_path / "content"))


def clean_serial(content: Path, out: Path) -> dict[str, bytes]:
    build(content, out, jobs=1, cache=None)
    return snapshot(out)


def test_parallel_build_equals_serial(content: Path, tmp_path: Path) -> None:
    serial = clean_serial(content, tmp_path / "serial")
    summary = build(content, tmp_path / "parallel", jobs=2, cache=None)
    assert summary.converted == summary.read > POOL_THRESHOLD
    assert snapshot(tmp_path / "parallel") == serial


def test_cached_rebuild_converts_nothing_and_equals_clean(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = build(content, tmp_path / "one", jobs=2, cache=cache)
    assert first.converted == first.read
    second = build(content, tmp_path / "two", jobs=2, cache=cache)
    assert second.converted == 0
    assert snapshot(tmp_path / "two") == clean_serial(content, tmp_path / "clean")
    assert (cache / ".gitignore").read_text() == "*\n"


def test_an_edit_converts_only_the_edited_file(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    out = tmp_path / "site"
    build(content, out, cache=cache)
    article = sorted((content / "issues").glob("*/01-*.md"))[0]
    article.write_text(article.read_text().replace("**At a glance:**", "**In short:**"))
    summary = build(content, out, cache=cache)
    assert summary.converted == 1
    assert snapshot(out) == clean_serial(content, tmp_path / "clean")


def test_deleted_and_renamed_files_build_like_a_clean_build(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    out = tmp_path / "site"
    build(content, out, cache=cache, jobs=2)
    issue = sorted((content / "issues").iterdir())[0]
    (issue / "05-article-5.md").unlink()
    (issue / "04-article-4.md").rename(issue / "04-renamed.md")
    summary = build(content, out, cache=cache, jobs=2)
    assert summary.converted == 1  # the renamed file: its URL changed
    assert snapshot(out) == clean_serial(content, tmp_path / "clean")
    assert not (out / "issues" / issue.name / "article-5").exists()


def test_a_corrupt_cache_file_is_rebuilt(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    write(cache / "cache.sqlite", "this is not a database" * 100)
    summary = build(content, tmp_path / "site", cache=cache)
    assert summary.converted == summary.read
    assert snapshot(tmp_path / "site") == clean_serial(content, tmp_path / "clean")
    assert build(content, tmp_path / "again", cache=cache).converted == 0


def test_a_damaged_entry_is_not_trusted(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(content, tmp_path / "site", cache=cache)
    with sqlite3.connect(cache / "cache.sqlite") as db:
        key, value = db.execute("SELECT key, value FROM entries LIMIT 1").fetchone()
        damaged = value[:-20] + bytes(20)
        db.execute("UPDATE entries SET value = ? WHERE key = ?", (damaged, key))
    shutil.rmtree(cache / "reading")  # the snapshot would answer first (see test_snapshot.py)
    summary = build(content, tmp_path / "again", cache=cache)
    assert summary.converted == 1
    assert snapshot(tmp_path / "again") == snapshot(tmp_path / "site")


def test_damaged_compiled_templates_are_compiled_again(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(content, tmp_path / "site", cache=cache)
    compiled = sorted((cache / "templates").iterdir())
    assert len(compiled) > 10  # every template used, the email's too
    for number, path in enumerate(compiled):
        path.write_bytes(b"" if number % 2 else path.read_bytes()[:40] + b"garbage")
    build(content, tmp_path / "again", cache=cache)
    assert snapshot(tmp_path / "again") == snapshot(tmp_path / "site")


def test_a_changed_template_is_never_answered_from_the_cache(content: Path, tmp_path: Path) -> None:
    templates = Path(
        shutil.copytree(Path(__file__).parent.parent / "briefing" / "templates", tmp_path / "t")
    )
    cache = tmp_path / "cache"
    build(content, tmp_path / "site", templates=templates, cache=cache)
    about = templates / "article.html"
    about.write_text(about.read_text().replace("<article", "<article data-changed", 1))
    build(content, tmp_path / "again", templates=templates, cache=cache)
    page = next((tmp_path / "again" / "issues").glob("*/article-1/index.html"))
    assert "<article data-changed" in page.read_text()


def test_a_changed_taxonomy_is_never_answered_from_the_cache(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(content, tmp_path / "site", cache=cache)
    bodies = content / "taxonomies" / "issuing-bodies.yaml"
    text = bodies.read_text()
    bodies.write_text(text.replace("  name: MIIT\n", "  name: MIITX\n", 1))
    summary = build(content, tmp_path / "renamed", cache=cache)
    assert summary.converted == summary.read
    assert "MIITX" in (tmp_path / "renamed" / "bodies" / "miit" / "index.html").read_text()
    bodies.write_text(text.replace("- slug: miit\n  name: MIIT\n", "- slug: gone\n  name: G\n"))
    with pytest.raises(BuildFailed):
        build(content, tmp_path / "broken", cache=cache)
