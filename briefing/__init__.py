"""briefing: a static site generator for policy-briefing newsletters.

`build()` is the whole pipeline, one stage a line: load -> validate -> assemble -> render -> write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from .assemble import assemble
from .cache import Cache
from .config import load_config
from .content import Read, code_version, read_content
from .documents import catalogue
from .errors import BuildFailed, Problem, UsageError
from .manifest import Manifest, inputs_digest, load_manifest, save_manifest
from .markup import Markup
from .model import Site, SiteConfig
from .outputs import Made, Output, produce
from .pages import read_pages
from .reading import Context
from .render import render
from .report import Quiet, Reporter
from .schedule import Change, Release, next_change, utc_now
from .search import index_for_search
from .taxonomy import BODIES, SECTORS, load_vocabulary
from .write import check_output, update_site, write_site

__all__ = [
    "BuildFailed",
    "Problem",
    "Rendered",
    "Summary",
    "UsageError",
    "build",
    "load_site",
    "make_site",
]

BUNDLED_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# Lets content be checked when site.yaml itself is broken, so one run reports everything.
PLACEHOLDER_CONFIG = SiteConfig("", "", "https://example.invalid/", "en", None)


@dataclass(frozen=True)
class Summary:
    """What a build produced, for the one-line report."""

    issues: int
    articles: int
    files: int  # files in the output
    read: int  # content files read
    converted: int  # of which not found in the cache
    unchanged: bool = False  # nothing changed since the last build: nothing was done
    next_change: Change | None = None  # the next scheduled item to go live


@dataclass(frozen=True)
class Rendered:
    """A whole site planned: each output file's bytes, or the render that makes them."""

    site: Site
    files: dict[str, Output]
    read: int
    converted: int
    next_change: Change | None
    fingerprints: dict[str, str]  # of each page: what it shows

    @property
    def articles(self) -> int:
        return sum(len(issue.articles) for issue in self.site.issues)

    def produce(self, jobs: int = 1) -> Iterator[tuple[str, Made]]:
        """Every output file with its content, rendered one at a time over `jobs` processes."""
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

    `now` is the moment `publish_at:` is compared with (default: the current time);
    `cache` is a folder for results worth keeping between builds (None: keep nothing);
    `jobs` is how many processes convert Markdown and render pages. Neither changes a byte
    of the output.
    `search=False` skips the Pagefind index, which is the slowest stage.
    """
    templates = templates or find_templates(content)
    check_content(content)
    check_output(out, protected=[content, templates])
    release = Release(now or utc_now(), drafts)
    options = repr((drafts, search))
    inputs = inputs_digest([content, templates], code=code_version(), options=options)
    previous = load_manifest(cache, out) if cache else None
    if previous and not previous.matches(out):
        previous = None  # changed by hand: build it whole
    if previous and previous.current(inputs, release.now):
        files = len(previous.files)
        return Summary(previous.issues, previous.articles, files, 0, 0, unchanged=True)

    reporter = reporter or Quiet()
    reuse = previous.fingerprints if previous else None
    made = make_site(
        content, templates, release, cache=cache, jobs=jobs, reporter=reporter, previous=reuse
    )
    reporter.stage("write", len(made.files))
    finish = index_for_search if search else None
    prints = made.fingerprints
    files = made.produce(jobs)  # each page is rendered as it is written
    if previous:
        # Turning search on must index even if no page changed.
        refinish = previous.options != options
        written = update_site(
            files, out, previous.files, finish=finish, fingerprints=prints, refinish=refinish
        )
    else:
        written = write_site(files, out, finish=finish, fingerprints=prints)
    reporter.finish()
    issues, articles = len(made.site.issues), made.articles
    if cache:
        until = made.next_change.at if made.next_change else None
        manifest = Manifest(inputs, issues, articles, written, until, options)
        save_manifest(cache, out, manifest)
    return Summary(
        issues, articles, len(made.files), made.read, made.converted, False, made.next_change
    )


def make_site(
    content: Path,
    templates: Path,
    release: Release,
    *,
    cache: Path | None = None,
    jobs: int = 1,
    reporter: Reporter | None = None,
    previous: Mapping[str, str] | None = None,
) -> Rendered:
    """Load, check and render the content folder into memory, or raise BuildFailed.

    The one entry point for every rebuild: `build` writes its result, `serve` serves it.
    Pages whose fingerprint is in `previous` (the last build's) are reused, not rendered.
    """
    reporter = reporter or Quiet()
    reporter.stage("read", count_files(content))
    site, read = load_site(content, drafts=release.drafts, now=release.now, cache=cache, jobs=jobs)
    reporter.stage("render", len(site.issues) + sum(len(i.articles) for i in site.issues))
    files, problems, fingerprints = render(site, templates, previous, cache)
    if problems:
        raise BuildFailed(problems)
    scheduled = next_change(read.scheduled)
    return Rendered(site, files, read.files, read.converted, scheduled, fingerprints)


def check_content(content: Path) -> None:
    """Refuse a folder that is not a content folder at all."""
    if not (content / "site.yaml").is_file() and not (content / "issues").is_dir():
        raise UsageError(f"{content} is not a content folder (no site.yaml, no issues/)")


def count_files(content: Path) -> int:
    """How many Markdown files the content folder holds, for progress reports."""
    return sum(1 for _ in (content / "issues").rglob("*.md"))


def load_site(
    content: Path,
    *,
    drafts: bool = False,
    now: dt.datetime | None = None,
    cache: Path | None = None,
    jobs: int = 1,
) -> tuple[Site, Read]:
    """Read and check a content folder into the Site model, or raise BuildFailed.

    `now` is the moment `publish_at:` is compared with (default: the current time).
    """
    config, problems = load_config(content)
    sectors, found = load_vocabulary(content, SECTORS)
    problems += found
    bodies, found = load_vocabulary(content, BODIES)
    problems += found
    reading = config or PLACEHOLDER_CONFIG
    markup = Markup(reading.base_path, trust_html=reading.trust_raw_html, glossary=bodies.terms)
    context = Context(content, reading, sectors, bodies, markup)
    store = Cache(cache)
    try:
        release = Release(now or utc_now(), drafts)
        read = read_content(context, release=release, cache=store, jobs=jobs)
    finally:
        store.close()
    problems += read.problems
    pages, found = read_pages(content, context)
    problems += found
    if problems or config is None:
        raise BuildFailed(problems)
    documents, problems = catalogue(read.issues)
    if problems:
        raise BuildFailed(problems)
    declared = sectors.terms + bodies.terms
    return assemble(config, read.issues, documents, tuple(pages), declared), read


def find_templates(content: Path) -> Path:
    """A `templates/` folder beside the content folder, else the bundled templates."""
    beside = content.resolve().parent / "templates"
    return beside if beside.is_dir() else BUNDLED_TEMPLATES
