"""briefing: a static site generator for policy-briefing newsletters.

`build()` is the whole pipeline, one stage a line: load -> validate -> assemble -> render -> write.
"""

from __future__ import annotations

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
from .pages import read_pages
from .reading import Context
from .render import render
from .search import index_for_search
from .taxonomy import BODIES, SECTORS, load_vocabulary
from .write import check_output, update_site, write_site

__all__ = ["BuildFailed", "Problem", "Summary", "UsageError", "build", "load_site"]

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


def build(
    content: Path,
    out: Path,
    *,
    templates: Path | None = None,
    drafts: bool = False,
    cache: Path | None = None,
    jobs: int = 1,
    search: bool = True,
) -> Summary:
    """Build the content folder into `out`, or raise BuildFailed listing every problem.

    `cache` is a folder for results worth keeping between builds (None: keep nothing);
    `jobs` is how many processes convert Markdown. Neither changes a byte of the output.
    `search=False` skips the Pagefind index, which is the slowest stage.
    """
    templates = templates or find_templates(content)
    if not (content / "site.yaml").is_file() and not (content / "issues").is_dir():
        raise UsageError(f"{content} is not a content folder (no site.yaml, no issues/)")
    check_output(out, protected=[content, templates])
    options = repr((drafts, search))
    inputs = inputs_digest([content, templates], code=code_version(), options=options)
    previous = load_manifest(cache, out) if cache else None
    if previous and not previous.matches(out):
        previous = None  # changed by hand: build it whole
    if previous and previous.inputs == inputs:
        files = len(previous.files)
        return Summary(previous.issues, previous.articles, files, 0, 0, unchanged=True)

    site, read = load_site(content, drafts=drafts, cache=cache, jobs=jobs)
    files, problems = render(site, templates)
    if problems:
        raise BuildFailed(problems)
    finish = index_for_search if search else None
    if previous:
        written = update_site(files, out, previous.files, finish=finish)
    else:
        written = write_site(files, out, finish=finish)
    articles = sum(len(issue.articles) for issue in site.issues)
    if cache:
        save_manifest(cache, out, Manifest(inputs, len(site.issues), articles, written))
    return Summary(len(site.issues), articles, len(files), read.files, read.converted)


def load_site(
    content: Path, *, drafts: bool = False, cache: Path | None = None, jobs: int = 1
) -> tuple[Site, Read]:
    """Read and check a content folder into the Site model, or raise BuildFailed."""
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
        read = read_content(context, drafts=drafts, cache=store, jobs=jobs)
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
