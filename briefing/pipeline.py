"""The pipeline, one stage a line: read -> assemble -> render -> write.

`build` is the table of contents of a build; `make_site` is every rebuild's shared part
(the preview serves what it makes, `build` writes it).

Read, assemble and render are imported when first needed: a build finding nothing changed
needs none of them (nor Jinja, Markdown, YAML...), whose import took half of its time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from . import parallel
from .carry import NO_CARRY, Carry
from .digests import code_version
from .errors import BuildFailed, UsageError
from .folders import check_content, find_templates
from .model import Site
from .outputs import Made, Output
from .release import Change, Release, next_change, utc_now
from .report import Quiet, Reporter
from .write import (
    Head,
    Inputs,
    Manifest,
    Written,
    check_output,
    index_editions,
    inputs_digest,
    load_head,
    load_manifest,
    save_manifest,
    settle,
    update_site,
    write_site,
)

if TYPE_CHECKING:
    from .read import Reading, Snapshot
    from .render import Printer


@dataclass(frozen=True)
class Summary:
    """What a build produced, for the one-line report."""

    issues: int
    articles: int
    files: int  # files in the output
    read: int  # content files read
    converted: int  # of which not found in the cache
    unchanged: bool = False  # nothing changed since the last build: nothing was done
    next_change: Change | None = None  # the next item to go live or status to change


@dataclass(frozen=True)
class Rendered:
    """A whole site planned: each output file's bytes, or the render that makes them."""

    site: Site
    files: dict[str, Output]
    read: int
    converted: int
    next_change: Change | None
    fingerprints: dict[str, str]  # of each page: what it shows
    editions: tuple[Site, ...] = ()  # the site in its other languages, under /<lang>/
    notes: tuple[str, ...] = ()  # what has no translation, for `check`
    snapshot: Snapshot | None = field(default=None, compare=False, repr=False)
    search: tuple = ()  # each edition's search index in shards, by its folder

    @property
    def articles(self) -> int:
        return sum(len(issue.articles) for issue in self.site.issues)

    def manifest(
        self,
        inputs: Inputs,
        options: str,
        written: dict[str, Written],
        standby: dict | None,
        since: dt.datetime,
    ) -> Manifest:
        """What the next build needs of this one: its inputs and files, and the moments its
        output holds between (from its clock to the next publish_at or status change)."""
        until = self.next_change.at if self.next_change else None
        counts, sources = (len(self.site.issues), self.articles), inputs.sources
        return Manifest(inputs.digest, *counts, written, until, options, since, standby, sources)

    def summary(self) -> Summary:
        """The one-line report of a build that wrote this site."""
        counts = len(self.site.issues), self.articles, len(self.files)
        return Summary(*counts, self.read, self.converted, False, self.next_change)

    def produce(self, jobs: int = 1) -> Iterator[tuple[str, Made]]:
        """Every output file with its content, rendered one at a time over `jobs` processes."""
        from .render import produce

        return produce(self.files, jobs)


def build(
    content: Path,
    out: Path,
    *,
    templates: Path | None = None,
    drafts: bool = False,
    now: dt.datetime | None = None,
    cache: Path | None = None,
    jobs: int = 1,
    search: bool = True,
    reporter: Reporter | None = None,
) -> Summary:
    """Build the content folder into `out`, or raise BuildFailed listing every problem.

    `now` is the moment `publish_at:` and documents' dates (days in China) are compared
    with (default: the current time); `cache` keeps results between builds (None: none);
    `jobs` processes convert and render (not changing a byte); `search=False`: no index.
    """
    templates = templates or find_templates(content)
    check_content(content)
    check_output(out, protected=[content, templates])
    release, options = Release(now or utc_now(), drafts), repr((drafts, search))
    head = load_head(cache, out) if cache else None  # None if the site was changed by hand
    inputs = inputs_digest([content, templates], code=code_version(), options=options, last=head)
    if head and cache and (same := unchanged(head, inputs, release, cache, out)):
        return same
    from .render import printing

    with parallel.frozen():  # what the build reads and plans lives to its end: not collected
        previous = load_manifest(cache, out) if cache and head else None
        reporter, reuse = reporter or Quiet(), previous.fingerprints if previous else None
        with printing(wanted=previous is not None and jobs > 1) as printer:  # for an edit
            made = make_site(
                content, templates, release, cache=cache, jobs=jobs, reporter=reporter,
                previous=reuse, printer=printer,
            )  # fmt: skip
            written, standby = write(made, out, previous, search, jobs, reporter, bool(cache))
        if cache:
            save_manifest(cache, out, made.manifest(inputs, options, written, standby, release.now))
    return made.summary()


def unchanged(
    head: Head, inputs: Inputs, release: Release, cache: Path, out: Path
) -> Summary | None:
    """The summary of a build finding nothing changed since the `head` it settles, or None."""
    if not head.current(inputs.digest, release.now):
        return None
    settle(cache, out, inputs)
    return Summary(head.issues, head.articles, len(head.shapes), 0, 0, True)


