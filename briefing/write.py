"""Write the rendered site into a temporary folder beside the output, then swap it in.

A build holds a lock beside the output for its whole write, so two builds cannot
interleave; the swap is one atomic exchange on Linux, so a reader (or a kill -9) sees
either the old site or the new one, never a mix or nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from .errors import UsageError
from .outputs import Made, Reused

MARKER = ".briefing-site"
MARKER_TEXT = "This folder is written by briefing; each build replaces it whole.\n"
RENAME_EXCHANGE = 2  # linux/fs.h
AT_FDCWD = -100


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


@dataclass(frozen=True)
class Written:
    """One output file as the build left it."""

    digest: str
    size: int
    mtime_ns: int
    fingerprint: str = ""  # of what the page shows, when render gave it one


# A stage run on the finished folder before it is published (the search index).
Finish = Callable[[Path], None]


def write_site(
    files: Iterable[tuple[str, Made]],
    out: Path,
    *,
    finish: Finish | None = None,
    fingerprints: Mapping[str, str] | None = None,
) -> dict[str, Written]:
    """Write every file, then replace `out` in one step so it is never half-written.

    `finish` runs on the complete staging folder before the swap, so the swap stays
    atomic even for files briefing does not write itself.
    """
    out = out.resolve()
    with locked(out):
        remove_leftovers(out)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
        try:
            os.chmod(staging, 0o755)
            prints = fingerprints or {}
            written = {
                relative: write_file(staging, relative, data(content), prints.get(relative, ""))
                for relative, content in files
            }
            if finish is not None:
                finish(staging)
            (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            swap_in(staging, out)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return written


def update_site(
    files: Iterable[tuple[str, Made]],
    out: Path,
    previous: dict[str, Written],
    *,
    finish: Finish | None = None,
    fingerprints: Mapping[str, str] | None = None,
    refinish: bool = False,
) -> dict[str, Written]:
    """Write only the files whose bytes changed and delete those no longer made.

    Each file is replaced in one rename, and deletions come last, so every page is
    complete at every moment (also when a render fails half-way: the next build, finding
    files it did not record, makes the site whole); only a full build swaps the whole
    site at once. `finish` then runs on the updated folder itself, if anything changed or
    `refinish` says so.
    """
    out = out.resolve()
    prints = fingerprints or {}
    written: dict[str, Written] = {}
    changed = False
    with locked(out):
        for relative, content in files:
            old = previous.get(relative)
            if isinstance(content, Reused) and old is not None:
                written[relative] = old  # render saw that nothing it shows changed
                continue
            payload = data(content)
            fingerprint = prints.get(relative, "")
            if old is not None and old.digest == digest_bytes(payload):
                written[relative] = replace(old, fingerprint=fingerprint)
            else:
                written[relative] = write_file(out, relative, payload, fingerprint, atomic=True)
                changed = True
        for relative in sorted(previous.keys() - written.keys()):
            with contextlib.suppress(FileNotFoundError):
                (out / relative).unlink()
            remove_empty_folders((out / relative).parent, out)
            changed = True
        if finish is not None and (changed or refinish):
            finish(out)
    return written


def data(content: Made) -> bytes:
    """The bytes of an output: rendered, or read from the file to copy."""
    if isinstance(content, Reused):
        raise ValueError("a reused output has no previous file to keep")
    return content.read_bytes() if isinstance(content, Path) else content


def digest_bytes(payload: bytes) -> str:
    """A fast digest for change detection (not for security)."""
    return hashlib.blake2b(payload, digest_size=16).hexdigest()


def write_file(
    root: Path, relative: str, payload: bytes, fingerprint: str = "", *, atomic: bool = False
) -> Written:
    """Write one output file, refusing any path that would leave `root`.

    With `atomic`, the bytes go to a temporary file first, renamed over the old one.
    """
    parts = PurePosixPath(relative).parts
    unsafe = relative.startswith("/") or ".." in parts or "\\" in relative or "\0" in relative
    if not parts or unsafe:
        raise ValueError(f"unsafe output path {relative!r}")
    target = root.joinpath(*parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    if atomic:
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(payload)
        os.replace(temporary, target)
    else:
        target.write_bytes(payload)
    stat = target.stat()
    return Written(digest_bytes(payload), stat.st_size, stat.st_mtime_ns, fingerprint)


def remove_empty_folders(folder: Path, root: Path) -> None:
    """Remove `folder` and its parents up to `root` while they are empty."""
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


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
