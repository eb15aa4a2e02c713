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

The site's stylesheet is given to WeasyPrint parsed, not linked from the HTML: a process
parses it once and keeps one font configuration for all its PDFs (~30 % of a PDF's time
went on parsing the sheet again and finding the same fonts). It is given as a user
stylesheet, which the page's own rules override just as they would a linked sheet before
them; the site's sheet has no `!important`, the one case where the two would differ.

A build that forks a pool of workers readies itself first (`PdfReady`): each worker then
starts with WeasyPrint imported, the sheet parsed and the fonts found, which its first PDF
would otherwise spend a second and a half on, in every worker of every pool; and the
memory they take is shared between the workers, not held by each.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import mimetypes
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, partial
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ...cache import Memo
from ...digests import code_version, digest
from ...model import SiteConfig

# Lays out a PDF: make_pdf, or a process that runs it (printer.py).
Maker = Callable[[str, SiteConfig, Mapping[str, Path], Path], bytes]
# A page in both scripts: laid out once, it has Fontconfig and Pango find their fonts.
WARM_UP = '<p style="font-family: serif">Ready</p><p lang="zh-Hans">准备</p>'


def issue_pdf(
    html: str,
    config: SiteConfig,
    files: Mapping[str, Path],
    stylesheet: Path,
    memo: Memo,
    slot: str,
    maker: Maker | None = None,
) -> bytes:
    """The PDF of one issue page's HTML laid out with the `stylesheet` file, from the memo
    if it was made before; `slot` names the PDF (its path), so the memo keeps only its
    latest. `maker` lays it out (default: `make_pdf`, in this process)."""
    shown = [f"{path}\0{file_digest(file)}" for path, file in sorted(files.items())]
    style = file_digest(stylesheet)
    key = digest(code_version(), version("weasyprint"), config.base_url, html, style, *shown)
    make = partial(maker or make_pdf, html, config, files, stylesheet)
    return memo.through(f"pdf\0{slot}", key, make)


def file_digest(file: Path) -> str:
    """A digest of a file's bytes."""
    return hashlib.blake2b(file.read_bytes(), digest_size=16).hexdigest()


def make_pdf(html: str, config: SiteConfig, files: Mapping[str, Path], stylesheet: Path) -> bytes:
    """The PDF of one issue page's HTML with the `stylesheet` file; `files` answers the
    site paths it names."""
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
    sheet, fonts = parsed_stylesheet(stylesheet, file_digest(stylesheet), config.base_url)
    return document.write_pdf(stylesheets=[sheet], font_config=fonts)


@cache
def parsed_stylesheet(file: Path, version: str, base_url: str) -> tuple[Any, Any]:
    """The stylesheet parsed by WeasyPrint, with the font configuration it is bound to:
    made once per process for each version of the file (`version`, a digest of it)."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    text = file.read_text(encoding="utf-8")
    return weasyprint.CSS(string=text, base_url=base_url, font_config=fonts), fonts


@dataclass(frozen=True)
class PdfReady:
    """Readies this process to lay out PDFs with `stylesheet` at `base_url` (once; equal
    values ready it the same way): WeasyPrint imported, the sheet parsed, fonts found."""

    stylesheet: Path
    base_url: str

    def __call__(self) -> None:
        warm_up(self.stylesheet, file_digest(self.stylesheet), self.base_url)


@cache
def warm_up(stylesheet: Path, version: str, base_url: str) -> None:
    """Lay out a small page with the parsed stylesheet, its fonts from the system; the
    stylesheet's own URLs are refused (nothing is fetched)."""
    import weasyprint
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class Nothing(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            raise ValueError(f"nothing is fetched while warming up: {url}")

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    sheet, fonts = parsed_stylesheet(stylesheet, version, base_url)
    page = weasyprint.HTML(string=WARM_UP, base_url=base_url, url_fetcher=Nothing())
    with contextlib.suppress(Exception):  # a warm-up that fails leaves the PDF to fail
        page.write_pdf(stylesheets=[sheet], font_config=fonts)
