"""Persistent caches of read content files, compiled templates and costly renders: safe
to delete, checked before they are trusted.

Entries live in one SQLite file under their key, which covers everything a result depends
on (the file's bytes, the code, the config and taxonomies), so a stale entry is never
found. Each entry carries a CRC of its bytes; an entry that fails it, or a database that
cannot be read, is dropped and rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import zlib
from collections.abc import Callable
from pathlib import Path

import jinja2
import jinja2.bccache

FORMAT = 3  # bump when the stored layout changes (2: terms as references; 3: reduced)


class Cache:
    """Results by key in `folder`/cache.sqlite; with folder None, a cache that keeps nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.db: sqlite3.Connection | None = None
        self.used: set[str] = set()
        if folder is not None:
            self.db = _open(folder / "cache.sqlite")

    def get(self, key: str) -> bytes | None:
        """The stored bytes for `key`, or None if there are none or they are damaged."""
        self.used.add(key)
        if self.db is None:
            return None
        row = self.db.execute("SELECT crc, value FROM entries WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        crc, value = row
        if zlib.crc32(value) != crc:  # damaged: not trusted, computed again
            self.db.execute("DELETE FROM entries WHERE key = ?", (key,))
            return None
        return value

    def put(self, key: str, value: bytes) -> None:
        """Store bytes under `key`."""
        self.used.add(key)
        if self.db is None:
            return
        self.db.execute(
            "INSERT OR REPLACE INTO entries (key, crc, value) VALUES (?, ?, ?)",
            (key, zlib.crc32(value), value),
        )

    def close(self) -> None:
        """Forget entries this build did not use, so the cache never outgrows the site."""
        if self.db is None:
            return
        self.db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
        self.db.executemany("INSERT INTO used VALUES (?)", ((key,) for key in self.used))
        self.db.execute("DELETE FROM entries WHERE key NOT IN (SELECT key FROM used)")
        self.db.commit()
        self.db.close()
        self.db = None


def _open(path: Path) -> sqlite3.Connection:
    """Open the cache database, starting afresh if it is damaged or of another format."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Ignored by git wherever the cache folder is put.
    (path.parent / ".gitignore").write_text("*\n", encoding="utf-8")
    for _ in range(2):
        db = sqlite3.connect(path, timeout=30)
        try:
            (version,) = db.execute("PRAGMA user_version").fetchone()
            if version == FORMAT:
                db.execute("SELECT count(*) FROM entries").fetchone()
                return db
            db.execute("DROP TABLE IF EXISTS entries")
            db.execute("CREATE TABLE entries (key TEXT PRIMARY KEY, crc INTEGER, value BLOB)")
            db.execute(f"PRAGMA user_version = {FORMAT}")
            db.commit()
            return db
        except sqlite3.DatabaseError:
            db.close()
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    raise RuntimeError(f"cannot create the build cache at {path}")


class Memo:
    """Costly results (citations, PDFs) kept in `folder`, one file a slot; with folder None,
    a memo that keeps nothing.

    A slot is what the result is for (an issue's PDF, a page's Chicago entry) and holds
    the last result made for it under its key, which covers all the result depends on: a
    new key replaces the old result, so the memo never grows past one result a slot. One
    file a slot, so render workers read and add entries with no coordination: each is
    written whole under a name of its own, then renamed, and carries a CRC of its bytes,
    so a damaged one is computed again.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def through(self, slot: str, key: str, make: Callable[[], bytes]) -> bytes:
        """The bytes stored in `slot` under `key`, else `make()`'s, stored for next time."""
        if self.folder is None:
            return make()
        name = hashlib.blake2b(slot.encode(), digest_size=16).hexdigest()
        path = self.folder / name[:2] / name
        head = f"{key}\n".encode()
        try:
            stored = path.read_bytes()
        except OSError:
            stored = b""
        body, crc = stored[:-4], stored[-4:]
        if body.startswith(head) and zlib.crc32(body).to_bytes(4, "big") == crc:
            return body[len(head) :]
        made = make()
        temporary = path.with_name(f"{name}.{os.getpid()}.tmp")
        with contextlib.suppress(OSError):  # a memo that cannot be written keeps nothing
            path.parent.mkdir(parents=True, exist_ok=True)
            body = head + made
            temporary.write_bytes(body + zlib.crc32(body).to_bytes(4, "big"))
            os.replace(temporary, path)
        return made


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled templates kept in `folder`, each file checked before it is trusted.

    Jinja already keys each file on the template's source; this adds a CRC of the whole
    file, so a damaged one (which Jinja would fail to unpickle, or run) is compiled again.
    """

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        super().__init__(str(folder))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            stored = Path(self._get_cache_filename(bucket)).read_bytes()
        except OSError:
            return
        body, crc = stored[:-4], stored[-4:]
        if len(stored) > 4 and zlib.crc32(body).to_bytes(4, "big") == crc:
            with contextlib.suppress(Exception):  # stale format: compiled again
                bucket.bytecode_from_string(body)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        body = bucket.bytecode_to_string()
        path = Path(self._get_cache_filename(bucket))
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with contextlib.suppress(OSError):  # a cache that cannot be written keeps nothing
            temporary.write_bytes(body + zlib.crc32(body).to_bytes(4, "big"))
            os.replace(temporary, path)
