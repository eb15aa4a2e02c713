"""How a send shows its progress: a bar redrawn in place on a terminal, plain lines in CI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TextIO

BAR_WIDTH = 24


@dataclass(frozen=True)
class Counts:
    """Where a run stands: letters sent, not sent (failed, deferred or uncertain), left."""

    total: int
    sent: int = 0
    failed: int = 0

    @property
    def remaining(self) -> int:
        return self.total - self.sent - self.failed


class Progress(Protocol):
    """Told by the send loop about every letter."""

    def update(self, counts: Counts) -> None: ...

    def problem(self, line: str) -> None: ...

    def finish(self) -> None: ...


def rate(sent: int, minutes: float) -> str:
    """Messages a minute so far: "30.0/min"."""
    return f"{sent / minutes:.1f}/min" if minutes > 0 else "-/min"


def describe(counts: Counts, minutes: float) -> str:
    """The counts in words: "12 sent, 1 failed, 87 remaining, 30.0/min"."""
    return (
        f"{counts.sent} sent, {counts.failed} failed, {counts.remaining} remaining, "
        f"{rate(counts.sent, minutes)}"
    )


class Lines:
    """A plain line every tenth of the run (and one per failure), for logs and CI."""

    def __init__(self, stream: TextIO, clock: Callable[[], float]) -> None:
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.shown = 0

    def update(self, counts: Counts) -> None:
        """Print a line when another tenth is done, and at the end."""
        done = counts.sent + counts.failed
        step = max(1, counts.total // 10)
        if done - self.shown >= step or (done == counts.total and done != self.shown):
            self.shown = done
            minutes = (self.clock() - self.started) / 60
            print(f"send: {describe(counts, minutes)}", file=self.stream, flush=True)

    def problem(self, line: str) -> None:
        """Print a failure at once."""
        print(f"send: {line}", file=self.stream, flush=True)

    def finish(self) -> None:
        """Lines need no cleaning up."""


class Bar:
    """A bar with the counts and the rate, redrawn in place after every letter."""

    def __init__(self, stream: TextIO, clock: Callable[[], float]) -> None:
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.last: Counts | None = None

    def update(self, counts: Counts) -> None:
        """Redraw the bar."""
        self.last = counts
        done = counts.sent + counts.failed
        filled = BAR_WIDTH * done // max(1, counts.total)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        minutes = (self.clock() - self.started) / 60
        self.stream.write(f"\r[{bar}] {describe(counts, minutes)}\x1b[K")
        self.stream.flush()

    def problem(self, line: str) -> None:
        """Print a failure above the bar, then draw the bar again."""
        self.stream.write(f"\r\x1b[K{line}\n")
        if self.last is not None:
            self.update(self.last)
        self.stream.flush()

    def finish(self) -> None:
        """Erase the bar, so the summary stands alone."""
        if self.last is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def progress_for(stream: TextIO, clock: Callable[[], float]) -> Progress:
    """A bar on a terminal, plain lines anywhere else."""
    return Bar(stream, clock) if stream.isatty() else Lines(stream, clock)
