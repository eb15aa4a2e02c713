"""Issue numbers ("No. 42"), counted across the whole archive."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import partial

from ..carry import NO_CARRY, Parts
from ..digests import digest
from ..model import Issue


def number_issues(issues: Iterable[Issue], carry: Parts = NO_CARRY) -> list[Issue]:
    """Each issue with its number: the oldest is No. 1 and each later one the next, unless
    its front matter gives a `number:`, from which the count goes on.

    The number is part of the issue's key: every page showing it changes when an issue
    is added before it."""
    numbered = []
    count = 0
    for issue in sorted(issues, key=lambda issue: (issue.date, issue.slug)):
        count = issue.numbered or count + 1
        made = partial(numbered_issue, issue, count)
        numbered.append(carry.part(("number", issue.path), (issue, count), made))
    return numbered


def numbered_issue(issue: Issue, count: int) -> Issue:
    """The issue as No. `count`."""
    return replace(issue, number=count, key=digest(issue.key, f"No. {count}"))
