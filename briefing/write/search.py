"""The search stage: Pagefind indexes the site's search records into bundles under pagefind/.

`index_records` makes one bundle from any set of records; `index_for_search` indexes a
site in shards (shards.py) that the search page merges in the browser.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..errors import BuildFailed, Problem
from ..outputs import SearchRecord
from .files import write_file
from .shards import LISTING, Made, link_shard, listing, previous_shards, shard_digest, shards_of

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
    folder: Path,
    records: Sequence[SearchRecord],
    *,
    command: Sequence[str] | None = None,
    previous: Path | None = None,
) -> None:
    """Index `records` into folder/pagefind/ (the site's language) and one bundle per other
    language beside it (folder/pagefind/zh-hans/), each in shards of a year (see
    shards.py); a shard whose records are those of `previous`'s index (the site this one
    replaces) is linked from there, not indexed again. A failure stops the build."""
    command = command or pagefind_command()
    index = folder / BUNDLE
    shutil.rmtree(index, ignore_errors=True)  # no bundle of an earlier build stays
    old = previous_shards(previous / BUNDLE) if previous is not None else {}
    shards = shards_of(records)
    made = {}
    for shard in shards:
        key = f"{shard.bundle}:{shard.name}"
        digest = shard_digest(shard, command)
        where = index / shard.folder if shard.folder else index
        kept = old.get(key)
        if previous is not None and kept is not None and kept.digest == digest:
            try:
                link_shard(previous / BUNDLE / shard.folder, where, kept.names)
                made[key] = kept
                continue
            except OSError:  # the site it replaces lacks it after all: index it anew
                pass
        before = set(os.listdir(where)) if where.is_dir() else set()
        index_records(shard.records, where, command)
        made[key] = Made(digest, sorted(set(os.listdir(where)) - before))
    if shards:
        write_file(folder, f"{BUNDLE}/{LISTING}", listing(shards, made))


def index_editions(
    folder: Path, *, editions: Sequence[tuple[str, Sequence[SearchRecord]]], previous: Path
) -> None:
    """The index of each edition, (its folder: "" or "de/", its records), in that folder of
    `folder`, its unchanged shards linked from the same edition of the `previous` site."""
    for edition, records in editions:
        index_for_search(folder / edition, records=records, previous=previous / edition)


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
