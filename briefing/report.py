"""How a build tells of its progress: a Reporter is told when each stage starts."""

from __future__ import annotations

from typing import Protocol


class Reporter(Protocol):
    """Told by a build when each stage starts and how many items it works on."""

    def stage(self, name: str, items: int) -> None: ...

    def finish(self) -> None: ...


class Quiet:
    """Reports nothing: for library use and tests."""

    def stage(self, name: str, items: int) -> None:
        """Ignore the stage."""

    def finish(self) -> None:
        """Nothing to clean up."""
