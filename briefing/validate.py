"""Issue folders and article files to Issue and Article objects, or Problems."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from . import schema
from .errors import Problem
from .load import Invalid, Source, load_markdown
from .markup import Markup, count_words, site_url
from .model import (
    Article,
    Document,
    Image,
    Issue,
    NoteworthyItem,
    NoteworthySection,
    SiteConfig,
    Term,
)
from .paths import check_published, refuse_escape
from .schema import Field, FieldError, Reader
from .slugs import article_slug, slug
from .taxonomy import Vocabulary

KICKER = re.compile(r"(?P<kicker>[^:]{1,50}):\s+(?P<headline>\S.*)", re.DOTALL)
FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
RUN_IN_LABEL = re.compile(r"\A<strong>[^<]{1,40}:</strong>\s*")
WORDS_PER_MINUTE = 230


class ToHtml(Protocol):
    """Converts one file's Markdown: a block, or with `inline=True` one paragraph."""

    def __call__(self, text: str, *, inline: bool = False) -> str: ...


@dataclass(frozen=True)
class Context:
    """What reading content needs besides the files themselves."""

    content: Path
    config: SiteConfig
    sectors: Vocabulary
    bodies: Vocabulary
    markup: Markup
    drafts: bool


class Draft(NamedTuple):
    """An article read and converted, before its place in the Top list is known."""

    source: Source
    values: dict[str, Any]
    slug: str
    body_html: str
    summary_html: str


def term_in(vocabulary: Vocabulary) -> schema.Coerce:
    """Coerce a name, full name or alias to the declared term it means."""

    def coerce(node: Any, reader: Reader) -> Term:
        name = schema.text(node, reader)
        term = vocabulary.resolve(name)
        if term is None:
            raise FieldError(vocabulary.unknown(name))
        return term

    return coerce


def file_in(folder: Path) -> schema.Coerce:
    """Coerce to a URL, checking that a relative one names a file in `folder`."""

    def coerce(node: Any, reader: Reader) -> str:
        src = schema.text(node, reader)
        if not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:|/", src) and not (folder / src).is_file():
            raise FieldError(f"no file '{src}' beside index.md")
        return src

    return coerce


def issue_fields(ctx: Context, folder: Path) -> dict[str, Field]:
    """The closed schema of an issue's index.md front matter."""
    bodies = schema.list_of(term_in(ctx.bodies))
    sectors = schema.list_of(term_in(ctx.sectors))
    source = {"title": Field(schema.text, True), "url": Field(schema.web_url, True)}
    noteworthy = {
        "section": Field(schema.text, True),
        "date": Field(schema.date, True),
        "text": Field(schema.text, True),
        "source": Field(schema.mapping_of(source, "the source"), True),
        "issuing_bodies": Field(bodies, default=()),
        "sectors": Field(sectors, default=()),
    }
    image = {
        "src": Field(file_in(folder), True),
        "alt": Field(schema.text, True),
        "caption": Field(schema.text),
    }
    return {
        "title": Field(schema.text, True),
        "date": Field(schema.date, True),
        "series": Field(schema.text),
        "authors": Field(schema.list_of(schema.text), default=()),
        "summary": Field(schema.text),
        "image": Field(schema.mapping_of(image, "the image")),
        "noteworthy": Field(
            schema.list_of(schema.mapping_of(noteworthy, "this Noteworthy item")), default=()
        ),
        "draft": Field(schema.boolean, default=False),
        "extra": Field(schema.anything, default={}),
    }


def article_fields(ctx: Context) -> dict[str, Field]:
    """The closed schema of an article's front matter."""
    bodies = schema.list_of(term_in(ctx.bodies))
    document = {
        "title": Field(schema.text, True),
        "title_zh": Field(schema.text),
        "url": Field(schema.web_url),
        "date": Field(schema.date),
        "issuing_bodies": Field(bodies, default=()),
    }
    return {
        "title": Field(schema.text, True),
        "sectors": Field(schema.list_of(term_in(ctx.sectors), at_least=1), True),
        "rank": Field(schema.positive_int),
        "summary": Field(schema.text),
        "draft": Field(schema.boolean, default=False),
        "documents": Field(
            schema.list_of(schema.mapping_of(document, "this document")), default=()
        ),
        "issuing_bodies": Field(bodies, default=()),
        "extra": Field(schema.anything, default={}),
    }


