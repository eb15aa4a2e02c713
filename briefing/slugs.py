"""ASCII slugs for URLs, from titles and file names in any script."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any
from urllib.parse import urlsplit

from slugify import slugify

NUMBER_PREFIX = re.compile(r"^\d+[-_. ]+")


def slug(text: str) -> str:
    """An ASCII slug; CJK is transliterated to pinyin-like words (中国 -> zhong-guo).

    Text that transliterates to nothing (emoji, symbols) gets a stable name derived from
    its hash, so the same text always gets the same URL.
    """
    result = slugify(text, lowercase=True, max_length=80, word_boundary=True)
    if result:
        return result
    return "item-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def article_slug(stem: str) -> str:
    """An article's slug: its file name without the `01-` ranking prefix."""
    return slug(NUMBER_PREFIX.sub("", stem) or stem)


def derived_id(document: dict[str, Any]) -> str:
    """A document's id when none is given: from its URL, else from its title and date.

    The same URL always gives the same id, so every article linking the same text names
    the same document; long ids keep their start and end in a short hash.
    """
    url = document.get("url")
    if url:
        parts = urlsplit(url)
        host = parts.netloc.lower().removeprefix("www.")
        base = slug(f"{host} {parts.path} {parts.query}".replace("/", " "))
        key = f"{host}{parts.path.rstrip('/')}?{parts.query}"
    else:
        date: dt.date | None = document.get("date")
        base = slug(f"{document['title']} {date.isoformat() if date else ''}")
        key = base
    if len(base) <= 60:
        return base
    short = hashlib.blake2b(key.encode(), digest_size=4).hexdigest()
    return f"{base[:51].rstrip('-')}-{short}"
