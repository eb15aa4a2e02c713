"""Output files before they are written, and the rendering of those still to be made.

Render plans the site: for every output path it says what the file will hold. Most pages
are only *pending* then, a function that makes their bytes when asked; so a page the last
build wrote unchanged costs nothing, and `produce` can make the rest one at a time (the
whole site is never held in memory) or over a pool of processes.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem
from .workers import die_with_parent

# Below this many pending renders a pool costs more to start than it saves.
POOL_THRESHOLD = 64
# Renders one pool makes before a fresh one (sharing the build's memory again) takes its
# place: every render copies the memory pages of the site it touches into its worker.
# (Pool's own maxtasksperchild forks while the pool's threads run, and can hang.)
BATCH = 500


class Reused:
    """An output left exactly as the last build wrote it: nothing it shows has changed."""


REUSED = Reused()


@dataclass(frozen=True, eq=False)
class Pending:
    """Files still to render: their paths, and a function returning their bytes in order."""

    targets: tuple[str, ...]
    make: Callable[[], tuple[bytes, ...]]
    large: bool = False  # a whole-archive file: made in the build itself, after the pool


# What an output file holds: rendered bytes, a source file to copy, the last build's file,
# or a render still to be made.
Output = bytes | Path | Reused | Pending
# What it holds once produced.
Made = bytes | Path | Reused


class Outputs:
    """Output files by path; writing one path twice is a problem naming both sources."""

    def __init__(self) -> None:
        self.files: dict[str, Output] = {}
        self.origins: dict[str, Path | str] = {}
        self.problems: list[Problem] = []

    def add(self, path: str, content: Output, origin: Path | str) -> None:
        """Add one output file, made from `origin` (a content file or template name)."""
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
    ) -> None:
        """Files that one render makes together (an email's three parts, a feed's two)."""
        job = Pending(targets, make, large)
        for target in targets:
            self.add(target, job, origin)


def produce(files: dict[str, Output], jobs: int = 1) -> Iterator[tuple[str, Made]]:
    """Every output file with what it holds, rendering the pending ones as they are asked
    for: in this process, or over `jobs` processes. The bytes are the same either way."""
    renders = list(dict.fromkeys(c for c in files.values() if isinstance(c, Pending)))
    for path, content in files.items():
        if not isinstance(content, Pending):
            yield path, content
    # A worker making a whole-archive file (all articles as data) needs as much memory
    # again as the build: made here once the pool is gone, peak memory stays lower.
    pooled = [job for job in renders if not job.large]
    for job, made in zip(pooled, run(pooled, jobs), strict=True):
        yield from zip(job.targets, made, strict=True)
    for job in renders:
        if job.large:
            yield from zip(job.targets, job.make(), strict=True)


def run(renders: list[Pending], jobs: int) -> Iterator[tuple[bytes, ...]]:
    """The bytes of each render, in order."""
    # The pool is forked, so its workers hold the renders already; fork is only safe
    # while no other thread runs (the preview's server has some: it renders here).
    if jobs <= 1 or len(renders) < POOL_THRESHOLD or threading.active_count() > 1:
        for job in renders:
            yield job.make()
        return
    for start in range(0, len(renders), BATCH):
        yield from run_batch(renders[start : start + BATCH], jobs)


def run_batch(renders: list[Pending], jobs: int) -> Iterator[tuple[bytes, ...]]:
    """The bytes of each render, made by a new pool of forked workers."""
    global _renders
    _renders = renders
    context = multiprocessing.get_context("fork")
    chunk = max(1, min(16, len(renders) // (jobs * 8)))
    # Workers share the site's memory with the build until they write to it; frozen, the
    # garbage collector no longer writes to every object (and so copies every page).
    gc.freeze()
    try:
        # Forked before the pool starts its threads, and the last pool's are joined.
        with context.Pool(jobs, start_worker, (os.getpid(),)) as pool:
            for index, made in enumerate(pool.imap(render_in_worker, range(len(renders)), chunk)):
                # A failed render is made again here, to raise its own error with its traceback
                # (not every exception survives the trip back from a worker).
                yield renders[index].make() if made is None else made
    finally:
        _renders = []
        gc.unfreeze()


_renders: list[Pending] = []  # what the forked workers render, by index


def start_worker(parent: int) -> None:
    """End this worker with the build; give up if the build is already gone."""
    die_with_parent()
    if os.getppid() != parent:
        os._exit(1)


def render_in_worker(index: int) -> tuple[bytes, ...] | None:
    """One render in a worker; None if it failed (the build makes it again to report it)."""
    try:
        return _renders[index].make()
    except Exception:
        return None
