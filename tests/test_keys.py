"""Page keys are made from the values a template receives: any visible change shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pytest

from briefing.model import Term, TermCount, TermGroup
from briefing.render.keys import Keys, Later

MIIT = Term("bodies", "miit", "MIIT", "Ministry of Industry and Information Technology")
MOT = Term("bodies", "mot", "MOT", "Ministry of Transport")


def group(*terms: Term) -> TermGroup:
    return TermGroup("Central", tuple(TermCount(term, 1, 0) for term in terms))


def test_equal_values_have_equal_keys_and_any_change_shows() -> None:
    keys = Keys()
    first = keys.of({"groups": (group(MIIT, MOT),)})
    assert Keys().of({"groups": (group(MIIT, MOT),)}) == first
    assert keys.of({"groups": (group(MOT, MIIT),)}) != first  # order is shown
    renamed = replace(MIIT, full_name="Ministry of Industry")
    assert keys.of({"groups": (group(renamed, MOT),)}) != first  # Term compares by slug only
    assert keys.of({"groups": (group(MIIT, MOT),), "kind": "bodies"}) != first


def test_later_values_are_keyed_by_function_and_arguments() -> None:
    keys = Keys()
    day = dt.date(2022, 9, 29)
    assert keys.of(Later(str, day)) == keys.of(Later(str, dt.date(2022, 9, 29)))
    assert keys.of(Later(str, day)) != keys.of(Later(repr, day))
    assert keys.of(Later(str, day)) != keys.of(Later(str, dt.date(2022, 9, 30)))


def test_a_value_without_a_key_is_refused_by_name() -> None:
    with pytest.raises(TypeError, match="a page value of type object has no key"):
        Keys().of({"x": object()})


@dataclass(frozen=True)
class Nothing:
    """A model object without fields: keyed by its type alone."""


@dataclass(frozen=True)
class One:
    value: int


def test_objects_of_any_number_of_fields_are_keyed() -> None:
    keys = Keys()
    assert keys.of(Nothing()) == Keys().of(Nothing())
    assert keys.of(One(1)) == Keys().of(One(1)) != keys.of(One(2))
    assert keys.of((One(1), Nothing())) != keys.of((Nothing(), One(1)))
