"""The search stage: Pagefind indexes the site's search records into bundles under pagefind/.

`index_records` (indexer.py) makes one bundle from any set of records; `start_search`
starts indexing a site in shards (shards.py), which the search page merges in the browser,
and `index_for_search` waits for it too.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from ..outputs import SearchShard
from .files import write_file
from .indexer import BUNDLE, Indexing
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


# Shards indexed at once while the build goes on; any more wait their turn.
RUNNING = 2


def index_for_search(
    folder: Path,
    plans: Sequence[SearchShard],
    *,
    command: Sequence[str] | None = None,
    previous: Path | None = None,
) -> None:
    """Index the shards `plans` into folder/pagefind/, and wait for it (see start_search)."""
    start_search(folder, plans, command=command, previous=previous).wait()


def start_search(
    folder: Path,
    plans: Sequence[SearchShard],
    *,
    command: Sequence[str] | None = None,
    previous: Path | None = None,
    site: Path | None = None,
) -> SearchIndexing:
    """Start indexing the shards `plans` into folder/pagefind/ (the site's language) and
    one bundle per other language beside it (folder/pagefind/zh-hans/), see shards.py; a
    shard that is as in `previous`'s index (the site this one replaces) is linked from
    there, not indexed again. The folder may hold an index already (the standby copy's,
    two builds old): its shards that are as wanted stay as they are, and nothing else of
    it stays. Pagefind runs while the build goes on; `wait` ends it (a failure stops the
    build). Its scratch folders go beside the `site` being built, if given (see Indexing)."""
    command = command or pagefind_command()
    index = folder / BUNDLE
    shards = arrange(plans)
    held = held_shards(index, shards)
    old = previous_shards(previous / BUNDLE) if previous is not None else {}
    made: dict[str, Made | Later] = {}
    for shard in shards:
        found = Found(held.get(shard.key), old.get(shard.key), previous)
        placed = place(shard, index / shard.folder, found, command, inner(shard, shards), site)
        if isinstance(placed, Later) and sum(isinstance(m, Later) for m in made.values()) < RUNNING:
            placed.indexing.start()
        made[shard.key] = placed
    return SearchIndexing(folder, shards, made)


class Later(NamedTuple):
    """A shard being indexed: its run, and the digests its Made will have."""

    indexing: Indexing
    digest: str
    source: str


class SearchIndexing:
    """An index being made: its shards, placed or being indexed."""

    def __init__(self, folder: Path, shards: list[Shard], made: dict[str, Made | Later]) -> None:
        self.folder, self.shards, self.made = folder, shards, made

    def wait(self) -> None:
        """Wait for every run (those not yet started start in turn), remove what no shard
        holds and write the listing."""
        made = {
            key: Made(m.digest, m.source, m.indexing.wait()) if isinstance(m, Later) else m
            for key, m in self.made.items()
        }
        prune(self.folder / BUNDLE, self.shards, made)
        if self.shards:
            write_file(self.folder, f"{BUNDLE}/{LISTING}", listing(self.shards, made))

    def cancel(self) -> None:
        """Stop every run (the build failed on the way)."""
        for m in self.made.values():
            if isinstance(m, Later):
                m.indexing.cancel()


class Found(NamedTuple):
    """A shard's index where one may be had without indexing: in its own folder (`held`),
    or in the site being replaced (`kept`, linked from `previous`)."""

    held: Made | None
    kept: Made | None
    previous: Path | None


def place(
    shard: Shard,
    where: Path,
    found: Found,
    command: Sequence[str],
    others: list[str],
    site: Path | None = None,
) -> Made | Later:
    """Make one shard's index in `where`: left as the folder holds it, linked from the
    previous site, or indexed anew (`others`: the shards' folders inside it), whichever
    first holds what it is made of."""
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
    return Later(Indexing(records, where, command, others, beside=site), digest, source)


def inner(shard: Shard, shards: list[Shard]) -> list[str]:
    """The names, in this shard's folder, of the folders of the shards inside it."""
    within = f"{shard.folder}/" if shard.folder else ""
    return sorted(
        {
            other.folder.removeprefix(within).split("/")[0]
            for other in shards
            if other.folder != shard.folder and other.folder.startswith(within)
        }
    )


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
    for shard in shards:
        expected = {*made[shard.key].names, *inner(shard, shards)}
        expected |= set() if shard.folder else {LISTING}
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
) -> Editions:
    """Start the index of each edition, (its folder: "" or "de/", its shards), in that
    folder of `folder`, its unchanged shards linked from the same edition of `previous`
    (the site being replaced, beside which the runs' scratch folders go)."""
    return Editions(
        [
            start_search(folder / edition, plans, previous=previous / edition, site=previous)
            for edition, plans in editions
        ]
    )


class Editions(NamedTuple):
    """Every edition's index being made."""

    indexes: list[SearchIndexing]

    def wait(self) -> None:
        """Wait for each (see SearchIndexing.wait)."""
        for index in self.indexes:
            index.wait()

    def cancel(self) -> None:
        """Stop each."""
        for index in self.indexes:
            index.cancel()
