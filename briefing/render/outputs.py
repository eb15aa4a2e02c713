"""The site planned: output files by path, each written by one source only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import Problem
from ..outputs import Output, Pending


class Outputs:
    """Output files by path; writing one path twice is a problem naming both sources."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix  # before every path: an edition's folder ("de/"), or ""
        self.files: dict[str, Output] = {}
        self.origins: dict[str, Path | str] = {}
        self.problems: list[Problem] = []

    def add(self, path: str, content: Output, origin: Path | str) -> None:
        """Add one output file, made from `origin` (a content file or template name)."""
        self.put(self.prefix + path, content, origin)

    def merge(self, other: Outputs) -> None:
        """Take in every file and problem of another collection (another edition's)."""
        if self.files.keys().isdisjoint(other.files):  # as editions' files are: at once
            self.files.update(other.files)
            self.origins.update(other.origins)
        else:
            for path, content in other.files.items():
                self.put(path, content, other.origins[path])
        self.problems += other.problems

    def put(self, path: str, content: Output, origin: Path | str) -> None:
        """Add one output file at `path` as it stands."""
        if path in self.files:
            message = f"writes /{path}, which {self.origins[path]} writes too: rename one"
            source = origin if isinstance(origin, Path) else Path(origin)
            self.problems.append(Problem(source, None, message))
            return
        self.files[path] = content
        self.origins[path] = origin

    def pending(
        self,
        targets: tuple[str, ...],
        make: Callable[[], tuple[bytes, ...]],
        origin: Path | str,
        *,
        large: bool = False,
        slow: bool = False,
        ready: Callable[[], None] | None = None,
    ) -> None:
        """Files that one render makes together (an email's three parts, a feed's two)."""
        targets = tuple(self.prefix + target for target in targets)
        job = Pending(targets, make, large, slow, ready)
        for target in targets:
            self.put(target, job, origin)
