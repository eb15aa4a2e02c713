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
from ..outputs import SearchRecord, SearchShard
from .files import write_file
from .shards import (
    LISTING,
    Made,
    Shard,
    arrange,
    link_shard,
    listing,
    previous_shards,
    records_digest,
    shard_digest,
)

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
    plans: Sequence[SearchShard],
    *,
    command: Sequence[str] | None = None,
    previous: Path | None = None,
) -> None:
    """Index the shards `plans` into folder/pagefind/ (the site's language) and one bundle
    per other language beside it (folder/pagefind/zh-hans/), see shards.py; a shard that
    is as in `previous`'s index (the site this one replaces) is linked from there, not
    indexed again. A failure stops the build."""
    command = command or pagefind_command()
    index = folder / BUNDLE
    shutil.rmtree(index, ignore_errors=True)  # no bundle of an earlier build stays
    old = previous_shards(previous / BUNDLE) if previous is not None else {}
    shards = arrange(plans)
    made = {}
    for shard in shards:
        where = index / shard.folder if shard.folder else index
        source = shard_digest(shard.folder, shard.plan.key, command)
        kept = old.get(shard.key) if previous is not None else None
        if kept is not None and kept.source == source and linked(previous, shard, kept, where):
            made[shard.key] = kept
            continue
        records = shard.plan.make()
        digest = shard_digest(shard.folder, records_digest(records), command)
        if kept is not None and kept.digest == digest and linked(previous, shard, kept, where):
            made[shard.key] = kept._replace(source=source)
            continue
        before = set(os.listdir(where)) if where.is_dir() else set()
        index_records(records, where, command)
        made[shard.key] = Made(digest, source, sorted(set(os.listdir(where)) - before))
    if shards:
        write_file(folder, f"{BUNDLE}/{LISTING}", listing(shards, made))


def linked(previous: Path | None, shard: Shard, kept: Made, where: Path) -> bool:
    """Link the shard's index from the `previous` site; False if it lacks it after all."""
    assert previous is not None
    try:
        link_shard(previous / BUNDLE / shard.folder, where, kept.names)
    except OSError:
        return False
    return True


def index_editions(
    folder: Path, *, editions: Sequence[tuple[str, Sequence[SearchShard]]], previous: Path
) -> None:
    """The index of each edition, (its folder: "" or "de/", its shards), in that folder of
    `folder`, its unchanged shards linked from the same edition of the `previous` site."""
    for edition, plans in editions:
        index_for_search(folder / edition, plans, previous=previous / edition)


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
