"""Read a whole content folder: site.yaml, the vocabularies, every issue and page."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..cache import Cache
from ..errors import BuildFailed, Problem
from ..markdown import Converter
from ..model import DeclaredTerms, Issue, Page, SiteConfig
from ..release import Change, Release
from .config import load_config
from .content import Read, read_content
from .context import Context
from .pages import read_pages
from .results import declared_terms
from .snapshot import Snapshot, load_snapshot, save_snapshot
from .taxonomy import BODIES, SECTORS, TYPES, Vocabulary, load_vocabulary

# Lets content be checked when site.yaml itself is broken, so one run reports everything.
PLACEHOLDER_CONFIG = SiteConfig("", "", "https://example.invalid/", "en", None)


@dataclass(frozen=True)
class Reading:
    """Everything read from a content folder, checked file by file."""

    config: SiteConfig
    issues: tuple[Issue, ...]
    pages: tuple[Page, ...]
    vocabularies: tuple[DeclaredTerms, ...]
    files: int  # content files read
    converted: int  # of which not found in the cache
    scheduled: tuple[Change, ...]  # items whose publish_at lies ahead
    snapshot: Snapshot = field(default_factory=Snapshot, compare=False, repr=False)


def read_site(
    content: Path,
    *,
    release: Release,
    cache: Path | None,
    jobs: int,
    last: Snapshot | None = None,
    changed: frozenset[str] | None = None,
) -> Reading:
    """Read and check every file of a content folder, or raise BuildFailed listing all
    problems at once. What the `last` reading holds is not read again (see read_issues);
    `changed`, when given, are the only files (absolute paths) that may differ from it."""
    config, problems = load_config(content)
    sectors, found = load_vocabulary(content, SECTORS)
    problems += found
    bodies, found = load_vocabulary(content, BODIES)
    problems += found
    types, found = load_vocabulary(content, TYPES)
    problems += found
    reading = config or PLACEHOLDER_CONFIG
    markdown = Converter(
        reading.base_path, trust_html=reading.trust_raw_html, glossary=bodies.terms
    )
    if config is not None and config.brand.footer:
        config, found = with_footer(config, markdown, content / "site.yaml")
        problems += found
    context = Context(content, reading, sectors, bodies, markdown, types)
    read = read_issues(context, release, cache, jobs, last, changed)
    problems += read.problems
    pages, found = read_pages(content, context)
    problems += found
    if problems or config is None:
        raise BuildFailed(problems)
    vocabularies = tuple(map(declared, (sectors, bodies)))
    return Reading(
        config, tuple(read.issues), tuple(pages), vocabularies, read.files, read.converted,
        tuple(read.scheduled), read.snapshot,
    )  # fmt: skip


def read_issues(
    context: Context,
    release: Release,
    cache: Path | None,
    jobs: int,
    last: Snapshot | None,
    changed: frozenset[str] | None,
) -> Read:
    """Every issue, from the `last` reading (else the snapshot in `cache`, then brought up
    to date) and the cache where they hold a file's result."""
    kept = last if last is not None else load_snapshot(cache, declared_terms(context))
    store = Cache(cache)
    try:
        read = read_content(
            context, release=release, cache=store, jobs=jobs, last=kept, changed=changed
        )
    finally:
        store.close()
    if last is None:
        save_snapshot(cache, read.snapshot, kept)
    return read


def with_footer(
    config: SiteConfig, markdown: Converter, path: Path
) -> tuple[SiteConfig, list[Problem]]:
    """The config with the brand footer's Markdown converted; unsafe links refused."""
    html, refused = markdown.convert(config.brand.footer or "", folder="")
    line = config.brand.footer_line
    allowed = "only http, https, mailto and site links are allowed"
    problems = [
        Problem(path, line, f"footer: link to '{url}' refused: {allowed}") for url in refused
    ]
    return replace(config, brand=replace(config.brand, footer_html=html)), problems


def declared(vocabulary: Vocabulary) -> DeclaredTerms:
    """A vocabulary as the model holds it: its terms in file order."""
    return DeclaredTerms(vocabulary.taxonomy.key, vocabulary.taxonomy.file, vocabulary.terms)