def read_issues(content: Path, ctx: Context) -> tuple[list[Issue], list[Problem]]:
    """Read every issue folder under content/issues/."""
    folder = content / "issues"
    if not folder.is_dir():
        return [], [Problem(folder, None, "missing: put each issue in a folder here")]
    issues: list[Issue] = []
    problems: list[Problem] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "_")):
            continue
        escape = refuse_escape(path, content)
        if escape or not path.is_dir():
            message = "an issue is a folder holding index.md: move this file into one"
            problems.append(escape or Problem(path, None, message))
            continue
        issue, found = read_issue(path, ctx)
        problems += found
        if issue is not None:
            issues.append(issue)
    problems += _duplicate_issue_slugs(issues)
    return issues, problems


def _duplicate_issue_slugs(issues: list[Issue]) -> list[Problem]:
    seen: dict[str, Issue] = {}
    problems = []
    for issue in issues:
        if issue.slug in seen:
            other = seen[issue.slug].source.parent.name
            message = f"this folder gives the same URL /{issue.path} as '{other}': rename one"
            problems.append(Problem(issue.source.parent, None, message))
        seen.setdefault(issue.slug, issue)
    return problems


def read_issue(folder: Path, ctx: Context) -> tuple[Issue | None, list[Problem]]:
    """Read one issue folder: index.md, its articles and its files."""
    issue_slug = slug(folder.name)
    path = f"issues/{issue_slug}/"
    drafts: list[Draft] = []
    files, problems = _files(folder, ctx.content)
    for file in files:
        if file.parent != folder or file.suffix != ".md" or file.name == "index.md":
            continue
        draft, found = read_article(file, path, ctx)
        problems += found
        if draft is not None and (ctx.drafts or not draft.values["draft"]):
            drafts.append(draft)
    index = folder / "index.md"
    if not index.is_file():
        message = "this issue folder has no index.md: add one with 'title:' and 'date:'"
        return None, [Problem(folder, None, message), *problems]
    reader = Reader(index)
    try:
        source = load_markdown(index)
    except Invalid as error:
        return None, [error.problem, *problems]
    values = reader.mapping(source.meta, issue_fields(ctx, folder), "the issue front matter")
    articles = number_articles(drafts, path, reader)
    if values is None or problems or reader.problems:
        return None, problems + reader.problems
    html = _converter(ctx, source, reader, path)
    words = count_words(source.body) + sum(a.words for a in articles)
    words += sum(count_words(item["text"]) for item in values["noteworthy"])
    summary = values["summary"]
    issue = Issue(
        source=index,
        slug=issue_slug,
        path=path,
        title=values["title"],
        date=values["date"],
        series=values["series"] or ctx.config.series,
        authors=values["authors"],
        summary_html=summary and html(summary, inline=True),
        image=_image(values["image"], path, ctx),
        intro_html=html(source.body),
        articles=tuple(articles),
        noteworthy=_read_noteworthy(values["noteworthy"], html),
        reading_minutes=max(1, math.ceil(words / WORDS_PER_MINUTE)),
        assets=tuple(file for file in files if file.suffix != ".md"),
        draft=values["draft"],
        extra=values["extra"],
    )
    if reader.problems:
        return None, reader.problems
    if issue.draft and not ctx.drafts:
        return None, []
    return issue, []


def read_article(file: Path, folder: str, ctx: Context) -> tuple[Draft | None, list[Problem]]:
    """Read and convert one article file of the issue published at `folder`."""
    reader = Reader(file)
    try:
        source = load_markdown(file)
    except Invalid as error:
        return None, [error.problem]
    values = reader.mapping(source.meta, article_fields(ctx), "the article front matter")
    if values is None:
        return None, reader.problems
    html = _converter(ctx, source, reader, folder)
    body_html = html(source.body)
    if values["summary"]:
        summary_html = html(values["summary"], inline=True)
    else:
        summary_html = _first_paragraph(body_html)
    if reader.problems:
        return None, reader.problems
    return Draft(source, values, article_slug(file.stem), body_html, summary_html), []


