"""The command line: parse arguments, call briefing, map failures to exit codes."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import commands
from .send_arguments import add_digest_arguments, add_send_arguments


def parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per job."""
    main = argparse.ArgumentParser(
        prog="build.py", description="Build, preview and check a briefing site."
    )
    sub = main.add_subparsers(dest="command")
    build = sub.add_parser("build", help="build the site (the default)")
    add_content(build)
    add_output(build)
    add_speed(build)
    add_clock(build)
    build.add_argument(
        "--no-search",
        dest="search",
        action="store_false",
        help="skip the Pagefind search index (faster; the search page then shows links)",
    )
    serve = sub.add_parser("serve", help="preview the site, rebuilding on every change")
    add_content(serve)
    serve.add_argument("--out", type=Path, help="also write each good build to this folder")
    serve.add_argument("--drafts", action="store_true", help="include drafts and scheduled items")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    add_speed(serve)
    add_clock(serve)
    add_new(sub)
    schedule = sub.add_parser(
        "schedule", help="print when the next scheduled item goes live or status changes"
    )
    add_content(schedule)
    add_clock(schedule)
    check = sub.add_parser("check", help="check content, links and anchors strictly (for CI)")
    add_content(check)
    check.add_argument("--external", action="store_true", help="also fetch external links")
    add_cache(check, "folder for the links that worked (default: .briefing-cache; safe to delete)")
    add_email(sub)
    add_send_arguments(sub)
    add_digest_arguments(sub)
    return main


def add_language(parser: argparse.ArgumentParser) -> None:
    """--language: which edition of a site in several languages."""
    parser.add_argument(
        "--language",
        metavar="TAG",
        help="the edition in this language, e.g. de (default: the site's first language)",
    )


def add_email(sub: argparse._SubParsersAction) -> None:
    """`email ISSUE`: one issue's newsletter email."""
    email = sub.add_parser("email", help="write one issue's email.html, email.txt and email.eml")
    email.add_argument("issue", help="the issue folder's name, e.g. 2022-09-29-basic-materials")
    add_content(email)
    email.add_argument(
        "--out", type=Path, default=Path("site"), help="site folder to write into (site)"
    )
    email.add_argument("--drafts", action="store_true", help="include drafts and scheduled issues")
    add_language(email)
    printed = email.add_mutually_exclusive_group()
    printed.add_argument(
        "--to-stdout", action="store_true", help="print the .eml message instead of writing files"
    )
    # The .eml is quoted-printable, as mail must be; this is the one to read in a terminal.
    printed.add_argument(
        "--text", action="store_true", help="print the plain text instead of writing files"
    )


def add_content(command: argparse.ArgumentParser) -> None:
    """The --content option every command has."""
    command.add_argument(
        "--content", type=Path, default=Path("content"), help="the content folder (content)"
    )


def add_output(command: argparse.ArgumentParser) -> None:
    """Where a build writes, and whether drafts are included."""
    command.add_argument("--out", type=Path, default=Path("site"), help="output folder (site)")
    command.add_argument(
        "--drafts", action="store_true", help="include drafts and scheduled items, with a banner"
    )


def add_speed(command: argparse.ArgumentParser) -> None:
    """Options that change how fast a build is, never what it makes."""
    command.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="processes converting Markdown and rendering pages (default: one per core)",
    )
    add_cache(
        command, "folder of results kept between builds (default: .briefing-cache; safe to delete)"
    )


def add_clock(command: argparse.ArgumentParser) -> None:
    """--now: the moment the build counts as now, to preview the site on another day."""
    command.add_argument(
        "--now",
        type=moment,
        help="the build's clock, e.g. 2026-03-01T08:00:00+08:00: which publish_at items are "
        "out and each document's status (by its day in China); default: the current time",
    )


def moment(text: str) -> dt.datetime:
    """An argparse type for an ISO 8601 date-time with a time zone."""
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        value = None
    if value is None or "T" not in text:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date-time: write YYYY-MM-DDTHH:MM:SS+HH:MM, "
            "e.g. 2026-03-01T08:00:00+08:00"
        )
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(
            f"'{text}' has no time zone, so the moment is ambiguous: add one, e.g. {text}+08:00"
        )
    return value


def add_cache(command: argparse.ArgumentParser, what: str) -> None:
    """--cache DIR and --no-cache."""
    command.add_argument("--cache", type=Path, default=Path(".briefing-cache"), help=what)
    command.add_argument(
        "--no-cache",
        dest="cache",
        action="store_const",
        const=None,
        help="neither use nor update the cache",
    )


def add_new(sub: argparse._SubParsersAction) -> None:
    """`new issue TITLE` and `new article ISSUE TITLE`."""
    new = sub.add_parser("new", help="create a new issue or article from content/_archetypes/")
    kinds = new.add_subparsers(dest="kind", required=True)
    issue = kinds.add_parser("issue", help="create issues/<date>-<slug>/index.md")
    issue.add_argument("title", help="the issue's title")
    issue.add_argument("--date", type=day, help="the issue's date, YYYY-MM-DD (default: today)")
    add_content(issue)
    article = kinds.add_parser("article", help="create <NN>-<slug>.md in an issue folder")
    article.add_argument("issue", help="the issue folder's name, e.g. 2026-12-01-chips")
    article.add_argument("title", help="the article's headline")
    add_content(article)


def day(text: str) -> dt.date:
    """An argparse type for YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write YYYY-MM-DD") from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (args[0].startswith("-") and args[0] not in ("-h", "--help")):
        args.insert(0, "build")
    options = parser().parse_args(args)
    now = getattr(options, "now", None) or dt.datetime.now().astimezone()
    return commands.run(options, now=now)
