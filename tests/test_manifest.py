"""The inputs digest: any change to what a build reads changes it; odd files never hang it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import MINIMAL

from briefing import build
from briefing.write import manifest
from briefing.write.manifest import Head, Inputs, inputs_digest


def digest(folder: Path) -> str:
    return inputs_digest([folder], code="code", options="options").digest


def test_bytes_names_and_new_files_change_the_digest(tmp_path: Path) -> None:
    (tmp_path / "issues").mkdir()
    article = tmp_path / "issues" / "a.md"
    article.write_text("one")
    first = digest(tmp_path)
    assert digest(tmp_path) == first
    article.write_text("two")
    second = digest(tmp_path)
    assert second != first
    article.rename(tmp_path / "issues" / "b.md")
    assert digest(tmp_path) != second
    (tmp_path / "issues" / "deep").mkdir()
    third = digest(tmp_path)
    (tmp_path / "issues" / "deep" / "c.md").write_text("")
    assert digest(tmp_path) != third
    assert inputs_digest([tmp_path], code="other", options="options").digest != digest(tmp_path)


def test_a_folder_link_counts_where_it_points_and_may_point_at_itself(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "one", target_is_directory=True)
    first = digest(tmp_path)
    link.unlink()
    link.symlink_to(tmp_path / "two", target_is_directory=True)
    assert digest(tmp_path) != first
    (tmp_path / "one" / "loop").symlink_to(tmp_path, target_is_directory=True)
    digest(tmp_path)  # returns: the loop is not followed


def test_a_pipe_in_the_content_folder_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")  # opening it would wait for a writer for ever
    (tmp_path / "a.md").write_text("text")
    assert len(digest(tmp_path)) == 32


def head(inputs: Inputs) -> Head:
    """A last build that read these inputs."""
    return Head(inputs.digest, 0, 0, None, "", None, inputs.sources, {})


def test_a_file_is_read_again_only_when_its_size_or_mtime_changed(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("one")
    old = 1_600_000_000_000_000_000  # long ago: its stat can be trusted
    os.utime(article, ns=(old, old))
    first = inputs_digest([tmp_path], code="code", options="options")
    assert first.sources[str(article)][:2] == (3, old)
    # The same size and mtime: taken as the same bytes, without reading them.
    article.write_text("two")
    os.utime(article, ns=(old, old))
    again = inputs_digest([tmp_path], code="code", options="options", last=head(first))
    assert again.digest == first.digest
    # Either changed: read again.
    os.utime(article, ns=(old + 1, old + 1))
    later = inputs_digest([tmp_path], code="code", options="options", last=head(first))
    assert later.digest != first.digest
    assert later.digest == digest(tmp_path)  # what reading every file gives


def test_a_file_changed_just_before_the_build_is_never_trusted_by_its_stat(
    tmp_path: Path,
) -> None:
    article = tmp_path / "a.md"
    article.write_text("one")  # mtime now: a second write may keep it
    first = inputs_digest([tmp_path], code="code", options="options")
    assert first.sources[str(article)][1] == -1
    stat = article.stat()
    article.write_text("two")
    os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = inputs_digest([tmp_path], code="code", options="options", last=head(first))
    assert again.digest != first.digest


def test_a_no_change_build_keeps_what_it_learnt_of_files_read_just_after_a_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    out, cache = tmp_path / "site", tmp_path / "cache"
    monkeypatch.setattr(manifest, "RACY_NS", 10**18)  # every file just changed
    build(content, out, cache=cache, search=False)
    head = manifest.load_head(cache, out)
    assert head is not None and {mtime for _, mtime, _ in head.sources.values()} == {-1}
    monkeypatch.undo()
    assert build(content, out, cache=cache, search=False).unchanged
    head = manifest.load_head(cache, out)
    assert head is not None and -1 not in {mtime for _, mtime, _ in head.sources.values()}
    assert build(content, out, cache=cache, search=False).unchanged


def test_a_no_change_build_keeps_the_stat_of_a_file_touched_since(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    out, cache = tmp_path / "site", tmp_path / "cache"
    article = next((content / "issues").rglob("01-*.md"))
    old = 1_600_000_000_000_000_000
    os.utime(article, ns=(old, old))
    build(content, out, cache=cache, search=False)
    os.utime(article, ns=(old + 10**9, old + 10**9))  # touched: the same bytes
    assert build(content, out, cache=cache, search=False).unchanged
    head = manifest.load_head(cache, out)
    assert head is not None and head.sources[str(article)][1] == old + 10**9
    assert manifest.load_manifest(cache, out) is not None  # its files kept whole
    assert build(content, out, cache=cache, search=False).unchanged
