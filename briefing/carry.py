"""What the preview carries from one rebuild to the next: parts of the model, by their inputs.

A save changes one issue in a thousand, yet assembling and keying the site made every
derived object (an entry of a tag page, a document's record) afresh, and planning then
keyed each again, since a new object has no key yet. The preview keeps a `Carry` between
rebuilds: a part made from the very same inputs as last time is the object made then, so
its key (kept with it, see render/keys.py) carries over too.

Inputs are compared strictly (`alike`): the same object is the same input (an unchanged
file's results are the same objects from one reading to the next); otherwise plain values
(str, int, date...) by type and value and model objects field by field. A part is made
afresh whenever that cannot tell, so carrying changes how fast a rebuild is, never what
it makes. Each rebuild keeps only what it used: one generation.

A build without a carry (`NO_CARRY`: the CLI, tests) makes every part, as before.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Hashable
from operator import is_
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
# Compared by value. Not float (0.0 == -0.0) nor datetime (12:00+08:00 == 04:00+00:00):
# equal, but a page shows them differently.
PLAIN = frozenset({str, int, bool, type(None), dt.date})


class Parts(Protocol):
    """Where assembling takes its parts from: a Carry, a scope of one, or NO_CARRY."""

    def part(self, name: Hashable, inputs: tuple, make: Callable[[], T]) -> T: ...


class Carry:
    """Parts of the last rebuild's model by name, each with the inputs it was made from."""

    carries = True  # False for NO_CARRY: nothing is worth recording for a next rebuild

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
        made = self.found(name, inputs)
        if made is None:
            made = make()
        self.now[name] = (inputs, made)
        return made

    def found(self, name: Hashable, inputs: tuple) -> Any:
        """What the last rebuild kept under `name`, if it was made from the same inputs;
        else None. Carried on only if kept again (`keep`)."""
        found = self.last.get(name)
        return found[1] if found is not None and same(found[0], inputs) else None

    def keep(self, name: Hashable, inputs: tuple, made: Any) -> None:
        """Keep `made`, made from `inputs`, for the next rebuild."""
        self.now[name] = (inputs, made)

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

    carries = False

    def part(self, name: Hashable, inputs: tuple, make: Callable[[], T]) -> T:
        return make()

    def found(self, name: Hashable, inputs: tuple) -> Any:
        return None

    def keep(self, name: Hashable, inputs: tuple, made: Any) -> None:
        pass

    def scoped(self, scope: str) -> NoCarry:
        return self

    def key_tables(self) -> tuple[dict[int, tuple[Any, str]], dict[int, tuple[Any, str]]]:
        return {}, {}  # a build's own, left with it


NO_CARRY = NoCarry()


def kept(carry: Parts, name: Hashable, value: T) -> T:
    """`value`, as the very object the last rebuild kept under `name` if it is alike."""
    return carry.part(name, (value,), lambda: value)


def same(old: tuple | list, new: tuple | list) -> bool:
    """True if the inputs are the same, part by part (see `alike`)."""
    if len(old) != len(new):
        return False
    # Mostly the very same objects: told apart in C, before any part is looked into.
    return all(map(is_, old, new)) or all(map(alike, old, new))


def alike(a: Any, b: Any) -> bool:
    """True if `a` and `b` are the same input: the same object; an equal plain value of the
    same type; tuples or lists of the same inputs; model objects (dataclasses) of the same
    type whose fields are all the same inputs. Objects that are not the same one are
    compared only so far: the first part that differs ends it."""
    if a is b:
        return True
    kind = type(a)
    if kind is not type(b):
        return False
    if kind in PLAIN:
        return a == b
    if isinstance(a, tuple | list):
        return same(a, b)
    fields = FIELDS.get(kind) or fields_of(kind)
    return fields is not None and same(fields(a), fields(b))


FIELDS: dict[type, Callable[[Any], tuple]] = {}


def fields_of(kind: type) -> Callable[[Any], tuple] | None:
    """How a dataclass's fields are got, as a tuple; None for any other type."""
    if not dataclasses.is_dataclass(kind):
        return None
    names = [field.name for field in dataclasses.fields(kind)]
    FIELDS[kind] = got = (
        (lambda _: ()) if not names else lambda value: tuple(getattr(value, name) for name in names)
    )
    return got
