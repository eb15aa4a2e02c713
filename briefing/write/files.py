"""Output files one by one: each written whole (atomically when asked), recorded for the
manifest; and the incremental update of a site that changes only what changed."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from ..outputs import Made, Reused
from .lock import locked


@dataclass(frozen=True)
class Written:
    """One output file as the build left it."""

    digest: str
    size: int
    mtime_ns: int
    fingerprint: str = ""  # of what the page shows, when render gave it one


# A stage run on the finished folder before it is published (the search index).
Finish = Callable[[Path], None]


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

    Each file is replaced in one rename, deletions last, so every page is complete at every
    moment (a build that fails half-way leaves files the next one, not finding them in the
    manifest, makes whole). `finish` then runs on the folder if anything changed or
    `refinish` says so."""
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
