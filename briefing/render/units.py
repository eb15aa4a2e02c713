"""Units of routing that the preview carries: what one issue, term or document planned.

Planning a save at 5,000 articles made and keyed the values of all 36,000 pages again,
though one issue changed. A unit is the part of routing that one issue, term or document
does: its route receives, as arguments, everything of the site it reads (its inputs)
besides the config, which is part of every page's fingerprint anyway. With a carry,
a unit whose inputs are the same as in the last rebuild is not routed again: the files it
planned are reused by their fingerprints, as routing it would have reused them.

A unit is replayed only if every fingerprint it planned is still the one the last good
build wrote (after a failed build it is routed again), and the whole render is planned
again without replaying when the site's set of pages changed, since every page links its
translations (see routes.render).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import repeat
from operator import eq
from pathlib import Path
from typing import TYPE_CHECKING

from ..outputs import REUSED

if TYPE_CHECKING:
    from .renderer import Renderer


@dataclass(eq=False)
class Planned:
    """What one unit planned, by output path (the edition's folder included): each file
    it renders with its fingerprint and origin, each it copies with its source and
    origin, and the paths of its pages (see Renderer.paths)."""

    targets: list[str] = field(default_factory=list)
    fingerprints: list[str] = field(default_factory=list)
    origins: list[Path | str] = field(default_factory=list)
    copies: list[tuple[str, Path, Path | str]] = field(default_factory=list)
    pages: dict[str, bool] = field(default_factory=dict)

    def replay(self, r: Renderer) -> bool:
        """Plan the same files again into `r`, all reused; False (and nothing planned) if
        the last good build wrote any of them with another fingerprint."""
        # In bulk: a save replays some 36,000 files at 5,000 articles.
        if not all(map(eq, map(r.previous.get, self.targets), self.fingerprints)):
            return False
        out = r.out
        if out.files.keys().isdisjoint(self.targets):
            out.files.update(zip(self.targets, repeat(REUSED)))
            out.origins.update(zip(self.targets, self.origins, strict=True))
        else:  # each is a problem naming both
            for target, origin in zip(self.targets, self.origins, strict=True):
                out.put(target, REUSED, origin)
        for target, source, origin in self.copies:
            out.put(target, source, origin)
        r.fingerprints.update(zip(self.targets, self.fingerprints, strict=True))
        r.page_paths.update(self.pages)
        return True


@dataclass(eq=False)
class Units:
    """A renderer's units: the context every unit's inputs begin with (every edition's
    base, see routes.render), the unit being planned, those planned so far, and whether
    the last rebuild's may be replayed, and were."""

    context: str
    recording: Planned | None = None
    planned: list[tuple[tuple[str, str], tuple, Planned]] = field(default_factory=list)
    replay: bool = True
    replayed: bool = False
