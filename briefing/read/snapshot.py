"""The last reading of a content folder, kept whole so the next one reads only what changed.

Loading 6,000 results from the cache one by one, and building every issue from them
again, took most of a rebuild at 5,000 articles; a snapshot holds all of them in one
file (or, in the preview, in memory). Every entry is found by a key of all its inputs
(a file's by its cache key, an issue's by the keys of its files and what the release
shows), so an entry that no longer fits is never found, only dropped. The file carries
its format, the code's version and a CRC of its bytes: one that fails any of them, or
does not load, is ignored and written afresh.
"""

from __future__ import annotations

import contextlib
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..digests import code_version
from ..model import Term
from .results import dumps, loads

FORMAT = b"briefing-reading-1\n"
NAME = "reading.snapshot"


@dataclass
class Snapshot:
    """Read results by file key, built issues by folder key, and (kept in memory only, for
    the preview, which is told which files changed) each file's key by path."""

    results: dict[str, Any] = field(default_factory=dict)
    issues: dict[str, Any] = field(default_factory=dict)
    keys: dict[Path, str] = field(default_factory=dict)
    fingerprint: str = ""  # of what the files were read with (read/content.py)

    def same(self, other: Snapshot) -> bool:
        """True if both hold entries under the same keys (and so the same entries)."""
        return self.results.keys() == other.results.keys() and (
            self.issues.keys() == other.issues.keys()
        )


def load_snapshot(cache: Path | None, terms: dict[tuple[str, str], Term]) -> Snapshot:
    """The snapshot the last build left in `cache`, or an empty one if there is none or it
    cannot be trusted (damaged, of another format or another version of the code)."""
    if cache is None:
        return Snapshot()
    try:
        stored = (cache / NAME).read_bytes()
    except OSError:
        return Snapshot()
    header = FORMAT + code_version().encode() + b"\n"
    body, crc = stored[len(header) : -4], stored[-4:]
    if not stored.startswith(header) or zlib.crc32(body).to_bytes(4, "big") != crc:
        return Snapshot()
    try:
        results, issues = loads(body, terms)
    except Exception:  # a term no longer declared, or bytes of another layout
        return Snapshot()
    return Snapshot(results, issues)


def save_snapshot(cache: Path | None, snapshot: Snapshot) -> None:
    """Keep the snapshot in `cache`, replacing the last one in one rename (a build killed
    while writing it leaves the last one whole)."""
    if cache is None:
        return
    body = dumps((snapshot.results, snapshot.issues))
    header = FORMAT + code_version().encode() + b"\n"
    path = cache / NAME
    temporary = path.with_name(f"{NAME}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError):  # a cache that cannot be written keeps nothing
        cache.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(header + body + zlib.crc32(body).to_bytes(4, "big"))
        os.replace(temporary, path)
