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
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Any

from ..cache import Memo
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
    """

    def __init__(self) -> None:
        # Holding the object keeps its id from being reused by another one.
        self.made: dict[int, tuple[Any, str]] = {}
        self.fields: dict[type, tuple[str, ...]] = {}
        self.kinds: dict[type, str] = {}

    def of(self, value: Any) -> str:
        """The key of one value: equal keys mean the value looks the same on a page."""
        kind = self.kinds.get(type(value))
        if kind is None:
            kind = self.kinds[type(value)] = kind_of(value)
        if kind == "plain":
            return f"{type(value).__name__}:{value!r}"
        if kind == "keyed":
            return value.key
        if kind == "memo":  # it changes how fast a value is made, never what it is
            return "memo"
        if kind == "list":
            return "[" + ",".join(map(self.of, value)) + "]"
        if kind == "tuple":  # often one shared by many pages (a term's months, the archive)
            known = self.made.get(id(value))
            if known is None:
                known = self.made[id(value)] = (value, "[" + ",".join(map(self.of, value)) + "]")
            return known[1]
        if kind == "later":
            function = f"{value.func.__module__}.{value.func.__qualname__}"
            return f"{function}({','.join(map(self.of, value.args))}{self.of(value.keywords)})"
        if kind == "map":
            return "{" + ",".join(f"{k}={self.of(v)}" for k, v in value.items()) + "}"
        known = self.made.get(id(value))
        if known is not None:
            return known[1]
        key = digest(type(value).__name__, *map(self.of, self.attributes(value)))
        self.made[id(value)] = (value, key)
        return key

    def attributes(self, value: Any) -> list[Any]:
        """The field values of a model object; TypeError for anything that is not one."""
        names = self.fields.get(type(value))
        if names is None:
            if not dataclasses.is_dataclass(value) or isinstance(value, type):
                raise TypeError(f"a page value of type {type(value).__name__} has no key")
            names = self.fields[type(value)] = tuple(f.name for f in dataclasses.fields(value))
        return [getattr(value, name) for name in names]


def kind_of(value: Any) -> str:
    """How values of this one's type are keyed (decided once per type)."""
    if isinstance(value, PLAIN):
        return "plain"
    if isinstance(value, KEYED):
        return "keyed"
    if isinstance(value, tuple):
        return "tuple"
    if isinstance(value, list):
        return "list"
    if isinstance(value, Later):
        return "later"
    if isinstance(value, Memo):
        return "memo"
    if isinstance(value, Mapping):
        return "map"
    return "object"
