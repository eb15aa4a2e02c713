"""Read the whole content folder: each file once, from the cache or converted in parallel.

Reading a file (YAML, schema, Markdown) is most of a build's work and depends only on the
file, the code, the config and the taxonomies; so each result is cached under a key of all
of those, and the files still to read are spread over a pool of worker processes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple

from .. import parallel
from ..cache import Cache
from ..digests import digest
from ..errors import Problem
from ..markdown import Converter
from ..model import Issue, SiteConfig
from ..release import Change, Release, pending
from .articles import ArticleDraft, read_article
from .authors import load_authors
from .context import Context
from .issues import Folder, IndexDraft, build_issue, find_folders, read_index
from .jobs import Job, context_fingerprint, file_keys, folder_jobs, folder_key, translation_jobs
from .results import declared_terms, dumps, loads
from .snapshot import Snapshot, group_name
from .taxonomy import BODIES, SECTORS, TYPES, load_vocabulary
from .translations import TranslationDraft, read_translation

# Below this many files a pool costs more to start than it saves.
POOL_THRESHOLD = 24


@dataclass(frozen=True)
class Setup:
    """What a worker process needs to build its own Context (vocabularies are not picklable)."""

    content: Path
    config: SiteConfig


class Read(NamedTuple):
    """What reading the content folder found."""

    issues: list[Issue]
    problems: list[Problem]
    files: int  # files read
    converted: int  # of which not found in the cache
    scheduled: list[Change]  # items whose publish_at lies ahead
    translations: list[TranslationDraft]  # read, not yet laid over their originals
    snapshot: Snapshot  # this reading whole, for the next one


def read_content(
    ctx: Context,
    *,
    release: Release,
    cache: Cache,
    jobs: int,
    last: Snapshot | None = None,
    changed: frozenset[str] | None = None,
) -> Read:
    """Every issue of the content folder, or the problems that stop it being built.

    What the `last` reading holds under the same keys is taken from it, not read again;
    `changed` (absolute paths), when given, are the only files that may differ from it.
    """
    last = last or Snapshot()
    folders, problems = known_folders(ctx.content, last, changed)
    work = [job for folder in folders for job in folder_jobs(folder)]
    translating = [job for folder in folders for job in translation_jobs(folder)]
    everything = work + translating
    fingerprint = context_fingerprint(ctx)
    keys = file_keys(everything, fingerprint, last, changed)
    by_job = dict(zip(everything, keys, strict=True))
    last.load(group_name(folder.path) for folder in folders)
    found, converted = read_files(everything, keys, ctx, cache, jobs, last)
    results = dict(zip(everything, found, strict=True))
    paths = {job.path: key for job, key in by_job.items()}
    snapshot = Snapshot(dict(zip(keys, found, strict=True)), {}, {}, paths, fingerprint)
    if not problems:
        snapshot.folders = tuple(folders)
        if snapshot.folders == last.folders:  # (the very folders, when they were kept)
            snapshot.files = last.files  # else found when first asked for (known_folders)
    issues = build_issues(folders, results, by_job, ctx, release, last, snapshot, problems)
    translations = [results[job] for job in translating]
    problems += [p for found in translations if isinstance(found, list) for p in found]
    read = [(job.path, r.values) for job, r in results.items() if not isinstance(r, list)]
    drafts = [found for found in translations if not isinstance(found, list)]
    scheduled = pending(read, release)
    return Read(issues, problems, len(results), converted, scheduled, drafts, snapshot)


def known_folders(
    content: Path, last: Snapshot, changed: frozenset[str] | None
) -> tuple[list[Folder], list[Problem]]:
    """The issue folders with their files: the `last` reading's if the files `changed`
    (when known) are all files they hold, edited (none created, deleted or renamed), else
    found again."""
    if changed is None or last.folders is None:
        return find_folders(content)
    if not last.files:  # only the preview asks, so only it pays for the set
        last.files = files_of(last.folders)
    if all(path in last.files and os.path.isfile(path) for path in changed):
        return list(last.folders), []
    return find_folders(content)


def files_of(folders: tuple[Folder, ...]) -> frozenset[str]:
    """Every file the folders hold, by absolute path."""
    return frozenset(os.path.abspath(file) for folder in folders for file in folder.files)


def build_issues(
    folders: list[Folder],
    results: dict[Job, Any],
    keys: dict[Job, str],
    ctx: Context,
    release: Release,
    last: Snapshot,
    snapshot: Snapshot,
    problems: list[Problem],
) -> list[Issue]:
    """Every issue, from the `last` reading where it holds one under the same key, else
    built; each kept in `snapshot`, its problems added to `problems`."""
    issues = []
    for folder in folders:
        key = folder_key(folder, results, keys, ctx.config.series, release)
        built = last.issues.get(key)
        if built is None:
            built = finish_issue(folder, results, ctx.config.series, release=release)
        snapshot.issues[key] = built
        group = tuple(keys[job] for job in (*folder_jobs(folder), *translation_jobs(folder)))
        snapshot.groups[group_name(folder.path)] = (group, key)
        problems += built[1]
        if built[0] is not None:
            issues.append(built[0])
    return issues


def finish_issue(
    folder: Folder, results: dict[Job, Any], series: str | None, *, release: Release
) -> tuple[Issue | None, list[Problem]]:
    """Build one issue from its read files, leaving out what `release` does not show."""
    problems: list[Problem] = []
    index: IndexDraft | None = None
    articles: list[ArticleDraft] = []
    for job in folder_jobs(folder):
        result = results[job]
        if isinstance(result, list):
            problems += result
        elif isinstance(result, IndexDraft):
            index = result
        elif release.shows(result.values):
            articles.append(result)
    if index is None or problems:
        return None, problems
    issue, problems = build_issue(folder, index, articles, series)
    if problems or not release.shows(index.values):
        return None, problems
    waiting = {draft.path for draft in articles if release.waiting(draft.values)}
    if not waiting and not release.waiting(index.values):
        return issue, []
    # Marked SCHEDULED: the keys change too, so pages showing the banner are made afresh.
    marked = tuple(
        replace(a, scheduled=True, key=digest(a.key, "scheduled")) if a.source in waiting else a
        for a in issue.articles
    )
    scheduled = release.waiting(index.values)
    key = digest(issue.key, str(scheduled), *(a.key for a in marked))
    return replace(issue, articles=marked, scheduled=scheduled, key=key), []


def read_files(
    work: list[Job], keys: list[str], ctx: Context, cache: Cache, jobs: int, last: Snapshot
) -> tuple[list[Any], int]:
    """The result of reading each job's file (from the last reading or the cache where they
    hold one), and how many had to be converted."""
    terms = declared_terms(ctx)
    results = [last.results.get(key) for key in keys]
    for index, key in enumerate(keys):
        if results[index] is None:
            results[index] = cached(cache, key, terms)
        else:
            cache.used.add(key)  # kept in the cache too, in case the snapshot is lost
    todo = [index for index, result in enumerate(results) if result is None]
    fresh = convert([work[index] for index in todo], ctx, jobs)
    for index, data in zip(todo, fresh, strict=True):
        results[index] = loads(data, terms)
        cache.put(keys[index], data)
    # Drafts carry their key, so the pages made from them can tell when they change.
    keyed = zip(results, keys, strict=True)
    results = [r if isinstance(r, list) else r._replace(key=k) for r, k in keyed]
    return results, len(todo)


def cached(cache: Cache, key: str, terms: dict[tuple[str, str], Any]) -> Any | None:
    """The cached result for `key`, or None (also for an entry that cannot be read)."""
    data = cache.get(key)
    if data is None:
        return None
    try:
        return loads(data, terms)
    except Exception:  # damaged or of another layout: read the file again
        return None


def convert(work: list[Job], ctx: Context, jobs: int) -> list[bytes]:
    """Read files, each result as bytes: in this process, or over `jobs` worker processes."""
    if jobs <= 1 or len(work) < POOL_THRESHOLD:
        return [dumps(read_job(job, ctx)) for job in work]
    setup = Setup(ctx.content, ctx.config)
    chunk = max(1, len(work) // (jobs * 8))
    found = parallel.imap(
        read_in_worker, work, jobs=jobs, chunksize=chunk, setup=start_worker, setup_args=(setup,)
    )
    return list(found)


def read_job(job: Job, ctx: Context) -> Any:
    """Read one file: an IndexDraft or ArticleDraft, or its problems."""
    if job.kind == "index":
        return read_index(job.path, job.site_path, ctx)
    if job.kind.startswith("translation:"):
        return read_translation(job.path, job.kind.split(":")[1], job.site_path, ctx)
    return read_article(job.path, job.site_path, ctx)


_worker_context: Context | None = None  # one per worker process, made by start_worker


def start_worker(setup: Setup) -> None:
    """Give this worker process its own Context, with one reusable Markdown converter."""
    global _worker_context
    _worker_context = make_context(setup.content, setup.config)


def read_in_worker(job: Job) -> bytes:
    """read_job with the worker's own Context, as bytes for the cache."""
    assert _worker_context is not None
    return dumps(read_job(job, _worker_context))


def make_context(content: Path, config: SiteConfig) -> Context:
    """The reading Context for a content folder (vocabularies and authors are loaded, not
    checked)."""
    sectors, _ = load_vocabulary(content, SECTORS)
    bodies, _ = load_vocabulary(content, BODIES)
    types, _ = load_vocabulary(content, TYPES)
    markdown = Converter(config.base_path, trust_html=config.trust_raw_html, glossary=bodies.terms)
    authors, _ = load_authors(content, markdown, config.base_path)
    return Context(content, config, sectors, bodies, markdown, types, authors)