def write(
    made: Rendered,
    out: Path,
    previous: Manifest | None,
    search: bool,
    jobs: int,
    reporter: Reporter,
    standby: bool,
) -> tuple[dict[str, Written], dict[str, Written] | None]:
    """Render the pending pages as they are written: the whole site swapped in, or only
    what changed since `previous`. With `standby`, a linked copy is kept for the next
    incremental build. Returns the files written and those of the copy."""
    reporter.stage("write", len(made.files))
    # Each edition's index in its folder (pagefind/, de/pagefind/); the site being
    # replaced lends the search shards whose records are unchanged.
    finish = partial(index_editions, editions=made.search, previous=out) if search else None
    prints = made.fingerprints
    files = made.produce(jobs)
    if previous:
        # The search index is brought up to date whether or not a page changed (search
        # may have just been turned on): its unchanged shards cost nothing.
        written, spare = update_site(
            files, out, previous.files, previous.standby, finish=finish, fingerprints=prints
        )
    else:
        written = write_site(files, out, finish=finish, fingerprints=prints, standby=standby)
        spare = written if standby else None
    reporter.finish()
    return written, spare


def make_site(
    content: Path,
    templates: Path,
    release: Release,
    *,
    cache: Path | None = None,
    jobs: int = 1,
    reporter: Reporter | None = None,
    previous: Mapping[str, str] | None = None,
    last: Snapshot | None = None,
    changed: frozenset[str] | None = None,
    printer: Printer | None = None,
    carry: Carry = NO_CARRY,
) -> Rendered:
    """Read, assemble and render the content folder into memory, or raise BuildFailed.

    The one entry point for every rebuild: `build` writes its result, `serve` serves it.
    Pages whose fingerprint is in `previous` (the last build's) are reused, not rendered;
    files the `last` reading holds are not read again (see load_site); the preview's
    `carry` keeps what is made from the same inputs as in its last rebuild.
    """
    from .read import count_markdown
    from .render import render

    reporter = reporter or Quiet()
    carry.begin()  # what the last rebuild made is what this one may keep
    reporter.stage("read", count_markdown(content))
    site, reading = load_site(
        content, release=release, cache=cache, jobs=jobs, last=last, changed=changed, carry=carry
    )
    reporter.stage("render", len(site.issues) + sum(len(i.articles) for i in site.issues))
    with parallel.paused():  # what assembling and planning make lives on: nothing to collect
        editions = assemble_editions(site, reading, release, carry)
        plan = render(site, templates, previous, cache, editions, printer, carry)
    if plan.problems:
        raise BuildFailed(plan.problems)
    return Rendered(
        site, plan.files, reading.files, reading.converted, next_scheduled(reading, site),
        plan.fingerprints, editions, reading.notes, reading.snapshot, plan.search,
    )  # fmt: skip


def next_scheduled(reading: Reading, site: Site) -> Change | None:
    """The next moment the site changes by itself: an item goes live, a status changes."""
    from .assemble import status_change

    return next_change([*reading.scheduled, *status_change(site)])


def assemble_editions(
    site: Site, reading: Reading, release: Release, carry: Carry = NO_CARRY
) -> tuple[Site, ...]:
    """The site in each of its other languages, assembled like the default edition."""
    from .assemble import assemble_edition

    made = partial(
        assemble_edition, default=site, authors=reading.authors, today=release.today,
        carry=carry,
    )  # fmt: skip
    return tuple(made(e.config, e.issues, e.pages, e.vocabularies) for e in reading.editions)


def load_site(
    content: Path,
    *,
    drafts: bool = False,
    now: dt.datetime | None = None,
    release: Release | None = None,
    cache: Path | None = None,
    jobs: int = 1,
    last: Snapshot | None = None,
    changed: frozenset[str] | None = None,
    language: str | None = None,
    carry: Carry = NO_CARRY,
) -> tuple[Site, Reading]:
    """Read and assemble a content folder into the complete Site, or raise BuildFailed.

    `release` (or `drafts` and `now`, the default: the current time) says whether drafts
    are shown and when now is; `language` picks an edition other than the default's. The
    `last` reading (by default the snapshot kept in `cache`) gives every file it holds
    unchanged; `changed`, when known, are the only files (absolute paths) that may have
    changed since it; `carry`, see make_site.
    """
    from .assemble import assemble
    from .read import read_site

    release = release or Release(now or utc_now(), drafts)
    reading = read_site(
        content, release=release, cache=cache, jobs=jobs, last=last, changed=changed
    )
    with parallel.paused():  # see make_site
        site = assemble(
            reading.config, reading.issues, reading.pages, reading.vocabularies,
            today=release.today, authors=reading.authors, carry=carry,
        )  # fmt: skip
    if language is None:
        return site, reading
    return edition_in(language, (site, *assemble_editions(site, reading, release, carry))), reading


def edition_in(language: str | None, sites: tuple[Site, ...]) -> Site:
    """The edition in `language` (any case; None: the default), or a UsageError."""
    for site in sites:
        if language is None or site.config.language.casefold() == language.casefold():
            return site
    known = ", ".join(site.config.language for site in sites)
    raise UsageError(f"the site has no edition in '{language}': its languages are {known}")
