"""Checks that content files stay inside the content folder and are safe to publish."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import Problem

RESERVED = re.compile(r"(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def refuse_escape(path: Path, root: Path) -> Problem | None:
    """A problem if `path` is a symbolic link leading out of `root`.

    Callers walk down from `root` without following links, so only a link itself can
    lead out; plain files are not resolved (that costs system calls for every file).
    """
    if not path.is_symlink() or path.resolve().is_relative_to(root.resolve()):
        return None
    return Problem(path, None, "a symbolic link that leads outside the content folder: refused")


def unsafe_name(name: str) -> str | None:
    """Why a file name cannot be published on every system, or None if it can."""
    if "\\" in name or ":" in name:
        return "it holds '\\' or ':', which are path separators on some systems"
    if CONTROL.search(name):
        return "it holds a control character"
    if RESERVED.fullmatch(name):
        return "it is a reserved device name on Windows"
    if name.endswith((".", " ")):
        return "it ends with a dot or a space"
    return None


def check_published(path: Path, parts: tuple[str, ...]) -> Problem | None:
    """A problem if a file to publish has an unsafe name in `parts`, its path from the
    folder it is published from."""
    for part in parts:
        reason = unsafe_name(part)
        if reason:
            return Problem(path, None, f"the name '{part}' cannot be published: {reason}")
    return None
