"""Closed, typed schemas for YAML mappings: every key declared, every value coerced.

A schema is a dict of field name to Field. `Reader.mapping` checks a node against it and
records every problem (unknown key with a suggestion, missing key, wrong type) with its line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problem
from .text import Node

Coerce = Callable[[Node, "Reader"], Any]

DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
TRUE = {"true", "yes", "on"}
FALSE = {"false", "no", "off"}


class FieldError(Exception):
    """A value of the wrong shape; the message says what was expected."""

    def __init__(self, message: str = "", line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class Several(FieldError):
    """Problems with several items of one list, each at its own line."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(map(str, errors)))
        self.errors = errors


class Reported(FieldError):
    """A nested value whose problems were already recorded."""


@dataclass(frozen=True)
class Field:
    """One key of a schema: how to coerce its value, and whether it must be there."""

    coerce: Coerce
    required: bool = False
    default: Any = None


class Reader:
    """Checks the nodes of one file against schemas, collecting problems."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def report(self, line: int | None, message: str) -> None:
        """Record a problem at a line of this reader's file."""
        self.problems.append(Problem(self.path, line, message))

    def mapping(self, node: Node, fields: dict[str, Field], what: str) -> dict[str, Any] | None:
        """Coerce a mapping node to a dict of every field; None if anything was wrong."""
        if not isinstance(node.value, dict):
            self.report(node.line, f"{what} must be a mapping of keys to values, not {kind(node)}")
            return None
        before = len(self.problems)
        for key, child in node.value.items():
            if key not in fields:
                self.report(child.line, unknown_key_message(key, fields))
        values: dict[str, Any] = {}
        for name, field in fields.items():
            child = node.value.get(name)
            if child is None or child.value is None or child.value == "":
                if field.required:
                    self.report(node.line, f"{what} is missing the required key '{name}'")
                values[name] = field.default
                continue
            try:
                values[name] = field.coerce(child, self)
            except Reported:
                pass
            except Several as several:
                for error in several.errors:
                    self.report(error.line or child.line, f"{name}: {error}")
            except FieldError as error:
                self.report(error.line or child.line, f"{name}: {error}")
        return values if len(self.problems) == before else None


# How editors mark the Chinese version of a field, where the schemas write `_zh`.
CHINESE_SUFFIX = re.compile(r"_(cn|chn|chinese|zh_?cn|zh_?hans|hans)$")


def unknown_key_message(key: str, fields: dict[str, Field]) -> str:
    """Say a key is unknown and suggest the closest known one."""
    meant = closest_key(key, fields)
    if meant:
        return f"unknown key '{key}': did you mean '{meant}'?"
    known = ", ".join(sorted(fields))
    hint = " (free-form data goes under 'extra:')" if "extra" in fields else ""
    return f"unknown key '{key}'; the known keys are: {known}{hint}"


def closest_key(key: str, fields: dict[str, Field]) -> str | None:
    """The known key an unknown one most likely means: the same key in lower case with its
    Chinese suffix spelled `_zh` (title_cn, Title-CN: title_zh), else the most similar one.
    Similarity alone prefers 'title' for 'title_cn', as it shares more of its letters."""
    respelled = CHINESE_SUFFIX.sub("_zh", key.lower().replace("-", "_"))
    if respelled in fields:
        return respelled
    close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
    return close[0] if close else None


def kind(node: Node) -> str:
    """Name the shape of a node for messages."""
    if isinstance(node.value, dict):
        return "a mapping"
    if isinstance(node.value, list):
        return "a list"
    if node.value is None:
        return "empty"
    return f"'{node.value}'"


def scalar(node: Node) -> str:
    """The stripped string of a scalar node, or a FieldError naming what was found."""
    if not isinstance(node.value, str):
        raise FieldError(f"expected a single value, not {kind(node)}")
    return node.value.strip()


def text(node: Node, reader: Reader) -> str:
    """Coerce to non-empty text."""
    value = scalar(node)
    if not value:
        raise FieldError("must not be empty")
    return value


