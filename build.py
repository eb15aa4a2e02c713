#!/usr/bin/env python3
"""The briefing command line: build, serve, new, check, schedule (`python build.py -h`)."""

import sys

from briefing.cli import main

if __name__ == "__main__":
    sys.exit(main())