def _converter(ctx: Context, source: Source, reader: Reader, folder: str) -> ToHtml:
    """Markdown to HTML for one file, reporting each refused link at its line."""

    def to_html(text: str, *, inline: bool = False) -> str:
        convert = ctx.markup.inline if inline else ctx.markup.convert
        html, refused = convert(text, folder=folder)
        for url in refused:
            reader.report(
                source.line_of(url),
                f"link to '{url}' refused: only http, https, mailto and site links are allowed",
            )
        return html

    return to_html


def _first_paragraph(html: str) -> str:
    """A summary when none is written: the first paragraph without its run-in label."""
    match = FIRST_PARAGRAPH.search(html)
    return RUN_IN_LABEL.sub("", match.group(1)) if match else ""


def number_articles(drafts: list[Draft], folder: str, reader: Reader) -> list[Article]:
    """Order articles by `rank:` (else file order), number them 1..n and build them."""

    def key(item: tuple[int, Draft]) -> tuple[int, int]:
        position, draft = item
        rank = draft.values["rank"]
        return (rank, 0) if rank is not None else (position, 1)

    ordered = [draft for _, draft in sorted(enumerate(drafts, start=1), key=key)]
    _check_unique(ordered, "rank", "rank", reader)
    _check_unique(ordered, "slug", "URL", reader)
    return [_article(number, draft, folder) for number, draft in enumerate(ordered, start=1)]


def _check_unique(drafts: list[Draft], what: str, label: str, reader: Reader) -> None:
    """Report two articles of one issue with the same rank or slug, naming both files."""
    seen: dict[Any, Draft] = {}
    for draft in drafts:
        value = draft.slug if what == "slug" else draft.values["rank"]
        if value is None:
            continue
        if value in seen:
            first = seen[value].source.path.name
            node = draft.source.meta.value.get(what) if what == "rank" else None
            line = node.line if node is not None else None
            message = f"has the same {label} '{value}' as {first}: change one of them"
            reader.problems.append(Problem(draft.source.path, line, message))
        seen.setdefault(value, draft)


def _article(number: int, draft: Draft, folder: str) -> Article:
    values = draft.values
    documents = tuple(
        Document(
            title=doc["title"],
            title_zh=doc["title_zh"],
            url=doc["url"],
            date=doc["date"],
            bodies=_unique(doc["issuing_bodies"]),
        )
        for doc in values["documents"]
    )
    bodies = _unique(
        [body for doc in documents for body in doc.bodies] + list(values["issuing_bodies"])
    )
    match = KICKER.fullmatch(values["title"])
    return Article(
        source=draft.source.path,
        slug=draft.slug,
        path=f"{folder}{draft.slug}/",
        number=number,
        title=values["title"],
        kicker=match["kicker"] if match else None,
        headline=match["headline"] if match else values["title"],
        summary_html=draft.summary_html,
        body_html=draft.body_html,
        sectors=_unique(values["sectors"]),
        bodies=bodies,
        documents=documents,
        words=count_words(draft.source.body),
        draft=values["draft"],
        extra=values["extra"],
    )


def _unique(terms: Any) -> tuple[Term, ...]:
    """Terms in first-mention order without repeats."""
    return tuple(dict.fromkeys(terms))


def _image(image: dict[str, str] | None, path: str, ctx: Context) -> Image | None:
    if image is None:
        return None
    src = site_url(image["src"], ctx.config.base_path, path)
    return Image(src=src, alt=image["alt"], caption=image["caption"])


def _read_noteworthy(
    items: tuple[dict[str, Any], ...], html: ToHtml
) -> tuple[NoteworthySection, ...]:
    """Group Noteworthy items by section, in the order sections first appear."""
    sections: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        sections.setdefault(item["section"], []).append(item)
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
                bodies=_unique(item["issuing_bodies"]),
                sectors=_unique(item["sectors"]),
            )
            for number, item in enumerate(members, start=1)
        )
        result.append(NoteworthySection(title=title, slug=key, items=built))
    return tuple(result)


def _files(folder: Path, content: Path) -> tuple[list[Path], list[Problem]]:
    """The issue folder's files, but hidden ones; refusing links out and unsafe names."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        problem = refuse_escape(path, content) or check_published(path, folder)
        if problem:
            problems.append(problem)
        elif path.is_file():
            files.append(path)
    return files, problems
