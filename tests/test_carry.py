"""The preview's carry: a part made from the same inputs as in the last rebuild is the very
object made then, and one made from anything else is made afresh."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from briefing.carry import NO_CARRY, Carry, kept, same
from briefing.model import Term
from briefing.render.keys import Keys


@dataclass(frozen=True)
class Thing:
    name: str


def test_the_same_objects_and_equal_plain_values_are_the_same_inputs() -> None:
    thing = Thing("a")
    assert same(
        (thing, "x", 1, dt.date(2024, 1, 2), None), (thing, "x", 1, dt.date(2024, 1, 2), None)
    )
    assert same((("a", 1), thing), (("a", 1), thing))  # tuples part by part


def test_lists_are_the_same_part_by_part() -> None:
    thing = Thing("a")
    assert same(([thing, 2],), ([thing, 2],))
    assert not same(([thing],), ([thing, thing],))
    assert not same(([thing, 2],), ([Thing("b"), 2],))


def test_model_objects_are_the_same_inputs_field_by_field_whatever_their_equality() -> None:
    # A Term equals another of the same slug, whatever its name: the name is shown, so a
    # renamed term is another input.
    robots = Term("sectors", "robots", "Robots", "Robots")
    assert robots == replace(robots, name="Robotics")
    assert not same((robots,), (replace(robots, name="Robotics"),))
    assert same((robots,), (replace(robots),))
    assert same((Thing("a"),), (Thing("a"),)) and not same((Thing("a"),), (Thing("b"),))


def test_values_of_another_type_or_shown_otherwise_are_other_inputs() -> None:
    assert not same((1,), (True,))  # equal, but of another type
    assert not same((1.0,), (1,))
    assert not same(("a",), ("a", "b"))
    assert not same((("a", 1),), (("a", 2),))
    assert not same((0.0,), (-0.0,))  # equal, but shown differently: floats are never alike
    noon = dt.datetime(2024, 1, 2, 12, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert not same((noon,), (noon.astimezone(dt.UTC),))  # equal, shown otherwise
    assert not same((object(),), (object(),))


def test_a_part_is_carried_from_the_last_rebuild_only_while_its_inputs_are_the_same() -> None:
    carry, made = Carry(), []

    def make(value: str) -> Thing:
        made.append(value)
        return Thing(value)

    thing = Thing("input")
    carry.begin()
    first = carry.part("p", (thing, 1), lambda: make("first"))
    carry.begin()
    assert carry.part("p", (thing, 1), lambda: make("second")) is first
    carry.begin()
    other = carry.part("p", (thing, 2), lambda: make("third"))
    assert other is not first and other.name == "third"
    carry.begin()
    assert carry.part("p", (thing, 1), lambda: make("fourth")).name == "fourth"  # one generation
    assert made == ["first", "third", "fourth"]


def test_a_part_unused_by_a_rebuild_is_not_carried_past_it() -> None:
    carry = Carry()
    carry.begin()
    carry.part("a", (), lambda: Thing("a"))
    carry.part("b", (), lambda: Thing("b"))
    carry.begin()
    carry.part("a", (), lambda: Thing("a again"))
    carry.begin()
    assert carry.part("b", (), lambda: Thing("b again")).name == "b again"


def test_scopes_keep_the_same_name_apart() -> None:
    carry = Carry()
    carry.begin()
    english = carry.scoped("en").part("p", (), lambda: Thing("en"))
    german = carry.scoped("de").part("p", (), lambda: Thing("de"))
    carry.begin()
    assert carry.scoped("en").part("p", (), lambda: Thing("?")) is english
    assert carry.scoped("de").part("p", (), lambda: Thing("?")) is german


def test_without_a_carry_every_part_is_made_and_nothing_is_kept() -> None:
    first = NO_CARRY.part("p", (), lambda: Thing("one"))
    NO_CARRY.begin()
    assert NO_CARRY.scoped("en").part("p", (), lambda: Thing("two")).name == "two"
    assert first.name == "one" and NO_CARRY.now == {} and NO_CARRY.last == {}


def test_a_tuple_kept_is_the_last_rebuilds_if_it_holds_the_same() -> None:
    carry, a, b = Carry(), Thing("a"), Thing("b")
    carry.begin()
    first = kept(carry, "t", (a, b))
    carry.begin()
    assert kept(carry, "t", (a, b)) is first
    carry.begin()
    assert kept(carry, "t", (b, a)) == (b, a)


def test_keys_carry_over_for_the_same_objects_only() -> None:
    carry, thing = Carry(), Thing("shown")
    carry.begin()
    first = Keys(carry).of(thing)
    carry.begin()
    keys = Keys(carry)
    assert keys.of(thing) == first and id(thing) in carry.keys  # kept for the next one too
    assert keys.of(Thing("shown")) == first  # keyed afresh, to the same key
    assert keys.of(Thing("other")) != first
    # An object that merely has the id of one keyed before is keyed afresh.
    carry.begin()
    impostor = Thing("impostor")
    carry.last_keys[id(impostor)] = (thing, first)
    assert Keys(carry).of(impostor) != first
