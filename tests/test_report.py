"""Progress reporters: a bar on a terminal, plain lines for long builds elsewhere."""

from __future__ import annotations

import io
from pathlib import Path

from briefing import build
from briefing.cli.progress import Bar, Lines, reporter_for


class Recorder:
    """A reporter that keeps what it is told (Lektor's BufferReporter)."""

    def __init__(self) -> None:
        self.events: list[tuple[str, int]] = []

    def stage(self, name: str, items: int) -> None:
        self.events.append((name, items))

    def finish(self) -> None:
        self.events.append(("finish", 0))


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_build_reports_each_stage(content: Path, tmp_path: Path) -> None:
    recorder = Recorder()
    build(content, tmp_path / "site", reporter=recorder)
    assert [name for name, _ in recorder.events] == ["read", "render", "write", "finish"]
    assert recorder.events[0] == ("read", 6)  # the Markdown files: 2 index.md, 4 articles
    assert recorder.events[2][1] > 10  # files written


def test_plain_lines_only_for_long_stages() -> None:
    stream = io.StringIO()
    lines = Lines(stream, long=100)
    lines.stage("read", 20)
    lines.stage("render", 150)
    lines.finish()
    assert stream.getvalue() == "render: 150 items\n"


def test_the_bar_redraws_in_place_and_erases_itself() -> None:
    stream = Terminal()
    bar = reporter_for(stream)
    assert isinstance(bar, Bar)
    bar.stage("read", 10)
    bar.stage("write", 30)
    bar.finish()
    text = stream.getvalue()
    assert "\r[########................] read 10 items" in text
    assert "\r[########################] write 30 items" in text
    assert text.endswith("\r\x1b[K")
    assert isinstance(reporter_for(io.StringIO()), Lines)
