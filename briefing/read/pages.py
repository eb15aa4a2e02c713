"""Free-standing pages (content/pages/<slug>.md, such as About): a closed front matter schema."""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from ..model import Page
from ..slugs import slug
from . import schema
from .context import Context, converter
from .schema import Field, Reader
from .text import Invalid, load_markdown
from .translations import is_translation

PAGE_FIELDS = {
    # The page's heading and title.
    "title": Field(schema.text, required=True),
    # One sentence for search engines and link previews.
    "summary": Field(schema.text),
}


def read_pages(content: Path, ctx: Context) -> tuple[list[Page], list[Problem]]:
    """Read every Markdown file in content/pages/; the folder is optional."""
    pages: list[Page] = []
    problems: list[Problem] = []
    folder = content / "pages"
    if not folder.is_dir():
        return pages, problems
    for file in sorted(f for f in folder.glob("*.md") if not is_translation(f)):
        page, found = read_page(file, ctx)
        problems += found
        if page is not None:
            pages.append(page)
    return pages, problems


def read_page(file: Path, ctx: Context) -> tuple[Page | None, list[Problem]]:
    """One page, published at /<slug>/."""
    reader = Reader(file)
    try:
        source = load_markdown(file)
    except Invalid as error:
        return None, [error.problem]
    values = reader.mapping(source.meta, PAGE_FIELDS, "the page front matter")
    if values is None:
        return None, reader.problems
    page_slug = slug(file.stem)
    path = f"{page_slug}/"
    body_html = converter(ctx, source, reader, path)(source.body)
    if reader.problems:
        return None, reader.problems
    return Page(
        source=file,
        slug=page_slug,
        path=path,
        title=values["title"],
        summary=values["summary"],
        body_html=body_html,
    ), []
