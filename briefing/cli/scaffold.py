"""`new issue` and `new article`: correctly named files from editable archetypes."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jinja2

from ..errors import UsageError, display_path
from ..read import SECTORS, archetype, load_vocabulary
from ..slugs import article_slug, slug

BUNDLED = Path(__file__).parent / "archetypes"
NUMBER = re.compile(r"^(\d+)[-_. ]")


def fill(content: Path, name: str, **values: object) -> str:
    """An archetype with its placeholders filled; a broken archetype names its line."""
    text, path = archetype(content, name, BUNDLED)
    env = jinja2.Environment(
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False
    )
    env.filters["yaml"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    sectors, _ = load_vocabulary(content, SECTORS)
    defaults = {"sector": sectors.terms[0].slug if sectors.terms else "TODO"}
    try:
        return env.from_string(text).render({**defaults, **values})
    except jinja2.TemplateSyntaxError as error:
        raise UsageError(f"{display_path(path)}:{error.lineno}: {error.message}") from None
    except jinja2.UndefinedError as error:
        raise UsageError(f"{display_path(path)}: {error.message}") from None


def create(path: Path, text: str) -> Path:
    """Write a new file, refusing to replace one that exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise UsageError(f"{display_path(path)} already exists: refusing to overwrite it") from None
    return path


def new_issue(content: Path, title: str, day: dt.date) -> Path:
    """Create issues/<date>-<slug>/index.md for a new issue."""
    if not title.strip():
        raise UsageError('give the issue a title, e.g. new issue "Chips + batteries"')
    folder_name = f"{day.isoformat()}-{slug(title)}"
    folder = content / "issues" / folder_name
    if folder.exists():
        raise UsageError(f"{display_path(folder)} already exists: refusing to overwrite it")
    text = fill(content, "issue.md", title=title, date=day.isoformat(), folder=folder_name)
    return create(folder / "index.md", text)


def new_article(content: Path, issue: str, title: str, day: dt.date) -> Path:
    """Create NN-<slug>.md, with the next free number, in an existing issue folder."""
    folder = content / "issues" / issue.strip("/").split("/")[-1]
    if not (folder / "index.md").is_file():
        known = sorted(p.parent.name for p in (content / "issues").glob("*/index.md"))
        hint = f"; the issues are: {', '.join(known)}" if known else ""
        raise UsageError(f"no issue folder {display_path(folder)} with an index.md{hint}")
    if not title.strip():
        raise UsageError('give the article a title, e.g. new article ISSUE "Headline"')
    name = slug(title)
    for existing in folder.glob("*.md"):
        if existing.name != "index.md" and article_slug(existing.stem) == name:
            message = f"{display_path(existing)} already has the URL slug '{name}'"
            raise UsageError(f"{message}: choose another title")
    number = next_number(folder)
    text = fill(content, "article.md", title=title, date=day.isoformat(), number=number)
    return create(folder / f"{number:02d}-{name}.md", text)


def next_number(folder: Path) -> int:
    """One more than the highest number prefix of the folder's articles."""
    numbers = [int(m[1]) for p in folder.glob("*.md") if (m := NUMBER.match(p.name))]
    return max(numbers, default=0) + 1
