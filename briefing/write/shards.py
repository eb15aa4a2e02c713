"""The search index in shards: one Pagefind index per year of records and bundle, so a
build re-indexes only the shards whose records changed.

Each bundle (the site's language, pagefind/; another language, pagefind/zh-hans/) is cut
into shards, newest year first and undated records last. The first shard is indexed into
the bundle's own folder, so the search page imports it as before; every other shard goes
into a folder of its own inside it (pagefind/2022/, pagefind/undated/), and the search page
merges them with Pagefind's `mergeIndex`. `shards.json` in pagefind/ lists them, newest
first, for the page, and records two digests of each shard (with the indexer): of its
plan's key, the inputs of its records, and of the records themselves. The next build links
a shard from the site it replaces when its key is unchanged, without making its records;
when the key changed, it makes the records, and links the shard still if they are the same.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import NamedTuple

from ..outputs import UNDATED, SearchRecord, SearchShard, shard_name
from .tree import link_tree

LISTING = "shards.json"


class Shard(NamedTuple):
    """One shard of one bundle, placed: where its index goes under pagefind/."""

    plan: SearchShard
    folder: str  # under pagefind/: "" or "zh-hans" for a bundle's first shard, else "2022"

    @property
    def key(self) -> str:
        """Where it lies in the listing: "zh-hans:2022"."""
        return f"{self.plan.bundle}:{self.plan.name}"


def plans_of(records: Iterable[SearchRecord]) -> list[SearchShard]:
    """Records grouped into shards by bundle and year, each keyed by its records."""
    groups: dict[tuple[str, str], list[SearchRecord]] = {}
    for record in records:
        groups.setdefault((record.bundle, shard_name(record.year)), []).append(record)
    return [
        SearchShard(bundle, name, records_digest(group), partial(tuple, group))
        for (bundle, name), group in groups.items()
    ]


def arrange(plans: Iterable[SearchShard]) -> list[Shard]:
    """The shards placed, the site's language first, each bundle newest year first and
    undated last; each bundle's first shard in the bundle's own folder."""
    bundles: dict[str, list[SearchShard]] = {"": []}
    for plan in plans:
        bundles.setdefault(plan.bundle, []).append(plan)
    shards = []
    for bundle, found in bundles.items():
        dated = sorted((p for p in found if p.name != UNDATED), key=lambda p: p.name, reverse=True)
        ordered = dated + [p for p in found if p.name == UNDATED]
        for position, plan in enumerate(ordered):
            within = "" if position == 0 else plan.name
            shards.append(Shard(plan, "/".join(part for part in (bundle, within) if part)))
    return shards


def records_digest(records: Iterable[SearchRecord]) -> str:
    """A digest of records' paths and pages."""
    found = hashlib.blake2b(digest_size=16)
    for record in sorted(records, key=lambda r: r.path):
        found.update(f"{record.path}\0{len(record.html)}\0".encode())
        found.update(record.html)
    return found.hexdigest()


def shard_digest(folder: str, made_of: str, command: Sequence[str]) -> str:
    """What a shard's index is made from: its records (`made_of`, their digest or the
    plan's key of their inputs), where it lies and the indexer."""
    found = f"{indexer_identity(command)}\0{folder}\0{made_of}"
    return hashlib.blake2b(found.encode(), digest_size=16).hexdigest()


def indexer_identity(command: Sequence[str]) -> str:
    """The indexer's command with its program's size and time, and the version of a Python
    package it runs (`-m pagefind`): a new indexer makes every shard again."""
    parts = list(command)
    with contextlib.suppress(OSError):
        stat = Path(command[0]).stat()
        parts += [str(stat.st_size), str(stat.st_mtime_ns)]
    if "-m" in command[1:-1]:
        from importlib.metadata import PackageNotFoundError, version  # (slow to import)

        with contextlib.suppress(PackageNotFoundError):
            parts.append(version(command[command.index("-m") + 1]))
    return "\0".join(parts)


def listing(shards: list[Shard], made: dict[str, Made]) -> bytes:
    """shards.json: the folders the search page merges, by bundle, and what each shard is
    made of and made into (for the next build)."""
    data = {"merge": layout(shards), "made": {key: made[key]._asdict() for key in made}}
    return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8")


class Made(NamedTuple):
    """A shard's index as the last build made it: the digests of its records and of its
    plan's key (either unchanged means the same index), and the names Pagefind wrote into
    its folder."""

    digest: str
    source: str
    names: list[str]


def layout(shards: list[Shard]) -> dict[str, list[str]]:
    """Each bundle's shards by name, in order: the first in the bundle's own folder."""
    merged: dict[str, list[str]] = {}
    for shard in shards:
        merged.setdefault(shard.plan.bundle, []).append(shard.plan.name)
    return merged


def previous_layout(index: Path) -> dict[str, list[str]] | None:
    """The layout of the index at `index` (pagefind/), or None if unreadable."""
    try:
        found = json.loads((index / LISTING).read_text("utf-8"))["merge"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return found if isinstance(found, dict) else None


def previous_shards(index: Path) -> dict[str, Made]:
    """The shards of the index at `index` (pagefind/), or none if unreadable."""
    try:
        found = json.loads((index / LISTING).read_text("utf-8"))["made"]
        return {
            key: Made(value["digest"], value["source"], list(value["names"]))
            for key, value in found.items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def link_shard(source: Path, target: Path, names: Iterable[str]) -> None:
    """Hard-link the files and folders `names` of one shard's index from `source` into
    `target` (other shards' folders inside it are theirs)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        if (source / name).is_dir():
            link_tree(source / name, target / name)
        else:
            os.link(source / name, target / name, follow_symlinks=False)
