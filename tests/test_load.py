"""Reading files: encodings, front matter, and YAML nodes that keep their lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.read.text import Invalid, load_markdown, parse_yaml, read_text


def parse(text: str, first_line: int = 1):
    return parse_yaml(text, Path("f.yaml"), first_line=first_line)


def problem_of(text: str) -> str:
    with pytest.raises(Invalid) as error:
        parse(text)
    return str(error.value.problem)


def test_nested_values_keep_their_own_lines() -> None:
    root = parse("title: x\ndocuments:\n  - title: a\n    date: 2022-01-01\n")
    documents = root.value["documents"]
    assert documents.line == 2
    first = documents.value[0]
    assert first.line == 3
    assert first.value["date"].line == 4


def test_scalars_stay_strings_and_null_is_none() -> None:
    root = parse('a: no\nb: 10:00\nc: 2022-09-29\nd:\ne: ~\nf: "null"\n')
    values = {key: node.value for key, node in root.value.items()}
    assert values == {"a": "no", "b": "10:00", "c": "2022-09-29", "d": None, "e": None, "f": "null"}


def test_front_matter_lines_count_from_the_file_start(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: x\nsectors:\n  - ai\n---\nBody\n", encoding="utf-8")
    source = load_markdown(path)
    assert source.meta.line == 1
    assert source.meta.value["sectors"].value[0].line == 4
    assert source.body.strip() == "Body"


def test_crlf_and_byte_order_mark_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nBody\r\n")
    source = load_markdown(path)
    assert source.meta.value["title"].value == "x"
    assert source.meta.value["title"].line == 2
    assert "\r" not in source.body


def test_non_utf8_names_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"---\ntitle: ok\n---\nline four\ncaf\xe9\n")
    with pytest.raises(Invalid) as error:
        read_text(path)
    assert error.value.problem.line == 5
    assert "not valid UTF-8 (byte 0xe9)" in error.value.problem.message


def test_duplicate_keys_are_an_error_with_both_lines() -> None:
    assert problem_of("a: 1\nb: 2\na: 3\n") == (
        "f.yaml:3: duplicate key 'a' (first set on line 1); keep one"
    )


def test_python_tags_are_refused() -> None:
    message = problem_of("a: !!python/object/apply:os.system ['echo hi']\n")
    assert "f.yaml:1: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'" in message
    assert "is not allowed" in message


def test_aliases_are_refused() -> None:
    message = problem_of("a: &x [1, 2]\nb: *x\n")
    assert (
        message == "f.yaml:2: YAML aliases (*name) are not supported: write the value out in full"
    )


def test_alias_bomb_fails_fast() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [{', '.join(['*' + previous] * 9)}]")
    assert "aliases" in problem_of("\n".join(lines))


def test_keys_must_be_names() -> None:
    assert problem_of("? [a, b]\n: c\n") == "f.yaml:1: a key must be a plain name"
