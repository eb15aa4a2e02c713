"""The subscribers CSV: what is accepted, and each problem at its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINIMAL

from briefing.send.subscribers import read_subscribers
from briefing.send.topics import load_topics


@pytest.fixture(scope="module")
def topics():
    return load_topics(MINIMAL)


def read(tmp_path: Path, data: bytes, topics) -> tuple[list, list[str]]:
    """The subscribers and the problems (as `line: message`) of a CSV's bytes."""
    path = tmp_path / "subscribers.csv"
    path.write_bytes(data)
    found, problems = read_subscribers(path, topics)
    return list(found), [f"{p.line}: {p.message}" for p in problems]


def test_a_spreadsheet_export_is_read(tmp_path, topics) -> None:
    data = (
        "\ufeffEmail,Name,Topics\r\n"
        'ada@example.org,"Analyst, Ada",MIIT; ministry of industry and IT;AI\r\n'
        "\r\n"
        "ben@example.org,,\r\n"
    ).encode()
    (ada, ben), problems = read(tmp_path, data, topics)
    assert problems == []
    assert ada.name == "Analyst, Ada" and [t.slug for t in ada.topics] == [
        "miit", "artificial-intelligence",
    ]  # fmt: skip
    assert (ben.topics, ben.line, ben.unsubscribe_url) == ((), 4, None)


def test_each_problem_names_its_line(tmp_path, topics) -> None:
    data = (
        "email,name,topics\n"
        'ada@example.org,"Ada\nLovelace",\n'
        "ü@example.org,,\n"
        "ben@example.org,Ben,,y\n"
    ).encode()
    assert read(tmp_path, data, topics)[1] == [
        "2: name: must be on one line",
        "4: 'ü@example.org': addresses with non-ASCII characters are not supported",
        "5: this row has 4 fields but the first line names 3 columns",
    ]


def test_files_that_are_not_a_list_at_all(tmp_path, topics) -> None:
    assert read(tmp_path, b"", topics)[1] == [
        "None: empty: the first line must name the columns, e.g. email,name,topics,unsubscribe_url"
    ]
    assert read(tmp_path, b"email,Email\na@example.org,b@example.org\n", topics)[1] == [
        "1: the column 'email' is named twice: keep one"
    ]
    assert read(tmp_path, b"email,name\n", topics)[1] == [
        "1: no subscribers below the column names"
    ]
    assert read(tmp_path, b"email\nb\xe9@example.org\n", topics)[1] == [
        "None: the file is not valid UTF-8 (byte 0xe9): save it as UTF-8 CSV"
    ]
