"""What reading one content file needs: the context, and Markdown that reports refused links."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from ..markdown import Converter
from ..model import SiteConfig
from .authors import Authors
from .schema import Reader
from .taxonomy import Vocabulary
from .text import Source

T = TypeVar("T")


@dataclass(frozen=True)
class Context:
    """Everything besides the file itself that reading one file depends on."""

    content: Path
    config: SiteConfig
    sectors: Vocabulary
    bodies: Vocabulary
    markdown: Converter
    types: Vocabulary  # document types
    authors: Authors


class ToHtml(Protocol):
    """Converts one file's Markdown: a block, or with `inline=True` one paragraph."""

    def __call__(self, text: str, *, inline: bool = False, glossary: bool = False) -> str: ...


def converter(ctx: Context, source: Source, reader: Reader, folder: str) -> ToHtml:
    """Markdown to HTML for one file, reporting each refused link at its line."""

    def to_html(text: str, *, inline: bool = False, glossary: bool = False) -> str:
        if inline:
            html, refused = ctx.markdown.inline(text, folder=folder)
        else:
            html, refused = ctx.markdown.convert(text, folder=folder, glossary=glossary)
        for url in refused:
            reader.report(
                source.line_of(url),
                f"link to '{url}' refused: only http, https, mailto and site links are allowed",
            )
        return html

    return to_html


def unique(items: Iterable[T]) -> tuple[T, ...]:
    """Items in first-mention order without repeats."""
    return tuple(dict.fromkeys(items))
