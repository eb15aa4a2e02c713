"""The one way a URL becomes absolute, for feeds, emails, structured data and canonical links."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from ..model import SiteConfig

URL_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')
# A path below the site's root as the model writes it: no scheme, no leading slash, no dots.
SITE_PATH = re.compile(r"(?![a-zA-Z][a-zA-Z0-9+.-]*:)[^/#?.:][^:?]*\Z|\Z")


def absolute(config: SiteConfig, url: str, *, page_url: str | None = None) -> str:
    """`url` as a reader away from the site needs it.

    A site path from the model (`issues/x/`) is under the base URL; a root link
    (`/briefing/x.svg`) on its host; a protocol-relative link (`//example.com/a`) keeps its
    host; an in-page link (`#fn-1`) points into `page_url`; a URL with a scheme is kept.
    """
    if page_url is None and SITE_PATH.match(url):  # the common case, without urljoin's cost
        return config.base_url + url
    return urljoin(page_url or config.base_url, url)


def absolute_links(html: str, config: SiteConfig, *, page_url: str | None = None) -> str:
    """HTML with every href and src made absolute; in-page anchors point into `page_url`."""

    def rewrite(match: re.Match[str]) -> str:
        attribute, url = match.groups()
        if url.startswith("#") and page_url is None:
            return match.group(0)
        return f'{attribute}="{absolute(config, url, page_url=page_url)}"'

    return URL_ATTRIBUTE.sub(rewrite, html)
