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


TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL)
HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)
CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def scroll_tables(html: str) -> str:
    """Each table in a labelled box of its own that scrolls sideways, so that on a phone
    a wide table keeps its columns instead of squeezing every cell into a tall strip.

    The box can take keyboard focus (it scrolls with the arrow keys) and is named by the
    table's caption, else by its column headings."""

    def wrap(match: re.Match[str]) -> str:
        table = match.group(0)
        caption = CAPTION.search(table)
        names = [caption.group(1)] if caption else HEADER_CELL.findall(table)[:4]
        label = ", ".join(" ".join(TAG.sub("", name).split()) for name in names)
        label = f"Table: {label}" if label else "Table"
        escaped = label.replace('"', "&quot;")  # the text is HTML already
        return (
            f'<div class="table-scroll" role="region" tabindex="0" aria-label="{escaped}">'
            f"{table}</div>"
        )

    return TABLE.sub(wrap, html)
