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
from typing import NamedTuple

from ..errors import BuildFailed, Problem
from ..outputs import SearchRecord, SearchShard
from .files import write_file
from .shards import (
    LISTING,
    Made,
    Shard,
    arrange,
    layout,
    link_shard,
    listing,
    previous_layout,
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
    indexed again. The folder may hold an index already (the standby copy's, two builds
    old): its shards that are as wanted stay as they are, and nothing else of it stays.
    A failure stops the build."""
    command = command or pagefind_command()
    index = folder / BUNDLE
    shards = arrange(plans)
    held = held_shards(index, shards)
    old = previous_shards(previous / BUNDLE) if previous is not None else {}
    made = {}
    for shard in shards:
        found = Found(held.get(shard.key), old.get(shard.key), previous)
        made[shard.key] = place(shard, index / shard.folder, found, command)
    prune(index, shards, made)
    if shards:
        write_file(folder, f"{BUNDLE}/{LISTING}", listing(shards, made))


class Found(NamedTuple):
    """A shard's index where one may be had without indexing: in its own folder (`held`),
    or in the site being replaced (`kept`, linked from `previous`)."""

    held: Made | None
    kept: Made | None
    previous: Path | None


def place(shard: Shard, where: Path, found: Found, command: Sequence[str]) -> Made:
    """Make one shard's index in `where`: left as the folder holds it, linked from the
    previous site, or indexed anew, whichever first holds what it is made of."""
    held, kept, previous = found
    source = shard_digest(shard.folder, shard.plan.key, command)
    if held is not None and held.source == source and all_there(where, held.names):
        return held
    if kept is not None and kept.source == source and linked(previous, shard, found, where):
        return kept
    records = shard.plan.make()
    digest = shard_digest(shard.folder, records_digest(records), command)
    if held is not None and held.digest == digest and all_there(where, held.names):
        return held._replace(source=source)
    if kept is not None and kept.digest == digest and linked(previous, shard, found, where):
        return kept._replace(source=source)
    clear(where, held.names if held else ())
    before = set(os.listdir(where)) if where.is_dir() else set()
    index_records(records, where, command)
    return Made(digest, source, sorted(set(os.listdir(where)) - before))


def linked(previous: Path | None, shard: Shard, found: Found, where: Path) -> bool:
    """Put the previous site's index of the shard in `where`, in place of what it held;
    False if the previous site lacks it after all."""
    assert previous is not None and found.kept is not None
    clear(where, [*(found.held.names if found.held else ()), *found.kept.names])
    try:
        link_shard(previous / BUNDLE / shard.folder, where, found.kept.names)
    except OSError:
        return False
    return True


def held_shards(index: Path, shards: list[Shard]) -> dict[str, Made]:
    """The shards an index folder holds already, if they lie where `shards` will; else
    the folder is emptied (laid out otherwise: a new year moved every shard)."""
    if previous_layout(index) == layout(shards):
        return previous_shards(index)
    shutil.rmtree(index, ignore_errors=True)
    return {}


def prune(index: Path, shards: list[Shard], made: dict[str, Made]) -> None:
    """Remove from each shard's folder what neither it nor a shard inside it holds."""
    folders = [shard.folder for shard in shards]
    for shard in shards:
        within = f"{shard.folder}/" if shard.folder else ""
        inner = {f.removeprefix(within).split("/")[0] for f in folders if f.startswith(within)}
        expected = {*made[shard.key].names, *inner, *(() if shard.folder else (LISTING,))}
        where = index / shard.folder
        if where.is_dir():
            clear(where, [name for name in os.listdir(where) if name not in expected])


def all_there(where: Path, names: Iterable[str]) -> bool:
    """True if `where` holds every one of these names."""
    return all((where / name).exists() for name in names)


def clear(where: Path, names: Iterable[str]) -> None:
    """Remove these files and folders from `where`, those that are there."""
    for name in names:
        path = where / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()


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
