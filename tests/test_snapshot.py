"""The last reading kept whole: in the build cache between builds, in the preview's memory
between saves. Whatever it holds, a rebuild makes the bytes of a clean build."""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import clean, recorded, served, snapshot, write

from briefing import build
from briefing.cli.serve import Preview
from briefing.folders import BUNDLED_TEMPLATES
from briefing.model import Term
from briefing.outputs import Reused
from briefing.read import content as content_module
from briefing.read.results import dumps, loads
from briefing.read.snapshot import FOLDER, FORMAT, group_name, load_snapshot

LATER = "issues/2023-07-20-ai-rules"
ARTICLE = f"{LATER}/01-shanghai-ai.md"


def edit(content: Path, file: str, old: str, new: str) -> Path:
    path = content / file
    assert old in path.read_text(), (file, old)
    path.write_text(path.read_text().replace(old, new))
    return path


def test_a_rebuild_takes_every_unchanged_file_from_the_snapshot(
    content: Path, tmp_path: Path
) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache=cache, search=False)
    (cache / "cache.sqlite").unlink()  # only the snapshot is left to answer from
    edit(content, ARTICLE, "A provincial-level first.", "A first.")
    summary = build(content, out, cache=cache, search=False)
    assert (summary.read, summary.converted) == (6, 1)
    build(content, tmp_path / "clean", search=False)
    assert snapshot(out) == snapshot(tmp_path / "clean")


def test_an_edit_rewrites_the_snapshot_of_its_issue_only(content: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache=cache, search=False)
    before = {path.name: path.read_bytes() for path in (cache / FOLDER).iterdir()}
    assert len(before) == 2  # one file for each issue folder
    edit(content, ARTICLE, "A provincial-level first.", "A first.")
    build(content, out, cache=cache, search=False)
    after = {path.name: path.read_bytes() for path in (cache / FOLDER).iterdir()}
    assert after.keys() == before.keys()
    changed = [name for name in after if after[name] != before[name]]
    assert changed == [f"{group_name(content / LATER)}.pickle"]


def damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def other_code(path: Path) -> None:
    data = path.read_bytes()
    header_end = data.index(b"\n", len(FORMAT)) + 1
    path.write_bytes(FORMAT + b"another version\n" + data[header_end:])


def crc_matching_garbage(path: Path) -> None:
    import zlib

    data = path.read_bytes()
    header = data[: data.index(b"\n", len(FORMAT)) + 1]
    body = b"not a pickle at all"
    path.write_bytes(header + body + zlib.crc32(body).to_bytes(4, "big"))


SPOILERS: dict[str, Callable[[Path], None]] = {
    "a flipped byte": damage,
    "cut short": lambda path: path.write_bytes(path.read_bytes()[:1000]),
    "empty": lambda path: path.write_bytes(b""),
    "of another version of the code": other_code,
    "bytes that pass the CRC but do not load": crc_matching_garbage,
}


@pytest.mark.parametrize("spoiler", sorted(SPOILERS))
def test_a_snapshot_that_cannot_be_trusted_is_ignored_and_written_again(
    content: Path, tmp_path: Path, spoiler: str
) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache=cache, search=False)
    for path in (cache / FOLDER).iterdir():
        SPOILERS[spoiler](path)
    (cache / "cache.sqlite").unlink()
    edit(content, ARTICLE, "A provincial-level first.", "A first.")
    summary = build(content, out, cache=cache, search=False)
    assert summary.converted == summary.read  # nothing taken from it
    build(content, tmp_path / "clean", search=False)
    assert snapshot(out) == snapshot(tmp_path / "clean")
    (cache / "cache.sqlite").unlink()
    edit(content, ARTICLE, "A first.", "A second.")
    assert build(content, out, cache=cache, search=False).converted == 1  # whole again


def test_a_stale_snapshot_is_never_trusted(content: Path, tmp_path: Path) -> None:
    """A snapshot of the content as it was, however it got there, answers nothing that
    changed since: its entries are found by the keys of their inputs."""
    stale = tmp_path / "stale"
    build(content, tmp_path / "first", cache=stale, search=False)
    edit(content, ARTICLE, "Shanghai regulates AI", "Shanghai rewrites its AI rules")
    edit(content, f"{LATER}/index.md", "title: AI rules + shipping", "title: AI + ships")
    edit(content, "taxonomies/issuing-bodies.yaml", "  name: MOT\n", "  name: MoT\n")
    cache = tmp_path / "cache"
    cache.mkdir()
    shutil.copytree(stale / FOLDER, cache / FOLDER)
    build(content, tmp_path / "site", cache=cache, search=False)
    build(content, tmp_path / "clean", search=False)
    assert snapshot(tmp_path / "site") == snapshot(tmp_path / "clean")


