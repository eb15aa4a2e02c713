"""What every worker process of a build does first: end when the build ends."""

from __future__ import annotations

import contextlib
import ctypes
import signal

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent() -> None:
    """Ask Linux to end this worker when the build that started it dies (kill -9 too).

    Forked workers share the pipes of the pool, so a killed parent never closes them, and
    its workers would wait on them for ever.
    """
    with contextlib.suppress(OSError, AttributeError):  # not Linux: nothing to ask
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
