"""The send log: per issue (or digest) and recipient, what happened, committed as it happens.

One SQLite file per issue or digest. Every change is its own transaction, committed (WAL,
synchronous=FULL: on disk) before the next step, so a run killed at any point leaves a log
that says, for each recipient, exactly how far it got:

    queued    planned, not yet handed to the server: resuming sends it
    sending   the final "." of DATA was about to go: the server may have the message
    sent      the server accepted it; its reply is kept
    deferred  refused for now (4xx) or the connection failed before the end: retried
    failed    refused for good (5xx): listed, never retried
    skipped   the issue has nothing on their topics
    dropped   no longer in the subscribers CSV when an interrupted run was resumed

A run is a round; `--again` starts a new one, so an issue can be sent twice on purpose.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..errors import UsageError

QUEUED, SENDING, SENT, DEFERRED, FAILED = "queued", "sending", "sent", "deferred", "failed"
SKIPPED, DROPPED = "skipped", "dropped"
OPEN = (QUEUED, DEFERRED)  # still to send
SCHEMA = """
CREATE TABLE IF NOT EXISTS rounds (
    number INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT, scope TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS letters (
    round INTEGER NOT NULL, address TEXT NOT NULL, state TEXT NOT NULL,
    message_id TEXT NOT NULL, detail TEXT NOT NULL, attempts INTEGER NOT NULL,
    updated TEXT NOT NULL, PRIMARY KEY (round, address));
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, round INTEGER NOT NULL, address TEXT NOT NULL,
    state TEXT NOT NULL, detail TEXT NOT NULL);
"""
Clock = Callable[[], dt.datetime]


@dataclass(frozen=True)
class Round:
    """One send of an issue to its list: when it started and ended, and what it covers."""

    number: int
    started: str
    finished: str | None
    scope: str  # for a digest, the last day it covers, kept so a resume sends the same


@dataclass(frozen=True)
class Entry:
    """One recipient's line in the log."""

    address: str  # case-folded
    state: str
    message_id: str
    detail: str  # the server's reply, or the error
    attempts: int


class SendLog:
    """The log of one issue or digest, open for reading and writing."""

    def __init__(self, db: sqlite3.Connection, path: Path, clock: Clock) -> None:
        self.db = db
        self.path = path
        self.clock = clock

    @contextmanager
    def change(self) -> Iterator[sqlite3.Connection]:
        """One committed transaction: on disk before this returns."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def latest(self) -> Round | None:
        """The most recent round, finished or not."""
        row = self.db.execute("SELECT * FROM rounds ORDER BY number DESC LIMIT 1").fetchone()
        return Round(*row) if row else None

    def start(self, scope: str) -> Round:
        """A new round, started now."""
        with self.change() as db:
            number = db.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM rounds").fetchone()[0]
            db.execute("INSERT INTO rounds VALUES (?, ?, NULL, ?)", (number, self.now(), scope))
        return Round(number, self.now(), None, scope)

    def entries(self, number: int) -> dict[str, Entry]:
        """Every recipient of a round, by case-folded address."""
        rows = self.db.execute(
            "SELECT address, state, message_id, detail, attempts FROM letters WHERE round = ?",
            (number,),
        )
        return {row[0]: Entry(*row) for row in rows}

    def plan(self, number: int, entries: Iterable[Entry]) -> None:
        """Add recipients not yet in the round, all in one transaction."""
        now = self.now()
        with self.change() as db:
            for e in entries:
                values = (number, e.address, e.state, e.message_id, e.detail, 0, now)
                if db.execute(
                    "INSERT OR IGNORE INTO letters VALUES (?,?,?,?,?,?,?)", values
                ).rowcount:
                    self.event(db, number, e.address, e.state, e.detail)

    def mark(self, number: int, address: str, state: str, detail: str = "") -> None:
        """Record a recipient's new state; an attempt counts when it reaches the server."""
        tried = 1 if state == SENDING else 0
        with self.change() as db:
            db.execute(
                "UPDATE letters SET state = ?, detail = ?, attempts = attempts + ?, updated = ?"
                " WHERE round = ? AND address = ?",
                (state, detail, tried, self.now(), number, address),
            )
            self.event(db, number, address, state, detail)

    def finish(self, number: int) -> None:
        """Mark a round finished: nothing in it is left to send."""
        with self.change() as db:
            db.execute("UPDATE rounds SET finished = ? WHERE number = ?", (self.now(), number))

    def reopen(self, number: int) -> None:
        """Mark a round unfinished again, to send what was set aside."""
        with self.change() as db:
            db.execute("UPDATE rounds SET finished = NULL WHERE number = ?", (number,))

    def event(self, db: sqlite3.Connection, number: int, address: str, state: str, detail: str):
        """Append to the history, inside the caller's transaction."""
        values = (self.now(), number, address, state, detail)
        db.execute(
            "INSERT INTO events (at, round, address, state, detail) VALUES (?,?,?,?,?)", values
        )

    def now(self) -> str:
        """The clock's time as ISO 8601."""
        return self.clock().isoformat(timespec="seconds")

    def close(self) -> None:
        """Close the database."""
        self.db.close()


def open_log(path: Path, clock: Clock) -> SendLog:
    """Open (or create) a send log for writing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.executescript(SCHEMA)
    return SendLog(db, path, clock)


def read_log(path: Path, clock: Clock) -> SendLog | None:
    """Open an existing send log for reading only (a dry run writes nothing); None if none."""
    if not path.is_file():
        return None
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    return SendLog(db, path, clock)


@contextmanager
def locked(path: Path) -> Iterator[IO[str]]:
    """Hold the log's lock file for a whole run: two sends of one issue never overlap."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.with_suffix(".lock")
    with lock.open("a+", encoding="utf-8") as file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            file.seek(0)
            holder = file.read().strip() or "another process"
            raise UsageError(
                f"another send of this issue is running ({holder}, lock {lock}): "
                "wait for it to finish"
            ) from None
        file.seek(0)
        file.truncate()
        file.write(f"pid {os.getpid()}")
        file.flush()
        yield file
