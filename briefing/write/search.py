"""The search stage: Pagefind indexes the finished pages into pagefind/ beside them."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from ..errors import BuildFailed, Problem

# Pagefind from PyPI (`pagefind[bin]`) ships its binary, so this runs offline.
PAGEFIND = (sys.executable, "-m", "pagefind", "--silent")


def index_for_search(folder: Path, *, command: Sequence[str] = PAGEFIND) -> None:
    """Index every page under `folder`; a failure stops the build before the swap."""
    try:
        result = subprocess.run(
            [*command, "--site", str(folder)], capture_output=True, text=True, check=False
        )
    except OSError as error:
        message = f"search index: cannot run pagefind ({error}); build with --no-search to skip it"
        raise BuildFailed([Problem(Path("pagefind"), None, message)]) from None
    if result.returncode != 0:
        said = (result.stderr or result.stdout).strip().splitlines()
        detail = said[-1] if said else f"exit code {result.returncode}"
        message = (
            f"search index: pagefind failed ({detail}); "
            "install it with pip install 'pagefind[bin]' or build with --no-search"
        )
        raise BuildFailed([Problem(Path("pagefind"), None, message)])
