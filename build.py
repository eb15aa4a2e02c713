#!/usr/bin/env python3
"""The briefing command line: build, serve, new, check, schedule (`python build.py -h`)."""

import sys


def run() -> int:
    """The command's exit code; a clear message if this Python lacks a dependency (the
    system's `python3` rather than .venv's), whenever the command first needs it: each
    command imports what it needs as it goes."""
    try:
        from briefing.cli import main

        return main()
    except ModuleNotFoundError as error:
        if (error.name or "").partition(".")[0] == "briefing":
            raise
        print(
            f"error: {sys.executable} cannot import {error.name!r}, which briefing needs: "
            "run `make site` once (it creates .venv with every dependency), then use "
            "`.venv/bin/python build.py …` (or activate .venv first)",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(run())
