"""Markdown to HTML with the extensions briefings need, and site-aware link rewriting."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from html import unescape
from typing import NamedTuple

import markdown
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import Treeprocessor

from .glossary import Glossary
from .model import Term
from .sanitize import SAFE_SCHEMES, clean

EXTENSIONS = ["extra", "admonition", "toc", "smarty", "sane_lists"]
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
WORD = re.compile(r"[^\W\u3000-\u9fff\uf900-\ufaff]+")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
WRAPPING_P = re.compile(r"\A<p>(.*)</p>\Z", re.DOTALL)


class Converted(NamedTuple):
    """HTML made from Markdown, and the link targets refused as unsafe (`javascript:`)."""

    html: str
    refused: tuple[str, ...]


class Markup:
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
            extensions=EXTENSIONS,
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


class LinkRewriter(Treeprocessor):
    """Puts site-root links (`/issues/...`) under the base path and resolves relative files."""

    def __init__(self, base_path: str) -> None:
        super().__init__()
        self.base_path = base_path
        self.folder = ""
        self.refused: list[str] = []

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                url = element.get(attribute)
                if url is None:
                    continue
                if not is_safe_url(url):
                    self.refused.append(url)
                    del element.attrib[attribute]
                    continue
                element.set(attribute, site_url(url, self.base_path, self.folder))


def is_safe_url(url: str) -> bool:
    """True for links without a scheme (site links) or with http, https or mailto."""
    # Entities are decoded later, and browsers ignore control characters and spaces in a
    # scheme, so "&#106;avascript:" and "java\tscript:" must count as "javascript:".
    compact = re.sub(r"[\x00-\x20]", "", unescape(url))
    match = SCHEME.match(compact)
    return match is None or match.group(0)[:-1].lower() in SAFE_SCHEMES


def site_url(url: str, base_path: str, folder: str) -> str:
    """The URL a reader's browser needs for a link written in content.

    `/x` is a site-root link (put under the base path); `x.jpg` is a file in the content
    folder published at the site path `folder`; anything with a scheme is left alone.
    """
    if not url or url.startswith(("#", "//", "?")) or SCHEME.match(url):
        return url
    if url.startswith("/"):
        return base_path + url[1:]
    return base_path + folder + url


def count_words(text: str) -> int:
    """Words for reading time: Latin-script words, plus one per two Chinese characters."""
    return len(WORD.findall(text)) + len(CJK.findall(text)) // 2
