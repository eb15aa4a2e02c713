#!/usr/bin/env python3
"""Build the briefing site: `python build.py [build] [--content DIR] [--out DIR]`."""

import sys

from briefing.cli import main

if __name__ == "__main__":
    sys.exit(main())
