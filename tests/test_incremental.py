"""Rebuilds with a cache: nothing to do when nothing changed, and only changed files written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import snapshot, write

from briefing import build

ISSUE = "issues/2022-09-29-materials-shipping/"


def mtimes(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*")}


def test_no_change_rebuild_does_nothing(content: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    first = build(content, out, cache=cache)
    before = mtimes(out)
    second = build(content, out, cache=cache)
    assert second.unchanged and not first.unchanged
    assert (second.issues, second.articles, second.files) == (
        first.issues,
        first.articles,
        first.files,
    )
    assert mtimes(out) == before


def test_an_edit_writes_only_the_files_whose_bytes_changed(content: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache=cache)
    before = mtimes(out)
    article = content / "issues" / "2023-07-20-ai-rules" / "01-shanghai-ai.md"
    article.write_text(article.read_text().replace("A provincial-level first.", "A first."))
    summary = build(content, out, cache=cache)
    assert not summary.unchanged and summary.converted == 1
    changed = {path for path, mtime in mtimes(out).items() if before.get(path) != mtime}
    assert "issues/2023-07-20-ai-rules/shanghai-ai/index.html" in changed
    assert f"{ISSUE}materials-plan/index.html" not in changed
    assert "issues/2023-07-20-ai-rules/email.html" in changed  # its email shows the text
    assert f"{ISSUE}email.eml" not in changed
    assert "static/style.css" not in changed
    build(content, tmp_path / "clean")
    assert snapshot(out) == snapshot(tmp_path / "clean")


def test_deleted_sources_remove_their_pages_and_folders(content: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache=cache)
    (content / "issues" / "2023-07-20-ai-rules" / "02-more-ships.md").unlink()
    build(content, out, cache=cache)
    assert not (out / "issues" / "2023-07-20-ai-rules" / "more-ships").exists()
    build(content, tmp_path / "clean")
    assert snapshot(out) == snapshot(tmp_path / "clean")


def test_a_site_changed_by_hand_is_rebuilt_whole(content: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache=cache)
    clean = snapshot(out)
    write(out / "index.html", "defaced")
    (out / "archive" / "index.html").unlink()
    summary = build(content, out, cache=cache)
    assert not summary.unchanged
    assert snapshot(out) == clean


def test_a_template_change_is_seen(content: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    import shutil

    from briefing.folders import BUNDLED_TEMPLATES

    shutil.copytree(BUNDLED_TEMPLATES, templates)
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache=cache, templates=templates)
    page = templates / "404.html"
    page.write_text(page.read_text().replace("Page not found", "Nothing here"))
    assert not build(content, out, cache=cache, templates=templates).unchanged
    assert "Nothing here" in (out / "404.html").read_text()
    os.utime(page)  # touching without changing bytes changes nothing
    assert build(content, out, cache=cache, templates=templates).unchanged


EDITS = {
    "article title": (
        "issues/2023-07-20-ai-rules/01-shanghai-ai.md",
        "Shanghai regulates AI",
        "Shanghai rewrites its AI rules",
    ),
    "article bodies": (
        "issues/2022-09-29-materials-shipping/02-ai-captain.md",
        "issuing_bodies: [ministry of transport]",
        "issuing_bodies: [MOT, MIIT]",
    ),
    "issue title": (
        "issues/2022-09-29-materials-shipping/index.md",
        "title: Basic materials + autonomous shipping",
        "title: Materials + ships",
    ),
    "noteworthy item": (
        "issues/2022-09-29-materials-shipping/index.md",
        "A shipyard won an order.",
        "A shipyard won two orders.",
    ),
    "rank": ("issues/2023-07-20-ai-rules/02-more-ships.md", "rank: 1", "rank: 3"),
    "term description": (
        "taxonomies/sectors.yaml",
        "Steel, cement and chemicals.",
        "Steel, cement, glass and chemicals.",
    ),
    "term name": ("taxonomies/issuing-bodies.yaml", "  name: MOT\n", "  name: MoT\n"),
    "site title": ("site.yaml", "title: Test Briefing", "title: The Test Briefing"),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_every_kind_of_edit_rebuilds_to_what_a_clean_build_makes(
    content: Path, tmp_path: Path, edit: str
) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache=cache, search=False)
    file, old, new = EDITS[edit]
    path = content / file
    assert old in path.read_text(), edit
    path.write_text(path.read_text().replace(old, new))
    build(content, out, cache=cache, search=False)
    build(content, tmp_path / "clean", search=False)
    assert snapshot(out) == snapshot(tmp_path / "clean")


def test_a_scheduled_item_going_live_rebuilds_like_a_clean_build(
    content: Path, tmp_path: Path
) -> None:
    import datetime as dt

    write(
        content / "issues" / "2023-07-20-ai-rules" / "03-later.md",
        "---\ntitle: Later\nsectors: [ai]\npublish_at: 2030-01-01T08:00:00+00:00\n---\nSoon.\n",
    )
    before = dt.datetime(2029, 12, 31, tzinfo=dt.UTC)
    after = dt.datetime(2030, 1, 2, tzinfo=dt.UTC)
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache=cache, search=False, drafts=True, now=before)
    assert "SCHEDULED" in (out / "issues/2023-07-20-ai-rules/later/index.html").read_text()
    build(content, out, cache=cache, search=False, drafts=True, now=after)
    build(content, tmp_path / "clean", search=False, drafts=True, now=after)
    assert snapshot(out) == snapshot(tmp_path / "clean")
    assert "SCHEDULED" not in (out / "issues/2023-07-20-ai-rules/later/index.html").read_text()


def test_lists_of_documents_are_reused_until_a_document_they_list_changes(
    content: Path,
) -> None:
    from briefing.outputs import Reused
    from briefing.pipeline import find_templates, make_site
    from briefing.release import Release, utc_now

    templates = find_templates(content)
    listings = ("documents/index.html", "data/documents.json", "data/documents.csv")

    def rebuild(previous: dict[str, str]) -> tuple[set[str], dict[str, str]]:
        made = make_site(content, templates, Release(utc_now()), previous=previous)
        reused = {path for path, kind in made.files.items() if isinstance(kind, Reused)}
        return reused, made.fingerprints

    _, prints = rebuild({})
    article = content / "issues" / "2023-07-20-ai-rules" / "01-shanghai-ai.md"
    article.write_text(article.read_text().replace("A provincial-level first.", "A first."))
    reused, prints = rebuild(prints)
    assert set(listings) <= reused  # the text changed, not the document
    assert "data/articles.json" not in reused
    article.write_text(article.read_text().replace("Promoting the AI", "Promoting AI"))
    reused, _ = rebuild(prints)
    assert not set(listings) & reused


def group_sectors(text: str) -> str:
    """Put the sectors in groups: materials and shipping in industry, AI in digital."""
    for slug, group in (("basic-materials", "industry"), ("artificial-intelligence", "digital")):
        text = text.replace(f"- slug: {slug}\n", f"- slug: {slug}\n  group: {group}\n")
    return text.replace("- slug: shipping\n", "- slug: shipping\n  group: industry\n")


def move_first(text: str, slug: str) -> str:
    """The taxonomy file with the term `slug` moved to the top."""
    entries = ["- slug: " + entry for entry in text.split("- slug: ")[1:]]
    moved = [entry for entry in entries if entry.startswith(f"- slug: {slug}\n")]
    rest = [entry for entry in entries if entry not in moved]
    return "".join(moved + rest)


# Edits that the hand-kept page inputs of old missed: pages now re-render on the very
# values their templates receive, so the order of index groups is seen too.
REORDERS = {
    "sector groups reordered": (
        "taxonomies/sectors.yaml",
        group_sectors,
        lambda text: move_first(text, "artificial-intelligence"),
        "sectors/index.html",
    ),
    "levels of government reordered": (
        "taxonomies/issuing-bodies.yaml",
        lambda text: text,
        lambda text: move_first(text, "shanghai-congress"),
        "bodies/index.html",
    ),
}


@pytest.mark.parametrize("edit", sorted(REORDERS))
def test_reordering_a_taxonomy_rebuilds_its_index_like_a_clean_build(
    content: Path, tmp_path: Path, edit: str
) -> None:
    file, before, after, page = REORDERS[edit]
    path = content / file
    path.write_text(before(path.read_text()))
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache=cache, search=False)
    old = (out / page).read_text()
    path.write_text(after(path.read_text()))
    build(content, out, cache=cache, search=False)
    build(content, tmp_path / "clean", search=False)
    assert (out / page).read_text() != old  # the groups' order shows
    assert snapshot(out) == snapshot(tmp_path / "clean")
