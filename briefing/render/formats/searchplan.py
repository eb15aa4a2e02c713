"""The search index planned in shards, before any record is made: which issues, documents
and pages give records to each year's shard of each bundle, a key of everything those
records are made from, and how to make them.

A build makes the records of a shard only when its key changed: a one-article edit at
5,000 articles made every record of the site (about 2 s) to find the one shard to index
again. The key joins the page base (code, templates, config), every term (their names are
searched and linked), and the key of each member: an issue's covers its articles and
items, a document's or page's all of its fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache, partial

from ...digests import digest
from ...model import DocumentRecord, Issue, Page, Site
from ...outputs import SearchRecord, SearchShard, shard_name
from ..keys import Keys
from .search import CHINESE, Entry, Terms, chinese_records, member_entries, record

Member = Issue | DocumentRecord | Page
ZH = CHINESE.lower()  # the Chinese bundle's folder


def plan_search(site: Site, keys: Keys, base: str) -> tuple[SearchShard, ...]:
    """Every shard of the site's search index, each bundle's in the order of its members."""
    terms = tuple(page.term for page in (*site.sectors, *site.bodies))
    language = site.config.language
    common = digest(base, keys.of(terms))
    groups: dict[tuple[str, str], list[Member]] = {}
    for bundle, year, member in placed(site, chinese=not language.lower().startswith("zh")):
        group = groups.setdefault((bundle, shard_name(year)), [])
        if not group or group[-1] is not member:
            group.append(member)
    lookup = cache(partial(Terms, list(terms)))  # made once, by the first shard made
    return tuple(
        SearchShard(
            bundle,
            name,
            digest(common, bundle, name, *(keys.of(member) for member in members)),
            partial(shard_records, tuple(members), lookup, language, bundle, name),
        )
        for (bundle, name), members in groups.items()
    )


def placed(site: Site, *, chinese: bool) -> Iterable[tuple[str, int | None, Member]]:
    """(bundle, year, member) for each shard a member gives records to: an issue's own and
    its articles' in its year, each Noteworthy item's in the year of its date; a document's
    in its year (its Chinese title in the Chinese bundle's); a page's undated."""
    for issue in site.issues:
        yield "", issue.date.year, issue
        for item in (item for section in issue.noteworthy for item in section.items):
            yield "", item.date.year if item.date else None, issue
        if chinese and any(d.title_zh for a in issue.articles for d in a.documents):
            yield ZH, issue.date.year, issue
    for document in site.documents:
        year = document.date.year if document.date else None
        yield "", year, document
        if chinese and document.title_zh:
            yield ZH, year, document
    for page in site.pages:
        yield "", None, page


def shard_records(
    members: tuple[Member, ...],
    lookup: Callable[[], Terms],
    language: str,
    bundle: str,
    name: str,
) -> tuple[SearchRecord, ...]:
    """The records of one shard: its members' entries of its year, as records of its
    bundle (the same records `search_records` makes of the whole site)."""
    terms = lookup()
    entries = [e for m in members for e in member_entries(m, terms, language) if of(e, name)]
    if not bundle:
        return tuple(record(e, language, "", e.body, shown_in=language) for e in entries)
    return tuple(found for entry in entries for found in chinese_records(entry, language))


def of(entry: Entry, name: str) -> bool:
    """True if the entry's records go into the shard `name`."""
    return shard_name(entry.date.year if entry.date else None) == name
