"""Translation files: `index.de.md`, `01-basic-materials.de.md`, `about.de.md` beside their
originals, each setting only the fields that are translated."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import Problem
from ..markdown import count_words
from ..slugs import slug
from . import schema
from .articles import first_paragraph
from .context import Context, converter
from .schema import Field, Reader
from .text import Invalid, Node, load_markdown

# A file name's language: the last dot-separated part before .md that reads as a BCP 47 tag.
TRANSLATION = re.compile(r"(?P<stem>.+)\.(?P<language>[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)")

NOTEWORTHY = {"text": Field(schema.text, True), "section": Field(schema.text)}
TRANSLATED = {
    "index": {
        "title": Field(schema.text, True),
        "summary": Field(schema.text),
        "noteworthy": Field(schema.list_of(schema.mapping_of(NOTEWORTHY, "this item"))),
        "draft": Field(schema.boolean, default=False),
    },
    "article": {
        "title": Field(schema.text, True),
        "summary": Field(schema.text),
        "draft": Field(schema.boolean, default=False),
    },
    "page": {"title": Field(schema.text, True), "summary": Field(schema.text)},
}
# What an original may set that its translations share with it (read/fields.py, pages.py).
SHARED = {
    "index": ("date", "number", "series", "authors", "image", "publish_at", "extra"),
    "article": ("sectors", "rank", "documents", "issuing_bodies", "image", "publish_at", "extra"),
    "page": (),
}


class TranslationDraft(NamedTuple):
    """A translation file read and converted, before it is laid over its original."""

    path: Path
    original: Path  # the file it translates
    language: str  # as written in its name
    kind: str  # "index", "article" or "page"
    values: dict[str, Any]
    summary_html: str | None
    body_html: str
    noteworthy: tuple[tuple[str | None, str], ...]  # each item's section and text (HTML)
    noteworthy_line: int | None
    words: int
    key: str = ""  # the file's cache key, as for ArticleDraft


def translation_of(path: Path) -> tuple[Path, str] | None:
    """The original a file translates and its language, or None for an original."""
    match = TRANSLATION.fullmatch(path.stem) if path.suffix == ".md" else None
    if match is None:
        return None
    return path.with_name(match["stem"] + path.suffix), match["language"]


def is_translation(path: Path) -> bool:
    """True for a translation's file name (`x.de.md`)."""
    return translation_of(path) is not None


def read_translation(
    path: Path, kind: str, site_path: str, ctx: Context
) -> TranslationDraft | list[Problem]:
    """Read one translation of an issue's index.md, an article or a page."""
    original, language = translation_of(path) or (path, "")
    reader = Reader(path)
    try:
        source = load_markdown(path)
    except Invalid as error:
        return [error.problem]
    refuse_shared(source.meta, kind, original, reader)
    values = reader.mapping(source.meta, TRANSLATED[kind], "the translation's front matter")
    if values is None or reader.problems:
        return reader.problems
    html = converter(ctx, source, reader, site_path)
    body_html = html(source.body, glossary=kind == "article")
    summary = values["summary"]
    summary_html = html(summary, inline=True) if summary else None
    if kind == "article" and summary_html is None:
        summary_html = first_paragraph(body_html)
    items = tuple(
        (i["section"], html(i["text"], inline=True)) for i in values.get("noteworthy") or ()
    )
    node = source.meta.value.get("noteworthy") if isinstance(source.meta.value, dict) else None
    words = count_words(source.body) + sum(
        count_words(i["text"]) for i in values.get("noteworthy") or ()
    )
    values = {"publish_at": None, **values, "draft": values.get("draft", False)}
    draft = TranslationDraft(
        path, original, language, kind, values, summary_html, body_html, items,
        node.line if node is not None else None, words,
    )  # fmt: skip
    return reader.problems or draft


def refuse_shared(meta: Node, kind: str, original: Path, reader: Reader) -> None:
    """Report each field a translation shares with its original instead of setting it."""
    if not isinstance(meta.value, dict):
        return
    allowed = ", ".join(f"{key}:" for key in TRANSLATED[kind])
    for key, child in list(meta.value.items()):
        if key in SHARED[kind]:
            reader.report(
                child.line,
                f"{key}: a translation shares this with its original ({original.name}): "
                f"set it there; a translation may set only {allowed} and the text",
            )
            del meta.value[key]


def read_page_translations(
    content: Path, ctx: Context
) -> tuple[list[TranslationDraft], list[Problem]]:
    """Every translation of a free page in content/pages/ (`about.de.md`)."""
    folder = content / "pages"
    drafts: list[TranslationDraft] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return drafts, problems
    for file in sorted(f for f in folder.glob("*.md") if is_translation(f)):
        original, _ = translation_of(file) or (file, "")
        found = read_translation(file, "page", f"{slug(original.stem)}/", ctx)
        if isinstance(found, list):
            problems += found
        else:
            drafts.append(found)
    return drafts, problems
