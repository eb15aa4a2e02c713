"""Making the pending renders: one at a time, or over the process pool.

Render plans the site: for every output path it says what the file will hold. Most pages
are only *pending* then, a function that makes their bytes when asked; so a page the last
build wrote unchanged costs nothing, and `produce` can make the rest one at a time (the
whole site is never held in memory) or over a pool of processes. An edit renders too few
for a pool, but one of them may be its issue's PDF, most of the edit's time: such a slow
render is started in a forked worker first, while the build makes the others.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import parallel
from ..outputs import Made, Output, Pending

# Below this many pending renders a pool costs more to start than it saves.
POOL_THRESHOLD = 64
# Renders one pool makes before a fresh one (sharing the build's memory again) takes its
# place: every render copies the memory pages of the site it touches into its worker.
# (Pool's own maxtasksperchild forks while the pool's threads run, and can hang.)
BATCH = 500


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
    for job, made in run(pooled, jobs):
        yield from zip(job.targets, made, strict=True)
    for job in renders:
        if job.large:
            yield from zip(job.targets, job.make(), strict=True)


def run(renders: list[Pending], jobs: int) -> Iterator[tuple[Pending, tuple[bytes, ...]]]:
    """Each render with its bytes: in order, but for slow ones made beside a few others."""
    # Workers must be forked, so that they hold the renders already; fork is only safe
    # while no other thread runs (the preview's server has some: it renders here).
    if jobs <= 1 or not parallel.can_fork():
        for job in renders:
            yield job, job.make()
    elif len(renders) < POOL_THRESHOLD:
        yield from run_beside(renders, jobs)
    else:
        # Once, in this process: every worker of every pool is forked ready (see Pending).
        for ready in dict.fromkeys(job.ready for job in renders if job.ready is not None):
            ready()
        for start in range(0, len(renders), BATCH):
            batch = renders[start : start + BATCH]
            yield from zip(batch, run_batch(batch, jobs), strict=True)


def run_beside(renders: list[Pending], jobs: int) -> Iterator[tuple[Pending, tuple[bytes, ...]]]:
    """Too few renders for a pool: the slow ones (an edited issue's PDF) are started first
    in forked workers while this process makes the others; theirs come last."""
    slow = [job for job in renders if job.slow]
    if not slow:
        for job in renders:
            yield job, job.make()
        return
    global _renders
    _renders = slow
    try:  # frozen as in run_batch: the workers' garbage collector leaves the site shared
        with parallel.frozen(), parallel.pool(min(jobs - 1, len(slow))) as workers:
            made_slow = workers.imap(render_in_worker, range(len(slow)))
            for job in renders:
                if not job.slow:
                    yield job, job.make()
            for job, made in zip(slow, made_slow, strict=True):
                # As in run_batch: a failed render is made here again to raise its error.
                yield job, job.make() if made is None else made
    finally:
        _renders = []


def run_batch(renders: list[Pending], jobs: int) -> Iterator[tuple[bytes, ...]]:
    """The bytes of each render, made by a new pool of forked workers."""
    global _renders
    _renders = renders
    chunk = max(1, min(16, len(renders) // (jobs * 8)))
    # Workers share the site's memory with the build until they write to it; frozen, the
    # garbage collector no longer writes to every object (and so copies every page).
    try:
        with parallel.frozen():
            indices = range(len(renders))
            made_all = parallel.imap(render_in_worker, indices, jobs=jobs, chunksize=chunk)
            for index, made in enumerate(made_all):
                # A failed render is made again here, to raise its own error with its
                # traceback (not every exception survives the trip back from a worker).
                yield renders[index].make() if made is None else made
    finally:
        _renders = []


_renders: list[Pending] = []  # what the forked workers render, by index


def render_in_worker(index: int) -> tuple[bytes, ...] | None:
    """One render in a worker; None if it failed (the build makes it again to report it)."""
    job = _renders[index]
    try:
        return job.make()
    except Exception:
        return None
    finally:
        if job.slow:
            parallel.trim()
