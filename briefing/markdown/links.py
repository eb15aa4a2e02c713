"""Links in converted Markdown: site-root links under the base path, unsafe schemes refused."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from html import unescape

from markdown.treeprocessors import Treeprocessor

from .sanitize import SAFE_SCHEMES

SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


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
