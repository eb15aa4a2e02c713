"""Closed schemas: coercion of each type and the messages for wrong values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefing.read import schema
from briefing.read.schema import Field, Reader
from briefing.read.text import parse_yaml

FIELDS = {
    "title": Field(schema.text, required=True),
    "date": Field(schema.date),
    "rank": Field(schema.positive_int),
    "draft": Field(schema.boolean, default=False),
    "tags": Field(schema.list_of(schema.text), default=()),
    "extra": Field(schema.anything, default={}),
}


def check(text: str):
    reader = Reader(Path("a.md"))
    values = reader.mapping(parse_yaml(text, Path("a.md"), first_line=1), FIELDS, "the thing")
    return values, [str(problem) for problem in reader.problems]


def test_values_are_coerced_to_their_types() -> None:
    values, problems = check(
        "title: 2025\ndate: 2022-09-29\nrank: 3\ndraft: yes\ntags: one\nextra: {a: [b]}\n"
    )
    assert problems == []
    assert values == {
        "title": "2025",
        "date": dt.date(2022, 9, 29),
        "rank": 3,
        "draft": True,
        "tags": ("one",),
        "extra": {"a": ["b"]},
    }


def test_missing_optional_fields_take_defaults() -> None:
    values, problems = check("title: x\n")
    assert problems == []
    assert values["draft"] is False and values["tags"] == () and values["date"] is None


def test_every_problem_in_a_mapping_is_reported() -> None:
    values, problems = check("date: yesterday\nrank: 0\ndraft: perhaps\ntitel: x\n")
    assert values is None
    assert problems == [
        "a.md:4: unknown key 'titel': did you mean 'title'?",
        "a.md:1: the thing is missing the required key 'title'",
        "a.md:1: date: 'yesterday' is not a date: write it as YYYY-MM-DD, e.g. 2022-09-29",
        "a.md:2: rank: '0' is not a whole number of 1 or more",
        "a.md:3: draft: 'perhaps' is not true or false",
    ]


def test_unknown_chinese_keys_are_suggested_the_zh_key() -> None:
    fields = {"title": Field(schema.text), "title_zh": Field(schema.text)}
    reader = Reader(Path("a.md"))
    text = "title: x\ntitle_cn: 中\nTitle-Chinese: 中\ntitle_zh_CN: 中\ntitl_zh: 中\n"
    reader.mapping(parse_yaml(text, Path("a.md"), first_line=1), fields, "the thing")
    assert [str(problem) for problem in reader.problems] == [
        "a.md:2: unknown key 'title_cn': did you mean 'title_zh'?",
        "a.md:3: unknown key 'Title-Chinese': did you mean 'title_zh'?",
        "a.md:4: unknown key 'title_zh_CN': did you mean 'title_zh'?",
        "a.md:5: unknown key 'titl_zh': did you mean 'title_zh'?",
    ]


def test_unknown_key_without_a_close_match_lists_the_known_keys() -> None:
    _, problems = check("title: x\ncolour: red\n")
    assert problems == [
        "a.md:2: unknown key 'colour'; the known keys are: date, draft, extra, rank, tags, "
        "title (free-form data goes under 'extra:')"
    ]


def test_empty_required_value_counts_as_missing() -> None:
    _, problems = check('title: ""\n')
    assert problems == ["a.md:1: the thing is missing the required key 'title'"]


def test_list_items_are_reported_at_their_own_lines() -> None:
    _, problems = check("title: x\ntags:\n  - fine\n  - [nested]\n  - {a: b}\n")
    assert problems == [
        "a.md:4: tags: expected a single value, not a list",
        "a.md:5: tags: expected a single value, not a mapping",
    ]


def test_urls_are_percent_encoded_where_a_url_may_not_hold_a_character() -> None:
    reader = Reader(Path("a.md"))
    text = 'url: "https://e.org/a?b=\\"><x>`{|}^[1]"\nv6: "https://[::1]:8000/x[1]"\n'
    node = parse_yaml(text, Path("a.md"), first_line=1)
    fields = {"url": Field(schema.web_url), "v6": Field(schema.web_url)}
    assert reader.mapping(node, fields, "the thing") == {
        "url": "https://e.org/a?b=%22%3E%3Cx%3E%60%7B%7C%7D%5E%5B1%5D",
        "v6": "https://[::1]:8000/x%5B1%5D",  # an IPv6 host keeps its brackets
    }
