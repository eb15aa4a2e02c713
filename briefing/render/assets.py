"""Static assets published under names that carry a hash of their content."""

from __future__ import annotations

import hashlib
from pathlib import Path


def hashed_name(path: Path, relative: str) -> str:
    """style.css -> style.3f2a9c1e.css: a new name whenever the bytes change, so caches
    can keep every asset forever."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
    stem, dot, suffix = relative.rpartition(".")
    return f"{stem}.{digest}.{suffix}" if dot else f"{relative}.{digest}"


def static_assets(folder: Path) -> dict[str, tuple[str, Path]]:
    """Each file under templates/static by its plain name: (hashed name, source file)."""
    assets = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            relative = path.relative_to(folder).as_posix()
            assets[relative] = (hashed_name(path, relative), path)
    return assets
