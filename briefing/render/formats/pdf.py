"""The PDF edition of an issue, made with WeasyPrint from the print stylesheet.

WeasyPrint never reaches the network here: every URL the page names is answered from the
files the build publishes (stylesheets, the issue's images, the logo), and anything else
is left out. Fonts come from the system (fontconfig), subset and embedded, so Chinese
titles print in Noto CJK wherever the PDF is opened. The same HTML gives the same bytes.

A PDF costs a second or more, so each is kept in the build cache (`Memo`) under its HTML,
the files it may show and the code that makes it: a PDF whose issue looks the same is made
once, whatever else changed (a template of other pages, a cold rebuild with the cache
kept). Fonts are the system's and not in the key: after installing other fonts, delete
the cache.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
from collections.abc import Mapping
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ...cache import Memo
from ...digests import code_version, digest
from ...model import SiteConfig


def issue_pdf(
    html: str, config: SiteConfig, files: Mapping[str, Path], memo: Memo, slot: str
) -> bytes:
    """The PDF of one issue page's HTML, from the memo if it was made before; `slot` names
    the PDF (its path), so the memo keeps only its latest."""
    shown = [f"{path}\0{file_digest(file)}" for path, file in sorted(files.items())]
    key = digest(code_version(), version("weasyprint"), config.base_url, html, *shown)
    return memo.through(f"pdf\0{slot}", key, partial(make_pdf, html, config, files))


def file_digest(file: Path) -> str:
    """A digest of a file's bytes."""
    return hashlib.blake2b(file.read_bytes(), digest_size=16).hexdigest()


def make_pdf(html: str, config: SiteConfig, files: Mapping[str, Path]) -> bytes:
    """The PDF of one issue page's HTML; `files` answers the site paths it names."""
    # Costs a second or more to import: only renders that make a PDF pay for it.
    import weasyprint
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SiteFiles(URLFetcher):
        """Answers the site's own URLs from the files the build publishes; nothing else."""

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            path = url.removeprefix(config.base_url).partition("#")[0].partition("?")[0]
            file = files.get(path) if url.startswith(config.base_url) else None
            if file is None:
                raise ValueError(f"not a file of this site: {url}")
            kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, file.read_bytes(), {"Content-Type": kind})

    # A refused URL is logged as a warning by WeasyPrint; it is expected, not news.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=html, base_url=config.base_url, url_fetcher=SiteFiles())
    return document.write_pdf()
