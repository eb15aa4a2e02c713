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

from ..digests import digest
from ..model import Article, Issue

PLAIN = (str, int, float, bool, type(None), dt.date, Path)


class Later(partial):
    """A page value computed only when the page is rendered (not when it is reused)."""


class Keys:
    """Keys of page values; each object's key is made once per build."""

    def __init__(self) -> None:
        # Holding the object keeps its id from being reused by another one.
        self.made: dict[int, tuple[Any, str]] = {}
        self.fields: dict[type, tuple[str, ...]] = {}

    def of(self, value: Any) -> str:
        """The key of one value: equal keys mean the value looks the same on a page."""
        if isinstance(value, PLAIN):
            return f"{type(value).__name__}:{value!r}"
        known = self.made.get(id(value))
        if known is not None:
            return known[1]
        key = digest(*self.parts(value))
        self.made[id(value)] = (value, key)
        return key

    def parts(self, value: Any) -> list[str]:
        """What the key of a composite value is made of."""
        if isinstance(value, (Issue, Article)):
            return [type(value).__name__, value.key]
        names = self.fields.get(type(value))
        if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
            names = self.fields[type(value)] = tuple(f.name for f in dataclasses.fields(value))
        if names is not None:
            return [type(value).__name__, *(self.of(getattr(value, n)) for n in names)]
        if isinstance(value, tuple | list):
            return ["list", *map(self.of, value)]
        if isinstance(value, Mapping):
            return ["map", *(f"{self.of(k)}={self.of(v)}" for k, v in value.items())]
        if isinstance(value, partial):
            function = f"{value.func.__module__}.{value.func.__qualname__}"
            return ["later", function, *map(self.of, value.args), self.of(value.keywords)]
        raise TypeError(f"a page value of type {type(value).__name__} has no key")
