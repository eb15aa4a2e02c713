"""Output files one by one: each written whole (atomically when asked) and recorded for the
manifest."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import NamedTuple, Protocol

from ..outputs import Made, Reused
from .lock import locked


class Written(NamedTuple):
    """One output file as the build left it (a tuple: a manifest holds tens of thousands,
    and loads them in a tenth of the time dataclasses took)."""

    digest: str
    size: int
    mtime_ns: int
    fingerprint: str = ""  # of what the page shows, when render gave it one


class Finishing(Protocol):
    """A stage started on the folder before it is published (the search index)."""

    def wait(self) -> None:
        """Wait for it to end; it may raise BuildFailed."""

    def cancel(self) -> None:
        """Stop it: the build failed on the way."""


# Starts a Finishing on a folder.
Finish = Callable[[Path], Finishing]


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


def add_files(files: Iterable[tuple[str, bytes]], out: Path) -> list[Path]:
    """Write a few files into an output folder (the `email` command's), each replaced in
    one rename, holding the output's lock; returns their paths."""
    out = out.resolve()
    with locked(out):
        return [
            out / relative
            for relative, payload in files
            if write_file(out, relative, payload, atomic=True)
        ]
