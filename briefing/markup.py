"""Markdown to HTML with the extensions briefings need, and site-aware link rewriting."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import Treeprocessor

EXTENSIONS = ["extra", "admonition", "toc", "smarty", "sane_lists"]
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
WORD = re.compile(r"[^\W\u3000-\u9fff\uf900-\ufaff]+")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
WRAPPING_P = re.compile(r"\A<p>(.*)</p>\Z", re.DOTALL)


class Markup:
    """One reusable Markdown converter for a site deployed under `base_path`."""

    def __init__(self, base_path: str) -> None:
        self.links = LinkRewriter(base_path)
        self.md = markdown.Markdown(
            extensions=EXTENSIONS,
            extension_configs={"toc": {"slugify": slugify_unicode}},
        )
        self.md.treeprocessors.register(self.links, "briefing-links", 1)

    def convert(self, text: str, *, folder: str) -> str:
        """Block Markdown to HTML; relative links resolve against the site path `folder`."""
        self.md.reset()
        self.links.folder = folder
        return self.md.convert(text)

    def inline(self, text: str, *, folder: str) -> str:
        """One paragraph of Markdown to HTML without the wrapping <p>."""
        html = self.convert(text, folder=folder)
        match = WRAPPING_P.match(html)
        return match.group(1) if match else html


class LinkRewriter(Treeprocessor):
    """Puts site-root links (`/issues/...`) under the base path and resolves relative files."""

    def __init__(self, base_path: str) -> None:
        super().__init__()
        self.base_path = base_path
        self.folder = ""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                url = element.get(attribute)
                if url is not None:
                    element.set(attribute, site_url(url, self.base_path, self.folder))


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
