"""The last reading of a content folder, kept so the next one reads only what changed.

Loading 6,000 results from the cache one by one, and building every issue from them
again, took most of a rebuild's reading at 5,000 articles. A snapshot holds, for each
issue folder, its files' results and the issue built from them: in the preview in
memory, between builds as one file per folder in the cache, so an edit writes one small
file. Every entry is found by a key of all its inputs (a file's by its cache key, an
issue's by its files' keys and what the release shows). Each file carries its format,
the code's version and a CRC of its bytes: one that fails any of them, or does not load,
is deleted and written afresh.
"""

from __future__ import annotations

import contextlib
import os
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..digests import code_version, digest
from ..model import Term
from .results import dumps, loads

FORMAT = b"briefing-reading-1\n"
FOLDER = "reading"  # under the cache folder


@dataclass
class Snapshot:
    """Read results by file key and built issues by folder key; the groups they came in
    (each issue folder's file keys and its issue's key, by the folder's name); and (kept
    in memory only, for the preview, which is told which files changed) each file's key
    by path, with the fingerprint of what the files were read with (read/content.py), and
    the issue folders found."""

    results: dict[str, Any] = field(default_factory=dict)
    issues: dict[str, Any] = field(default_factory=dict)
    groups: dict[str, tuple[tuple[str, ...], str]] = field(default_factory=dict)
    keys: dict[Path, str] = field(default_factory=dict)
    fingerprint: str = ""
    source: Path | None = None  # the cache folder whose groups are loaded when asked for
    terms: dict[tuple[str, str], Term] = field(default_factory=dict, repr=False)
    # The issue folders found (in memory only, as `keys`), and every file they hold by
    # absolute path: a save that only edits some of those files leaves the folders as they are.
    folders: tuple[Any, ...] | None = field(default=None, repr=False)
    files: frozenset[str] = field(default_factory=frozenset, repr=False)

    def load(self, names: Iterable[str]) -> None:
        """Bring in the groups of these names that the cache folder holds."""
        if self.source is None:
            return
        for name in names:
            if name not in self.groups:
                self.load_group(self.source / FOLDER / f"{name}.pickle", name)

    def load_group(self, path: Path, name: str) -> None:
        """One group's entries from its file; a file that cannot be trusted is deleted."""
        try:
            stored = path.read_bytes()
        except OSError:
            return
        header = FORMAT + code_version().encode() + b"\n"
        body, crc = stored[len(header) : -4], stored[-4:]
        try:
            if not stored.startswith(header) or zlib.crc32(body).to_bytes(4, "big") != crc:
                raise ValueError("damaged")
            results, issues, group = loads(body, self.terms)
        except Exception:  # damaged, of another layout, or naming a term no longer declared
            with contextlib.suppress(OSError):
                path.unlink()
            return
        self.results.update(results)
        self.issues.update(issues)
        self.groups[name] = group


def group_name(folder: Path) -> str:
    """The name of the group of an issue folder's files."""
    return digest("group", str(folder))


def load_snapshot(cache: Path | None, terms: dict[tuple[str, str], Term]) -> Snapshot:
    """The snapshot the last build left in `cache` (empty without one), whose groups are
    read when asked for, their terms those of `terms`."""
    return Snapshot(source=cache, terms=terms)


def save_snapshot(cache: Path | None, snapshot: Snapshot, last: Snapshot) -> None:
    """Keep the snapshot's groups in `cache`: those not as the `last` one loaded them
    written (each in one rename, so a build killed meanwhile leaves no partial file), and
    those of folders gone removed."""
    if cache is None:
        return
    folder = cache / FOLDER
    header = FORMAT + code_version().encode() + b"\n"
    with contextlib.suppress(OSError):  # a cache that cannot be written keeps nothing
        folder.mkdir(parents=True, exist_ok=True)
        for name, (keys, issue) in snapshot.groups.items():
            if last.groups.get(name) == (keys, issue):
                continue
            group = {key: snapshot.results[key] for key in keys}
            body = dumps((group, {issue: snapshot.issues[issue]}, (keys, issue)))
            temporary = folder / f"{name}.{os.getpid()}.tmp"
            temporary.write_bytes(header + body + zlib.crc32(body).to_bytes(4, "big"))
            os.replace(temporary, folder / f"{name}.pickle")
        for path in folder.iterdir():
            if path.stem not in snapshot.groups:
                path.unlink()
