"""Article files: read and convert each one, then number them into an issue's Top list."""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from ..digests import digest
from ..errors import Problem
from ..markdown import count_words, site_url
from ..model import Article, Author, Document, Facts
from ..slugs import article_slug, derived_id
from .context import Context, converter, unique
from .fields import article_fields
from .schema import Reader
from .text import Invalid, Node, load_markdown

KICKER = re.compile(r"(?P<kicker>[^:]{1,50}):\s+(?P<headline>\S.*)", re.DOTALL)
FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
RUN_IN_LABEL = re.compile(r"\A<strong>[^<]{1,40}:</strong>\s*")


class ArticleDraft(NamedTuple):
    """An article read and converted, before its place in the Top list is known."""

    path: Path
    slug: str
    values: dict[str, Any]
    rank_line: int | None
    document_lines: tuple[tuple[int, int | None], ...]  # each document's and its title_zh's
    body_html: str
    summary_html: str
    words: int
    key: str = ""  # the file's cache key: its bytes, where it is published, the context


def read_article(file: Path, folder: str, ctx: Context) -> ArticleDraft | list[Problem]:
    """Read and convert one article of the issue published at `folder`."""
    reader = Reader(file)
    try:
        source = load_markdown(file)
    except Invalid as error:
        return [error.problem]
    to_url = partial(site_url, base_path=ctx.config.base_path, folder=folder)
    fields = article_fields(
        ctx.sectors, ctx.bodies, ctx.types, file.parent, to_url, authors=ctx.authors
    )
    values = reader.mapping(source.meta, fields, "the article front matter")
    if values is None:
        return reader.problems
    html = converter(ctx, source, reader, folder)
    body_html = html(source.body, glossary=True)
    if values["summary"]:
        summary_html = html(values["summary"], inline=True)
    else:
        summary_html = first_paragraph(body_html)
    if reader.problems:
        return reader.problems
    meta = source.meta.value
    assert isinstance(meta, dict)
    rank = meta.get("rank")
    documents = meta["documents"].value if "documents" in meta else []
    return ArticleDraft(
        path=file,
        slug=article_slug(file.stem),
        values=values,
        rank_line=rank.line if rank is not None else None,
        document_lines=tuple(map(document_lines, documents)) if isinstance(documents, list) else (),
        body_html=body_html,
        summary_html=summary_html,
        words=count_words(source.body),
    )


def document_lines(node: Node) -> tuple[int, int | None]:
    """The line a document starts on, and its title_zh's line if it has one."""
    title_zh = node.value.get("title_zh") if isinstance(node.value, dict) else None
    return node.line, title_zh.line if title_zh is not None else None


def first_paragraph(html: str) -> str:
    """A summary when none is written: the first paragraph without its run-in label."""
    match = FIRST_PARAGRAPH.search(html)
    return RUN_IN_LABEL.sub("", match.group(1)) if match else ""


def number_articles(
    drafts: list[ArticleDraft], folder: str, authors: tuple[Author, ...] = ()
) -> tuple[list[Article], list[Problem]]:
    """Order articles by `rank:` (else file order), number them 1..n and build them; an
    article without `authors:` of its own is by the issue's `authors`."""

    def key(item: tuple[int, ArticleDraft]) -> tuple[int, int]:
        position, draft = item
        rank = draft.values["rank"]
        return (rank, 0) if rank is not None else (position, 1)

    ordered = [draft for _, draft in sorted(enumerate(drafts, start=1), key=key)]
    problems = duplicates(ordered, "rank") + duplicates(ordered, "URL")
    articles = [
        build_article(n, draft, folder, authors) for n, draft in enumerate(ordered, start=1)
    ]
    return articles, problems


def duplicates(drafts: list[ArticleDraft], what: str) -> list[Problem]:
    """Two articles of one issue with the same rank or URL slug, naming both files."""
    seen: dict[Any, ArticleDraft] = {}
    problems = []
    for draft in drafts:
        value = draft.values["rank"] if what == "rank" else draft.slug
        if value is None:
            continue
        if value in seen:
            line = draft.rank_line if what == "rank" else None
            first = seen[value].path.name
            message = f"has the same {what} '{value}' as {first}: change one of them"
            problems.append(Problem(draft.path, line, message))
        seen.setdefault(value, draft)
    return problems


def build_article(
    number: int, draft: ArticleDraft, folder: str, issue_authors: tuple[Author, ...] = ()
) -> Article:
    """The Article at position `number` of the issue published at `folder`."""
    values = draft.values
    authors = unique(values["authors"]) or issue_authors
    documents = documents_of(values["documents"], draft.document_lines)
    bodies = unique([b for doc in documents for b in doc.bodies] + list(values["issuing_bodies"]))
    match = KICKER.fullmatch(values["title"])
    return Article(
        key=digest(draft.key, str(number), folder, *(author.slug for author in authors)),
        source=draft.path,
        slug=draft.slug,
        path=f"{folder}{draft.slug}/",
        number=number,
        title=values["title"],
        kicker=match["kicker"] if match else None,
        headline=match["headline"] if match else values["title"],
        summary_html=draft.summary_html,
        body_html=draft.body_html,
        sectors=unique(values["sectors"]),
        bodies=bodies,
        documents=documents,
        words=draft.words,
        draft=values["draft"],
        publish_at=values["publish_at"],
        extra=values["extra"],
        summary_written=values["summary"] is not None,
        rank=values["rank"],
        rank_line=draft.rank_line,
        image=values["image"],
        authors=authors,
    )


def documents_of(
    values: tuple[dict[str, Any], ...], lines: tuple[tuple[int, int | None], ...]
) -> tuple[Document, ...]:
    """The documents an article names, with the lines they are named on."""
    return tuple(
        Document(
            id=doc["id"] or derived_id(doc),
            title=doc["title"],
            title_zh=doc["title_zh"],
            url=doc["url"],
            date=doc["date"],
            bodies=unique(doc["issuing_bodies"]),
            follows=doc["follows"],
            relation=doc["relation"],
            facts=facts_of(doc),
            line=line,
            title_zh_line=title_zh_line,
        )
        for doc, (line, title_zh_line) in zip(values, lines, strict=True)
    )


def facts_of(doc: dict[str, Any]) -> Facts:
    """What a document's front matter records besides its titles, URL and lineage."""
    names = ("type", "number", "issued", "published", "effective", "expires", "comment_until")
    return Facts(**{name: doc[name] for name in names}, status=doc["status"])
