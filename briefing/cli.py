"""The command line: parse arguments, call the build, map failures to exit codes."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from . import BuildFailed, UsageError, build

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per job."""
    main = argparse.ArgumentParser(
        prog="build.py", description="Build a briefing site from Markdown content."
    )
    commands = main.add_subparsers(dest="command")
    build_command = commands.add_parser("build", help="build the site (the default)")
    build_command.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        help="the content folder (default: content)",
    )
    build_command.add_argument(
        "--out", type=Path, default=Path("site"), help="the output folder (default: site)"
    )
    build_command.add_argument(
        "--drafts", action="store_true", help="include items marked draft: true"
    )
    build_command.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="processes converting Markdown (default: one per core)",
    )
    build_command.add_argument(
        "--cache",
        type=Path,
        default=Path(".briefing-cache"),
        help="folder of results kept between builds (default: .briefing-cache; safe to delete)",
    )
    build_command.add_argument(
        "--no-cache",
        dest="cache",
        action="store_const",
        const=None,
        help="neither use nor update the cache",
    )
    build_command.add_argument(
        "--no-search",
        dest="search",
        action="store_false",
        help="skip the Pagefind search index (faster; the search page then shows links)",
    )
    return main


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (args[0].startswith("-") and args[0] not in ("-h", "--help")):
        args.insert(0, "build")
    options = parser().parse_args(args)
    return run_build(
        options.content,
        options.out,
        drafts=options.drafts,
        cache=options.cache,
        jobs=max(1, options.jobs),
        search=options.search,
    )


def run_build(
    content: Path,
    out: Path,
    *,
    drafts: bool,
    cache: Path | None,
    jobs: int,
    search: bool = True,
) -> int:
    """Build and report: a summary line, or every problem and the count."""
    started = time.perf_counter()
    try:
        summary = build(content, out, drafts=drafts, cache=cache, jobs=jobs, search=search)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BuildFailed as failure:
        for problem in failure.problems:
            print(problem, file=sys.stderr)
        count = len(failure.problems)
        print(
            f"{count} problem{'s' if count != 1 else ''} found; {out} was left as it was.",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    seconds = time.perf_counter() - started
    counts = (
        f"{summary.issues} issue{'s' if summary.issues != 1 else ''}, "
        f"{summary.articles} articles, {summary.files} files"
    )
    if summary.unchanged:
        print(f"Nothing changed since the last build of {out} ({counts}); {seconds:.2f} s.")
    else:
        print(
            f"Built {counts} into {out} in {seconds:.2f} s "
            f"({summary.converted} of {summary.read} content files converted)."
        )
    return EXIT_OK
