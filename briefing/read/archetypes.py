"""The archetypes `new` fills in: content/_archetypes/<name>, else the bundled copy."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError


def archetype(content: Path, name: str, bundled: Path) -> tuple[str, Path]:
    """The text of an archetype and where it came from."""
    for folder in (content / "_archetypes", bundled):
        path = folder / name
        if path.is_file():
            return path.read_text(encoding="utf-8"), path
    raise UsageError(f"no archetype {name} in {content / '_archetypes'}")
