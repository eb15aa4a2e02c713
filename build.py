#!/usr/bin/env python3
"""The briefing command line: build, serve, new, check, schedule (`python build.py -h`)."""

import sys

try:
    from briefing.cli import main
except ModuleNotFoundError as error:
    # Run by a Python without briefing's dependencies (the system's `python3` rather than
    # .venv's): say how to get them instead of printing a traceback.
    if (error.name or "").partition(".")[0] == "briefing":
        raise
    print(
        f"error: {sys.executable} cannot import {error.name!r}, which briefing needs: "
        "run `make site` once (it creates .venv with every dependency), then use "
        "`.venv/bin/python build.py …` (or activate .venv first)",
        file=sys.stderr,
    )
    sys.exit(2)

if __name__ == "__main__":
    sys.exit(main())
