"""Policy documents across the whole site: one record per id, checked, with its lineage.

Articles in different issues may name the same document; it is one document when the id
is the same (given, or derived from the URL, or from title and date). Every mention must
describe it the same way, and `follows:` must name a known document without going round
in a circle.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from collections.abc import Iterable
from functools import partial
from typing import Any, TypeVar

from ..carry import NO_CARRY, Parts, kept
from ..errors import Problem
from ..model import Document, DocumentRecord, Entry, Facts, Issue, Mention, Term

T = TypeVar("T")
Mentions = dict[str, tuple[Mention, ...]]

COMPARED = ("title", "title_zh", "url", "date", "follows", "relation")
FACTS = ("type", "number", "issued", "published", "effective", "expires", "comment_until")
FACTS_GIVEN = (*FACTS, "status")


def unique(items: Iterable[T]) -> tuple[T, ...]:
    """Items in first-mention order without repeats."""
    return tuple(dict.fromkeys(items))


def catalogue(
    issues: Iterable[Issue], carry: Parts = NO_CARRY
) -> tuple[tuple[DocumentRecord, ...], Mentions, list[Problem]]:
    """Every document named by an article, newest first, with the mentions of each id
    (newest first); or the problems found. With the preview's `carry`, a document whose
    mentions and lineage are unchanged keeps the record the last rebuild made."""
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for issue in sorted(issues, key=lambda i: (i.date, i.slug), reverse=True):
        for mention in carry.part(("mentions", issue.path), (issue,), partial(named, issue)):
            mentions[mention.document.id].append(mention)
    problems = [p for found in mentions.values() for p in disagreements(found)]
    problems += broken_lineage(mentions)
    if problems:
        return (), {}, problems
    chains = lineages(mentions)
    records = [
        carry.part(("record", key), (chains.get(key, ()), *found), partial(record, found, chains))
        for key, found in mentions.items()
    ]
    records.sort(key=lambda r: (r.date.toordinal() if r.date else 0, r.id), reverse=True)
    kept_mentions = {key: kept(carry, ("mentioned", key), tuple(m)) for key, m in mentions.items()}
    return tuple(records), kept_mentions, []


def named(issue: Issue) -> tuple[Mention, ...]:
    """Each document the issue's articles name, as a mention."""
    return tuple(
        Mention(issue, article, document)
        for article in issue.articles
        for document in article.documents
    )


def disagreements(found: list[Mention]) -> list[Problem]:
    """Mentions of one id that describe it differently, each naming the first one."""
    first = found[-1]  # the oldest mention is the reference
    problems = []
    for mention in found[:-1]:
        fields = [
            field
            for field in (*COMPARED, "bodies", *FACTS_GIVEN)
            if differs(value_of(mention.document, field), value_of(first.document, field))
        ]
        if fields:
            problems.append(disagreement(mention, first, fields))
    return problems


def value_of(document: Document, field: str) -> object:
    """A field of a document as written, whether on it or among its facts."""
    return getattr(document.facts if field in FACTS_GIVEN else document, field)


def differs(mine: object, theirs: object) -> bool:
    """Two values given for one field that disagree; a value left out disagrees with none."""
    if not mine or not theirs:
        return False
    if isinstance(mine, tuple) and isinstance(theirs, tuple):
        return set(mine) != set(theirs)  # bodies, in any order
    return mine != theirs


def disagreement(mention: Mention, first: Mention, fields: list[str]) -> Problem:
    """The problem of two mentions describing one document differently."""

    def show(document: Document, field: str) -> str:
        value = value_of(document, field)
        if isinstance(value, Term):
            return value.name
        if isinstance(value, tuple):  # bodies
            return ", ".join(t.name for t in value)
        return str(value)

    where = f"{first.article.source}:{first.document.line}"
    if len(fields) == 1:
        field = fields[0]
        what = f"{field} '{show(mention.document, field)}' here but '{show(first.document, field)}'"
    else:
        what = f"a different {', '.join(fields[:-1])} and {fields[-1]} here than"
    return Problem(
        mention.article.source,
        mention.document.line,
        f"document '{mention.document.id}' has {what} at {where}: describe it the same way "
        "everywhere, or give the two documents different ids",
    )


