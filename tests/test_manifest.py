"""The inputs digest: any change to what a build reads changes it; odd files never hang it."""

from __future__ import annotations

import os
from pathlib import Path

from briefing.write.manifest import inputs_digest


def digest(folder: Path) -> str:
    return inputs_digest([folder], code="code", options="options")


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
    assert inputs_digest([tmp_path], code="other", options="options") != digest(tmp_path)


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
