"""Folders of output files: the standby copy's place, linked copies, and removing a file
with the folders it leaves empty."""

from __future__ import annotations

import os
from pathlib import Path


def standby_path(out: Path) -> Path:
    """Where the standby copy of the site at `out` lives."""
    return out.parent / f".{out.name}.standby"


def link_tree(source: Path, target: Path) -> None:
    """Recreate `source`'s folders under `target`, each file a hard link to the original."""
    target.mkdir(exist_ok=True)
    with os.scandir(source) as scan:
        for entry in scan:
            if entry.is_dir(follow_symlinks=False):
                link_tree(Path(entry.path), target / entry.name)
            else:
                os.link(entry.path, target / entry.name, follow_symlinks=False)


def remove(root: Path, relative: str) -> None:
    """Remove one output file and the folders it leaves empty."""
    path = root / relative
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