def date(node: Node, reader: Reader) -> dt.date:
    """Coerce YYYY-MM-DD to a date, explaining what is wrong with anything else."""
    value = scalar(node)
    match = DATE.fullmatch(value)
    if match is None:
        raise FieldError(f"'{value}' is not a date: write it as YYYY-MM-DD, e.g. 2022-09-29")
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError as error:
        raise FieldError(f"'{value}' is not a real date ({error})") from None


def moment(node: Node, reader: Reader) -> dt.datetime:
    """Coerce an ISO 8601 date-time with a time zone (2026-12-01T08:00:00+01:00)."""
    value = scalar(node)
    example = "write it as YYYY-MM-DDTHH:MM:SS+HH:MM, e.g. 2026-12-01T08:00:00+01:00"
    try:
        parsed = dt.datetime.fromisoformat(value) if "T" in value else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise FieldError(f"'{value}' is not a date-time: {example}")
    if parsed.tzinfo is None:
        raise FieldError(
            f"'{value}' has no time zone, so the moment is ambiguous: add one, "
            f"e.g. {value}+01:00 or {value}Z"
        )
    return parsed


def positive_int(node: Node, reader: Reader) -> int:
    """Coerce to a whole number of 1 or more."""
    value = scalar(node)
    if not value.isdigit() or int(value) < 1:
        raise FieldError(f"'{value}' is not a whole number of 1 or more")
    return int(value)


def boolean(node: Node, reader: Reader) -> bool:
    """Coerce true/false (or yes/no) to a bool."""
    value = scalar(node).lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise FieldError(f"'{value}' is not true or false")


# Characters a URL may not hold as written after its host (the HTML checker refuses a page
# with them; brackets belong to IPv6 hosts only); percent-encoded they mean the same to a
# server. A backslash is left: for http(s) a browser reads it as "/".
URL_UNSAFE = re.compile(r'["<>`{}|^\[\]]')
AFTER_HOST = re.compile(r"(https?://[^/?#]*)(.*)", re.S)


def web_url(node: Node, reader: Reader) -> str:
    """Coerce to an absolute http(s) URL, percent-encoding characters a URL may not hold."""
    value = scalar(node)
    if not re.match(r"https?://[^\s/]+", value) or re.search(r"\s", value):
        raise FieldError(f"'{value}' is not an absolute http:// or https:// URL")
    match = AFTER_HOST.match(value)
    assert match is not None  # the check above matched its start
    tail = URL_UNSAFE.sub(lambda char: f"%{ord(char.group()):02X}", match[2])
    return match[1] + tail


def one_of(*choices: str) -> Coerce:
    """Coerce to one of a fixed set of words."""

    def coerce(node: Node, reader: Reader) -> str:
        value = scalar(node)
        if value not in choices:
            raise FieldError(f"'{value}' is not one of: {', '.join(choices)}")
        return value

    return coerce


def list_of(item: Coerce, *, at_least: int = 0) -> Coerce:
    """Coerce to a tuple of items; a single value counts as a list of one."""

    def coerce(node: Node, reader: Reader) -> tuple[Any, ...]:
        if isinstance(node.value, dict):
            raise FieldError("expected a list (items start with '- '), not a mapping")
        items = node.value if isinstance(node.value, list) else [node]
        if len(items) < at_least:
            raise FieldError(f"needs at least {at_least} item{'s' if at_least > 1 else ''}")
        results = []
        errors: list[FieldError] = []
        reported = False
        for child in items:
            try:
                results.append(item(child, reader))
            except Reported:
                reported = True
            except FieldError as error:
                errors.append(FieldError(str(error), error.line or child.line))
        if errors:
            raise Several(errors)
        if reported:
            raise Reported()
        return tuple(results)

    return coerce


def mapping_of(fields: dict[str, Field], what: str) -> Coerce:
    """Coerce a nested mapping with its own schema."""

    def coerce(node: Node, reader: Reader) -> dict[str, Any]:
        values = reader.mapping(node, fields, what)
        if values is None:
            raise Reported()
        return values

    return coerce


def anything(node: Node, reader: Reader) -> Any:
    """Plain data for `extra:`: mappings, lists and strings, unchecked."""
    if isinstance(node.value, dict):
        return {key: anything(child, reader) for key, child in node.value.items()}
    if isinstance(node.value, list):
        return [anything(child, reader) for child in node.value]
    return node.value
