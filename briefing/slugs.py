"""ASCII slugs for URLs, from titles and file names in any script."""

from __future__ import annotations

import hashlib
import re

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
