"""What to read in the content folder, and the key each file is cached and kept under.

A file's key covers its bytes, where it is published, the files beside it and everything it
is read with (the code, the config, the taxonomies, the authors): equal keys, equal results.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..digests import code_version, digest
from ..release import Release
from .context import Context
from .issues import Folder
from .snapshot import Snapshot
from .translations import translation_of


@dataclass(frozen=True)
class Job:
    """One file to read: an issue's index.md or an article."""

    path: Path
    site_path: str  # the issue's folder on the site, for relative links
    kind: str  # "index" or "article"


def folder_jobs(folder: Folder) -> list[Job]:
    """The files of one issue folder to read: index.md (when there is one) and articles."""
    articles = [Job(path, folder.site_path, "article") for path in folder.articles]
    if folder.index.is_file():
        return [Job(folder.index, folder.site_path, "index"), *articles]
    return articles


def translation_jobs(folder: Folder) -> list[Job]:
    """The translations in one issue folder to read (read/translations.py)."""
    jobs = []
    for path in folder.translations:
        original, _ = translation_of(path) or (path, "")
        kind = "index" if original == folder.index else "article"
        jobs.append(Job(path, folder.site_path, f"translation:{kind}"))
    return jobs


def folder_key(
    folder: Folder,
    results: dict[Job, Any],
    keys: dict[Job, str],
    series: str | None,
    release: Release,
) -> str:
    """The key of an issue as finish_issue builds it: its folder, its files' keys, and
    whether the release shows each of them or marks it scheduled."""
    parts = [str(folder.path), folder.slug, folder.site_path, repr(series)]
    parts += map(str, folder.files)
    for job in folder_jobs(folder):
        result = results[job]
        shown = () if isinstance(result, list) else (release.shows(result.values),)
        waiting = () if isinstance(result, list) else (release.waiting(result.values),)
        parts.append(f"{job.kind}:{keys[job]}:{shown}:{waiting}")
    return digest(*parts)


def file_keys(
    work: list[Job], fingerprint: str, last: Snapshot, changed: frozenset[str] | None
) -> list[str]:
    """Each job's cache key; with `changed` known, the last reading's for the files that
    did not change, if what every file is read with (`fingerprint`) did not change either."""
    folders: dict[Path, str] = {}  # each issue folder's files, hashed once
    if changed is None or last.fingerprint != fingerprint:
        return [job_key(job, fingerprint, folders) for job in work]
    touched = {os.path.dirname(path) for path in changed}
    keys = []
    for job in work:
        path = os.path.abspath(job.path)
        known = last.keys.get(job.path)
        if known is None or path in changed or os.path.dirname(path) in touched:
            known = job_key(job, fingerprint, folders)
        keys.append(known)
    return keys


def context_fingerprint(ctx: Context) -> str:
    """A digest of everything besides a file that its reading depends on."""
    digest = hashlib.sha256(code_version().encode())
    digest.update(repr((str(ctx.content.resolve()), ctx.config)).encode())
    for vocabulary in (ctx.sectors, ctx.bodies, ctx.types, ctx.authors):
        if vocabulary.source.is_file():
            digest.update(vocabulary.source.read_bytes())
    return digest.hexdigest()


def job_key(job: Job, fingerprint: str, folders: dict[Path, str] | None = None) -> str:
    """The cache key of one file: its bytes, where it is published, the context, and the
    files beside it (images named in front matter are read for their size)."""
    digest = hashlib.sha256(fingerprint.encode())
    digest.update(f"{job.kind}\0{job.path}\0{job.site_path}\0".encode())
    digest.update(job.path.read_bytes())
    folder = job.path.parent
    if folders is None:
        folders = {}
    if folder not in folders:
        folders[folder] = files_digest(folder)
    digest.update(folders[folder].encode())
    return digest.hexdigest()


def files_digest(folder: Path) -> str:
    """A digest of the names and bytes of the files beside the Markdown of an issue."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.iterdir() if p.suffix != ".md" and p.is_file()):
        digest.update(f"{path.name}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
