"""Digests: of strings (model identities), of folders (inputs), and of briefing's own code."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent


def digest(*parts: str) -> str:
    """A short stable digest of strings: the identity of a model object's content."""
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=12).hexdigest()


# What a folder digest takes of one file: its bytes, or a digest standing for them.
FilePart = Callable[[os.DirEntry], bytes]


def folder_digest(
    folders: Iterable[Path], *, salt: str = "", suffix: str = "", part: FilePart | None = None
) -> str:
    """A digest of every file under the folders (names relative to each, and bytes).

    With `suffix`, only files whose names end with it count (".py" for the code); `part`
    gives what stands for a file's bytes (default: the bytes themselves).
    """
    found = hashlib.blake2b(f"{salt}\0".encode(), digest_size=16)
    for folder in folders:
        found.update(f"{folder}\0".encode())
        add_folder(found, str(folder), "", suffix, part or file_bytes)
    return found.hexdigest()


def file_bytes(entry: os.DirEntry) -> bytes:
    """A file's bytes, after their length."""
    with open(entry.path, "rb") as handle:
        data = handle.read()
    return f"{len(data)}\0".encode() + data


def add_folder(found: Any, folder: str, relative: str, suffix: str, part: FilePart) -> None:
    """Add every file under `folder` to `found`, in name order, depth first.

    A link to a folder adds where it points, not what it holds (it may hold itself).
    os.scandir, not Path.rglob: this runs on every build, and for a 6,000-file archive
    pathlib's per-path objects took longer than reading the files.
    """
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda entry: entry.name)
    for entry in entries:
        name = f"{relative}{entry.name}"
        if entry.is_symlink() and entry.is_dir():
            found.update(f"{name}\0->{os.readlink(entry.path)}\0".encode())
        elif entry.is_dir():
            add_folder(found, entry.path, f"{name}/", suffix, part)
        elif entry.is_file() and entry.name.endswith(suffix):
            found.update(f"{name}\0".encode())
            found.update(part(entry))


@cache
def code_version() -> str:
    """A digest of briefing's own code and interface text catalogues, so a changed tool
    never trusts old results (a corrected translation renders every page again)."""
    return digest(code_digest(PACKAGE), folder_digest([PACKAGE / "locales"], suffix=".po"))


def code_digest(package: Path) -> str:
    """A digest of every module of a package, in every subpackage (a recursive walk)."""
    return folder_digest([package], suffix=".py")
