"""Digests: of strings (model identities), of folders (inputs), and of briefing's own code."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent


def digest(*parts: str) -> str:
    """A short stable digest of strings: the identity of a model object's content."""
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=12).hexdigest()


def folder_digest(folders: Iterable[Path], *, salt: str = "", suffix: str = "") -> str:
    """A digest of every file under the folders (names relative to each, and bytes).

    With `suffix`, only files whose names end with it count (".py" for the code).
    """
    found = hashlib.blake2b(f"{salt}\0".encode(), digest_size=16)
    for folder in folders:
        found.update(f"{folder}\0".encode())
        add_folder(found, str(folder), "", suffix)
    return found.hexdigest()


def add_folder(found: Any, folder: str, relative: str, suffix: str) -> None:
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
            add_folder(found, entry.path, f"{name}/", suffix)
        elif entry.is_file() and entry.name.endswith(suffix):
            with open(entry.path, "rb") as handle:
                data = handle.read()
            found.update(f"{name}\0{len(data)}\0".encode())
            found.update(data)


@cache
def code_version() -> str:
    """A digest of briefing's own code and interface text catalogues, so a changed tool
    never trusts old results (a corrected translation renders every page again)."""
    return digest(code_digest(PACKAGE), folder_digest([PACKAGE / "locales"], suffix=".po"))


def code_digest(package: Path) -> str:
    """A digest of every module of a package, in every subpackage (a recursive walk)."""
    return folder_digest([package], suffix=".py")
