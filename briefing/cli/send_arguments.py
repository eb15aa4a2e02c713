"""The command-line arguments of `send` and `digest` (here, not in send/: every command
parses them, and only those two need the sending code)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

# Not a cache: deleting it forgets what was sent, and the next send would send again.
LOGS = Path(".briefing-send")


def add_send_arguments(sub: argparse._SubParsersAction) -> None:
    """`send ISSUE --to CSV`, or `send --digest --since DATE --to CSV`."""
    send = sub.add_parser(
        "send",
        help="email an issue (or topic digests) to a subscribers CSV over SMTP, each once",
        description="Each recipient gets their own message, cut to their topics. A send "
        "log makes a second run resume an interrupted one, sending nobody twice.",
    )
    send.add_argument("issue", nargs="?", help="the issue folder's name (not with --digest)")
    send.add_argument("--to", type=Path, required=True, metavar="CSV", help="the subscribers CSV")
    add_content(send)
    send.add_argument("--drafts", action="store_true", help="allow a draft or scheduled issue")
    send.add_argument(
        "--language",
        metavar="TAG",
        help="send the edition in this language, e.g. de (default: the site's first language)",
    )
    send.add_argument(
        "--digest", action="store_true", help="send each subscriber a digest of their topics"
    )
    add_days(send, "(with --digest)")
    send.add_argument(
        "--dry-run", action="store_true", help="print who would get what; send nothing"
    )
    send.add_argument(
        "--again", action="store_true", help="send a finished send again, to everyone"
    )
    send.add_argument(
        "--resend-uncertain",
        action="store_true",
        help="resend the messages an interrupted run may or may not have delivered",
    )
    add_delivery(send)


def add_delivery(send: argparse.ArgumentParser) -> None:
    """How `send` delivers: the pace, the server, and where its log is kept."""
    send.add_argument(
        "--per-minute", type=positive, metavar="N", help="send at most N messages a minute"
    )
    send.add_argument(
        "--smtp-host", metavar="HOST", help="the SMTP server for this run (overrides site.yaml)"
    )
    send.add_argument(
        "--smtp-port", type=positive, metavar="PORT", help="its port (overrides site.yaml)"
    )
    send.add_argument(
        "--log-dir",
        type=Path,
        default=LOGS,
        metavar="DIR",
        help=f"where the send logs are kept ({LOGS})",
    )


def add_digest_arguments(sub: argparse._SubParsersAction) -> None:
    """`digest --since DATE [--topics a;b] [--until DATE] [--out FILE]`."""
    digest = sub.add_parser(
        "digest", help="make one email of the items on some topics across issues"
    )
    add_content(digest)
    add_days(digest, "")
    digest.add_argument(
        "--topics",
        default="",
        metavar="TOPICS",
        help="sectors or issuing bodies, ';'-separated (quote it): 'MIIT;semiconductors'; "
        "default: every item",
    )
    digest.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help="write FILE.eml, FILE.html or FILE.txt (default: .eml to stdout)",
    )
    digest.add_argument("--drafts", action="store_true", help="include drafts and scheduled items")


def add_content(command: argparse.ArgumentParser) -> None:
    """The --content option every command has."""
    command.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        metavar="DIR",
        help="the content folder (content)",
    )


def add_days(command: argparse.ArgumentParser, note: str) -> None:
    """--since and --until: the days of the issues a digest gathers, both included."""
    command.add_argument(
        "--since",
        type=day,
        required=not note,
        metavar="DATE",
        help=f"first issue date, YYYY-MM-DD {note}",
    )
    command.add_argument(
        "--until", type=day, metavar="DATE", help=f"last issue date (default: today) {note}"
    )


def day(text: str) -> dt.date:
    """An argparse type for YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write YYYY-MM-DD") from None


def positive(text: str) -> int:
    """An argparse type for a whole number of 1 or more."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 1 or more")
    return int(text)
