"""The search stage: Pagefind indexes the finished pages into pagefind/ beside them."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import BuildFailed, Problem

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


CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,}")


def cjk_search_terms(text: str) -> str:
    """Every suffix of each run of Chinese characters, space-separated, for the index.

    Pagefind indexes an English page's Chinese text as whole runs and matches a query only
    at the start of a word; with every suffix indexed, any part of a Chinese title matches
    the start of some word (原材料工业 finds 关于印发原材料工业…).
    """
    runs = CJK_RUN.findall(text)
    return " ".join(run[start:] for run in runs for start in range(len(run) - 1))