def test_no_snapshot_and_no_cache_folder_load_as_empty(tmp_path: Path) -> None:
    for cache in (None, tmp_path / "nowhere"):
        kept = load_snapshot(cache, {})
        kept.load(["a-name", "another"])
        assert (kept.results, kept.issues, kept.groups) == ({}, {}, {})


# Steps of an editor's session, each a change to the content folder (or the templates
# beside it) returning the paths it touched, as the preview's watcher names them.
Step = Callable[[Path], list[Path]]


def create_article(content: Path) -> list[Path]:
    return [write(content / LATER / "03-new.md", "---\ntitle: Brand new\nsectors: [ai]\n---\nX\n")]


def rename_article(content: Path) -> list[Path]:
    old, new = content / LATER / "03-new.md", content / LATER / "03-renamed.md"
    old.rename(new)
    return [old, new]


def delete_article(content: Path) -> list[Path]:
    path = content / LATER / "03-renamed.md"
    path.unlink()
    return [path]


def create_issue(content: Path) -> list[Path]:
    index = write(
        content / "issues/2024-01-01-fresh/index.md", "---\ntitle: Fresh\ndate: 2024-01-01\n---\n"
    )
    return [index.parent, index]


def rename_issue(content: Path) -> list[Path]:
    old, new = content / "issues/2024-01-01-fresh", content / "issues/2024-02-02-renamed"
    old.rename(new)
    return [old, new]


def delete_issue(content: Path) -> list[Path]:
    folder = content / "issues/2024-02-02-renamed"
    shutil.rmtree(folder)
    return [folder, folder / "index.md"]


def add_term(content: Path) -> list[Path]:
    path = content / "taxonomies/sectors.yaml"
    path.write_text(path.read_text() + "- slug: robots\n  name: Robots\n")
    article = edit(
        content, f"{LATER}/02-more-ships.md", "sectors: [shipping]", "sectors: [shipping, robots]"
    )
    return [path, article]


def rename_term(content: Path) -> list[Path]:
    return [edit(content, "taxonomies/sectors.yaml", "name: Robots", "name: Robotics")]


def delete_term(content: Path) -> list[Path]:
    article = edit(
        content, f"{LATER}/02-more-ships.md", "sectors: [shipping, robots]", "sectors: [shipping]"
    )
    path = edit(content, "taxonomies/sectors.yaml", "- slug: robots\n  name: Robotics\n", "")
    return [article, path]


def edit_site_yaml(content: Path) -> list[Path]:
    return [edit(content, "site.yaml", "title: Test Briefing", "title: The Test Briefing")]


def edit_template(content: Path) -> list[Path]:
    base = content.parent / "templates" / "base.html"
    base.write_text(base.read_text().replace("</footer>", "<p>Edited</p></footer>"))
    return [base]


def edit_text(content: Path) -> list[Path]:
    return [edit(content, ARTICLE, "A provincial-level first.", "A first.")]


def edit_asset(content: Path) -> list[Path]:
    cover = content / "issues/2022-09-29-materials-shipping/cover.svg"
    cover.write_text(cover.read_text().replace("</svg>", "<!-- edited --></svg>"))
    return [cover]


STEPS: list[Step] = [
    create_article, rename_article, delete_article, create_issue, rename_issue, delete_issue,
    add_term, rename_term, delete_term, edit_site_yaml, edit_template, edit_text, edit_asset,
]  # fmt: skip


def test_the_resident_preview_equals_a_clean_build_after_every_kind_of_edit(
    content: Path, preview: Preview
) -> None:
    for step in STEPS:
        touched = step(content)
        assert preview.rebuild(frozenset(os.path.abspath(path) for path in touched)), step
        assert not preview.outcome.problems, (step.__name__, preview.outcome.problems)
        assert served(preview) == clean(content, preview.templates), step.__name__


