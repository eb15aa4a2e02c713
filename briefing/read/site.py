"""Read a whole content folder: site.yaml, the vocabularies, every issue and page."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..cache import Cache
from ..errors import BuildFailed, Problem
from ..markdown import Converter
from ..model import Author, DeclaredTerms, Issue, Page, SiteConfig, editions
from ..release import Change, Release
from .authors import load_authors
from .config import load_config
from .content import Read, read_content
from .context import Context
from .editions import Edition, make_editions
from .pages import read_pages
from .results import declared_terms
from .snapshot import Snapshot, load_snapshot, save_snapshot
from .taxonomy import BODIES, SECTORS, TYPES, Vocabulary, load_vocabulary
from .termnames import term_language_problems
from .translations import read_page_translations

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
    authors: tuple[Author, ...] = ()  # declared in content/authors.yaml, in file order
    editions: tuple[Edition, ...] = ()  # the other languages' (read/editions.py)
    notes: tuple[str, ...] = ()  # what has no translation, for `check`
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
    (sectors, bodies, types), found = load_vocabularies(content)
    problems += found
    reading = config or PLACEHOLDER_CONFIG
    markdown = Converter(
        reading.base_path, trust_html=reading.trust_raw_html, glossary=bodies.terms
    )
    if config is not None and config.brand.footer:
        config, found = with_footer(config, markdown, content / "site.yaml")
        problems += found
    authors, found = load_authors(content, markdown, reading.base_path)
    problems += found
    context = Context(content, reading, sectors, bodies, markdown, types, authors)
    read = read_issues(context, release, cache, jobs, last, changed)
    problems += read.problems
    pages, found = read_pages(content, context)
    problems += found
    others, found, notes = read_editions(context, read, tuple(pages), release)
    problems += found
    if problems or config is None:
        raise BuildFailed(problems)
    vocabularies = tuple(map(declared, (sectors, bodies)))
    return Reading(
        config, tuple(read.issues), tuple(pages), vocabularies, read.files, read.converted,
        tuple(read.scheduled), authors.authors, others, tuple(notes), read.snapshot,
    )  # fmt: skip


def read_editions(
    context: Context, read: Read, pages: tuple[Page, ...], release: Release
) -> tuple[tuple[Edition, ...], list[Problem], list[str]]:
    """The site's other editions from the translations beside the originals, with the
    problems of those files and notes on what has no translation."""
    translated, problems = read_page_translations(context.content, context)
    vocabularies = (context.sectors, context.bodies, context.types)
    problems += term_language_problems(vocabularies, editions(context.config))
    drafts = [*read.translations, *translated]
    issues, authors = tuple(read.issues), context.authors.authors
    others, found, notes = make_editions(
        context.config, issues, pages, drafts, vocabularies, release, authors
    )
    return others, problems + found, notes


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


def load_vocabularies(content: Path) -> tuple[tuple[Vocabulary, ...], list[Problem]]:
    """The sectors, issuing bodies and document types, and the problems of their files."""
    problems: list[Problem] = []
    vocabularies = []
    for taxonomy in (SECTORS, BODIES, TYPES):
        vocabulary, found = load_vocabulary(content, taxonomy)
        vocabularies.append(vocabulary)
        problems += found
    return tuple(vocabularies), problems


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
