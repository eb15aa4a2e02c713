"""Drafts and `publish_at:`: what a build leaves out, the preview banner, and `schedule`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import read, write

from briefing import BuildFailed, build
from briefing.cli import main

LATER = "issues/2023-07-20-ai-rules/"
BERLIN = dt.timezone(dt.timedelta(hours=1))
BEFORE = dt.datetime(2026, 12, 1, 7, 59, tzinfo=BERLIN)
AFTER = dt.datetime(2026, 12, 1, 8, 0, tzinfo=BERLIN)


def scheduled_article(content: Path, when: str = "2026-12-01T08:00:00+01:00") -> Path:
    return write(
        content / "issues" / "2023-07-20-ai-rules" / "03-soon.md",
        f"---\ntitle: Coming soon\nsectors: [ai]\npublish_at: {when}\n---\nSoon.\n",
    )


def test_draft_article_is_left_out_and_previewed_with_a_banner(content: Path, tmp_path: Path):
    write(
        content / "issues" / "2023-07-20-ai-rules" / "03-draft.md",
        "---\ntitle: Not yet\nsectors: [ai]\ndraft: true\n---\nSoon.\n",
    )
    build(content, tmp_path / "public")
    assert "Not yet" not in read(tmp_path / "public", LATER)
    assert "DRAFT" not in read(tmp_path / "public", LATER)
    build(content, tmp_path / "preview", drafts=True)
    page = read(tmp_path / "preview", LATER + "draft/")
    assert 'class="draft-banner"' in page and "DRAFT" in page
    assert "draft-banner" not in read(tmp_path / "preview", "issues/2022-09-29-materials-shipping/")


def test_draft_issue_is_left_out_and_previewed_with_a_banner(content: Path, tmp_path: Path):
    index = content / "issues" / "2023-07-20-ai-rules" / "index.md"
    index.write_text(index.read_text().replace("date:", "draft: true\ndate:"))
    build(content, tmp_path / "public")
    assert not (tmp_path / "public" / LATER).exists()
    build(content, tmp_path / "preview", drafts=True)
    assert "DRAFT" in read(tmp_path / "preview", LATER)
    assert "DRAFT" in read(tmp_path / "preview", LATER + "shanghai-ai/")


def test_publish_at_keeps_an_item_out_until_its_moment(content: Path, tmp_path: Path):
    scheduled_article(content)
    build(content, tmp_path / "before", now=BEFORE)
    assert not (tmp_path / "before" / LATER / "soon").exists()
    build(content, tmp_path / "after", now=AFTER)
    assert "Coming soon" in read(tmp_path / "after", LATER)
    assert "SCHEDULED" not in read(tmp_path / "after", LATER + "soon/")


def test_preview_shows_scheduled_items_with_their_time(content: Path, tmp_path: Path):
    scheduled_article(content)
    build(content, tmp_path / "preview", now=BEFORE, drafts=True)
    page = read(tmp_path / "preview", LATER + "soon/")
    assert "SCHEDULED: published from 2026-12-01T08:00:00+01:00" in page


def test_a_cached_build_is_redone_once_a_scheduled_item_is_due(content: Path, tmp_path: Path):
    scheduled_article(content)
    cache, out = tmp_path / "cache", tmp_path / "site"
    first = build(content, out, now=BEFORE, cache=cache)
    assert first.next_change is not None and first.next_change.at == AFTER
    assert build(content, out, now=BEFORE, cache=cache).unchanged
    later = build(content, out, now=AFTER, cache=cache)
    assert not later.unchanged and later.next_change is None
    assert "Coming soon" in read(out, LATER)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "2026-12-01T08:00:00",
            "publish_at: '2026-12-01T08:00:00' has no time zone, so the moment is ambiguous: "
            "add one, e.g. 2026-12-01T08:00:00+01:00 or 2026-12-01T08:00:00Z",
        ),
        (
            "2026-12-01",
            "publish_at: '2026-12-01' is not a date-time: write it as "
            "YYYY-MM-DDTHH:MM:SS+HH:MM, e.g. 2026-12-01T08:00:00+01:00",
        ),
        (
            "2026-13-01T08:00+01:00",
            "publish_at: '2026-13-01T08:00+01:00' is not a date-time: write it as "
            "YYYY-MM-DDTHH:MM:SS+HH:MM, e.g. 2026-12-01T08:00:00+01:00",
        ),
    ],
)
def test_publish_at_must_be_a_date_time_with_a_zone(
    content: Path, tmp_path: Path, value: str, message: str
):
    path = scheduled_article(content, value)
    with pytest.raises(BuildFailed) as failure:
        build(content, tmp_path / "site")
    assert [str(p) for p in failure.value.problems] == [f"{path}:4: {message}"]


def test_schedule_prints_the_next_change(content: Path, capsys, monkeypatch):
    path = scheduled_article(content, "2999-01-01T00:00:00Z")
    write(path.with_name("04-later.md"), path.read_text().replace("2999", "3000"))
    assert main(["schedule", "--content", str(content)]) == 0
    assert capsys.readouterr().out == f"2999-01-01T00:00:00+00:00 {path}\n"


def test_schedule_says_when_nothing_is_scheduled(content: Path, capsys):
    scheduled_article(content, "2000-01-01T00:00:00Z")  # already published
    assert main(["schedule", "--content", str(content)]) == 0
    assert (
        capsys.readouterr().out == "No scheduled items: nothing will change until content does.\n"
    )


def test_schedule_lists_problems_when_content_is_broken(content: Path, capsys):
    path = scheduled_article(content, "soon")
    assert main(["schedule", "--content", str(content)]) == 1
    assert f"{path}:4: publish_at: 'soon' is not a date-time" in capsys.readouterr().err
