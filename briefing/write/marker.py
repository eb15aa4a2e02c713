"""The marker file of a site folder: it says briefing wrote the folder, and which set of
files it holds (its generation), so a copy can be trusted only while it says the same."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .files import Written

MARKER = ".briefing-site"
MARKER_TEXT = "This folder is written by briefing; each build replaces it whole.\n"


def generation(files: Mapping[str, Written]) -> str:
    """A digest of which files a site holds and their bytes."""
    found = hashlib.blake2b(digest_size=16)
    for relative in sorted(files):
        found.update(f"{relative}\0{files[relative].digest}\0".encode())
    return found.hexdigest()


def mark(folder: Path, made: str) -> None:
    """Mark a finished site folder with its generation."""
    (folder / MARKER).write_text(f"{MARKER_TEXT}generation {made}\n", encoding="utf-8")


def unmark(folder: Path) -> None:
    """Take the marker away from a folder about to change."""
    (folder / MARKER).unlink(missing_ok=True)


def marked_generation(folder: Path) -> str | None:
    """The generation a folder's marker names, if it has one."""
    try:
        text = (folder / MARKER).read_text(encoding="utf-8")
    except OSError:
        return None
    last = text.rstrip("\n").rpartition("\n")[2]
    return last.removeprefix("generation ") if last.startswith("generation ") else None
