"""Tidying the preview's heap between saves, when the editor pauses.

A rebuild runs with the resident model frozen (out of the collector's way), so the plans
it replaces, which hold reference cycles, wait for a full collection: 0.5-0.8 s at 5,000
articles, during which the server answers nothing. Run one second after a rebuild's pages
are all made, it met the next save whenever an editor saved again soon after; so it waits
until no save has come for a second, yet never lets more than a few rebuilds' leavings
pile up.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

TIDY_AFTER = 1.0  # seconds since the last rebuild ended, once its pages are all made
TIDY_EVERY = 8  # rebuilds at most between two tidyings, however quick the saves


def tidy() -> None:
    """Free what the last rebuilds left behind (the planned sites they replaced hold
    cycles) and leave what is held now out of later collections, so that a rebuild never
    waits for the collector to go over the whole resident model."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class Tidier:
    """Tidies when the saves pause: told of each rebuild, asked when one's pages are made."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        # When the last rebuild ended: a tidying asked for while one ran (the IOLoop was
        # busy) must not count the rebuild as a pause.
        self.last = clock()
        self.untidied = 0  # rebuilds since the last tidying

    def rebuilt(self) -> None:
        """A rebuild has ended."""
        self.last = self.clock()
        self.untidied += 1

    def maybe(self) -> bool:
        """Tidy if no rebuild ended for TIDY_AFTER seconds, or TIDY_EVERY rebuilds went
        untidied; True if it did."""
        if self.untidied == 0:
            return False
        if self.clock() - self.last < TIDY_AFTER and self.untidied < TIDY_EVERY:
            return False  # a save just came: its own pages, once made, ask again
        tidy()
        self.untidied = 0
        return True
