"""Rewriting converted HTML so several article bodies can share one page."""

from __future__ import annotations

import re

ID_ATTRIBUTE = re.compile(r'\b(id|href)="(#?)([^"]*)"')


def prefix_ids(html: str, prefix: str) -> str:
    """Prefix every id and in-page link so several bodies can share one page.

    Footnotes (`fn:1`) and headings would otherwise repeat when an issue page shows the
    full text of all its items.
    """

    def rewrite(match: re.Match[str]) -> str:
        attribute, hash_, value = match.groups()
        if attribute == "id":
            return f'id="{prefix}-{value}"'
        if hash_:
            return f'href="#{prefix}-{value}"'
        return match.group(0)

    return ID_ATTRIBUTE.sub(rewrite, html)


HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")


def demote_headings(html: str, by: int) -> str:
    """Lower every heading by `by` levels (h2 -> h4), to nest a body under an item heading."""
    return HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + by)}", html)
