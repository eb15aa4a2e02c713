"""Which items a build publishes (`draft:`, `publish_at:`) and which day it is for policy
documents, both against an injected clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# China's documents are dated in China Standard Time, which has been UTC+8 all year since
# 1991: a fixed offset is exact for every date a status is evaluated on, with no tz database.
CHINA = dt.timezone(dt.timedelta(hours=8), "CST")


@dataclass(frozen=True)
class Release:
    """What a build shows: the moment it counts as now, and whether drafts are previewed."""

    now: dt.datetime
    drafts: bool = False

    @property
    def today(self) -> dt.date:
        """The day in China when the build runs: documents' dates are compared with it, so
        a document effective from 2026-03-01 is in force from 00:00 that day in Beijing."""
        return self.now.astimezone(CHINA).date()

    def waiting(self, values: dict[str, Any]) -> bool:
        """True if the item's `publish_at:` is still in the future."""
        at = values.get("publish_at")
        return at is not None and at > self.now

    def shows(self, values: dict[str, Any]) -> bool:
        """True if an item with these front-matter values belongs in this build.

        A preview (`drafts`) shows drafts and scheduled items, each with a banner;
        a public build shows neither.
        """
        if self.drafts:
            return True
        return not values["draft"] and not self.waiting(values)


@dataclass(frozen=True, order=True)
class Change:
    """A scheduled item: the moment it goes live, and its file."""

    at: dt.datetime
    path: Path
    what: str = ""  # for a document's status: "document 'x' enters into force"


def day_start(day: dt.date) -> dt.datetime:
    """The moment a day begins in China, when a document's status can change."""
    return dt.datetime.combine(day, dt.time(0), CHINA)


def pending(items: Iterable[tuple[Path, dict[str, Any]]], release: Release) -> list[Change]:
    """The items whose `publish_at:` lies after `release.now`."""
    return [Change(values["publish_at"], path) for path, values in items if release.waiting(values)]


def next_change(changes: Iterable[Change]) -> Change | None:
    """The earliest scheduled change, or None."""
    return min(changes, default=None)


def utc_now() -> dt.datetime:
    """The current moment, with its time zone; the command line injects it into builds."""
    return dt.datetime.now(dt.UTC)
