"""The search index in shards: one Pagefind index per year of records and bundle, so a
build re-indexes only the shards whose records changed.

Each bundle (the site's language, pagefind/; another language, pagefind/zh-hans/) is cut
into shards, newest year first and undated records last. The first shard is indexed into
the bundle's own folder, so the search page imports it as before; every other shard goes
into a folder of its own inside it (pagefind/2022/, pagefind/undated/), and the search page
merges them with Pagefind's `mergeIndex`. `shards.json` in pagefind/ lists them, newest
first, for the page, and records each shard's digest (its records and the indexer), so the
next build links an unchanged shard from the site it replaces instead of indexing it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import NamedTuple

from ..outputs import SearchRecord
from .tree import link_tree

LISTING = "shards.json"
UNDATED = "undated"


class Shard(NamedTuple):
    """One shard of one bundle: its records and where its index goes under pagefind/."""

    bundle: str  # "" for the site's language, else the bundle's folder ("zh-hans")
    name: str  # "2022", "undated"
    folder: str  # under pagefind/: "" or "zh-hans" for a bundle's first shard, else "2022"
    records: tuple[SearchRecord, ...]


def shards_of(records: Iterable[SearchRecord]) -> list[Shard]:
    """Every bundle's shards, the site's language first, each bundle newest year first."""
    bundles: dict[str, dict[str, list[SearchRecord]]] = {"": {}}
    for record in records:
        name = str(record.year) if record.year is not None else UNDATED
        bundles.setdefault(record.bundle, {}).setdefault(name, []).append(record)
    shards = []
    for bundle, groups in bundles.items():
        names = sorted((n for n in groups if n != UNDATED), reverse=True)
        names += [UNDATED] if UNDATED in groups else []
        for position, name in enumerate(names):
            within = "" if position == 0 else name
            folder = "/".join(part for part in (bundle, within) if part)
            shards.append(Shard(bundle, name, folder, tuple(groups[name])))
    return shards


def shard_digest(shard: Shard, command: Sequence[str]) -> str:
    """What a shard's index is made from: its records, where it lies and the indexer."""
    found = hashlib.blake2b(digest_size=16)
    found.update(f"{indexer_identity(command)}\0{shard.folder}\0".encode())
    for record in sorted(shard.records, key=lambda r: r.path):
        found.update(f"{record.path}\0{len(record.html)}\0".encode())
        found.update(record.html)
    return found.hexdigest()


def indexer_identity(command: Sequence[str]) -> str:
    """The indexer's command with its program's size and time, and the version of a Python
    package it runs (`-m pagefind`): a new indexer makes every shard again."""
    parts = list(command)
    with contextlib.suppress(OSError):
        stat = Path(command[0]).stat()
        parts += [str(stat.st_size), str(stat.st_mtime_ns)]
    if "-m" in command[1:-1]:
        with contextlib.suppress(PackageNotFoundError):
            parts.append(version(command[command.index("-m") + 1]))
    return "\0".join(parts)


def listing(shards: list[Shard], made: dict[str, Made]) -> bytes:
    """shards.json: the folders the search page merges, by bundle, and what each shard is
    made of and made into (for the next build)."""
    merged: dict[str, list[str]] = {}
    for shard in shards:  # the first of each bundle's is in the bundle's own folder
        merged.setdefault(shard.bundle, []).append(shard.name)
    data = {"merge": merged, "made": {key: made[key]._asdict() for key in made}}
    return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8")


class Made(NamedTuple):
    """A shard's index as the last build made it: its digest and the names Pagefind wrote
    into its folder."""

    digest: str
    names: list[str]


def previous_shards(index: Path) -> dict[str, Made]:
    """The shards of the index at `index` (pagefind/), or none if unreadable."""
    try:
        found = json.loads((index / LISTING).read_text("utf-8"))["made"]
        return {key: Made(value["digest"], list(value["names"])) for key, value in found.items()}
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
