"""The subscribers CSV: one checked Subscriber a row, or every problem with its line."""

from __future__ import annotations

import csv
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from ..model import Term
from .topics import Topics, split_topics

COLUMNS = ("email", "name", "topics", "unsubscribe_url")
EXAMPLE_HEADER = ",".join(COLUMNS)
ADDRESS = re.compile(r"[^@\s<>,;\"()]+@[^@\s<>,;\"()]+\.[^@\s<>,;\"()]+")
UNSUBSCRIBE = re.compile(r"(mailto:[^@\s]+@[^@\s]+|https://\S+)")


@dataclass(frozen=True)
class Subscriber:
    """One row of the subscribers CSV, checked."""

    email: str
    name: str
    topics: tuple[Term, ...]  # () means the whole issue
    unsubscribe_url: str | None  # None: site.yaml's email.unsubscribe
    line: int

    @property
    def key(self) -> str:
        """The address as the send log knows it: addresses differ only in case."""
        return self.email.casefold()


def read_subscribers(path: Path, topics: Topics) -> tuple[tuple[Subscriber, ...], list[Problem]]:
    """Every subscriber in the CSV, and every problem with a row (nothing is sent if any)."""
    problems: list[Problem] = []
    subscribers: list[Subscriber] = []
    seen: dict[str, int] = {}
    try:
        records = list(rows(path))
    except UnicodeDecodeError as error:
        byte = error.object[error.start : error.start + 1].hex()
        message = f"the file is not valid UTF-8 (byte 0x{byte}): save it as UTF-8 CSV"
        return (), [Problem(path, None, message)]
    except csv.Error as error:
        return (), [Problem(path, None, f"not a readable CSV file: {error}")]
    if not records:
        message = f"empty: the first line must name the columns, e.g. {EXAMPLE_HEADER}"
        return (), [Problem(path, None, message)]
    (header_line, header), *body = records
    columns, found = read_header(header, header_line, path)
    problems += found
    if "email" not in columns or len(set(columns)) < len(columns):
        return (), problems  # rows cannot be read without knowing which column is which
    for line, row in body:
        subscriber, found = read_row(dict(zip(columns, row, strict=False)), line, path, topics)
        problems += found
        if len(row) > len(columns):
            problems.append(Problem(path, line, too_many(len(row), len(columns))))
        if subscriber is None:
            continue
        if subscriber.key in seen:
            message = f"'{subscriber.email}' is already on line {seen[subscriber.key]}: keep one"
            problems.append(Problem(path, line, message))
            continue
        seen[subscriber.key] = line
        subscribers.append(subscriber)
    if not body:
        problems.append(Problem(path, header_line, "no subscribers below the column names"))
    return tuple(subscribers), problems


def rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """The non-blank rows with the line each starts on (a quoted field may span lines)."""
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.reader(file)
        line = 1
        for row in reader:
            if any(cell.strip() for cell in row):
                yield line, [cell.strip() for cell in row]
            line = reader.line_num + 1


def read_header(header: list[str], line: int, path: Path) -> tuple[list[str], list[Problem]]:
    """The column names of the first row; unknown, doubled or missing ones are problems."""
    columns = [name.casefold() for name in header]
    problems = []
    for name in columns:
        if name not in COLUMNS:
            problems.append(Problem(path, line, unknown_column(name)))
        elif columns.count(name) > 1:
            problems.append(Problem(path, line, f"the column '{name}' is named twice: keep one"))
    if "email" not in columns:
        message = f"no 'email' column: the first line must name the columns, e.g. {EXAMPLE_HEADER}"
        problems.append(Problem(path, line, message))
    return columns, list(dict.fromkeys(problems))


def unknown_column(name: str) -> str:
    """Say a column is unknown and suggest the closest known one."""
    close = difflib.get_close_matches(name, COLUMNS, n=1, cutoff=0.6)
    if close:
        return f"unknown column '{name}': did you mean '{close[0]}'?"
    return f"unknown column '{name}'; the columns are: {', '.join(COLUMNS)}"


def too_many(fields: int, columns: int) -> str:
    """The message for a row longer than the header."""
    return f"this row has {fields} fields but the first line names {columns} columns"


def read_row(
    values: dict[str, str], line: int, path: Path, topics: Topics
) -> tuple[Subscriber | None, list[Problem]]:
    """One row as a Subscriber, or None and the row's problems."""
    messages = []
    email = values.get("email", "")
    if not email:
        messages.append("no email address: fill in the email column or delete the row")
    elif not email.isascii():
        messages.append(f"'{email}': addresses with non-ASCII characters are not supported")
    elif not ADDRESS.fullmatch(email):
        messages.append(f"'{email}' is not an email address such as ada@example.org")
    name = values.get("name", "")
    if "\n" in name or "\r" in name:
        messages.append("name: must be on one line")
    terms: list[Term] = []
    for topic in split_topics(values.get("topics", "")):
        found = topics.resolve(topic)
        if not found:
            messages.append(topics.unknown(topic))
        terms += found
    unsubscribe = values.get("unsubscribe_url") or None
    if unsubscribe and not UNSUBSCRIBE.fullmatch(unsubscribe):
        messages.append(f"unsubscribe_url: '{unsubscribe}' is not a mailto: or https: URL")
    if messages:
        return None, [Problem(path, line, message) for message in messages]
    unique = tuple(dict.fromkeys(terms))
    return Subscriber(email, name, unique, unsubscribe, line), []
