"""Progress on the command line: a bar on a terminal, plain lines in logs (the build is
handed a reporter, Lektor's pattern)."""

from __future__ import annotations

from typing import TextIO

from ..report import Reporter

# A build of fewer items than this is over before progress lines would help.
LONG_BUILD = 200
STAGES = ("read", "render", "write")
BAR_WIDTH = 24


class Lines:
    """One plain line per stage of a long build, for logs and CI."""

    def __init__(self, stream: TextIO, *, long: int = LONG_BUILD) -> None:
        self.stream = stream
        self.long = long

    def stage(self, name: str, items: int) -> None:
        """Print the stage, unless it is too short to be worth a line."""
        if items >= self.long:
            print(f"{name}: {items} items", file=self.stream, flush=True)

    def finish(self) -> None:
        """Lines need no cleaning up."""


class Bar:
    """A progress bar over the build's stages, redrawn in place on a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.drawn = False

    def stage(self, name: str, items: int) -> None:
        """Redraw the bar at this stage."""
        done = STAGES.index(name) + 1 if name in STAGES else 0
        filled = BAR_WIDTH * done // len(STAGES)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self.stream.write(f"\r[{bar}] {name} {items} items\x1b[K")
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        """Erase the bar, so the summary line stands alone."""
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False


def reporter_for(stream: TextIO) -> Reporter:
    """A bar on a terminal, plain lines anywhere else."""
    return Bar(stream) if stream.isatty() else Lines(stream)
