"""Write the rendered site into a temporary folder beside the output, then swap it in.

A build holds a lock beside the output for its whole write, so two builds cannot
interleave; the swap is one atomic exchange on Linux, so a reader (or a kill -9) sees
either the old site or the new one, never a mix or nothing.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..outputs import Made
from .files import Finish, Written, data, write_file
from .lock import locked
from .marker import generation, mark
from .tree import link_tree, standby_path

RENAME_EXCHANGE = 2  # linux/fs.h
AT_FDCWD = -100


def write_site(
    files: Iterable[tuple[str, Made]],
    out: Path,
    *,
    finish: Finish | None = None,
    fingerprints: Mapping[str, str] | None = None,
    standby: bool = False,
) -> dict[str, Written]:
    """Write every file, then replace `out` in one step so it is never half-written.

    `finish` runs on the complete staging folder before the swap, so the swap stays
    atomic even for files briefing does not write itself. With `standby`, a linked copy
    of the new site is kept beside it for the next incremental build (write/update.py).
    """
    out = out.resolve()
    with locked(out):
        remove_leftovers(out)
        staging = new_staging(out)
        try:
            prints = fingerprints or {}
            written = {
                relative: write_file(staging, relative, data(content), prints.get(relative, ""))
                for relative, content in files
            }
            if finish is not None:
                finish(staging).wait()
            mark(staging, generation(written))
            swap_in(staging, out)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(standby_path(out), ignore_errors=True)  # of an older site
        if standby:
            link_tree(out, standby_path(out))
    return written


def new_staging(out: Path) -> Path:
    """A new empty folder beside `out` to build the next site in."""
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    os.chmod(staging, 0o755)
    return staging


def remove_leftovers(out: Path) -> None:
    """Delete staging and retired folders that an interrupted build left behind."""
    for pattern in (f".{out.name}.tmp-*", f".{out.name}.old-*"):
        for folder in out.parent.glob(pattern):
            shutil.rmtree(folder, ignore_errors=True)


def swap_in(staging: Path, out: Path) -> None:
    """Put the finished staging folder at `out`, then delete the previous site."""
    if not out.exists():
        staging.rename(out)
        return
    if exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous site
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    retired.rmdir()
    out.rename(retired)
    staging.rename(out)
    shutil.rmtree(retired, ignore_errors=True)


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically with Linux's renameat2; False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    return result == 0
