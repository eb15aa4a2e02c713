"""Markdown to safe HTML with the extensions briefings need: one reusable converter."""

from __future__ import annotations

import re
from typing import NamedTuple

import markdown
from markdown.extensions.toc import slugify_unicode

from ..model import Term
from .glossary import Glossary
from .links import LinkRewriter
from .sanitize import clean
from .typography import TypographyExtension

# `smarty`'s quotes, dashes and ellipses come from TypographyExtension, in one pass.
EXTENSIONS = ["extra", "admonition", "toc", "sane_lists"]
WORD = re.compile(r"[^\W\u3000-\u9fff\uf900-\ufaff]+")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
WRAPPING_P = re.compile(r"\A<p>(.*)</p>\Z", re.DOTALL)


class Converted(NamedTuple):
    """HTML made from Markdown, and the link targets refused as unsafe (`javascript:`)."""

    html: str
    refused: tuple[str, ...]


class Converter:
    """One reusable Markdown converter for a site deployed under `base_path`.

    Unless `trust_html` is set, the HTML is sanitized to an allow-list, so raw HTML in
    content cannot run script in a reader's browser.
    """

    def __init__(
        self, base_path: str, *, trust_html: bool = False, glossary: tuple[Term, ...] = ()
    ) -> None:
        self.links = LinkRewriter(base_path)
        self.glossary = Glossary(glossary)
        self.trust_html = trust_html
        self.md = markdown.Markdown(
            extensions=[*EXTENSIONS, TypographyExtension()],
            extension_configs={"toc": {"slugify": slugify_unicode}},
        )
        # After inline patterns (20); glossary links are site-root links, so before links.
        self.md.treeprocessors.register(self.glossary, "briefing-glossary", 2)
        self.md.treeprocessors.register(self.links, "briefing-links", 1)

    def convert(self, text: str, *, folder: str, glossary: bool = False) -> Converted:
        """Block Markdown to HTML; relative links resolve against the site path `folder`.

        With `glossary`, the first mention of each glossary term links to its page.
        """
        self.md.reset()
        self.links.folder = folder
        self.links.refused = []
        self.glossary.enabled = glossary
        html = self.md.convert(text)
        return Converted(html if self.trust_html else clean(html), tuple(self.links.refused))

    def inline(self, text: str, *, folder: str) -> Converted:
        """One paragraph of Markdown to HTML without the wrapping <p>."""
        html, refused = self.convert(text, folder=folder)
        match = WRAPPING_P.match(html)
        return Converted(match.group(1) if match else html, refused)


def count_words(text: str) -> int:
    """Words for reading time: Latin-script words, plus one per two Chinese characters."""
    return len(WORD.findall(text)) + len(CJK.findall(text)) // 2