def test_the_resident_preview_reads_only_the_files_a_save_changed(
    content: Path, preview: Preview
) -> None:
    made = recorded(preview)
    edit_text(content)
    assert preview.rebuild(frozenset({os.path.abspath(content / ARTICLE)}))
    assert made[-1].converted == 1
    reused = {path for path, data in made[-1].files.items() if isinstance(data, Reused)}
    assert "issues/2022-09-29-materials-shipping/index.html" in reused
    assert f"{LATER}/shanghai-ai/index.html" not in reused


def test_a_save_that_only_edits_files_keeps_the_issue_folders_found_before(
    content: Path, preview: Preview, monkeypatch
) -> None:
    scans = []
    find_folders = content_module.find_folders
    monkeypatch.setattr(
        content_module, "find_folders", lambda *a: scans.append(a) or find_folders(*a)
    )
    edit_text(content)
    assert preview.rebuild(frozenset({os.path.abspath(content / ARTICLE)}))
    assert scans == []
    for step in (create_article, rename_article, delete_article, add_term):
        touched = step(content)  # a file not held before, or one gone: looked for again
        assert preview.rebuild(frozenset(os.path.abspath(path) for path in touched)), step
        assert len(scans) == 1, step.__name__
        scans.clear()
    assert served(preview) == clean(content, preview.templates)


def test_a_save_keeps_what_it_does_not_change_as_the_very_objects_made_before(
    content: Path, preview: Preview
) -> None:
    # What lets keys carry over: a part made from the same inputs is the same object.
    made = recorded(preview)
    assert preview.rebuild(frozenset()) is False  # nothing changed: everything kept
    edit_text(content)
    assert preview.rebuild(frozenset({os.path.abspath(content / ARTICLE)}))
    before, after = made[0].site, made[-1].site
    edited = next(issue for issue in after.issues if issue.path == f"{LATER}/")
    assert edited not in before.issues  # its articles changed
    kept = [issue for issue in after.issues if issue is not edited]
    assert kept and all(any(issue is old for old in before.issues) for issue in kept)
    terms = {page.term.slug: page for page in (*before.sectors, *before.bodies)}
    for page in (*after.sectors, *after.bodies):
        shows_edit = any(entry.issue is edited for entry in page.entries)
        assert (page is terms[page.term.slug]) is not shows_edit, page.term.slug
    records = {record.id: record for record in before.documents}
    named = {doc.id for article in edited.articles for doc in article.documents}
    for record in after.documents:
        assert (record is records[record.id]) is (record.id not in named), record.id
    assert after.config is before.config and after.related_documents == before.related_documents


def test_after_a_failed_save_the_preview_looks_at_every_file(
    content: Path, preview: Preview
) -> None:
    article = content / ARTICLE
    good = article.read_text()
    article.write_text(good.replace("sectors: [AI]", "sectors: [Robots]"))
    assert preview.rebuild(frozenset({os.path.abspath(article)}))
    assert preview.outcome.problems
    # Changed while the build was failing, and not named to the next rebuild: it must
    # still be seen, since the last good reading is older than this change too.
    edit_asset(content)
    edit(content, f"{LATER}/02-more-ships.md", "The ministry returns to ships.", "Ships again.")
    article.write_text(good)
    assert preview.rebuild(frozenset({os.path.abspath(article)}))
    assert not preview.outcome.problems
    assert served(preview) == clean(content, preview.templates)


def test_whole_process_builds_equal_a_clean_build_after_every_kind_of_edit(
    content: Path, tmp_path: Path
) -> None:
    shutil.copytree(BUNDLED_TEMPLATES, content.parent / "templates")
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache=cache, search=False)
    for number, step in enumerate(STEPS):
        step(content)
        summary = build(content, out, cache=cache, search=False)
        assert not summary.unchanged, step.__name__
        clean_out = tmp_path / f"clean-{number}"
        build(content, clean_out, search=False)
        assert snapshot(out) == snapshot(clean_out), step.__name__


def test_a_result_read_back_leaves_nothing_for_the_garbage_collector() -> None:
    # Each snapshot group loaded once held itself (and its bytes, and everything it made)
    # in a reference cycle, 100 MB at 5,000 articles until the collector's next full pass.
    term = Term("sectors", "steel", "Steel", "Steel")
    result = {"path": Path("issues/a/01-x.md"), "sectors": (term,), "words": [1, 2, 3]}
    data = dumps(result)
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        loaded = loads(data, {("sectors", "steel"): term})
        assert loaded == result and loaded["sectors"][0] is term
        del loaded
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()
