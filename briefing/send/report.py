"""What a send says at the end: the totals of the whole send, and every recipient not reached."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from ..errors import display_path
from ..model import Issue
from .deliver import Run
from .log import DEFERRED, DROPPED, FAILED, QUEUED, SENDING, SENT, SKIPPED, Entry
from .plan import Parcel

UNCERTAIN_HELP = (
    "the whole message went out but the connection ended before the server answered, so "
    "it may have arrived. It is not resent, to never send twice: look for its Message-ID in "
    "the server's log, and if it is not there run send again with --resend-uncertain"
)
SECTIONS = (
    (FAILED, "refused for good (5xx), not retried"),
    (DEFERRED, "not sent yet (the server deferred them or the connection failed): "
     "run send again later to retry"),
    (QUEUED, "not sent yet: run send again to send them"),
    (SENDING, f"uncertain: {UNCERTAIN_HELP}"),
)  # fmt: skip


def plural(count: int, word: str) -> str:
    """'1 message', '2 messages'."""
    return f"{count} {word}{'s' if count != 1 else ''}"


def totals(entries: Mapping[str, Entry]) -> str:
    """The states of a whole send in words: "4 sent, 1 skipped, 1 failed"."""
    counts = Counter(entry.state for entry in entries.values())
    order = (SENT, SKIPPED, FAILED, DEFERRED, QUEUED, SENDING, DROPPED)
    words = {SENDING: "uncertain", DEFERRED: "deferred", QUEUED: "still queued"}
    return ", ".join(f"{counts[s]} {words.get(s, s)}" for s in order if counts[s]) or "nobody"


def report(
    title: str,
    entries: Mapping[str, Entry],
    run: Run,
    path: Path,
    out: TextIO,
    err: TextIO,
) -> bool:
    """Print the end of a run; True if every recipient is done (sent or skipped)."""
    this_run = f"{plural(run.counts.sent, 'message')} sent in this run"
    print(f"Sent {title}: {totals(entries)} ({this_run}). Log: {display_path(path)}", file=out)
    if run.stopped:
        print(f"Stopped early: {run.stopped}. Run send again to resume.", file=err)
    clean = True
    for state, heading in SECTIONS:
        rows = [entry for entry in entries.values() if entry.state == state]
        if not rows:
            continue
        clean = False
        print(f"{plural(len(rows), 'recipient')} {heading}:", file=err)
        for entry in sorted(rows, key=lambda e: e.address):
            detail = entry.message_id if state == SENDING else entry.detail
            print(f"  {entry.address}: {detail}", file=err)
    return clean


def dry_run(
    title: str,
    parcels: tuple[Parcel, ...],
    whole: Issue | None,
    entries: Mapping[str, Entry],
    via: str,
    out: TextIO,
) -> None:
    """Print who would get what, and how the log stands; nothing is sent or written."""
    print(f"Dry run, nothing is sent: {title} via {via}", file=out)
    would = Counter[str]()
    for parcel in parcels:
        entry = entries.get(parcel.subscriber.key)
        if entry is not None and entry.state not in (QUEUED, DEFERRED, SKIPPED):
            what = {SENT: "already sent", SENDING: "uncertain, not resent"}.get(entry.state)
            line, kind = f"{what or entry.state} ({entry.detail})", "done"
        else:
            line = parcel.describe(whole)
            kind = "skipped" if parcel.issue is None else "to send"
        would[kind] += 1
        print(f"  {parcel.subscriber.email}: {line}", file=out)
    counts = ", ".join(f"{would[k]} {k}" for k in ("to send", "skipped", "done") if would[k])
    print(f"{plural(len(parcels), 'recipient')}: {counts}.", file=out)
