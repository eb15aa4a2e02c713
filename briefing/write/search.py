"""The search stage: Pagefind indexes the site's search records into bundles under pagefind/.

`index_records` makes one bundle from any set of records, so a site can be indexed whole
(`index_for_search`) or in parts merged in the browser.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..errors import BuildFailed, Problem
from ..outputs import SearchRecord
from .files import write_file

BUNDLE = "pagefind"
# Where `make` installs Pagefind 1.6 from npm (tools/pagefind/): its platform package.
NPM_PACKAGES = Path(sys.prefix) / "pagefind" / "node_modules" / "@pagefind"


def pagefind_command(packages: Path = NPM_PACKAGES) -> tuple[str, ...]:
    """The indexer: Pagefind 1.6's extended build where `make` installed it from npm, else
    the PyPI package's binary (its extended 1.5 build, a dependency of briefing)."""
    for name in ("pagefind_extended", "pagefind_extended.exe"):
        found = sorted(packages.glob(f"*/bin/{name}"))
        if found:
            return (str(found[0]),)
    return (sys.executable, "-m", "pagefind")


def index_for_search(
    folder: Path, records: Sequence[SearchRecord], *, command: Sequence[str] | None = None
) -> None:
    """Index `records` into folder/pagefind/ (the site's language) and one bundle per other
    language beside it (folder/pagefind/zh-hans/); a failure stops the build."""
    command = command or pagefind_command()
    shutil.rmtree(folder / BUNDLE, ignore_errors=True)  # no bundle of an earlier build stays
    bundles: dict[str, list[SearchRecord]] = {"": []}  # the site's language first
    for record in records:
        bundles.setdefault(record.bundle, []).append(record)
    for name, group in bundles.items():
        if group:
            index_records(group, folder / BUNDLE / name if name else folder / BUNDLE, command)


def index_records(records: Iterable[SearchRecord], bundle: Path, command: Sequence[str]) -> None:
    """Index `records` into a new Pagefind bundle at `bundle`.

    Each record is written where its path says into a scratch folder outside the site,
    which Pagefind reads as a site; nothing of it is published."""
    with tempfile.TemporaryDirectory(prefix="briefing-search-") as scratch:
        for record in records:
            write_file(Path(scratch), record.path, record.html)
        run_pagefind([*command, "--silent", "--site", scratch, "--output-path", str(bundle)])


def run_pagefind(arguments: list[str]) -> None:
    """Run the indexer, or raise BuildFailed saying what went wrong and how to go on."""
    try:
        result = subprocess.run(arguments, capture_output=True, text=True, check=False)
    except OSError as error:
        message = f"search index: cannot run pagefind ({error}); build with --no-search to skip it"
        raise BuildFailed([Problem(Path(BUNDLE), None, message)]) from None
    if result.returncode != 0:
        said = (result.stderr or result.stdout).strip().splitlines()
        detail = said[-1] if said else f"exit code {result.returncode}"
        message = (
            f"search index: pagefind failed ({detail}); install it with `make` "
            "(Pagefind 1.6 from npm) or pip install 'pagefind[extended]', "
            "or build with --no-search"
        )
        raise BuildFailed([Problem(Path(BUNDLE), None, message)])
