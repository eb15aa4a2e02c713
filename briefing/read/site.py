"""Read a whole content folder: site.yaml, the vocabularies, every issue and page."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..cache import Cache
from ..errors import BuildFailed, Problem
from ..markdown import Converter
from ..model import Author, DeclaredTerms, Issue, Page, SiteConfig, editions
from ..release import Change, Release
from .authors import load_authors
from .config import load_config
from .content import read_content
from .context import Context
from .editions import Edition, make_editions
from .pages import read_pages
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


def read_site(content: Path, *, release: Release, cache: Path | None, jobs: int) -> Reading:
    """Read and check every file of a content folder, or raise BuildFailed listing all
    problems at once."""
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
    store = Cache(cache)
    try:
        read = read_content(context, release=release, cache=store, jobs=jobs)
    finally:
        store.close()
    problems += read.problems
    pages, found = read_pages(content, context)
    problems += found
    translated, found = read_page_translations(content, context)
    problems += found + term_language_problems((sectors, bodies, types), editions(reading))
    drafts = [*read.translations, *translated]
    others, found, notes = make_editions(
        reading, tuple(read.issues), tuple(pages), drafts, (sectors, bodies, types), release,
        authors.authors,
    )  # fmt: skip
    problems += found
    if problems or config is None:
        raise BuildFailed(problems)
    vocabularies = tuple(map(declared, (sectors, bodies)))
    return Reading(
        config, tuple(read.issues), tuple(pages), vocabularies, read.files, read.converted,
        tuple(read.scheduled), authors.authors, others, tuple(notes),
    )  # fmt: skip


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
