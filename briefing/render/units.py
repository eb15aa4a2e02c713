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
from pathlib import Path
from typing import TYPE_CHECKING

from ..outputs import REUSED

if TYPE_CHECKING:
    from .renderer import Renderer


@dataclass(eq=False)
class Planned:
    """What one unit planned: each output file with its origin and fingerprint (None for a
    file copied as it is, from `source`), and the paths of its pages."""

    # (target without the edition's folder, source of a copy or None, origin, fingerprint)
    outputs: list[tuple[str, Path | None, Path | str, str | None]] = field(default_factory=list)
    pages: dict[str, bool] = field(default_factory=dict)  # see Renderer.paths

    def replay(self, r: Renderer) -> bool:
        """Plan the same files again into `r`, all reused; False (and nothing planned) if
        the last good build wrote any of them with another fingerprint."""
        prefix, previous = r.out.prefix, r.previous
        for target, _, _, fingerprint in self.outputs:
            if fingerprint is not None and previous.get(prefix + target) != fingerprint:
                return False
        for target, source, origin, fingerprint in self.outputs:
            if fingerprint is None:
                r.out.add(target, source, origin)
            else:
                r.out.add(target, REUSED, origin)
                r.fingerprints[prefix + target] = fingerprint
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
