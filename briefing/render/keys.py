"""The keys of what a page shows, derived from the very values its template receives.

A page is re-rendered when the key of its values changes, so what a template can show and
what makes it re-render cannot drift apart: there is no list of inputs kept by hand. An
Issue or Article stands for its content key (its files' bytes and everything they were
read with); any other model object for its fields; a `Later` value for its function and
arguments.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import Any

from ..cache import Memo
from ..carry import NO_CARRY, Carry
from ..digests import digest
from ..model import Article, Issue

PLAIN = (str, int, float, bool, type(None), dt.date, Path)
KEYED = (Issue, Article)


class Later(partial):
    """A page value computed only when the page is rendered (not when it is reused)."""


class Keys:
    """Keys of page values; each model object's key is made once per build.

    Lists, mappings and `Later` values are keyed by joining their parts (they are made
    for one page); model objects, shared by many pages, by a digest kept with them, and
    tuples (immutable, like the model) by the joined key kept with them.

    Each type's way of keying is looked up once, then called straight away: a build keys
    a million values (an edit at 5,000 articles), so the dispatch itself costs.
    """

    def __init__(self, carry: Carry = NO_CARRY) -> None:
        # Holding the object keeps its id from being reused by another one. With a carry
        # (the preview's), the keys of the objects the last rebuild keyed are known too.
        self.made, self.last = carry.key_tables()
        self.ways: dict[type, Callable[[Any], str]] = {}

    def of(self, value: Any) -> str:
        """The key of one value: equal keys mean the value looks the same on a page."""
        way = self.ways.get(type(value))
        if way is None:
            way = self.ways[type(value)] = self.way_for(type(value), value)
        return way(value)

    def way_for(self, kind: type, value: Any) -> Callable[[Any], str]:
        """How values of this type are keyed (decided once per type)."""
        if isinstance(value, PLAIN):
            return partial(plain, f"{kind.__name__}:")
        if isinstance(value, KEYED):
            return attrgetter("key")
        if isinstance(value, tuple):
            return self.tuple_key
        if isinstance(value, list):
            return self.list_key
        if isinstance(value, Later):
            return self.later_key
        if isinstance(value, Memo):  # it changes how fast a value is made, never what it is
            return lambda _: "memo"
        if isinstance(value, Mapping):
            return self.map_key
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            raise TypeError(f"a page value of type {kind.__name__} has no key")
        names = tuple(f.name for f in dataclasses.fields(value))
        fields = attrgetter(*names) if names else lambda _: ()
        return partial(self.object_key, kind.__name__, fields, len(names) == 1)

    def list_key(self, value: list) -> str:
        return "[" + ",".join(map(self.of, value)) + "]"

    def tuple_key(self, value: tuple) -> str:  # often one shared by many pages
        known = self.made.get(id(value)) or self.carried(value)
        if known is None:
            known = self.made[id(value)] = (value, "[" + ",".join(map(self.of, value)) + "]")
        return known[1]

    def carried(self, value: Any) -> tuple[Any, str] | None:
        """The key the last rebuild gave this very object, kept for this one; or None."""
        known = self.last.get(id(value))
        if known is None or known[0] is not value:
            return None
        self.made[id(value)] = known
        return known

    def later_key(self, value: Later) -> str:
        function = f"{value.func.__module__}.{value.func.__qualname__}"
        return f"{function}({','.join(map(self.of, value.args))}{self.of(value.keywords)})"

    def map_key(self, value: Mapping) -> str:
        return "{" + ",".join(f"{k}={self.of(v)}" for k, v in value.items()) + "}"

    def object_key(self, name: str, fields: Callable, single: bool, value: Any) -> str:
        known = self.made.get(id(value)) or self.carried(value)
        if known is None:
            found = (fields(value),) if single else fields(value)
            known = self.made[id(value)] = (value, digest(name, *map(self.of, found)))
        return known[1]


def plain(prefix: str, value: Any) -> str:
    """The key of a str, number, date, path or None: its type and repr."""
    return f"{prefix}{value!r}"
