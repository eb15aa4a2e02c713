"""The one process-pool helper: workers that die with the build, started the safe way;
and the garbage collector kept off the objects a build holds for its whole length."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import multiprocessing.pool

T = TypeVar("T")
R = TypeVar("R")
PR_SET_PDEATHSIG = 1  # linux/prctl.h
_frozen = 0  # how many `frozen` blocks are open


def can_fork() -> bool:
    """True while no other thread runs (the preview server's do): fork is only safe then."""
    return threading.active_count() == 1


def imap(
    work: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    chunksize: int = 1,
    setup: Callable[..., None] | None = None,
    setup_args: tuple[Any, ...] = (),
) -> Iterator[R]:
    """`work` over `items` in `jobs` worker processes, results in order (see `pool`)."""
    with pool(jobs, setup=setup, setup_args=setup_args) as workers:
        yield from workers.imap(work, items, chunksize)


@contextlib.contextmanager
def pool(
    jobs: int,
    *,
    setup: Callable[..., None] | None = None,
    setup_args: tuple[Any, ...] = (),
) -> Iterator[multiprocessing.pool.Pool]:
    """`jobs` worker processes, started on entering and ended on leaving: for work that
    must start before its results are asked for (imap's pool starts at the first result).

    Workers are forked when that is safe, so they share what the build holds (the caller
    may rely on that only if can_fork()); otherwise they start from a fork server and
    `setup(*setup_args)` must give them what they need.
    """
    import multiprocessing  # (when a pool is needed: a build finding nothing changed has none)

    method = "fork" if can_fork() else "forkserver"
    context = multiprocessing.get_context(method)
    with context.Pool(jobs, start_worker, (os.getpid(), setup, setup_args)) as workers:
        yield workers


def start_worker(parent: int, setup: Callable[..., None] | None, args: tuple[Any, ...]) -> None:
    """End this worker with the build; give up if the build is already gone; then set up."""
    die_with_parent()
    if os.getppid() != parent:  # the build died before we could ask
        os._exit(1)
    if setup is not None:
        setup(*args)


def die_with_parent() -> None:
    """Ask Linux to end this worker when the build that started it dies (kill -9 too).

    Forked workers share the pipes of the pool, so a killed parent never closes them, and
    its workers would wait on them for ever.
    """
    with contextlib.suppress(OSError, AttributeError):  # not Linux: nothing to ask
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def trim() -> None:
    """Give the C heap's free memory back to the system (glibc's malloc_trim; elsewhere
    nothing). A worker calls it after a render that allocates much outside Python's own
    allocator (a PDF: ~40 MB, which glibc would otherwise keep for the worker's life)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


@contextlib.contextmanager
def frozen() -> Iterator[None]:
    """Within, the objects alive on entry are left out of garbage collection: it no longer
    scans them again and again while a build makes hundreds of thousands of new ones, nor
    writes to them (copying them) in a forked worker. Only the outermost block unfreezes,
    which puts back every object frozen since."""
    global _frozen
    gc.freeze()
    _frozen += 1
    try:
        yield
    finally:
        _frozen -= 1
        if _frozen == 0:
            gc.unfreeze()


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No garbage collection within: for work that makes hundreds of thousands of objects
    that live on (loading a snapshot, assembling a site, planning its pages), which the
    collector would otherwise scan again and again, along with everything already held.

    Inside a `frozen` block, what was made is frozen too on leaving: else the collector
    would scan it all once more as soon as it is back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _frozen:
            gc.freeze()
        if enabled:
            gc.enable()
