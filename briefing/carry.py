"""What the preview carries from one rebuild to the next: parts of the model, by their inputs.

A save changes one issue in a thousand, yet assembling and keying the site made every
derived object (an entry of a tag page, a document's record) afresh, and planning then
keyed each again, since a new object has no key yet. The preview keeps a `Carry` between
rebuilds: a part made from the very same inputs as last time is the object made then, so
its key (kept with it, see render/keys.py) carries over too.

Inputs are compared strictly: model objects by identity (an unchanged file's results are
the same objects from one reading to the next), plain values (str, int, date...) by
value. A part is made afresh whenever that cannot tell, so carrying changes how fast a
rebuild is, never what it makes. Each rebuild keeps only what it used: one generation.

A build without a carry (`NO_CARRY`: the CLI, tests) makes every part, as before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
PLAIN = (str, int, float, bool, type(None), dt.date)


class Parts(Protocol):
    """Where assembling takes its parts from: a Carry, a scope of one, or NO_CARRY."""

    def part(self, name: Hashable, inputs: tuple, make: Callable[[], T]) -> T: ...


class Carry:
    """Parts of the last rebuild's model by name, each with the inputs it was made from."""

    def __init__(self) -> None:
        self.last: dict[Hashable, tuple[tuple, Any]] = {}
        self.now: dict[Hashable, tuple[tuple, Any]] = {}
        # The keys of page values (render/keys.py): by object id, the object held with it.
        self.last_keys: dict[int, tuple[Any, str]] = {}
        self.keys: dict[int, tuple[Any, str]] = {}

    def begin(self) -> None:
        """Start a rebuild: what the last one made is what this one may carry."""
        if self.now:
            self.last, self.now = self.now, {}
        if self.keys:
            self.last_keys, self.keys = self.keys, {}

    def part(self, name: Hashable, inputs: tuple, make: Callable[[], T]) -> T:
        """The part `name` made by `make()` from `inputs`: last rebuild's if it had the
        same inputs (see `same`). `make` must depend on nothing but `inputs`."""
        found = self.last.get(name)
        made = found[1] if found is not None and same(found[0], inputs) else make()
        self.now[name] = (inputs, made)
        return made

    def scoped(self, scope: str) -> Scoped:
        """This carry with every name under `scope` (an edition's language)."""
        return Scoped(self, scope)

    def key_tables(self) -> tuple[dict[int, tuple[Any, str]], dict[int, tuple[Any, str]]]:
        """Where this rebuild keeps the keys it makes, and where the last one kept its."""
        return self.keys, self.last_keys


class Scoped:
    """A carry whose names are all under one scope."""

    def __init__(self, carry: Carry, scope: str) -> None:
        self.carry = carry
        self.scope = scope

    def part(self, name: Hashable, inputs: tuple, make: Callable[[], T]) -> T:
        """See Carry.part."""
        return self.carry.part((self.scope, name), inputs, make)


class NoCarry(Carry):
    """Carries nothing: every part is made."""

    def part(self, name: Hashable, inputs: tuple, make: Callable[[], T]) -> T:
        return make()

    def scoped(self, scope: str) -> NoCarry:
        return self

    def key_tables(self) -> tuple[dict[int, tuple[Any, str]], dict[int, tuple[Any, str]]]:
        return {}, {}  # a build's own, left with it


NO_CARRY = NoCarry()


def kept(carry: Parts, name: Hashable, items: tuple[T, ...]) -> tuple[T, ...]:
    """The tuple `items`, as the very tuple the last rebuild made if it held the same."""
    return carry.part(name, items, lambda: items)


def same(old: tuple, new: tuple) -> bool:
    """True if the inputs are the same: each the same object, or an equal plain value of
    the same type (a tuple of those compares part by part)."""
    if len(old) != len(new):
        return False
    for a, b in zip(old, new, strict=True):
        if a is b:
            continue
        if type(a) is not type(b):
            return False
        if isinstance(a, tuple):
            if not same(a, b):
                return False
        elif not isinstance(a, PLAIN) or a != b:
            return False
    return True
