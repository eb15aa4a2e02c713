"""Issue numbers ("No. 42"), counted across the whole archive."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..digests import digest
from ..model import Issue


def number_issues(issues: Iterable[Issue]) -> list[Issue]:
    """Each issue with its number: the oldest is No. 1 and each later one the next, unless
    its front matter gives a `number:`, from which the count goes on.

    The number is part of the issue's key: every page showing it changes when an issue
    is added before it."""
    numbered = []
    count = 0
    for issue in sorted(issues, key=lambda issue: (issue.date, issue.slug)):
        count = issue.numbered or count + 1
        numbered.append(replace(issue, number=count, key=digest(issue.key, f"No. {count}")))
    return numbered
