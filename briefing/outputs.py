"""Planned output files, as `render` hands them to `write`: what each output path will hold."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


class Reused:
    """An output left exactly as the last build wrote it: nothing it shows has changed."""


REUSED = Reused()


@dataclass(frozen=True, eq=False)
class Pending:
    """Files still to render: their paths, and a function returning their bytes in order."""

    targets: tuple[str, ...]
    make: Callable[[], tuple[bytes, ...]]
    large: bool = False  # a whole-archive file: made in the build itself, after the pool
    slow: bool = False  # a second or so (a PDF): among few renders, started first in a worker
    # Readies a process to make it (imports a library, finds fonts): called once in the
    # build before it forks a pool, so every worker starts ready and shares what it holds.
    ready: Callable[[], None] | None = None


# What an output file holds: rendered bytes, a source file to copy, the last build's file,
# or a render still to be made.
Output = bytes | Path | Reused | Pending
# What it holds once produced.
Made = bytes | Path | Reused


@dataclass(frozen=True)
class SearchRecord:
    """One entry of the search index: a small HTML page that Pagefind reads as if it were
    published at `path`, and the bundle it goes into ("" for the site's language, else the
    language's own bundle, which the search page merges in the browser)."""

    path: str  # "documents/x/index.html"
    bundle: str
    html: bytes
    year: int | None = None  # of its date: the index is made in shards of one year each


UNDATED = "undated"  # the shard of records without a date


def shard_name(year: int | None) -> str:
    """The shard a record of this year goes into: "2022", or "undated"."""
    return str(year) if year is not None else UNDATED


@dataclass(frozen=True, eq=False)
class SearchShard:
    """One year of one bundle's search records, planned: `key` is a digest of everything
    they are made from, so an unchanged shard is found without making its records."""

    bundle: str  # "" for the site's language, else the bundle's folder ("zh-hans")
    name: str  # "2022", "undated"
    key: str
    make: Callable[[], tuple[SearchRecord, ...]]