def broken_lineage(mentions: dict[str, list[Mention]]) -> list[Problem]:
    """`follows:` naming an unknown id, or going round in a circle."""
    follows = {doc_id: found[-1].document.follows for doc_id, found in mentions.items()}
    problems = []
    for doc_id, found in mentions.items():
        target = follows[doc_id]
        mention = found[-1]
        if target is None:
            continue
        if target not in mentions:
            close = difflib.get_close_matches(target, list(mentions), n=1)
            hint = f": did you mean '{close[0]}'?" if close else ": no article names it"
            message = f"follows: no document has the id '{target}'{hint}"
            problems.append(Problem(mention.article.source, mention.document.line, message))
        elif circle := circle_from(doc_id, follows):
            message = f"follows: the lineage goes round in a circle: {' -> '.join(circle)}"
            problems.append(Problem(mention.article.source, mention.document.line, message))
    return problems


def circle_from(start: str, follows: dict[str, str | None]) -> list[str]:
    """The ids of a circle that `start` is part of, or [] if it leads to a first document."""
    path = [start]
    current = follows.get(start)
    while current is not None and current in follows:
        if current == start:
            return [*path, start]
        if current in path:
            return []  # a circle further up: reported from its own members
        path.append(current)
        current = follows.get(current)
    return []


def record(found: list[Mention], chains: dict[str, tuple[str, ...]]) -> DocumentRecord:
    """The site-wide record of one document from its mentions (newest first)."""

    def first_given(field: str) -> Any:
        given = (value_of(m.document, field) for m in reversed(found))
        return next((value for value in given if value), None)

    oldest = found[-1].document
    facts = Facts(**{field: first_given(field) for field in FACTS_GIVEN})
    return DocumentRecord(
        id=oldest.id,
        title=oldest.title,
        title_zh=first_given("title_zh"),
        url=first_given("url"),
        # Undated documents are dated by their facts, so they sort and show where they fall.
        date=first_given("date") or facts.issued or facts.published,
        bodies=unique(b for m in reversed(found) for b in m.document.bodies),
        sectors=unique(s for m in found for s in m.article.sectors),
        articles=tuple(m.article.path for m in found),
        follows=oldest.follows,
        relation=oldest.relation,
        lineage=chains.get(oldest.id, ()),
        facts=facts,
    )


def day_of(document: Document) -> dt.date | None:
    """The day a document is dated by: its date, else the day it was issued or published."""
    return document.date or document.facts.issued or document.facts.published


def lineages(mentions: dict[str, list[Mention]]) -> dict[str, tuple[str, ...]]:
    """For every document in a chain, the ids of its whole chain, oldest first."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for key, found in mentions.items():
        target = found[-1].document.follows
        if target is not None:
            neighbours[key].add(target)
            neighbours[target].add(key)

    def when(key: str) -> tuple[int, str]:
        dates = (day_of(m.document) for m in mentions[key])
        date = next((day for day in dates if day), None)
        return (date.toordinal() if date else 0, key)

    chains: dict[str, tuple[str, ...]] = {}
    for start in neighbours:
        if start in chains:
            continue
        seen, todo = {start}, [start]
        while todo:
            for other in neighbours[todo.pop()] - seen:
                seen.add(other)
                todo.append(other)
        chain = tuple(sorted(seen, key=when))
        chains.update(dict.fromkeys(seen, chain))
    return chains


def items_about(
    issues: Iterable[Issue], mentions: Mentions
) -> tuple[dict[str, tuple[Entry, ...]], list[Problem]]:
    """Document id -> the Noteworthy items whose `documents:` name it, newest first; or a
    problem for each id no article names."""
    found: dict[str, list[Entry]] = defaultdict(list)
    problems = []
    for issue in issues:
        items = [item for section in issue.noteworthy for item in section.items]
        for item in items:
            for doc_id in item.documents:
                if doc_id in mentions:
                    found[doc_id].append(Entry(item.date, issue, item=item))
                    continue
                close = difflib.get_close_matches(doc_id, list(mentions), n=1)
                hint = f": did you mean '{close[0]}'?" if close else ": no article names it"
                message = f"documents: no document has the id '{doc_id}'{hint}"
                problems.append(Problem(issue.source, item.documents_line, message))
    newest = {
        key: sorted(entries, key=lambda e: e.date, reverse=True) for key, entries in found.items()
    }
    return {key: tuple(entries) for key, entries in newest.items()}, problems
