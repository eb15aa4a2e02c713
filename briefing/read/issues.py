"""Issue folders: find them and their files, read index.md, and build each Issue."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from ..digests import digest
from ..errors import Problem
from ..markdown import count_words, site_url
from ..model import Image, Issue, NoteworthyItem, NoteworthySection
from ..slugs import slug
from .articles import ArticleDraft, number_articles
from .context import Context, ToHtml, converter, unique
from .fields import issue_fields
from .paths import check_published, refuse_escape
from .schema import Reader
from .text import Invalid, Node, load_markdown
from .translations import is_translation

WORDS_PER_MINUTE = 230


class Folder(NamedTuple):
    """An issue folder with its publishable files, before anything is read; its Markdown
    files sorted out once (every build asks for them several times per folder)."""

    path: Path
    slug: str
    site_path: str  # "issues/<slug>/"
    files: tuple[Path, ...]
    index: Path  # index.md, whether or not there is one
    articles: tuple[Path, ...]
    translations: tuple[Path, ...]  # of index.md and of articles: `index.de.md`, `01-x.de.md`


def folder_of(path: Path, issue_slug: str, files: tuple[Path, ...]) -> Folder:
    """The folder at `path` holding `files` (any depth), its Markdown files sorted out."""
    index, inside = path / "index.md", str(path)  # (strings: pathlib's parents cost more)
    markdown = [f for f in files if f.name.endswith(".md") and os.path.dirname(f) == inside]
    translations = tuple(f for f in markdown if is_translation(f))
    articles = tuple(f for f in markdown if f.name != "index.md" and f not in translations)
    return Folder(path, issue_slug, f"issues/{issue_slug}/", files, index, articles, translations)


class IndexDraft(NamedTuple):
    """An issue's index.md read and converted."""

    values: dict[str, Any]
    summary_html: str | None
    intro_html: str
    image: Image | None
    noteworthy: tuple[NoteworthySection, ...]
    words: int
    key: str = ""  # the file's cache key, as for ArticleDraft


def find_folders(content: Path) -> tuple[list[Folder], list[Problem]]:
    """Every issue folder under content/issues/ with its files; problems for anything else."""
    issues = content / "issues"
    if not issues.is_dir():
        return [], [Problem(issues, None, "missing: put each issue in a folder here")]
    folders: list[Folder] = []
    problems: list[Problem] = []
    for path in sorted(issues.iterdir()):
        if path.name.startswith((".", "_")):
            continue
        escape = refuse_escape(path, content)
        if escape or not path.is_dir():
            message = "an issue is a folder holding index.md: move this file into one"
            problems.append(escape or Problem(path, None, message))
            continue
        files, found = folder_files(path, content)
        problems += found
        if not (path / "index.md").is_file():
            message = "this issue folder has no index.md: add one with 'title:' and 'date:'"
            problems.append(Problem(path, None, message))
        issue_slug = slug(path.name)
        folders.append(folder_of(path, issue_slug, tuple(files)))
    return folders, problems + duplicate_slugs(folders)


def folder_files(folder: Path, content: Path) -> tuple[list[Path], list[Problem]]:
    """The folder's files but hidden ones, refusing links out and unsafe names."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path, parts, entry in walk(folder, ()):
        escape = refuse_escape(path, content) if entry.is_symlink() else None
        problem = escape or check_published(path, parts)
        if problem:
            problems.append(problem)
        elif entry.is_file():
            files.append(path)
    return files, problems


def count_markdown(content: Path) -> int:
    """How many Markdown files the content folder's issues hold, for progress reports."""
    return sum(n.endswith(".md") for _, _, names in os.walk(content / "issues") for n in names)


def walk(
    folder: Path, within: tuple[str, ...]
) -> Iterator[tuple[Path, tuple[str, ...], os.DirEntry]]:
    """Every entry under `folder` but hidden ones, with its path's parts from the folder
    walked first (`within` leads to this one), depth first in name order, without following
    links to folders. os.scandir, not rglob: at 5,000 articles pathlib's path objects and
    stat calls took a third of a second of every build."""
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda entry: entry.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path, parts = folder / entry.name, (*within, entry.name)
        yield path, parts, entry
        if entry.is_dir(follow_symlinks=False):
            yield from walk(path, parts)


