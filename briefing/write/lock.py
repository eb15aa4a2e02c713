"""The output folder: refusing one whose replacement could destroy something, and the lock
that keeps two builds from writing it at once."""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path

from ..errors import UsageError
from .marker import MARKER


def check_output(out: Path, *, protected: list[Path]) -> None:
    """Refuse an output folder whose replacement could destroy something else."""
    out = out.resolve()
    if out == Path(out.anchor) or out == Path.home().resolve():
        raise UsageError(f"refusing to write the site to {out}: choose a folder of its own")
    if (out / ".git").exists():
        raise UsageError(f"refusing to write the site to {out}: it is a repository root")
    for folder in protected:
        folder = folder.resolve()
        if out == folder or out in folder.parents or folder in out.parents:
            raise UsageError(
                f"refusing to write the site to {out}: it overlaps {folder}; "
                "choose a separate folder such as site/"
            )
    if out.exists() and not out.is_dir():
        raise UsageError(f"refusing to write the site to {out}: it is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise UsageError(
            f"refusing to replace {out}: it is not empty and briefing did not create it "
            f"(it has no {MARKER} file); choose another --out or empty it first"
        )


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the output's lock; a second build at the same time is told to wait."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    lock = out.parent / f".{out.name}.lock"
    with open(lock, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(
                f"another build is writing {out} right now; run this one when it has finished"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