def duplicate_slugs(folders: list[Folder]) -> list[Problem]:
    """Two folders whose names give the same URL."""
    seen: dict[str, Folder] = {}
    problems = []
    for folder in folders:
        if folder.slug in seen:
            other = seen[folder.slug].path.name
            message = f"this folder gives the same URL /{folder.site_path} as '{other}': rename one"
            problems.append(Problem(folder.path, None, message))
        seen.setdefault(folder.slug, folder)
    return problems


def read_index(index: Path, site_path: str, ctx: Context) -> IndexDraft | list[Problem]:
    """Read and convert an issue's index.md."""
    reader = Reader(index)
    try:
        source = load_markdown(index)
    except Invalid as error:
        return [error.problem]
    to_url = to_site_url(ctx, site_path)
    fields = issue_fields(ctx.sectors, ctx.bodies, index.parent, to_url, authors=ctx.authors)
    values = reader.mapping(source.meta, fields, "the issue front matter")
    if values is None:
        return reader.problems
    html = converter(ctx, source, reader, site_path)
    summary = values["summary"]
    draft = IndexDraft(
        values=values,
        summary_html=summary and html(summary, inline=True),
        intro_html=html(source.body),
        image=values["image"],
        noteworthy=noteworthy(values["noteworthy"], item_lines(source.meta), html),
        words=count_words(source.body) + sum(count_words(i["text"]) for i in values["noteworthy"]),
    )
    return reader.problems or draft


def build_issue(
    folder: Folder, index: IndexDraft, drafts: list[ArticleDraft], config_series: str | None
) -> tuple[Issue, list[Problem]]:
    """The Issue from its read index.md and articles (drafts already left out)."""
    values = index.values
    articles, problems = number_articles(drafts, folder.site_path, unique(values["authors"]))
    words = index.words + sum(article.words for article in articles)
    assets = tuple(file for file in folder.files if file.suffix != ".md")
    key = digest(index.key, *(a.key for a in articles), *(str(a) for a in assets))
    issue = Issue(
        key=key,
        source=folder.index,
        slug=folder.slug,
        path=folder.site_path,
        title=values["title"],
        date=values["date"],
        series=values["series"] or config_series,
        authors=unique(values["authors"]),
        summary_html=index.summary_html,
        image=index.image,
        intro_html=index.intro_html,
        articles=tuple(articles),
        noteworthy=index.noteworthy,
        reading_minutes=max(1, math.ceil(words / WORDS_PER_MINUTE)),
        assets=assets,
        draft=values["draft"],
        publish_at=values["publish_at"],
        extra=values["extra"],
        numbered=values["number"],
    )
    return issue, problems


def to_site_url(ctx: Context, site_path: str) -> Callable[[str], str]:
    """Resolves a file name written in an issue folder's front matter to its site URL."""
    return partial(site_url, base_path=ctx.config.base_path, folder=site_path)


Lines = tuple[int | None, int | None]


def item_lines(meta: Node) -> list[Lines]:
    """The lines of each Noteworthy item's date (for `check`'s rules) and documents (for
    the catalogue's), in order."""
    items = meta.value.get("noteworthy") if isinstance(meta.value, dict) else None
    if items is None:
        return []
    nodes = items.value if isinstance(items.value, list) else [items]  # one item, unlisted

    def line(item: Node, key: str) -> int | None:
        found = item.value.get(key) if isinstance(item.value, dict) else None
        return found.line if found is not None else None

    return [(line(item, "date"), line(item, "documents")) for item in nodes]


def noteworthy(
    items: tuple[dict[str, Any], ...], lines: list[Lines], html: ToHtml
) -> tuple[NoteworthySection, ...]:
    """Noteworthy items grouped by section, in the order sections first appear."""
    sections: dict[str, list[tuple[dict[str, Any], Lines]]] = {}
    for item, line in zip(items, lines, strict=True):
        sections.setdefault(item["section"], []).append((item, line))
    result = []
    for title, members in sections.items():
        key = re.sub(r"-news$", "", slug(title)) or slug(title)
        built = tuple(
            NoteworthyItem(
                anchor=f"noteworthy-{key}-{number}",
                date=item["date"],
                text_html=html(item["text"], inline=True),
                source_title=item["source"]["title"],
                source_url=item["source"]["url"],
                bodies=unique(item["issuing_bodies"]),
                sectors=unique(item["sectors"]),
                line=line[0],
                documents=unique(item["documents"]),
                documents_line=line[1],
            )
            for number, (item, line) in enumerate(members, start=1)
        )
        result.append(NoteworthySection(title=title, slug=key, items=built))
    return tuple(result)
