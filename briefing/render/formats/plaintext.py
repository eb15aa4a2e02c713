"""HTML to readable plain text: the text alternative of a newsletter email.

Headings are underlined, lists and quotes kept, explainer boxes framed, layout tables
(role="presentation") read through, and links become numbered references listed at the
end. Lines wrap at 72 columns, a Chinese character counting as two; text is only broken
at spaces, so Chinese titles stay intact.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

WIDTH = 72
BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li",
    "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul",
}  # fmt: skip
VOID = {"br", "hr", "img", "meta", "link", "input", "col", "source", "wbr"}
HIDDEN = {"head", "script", "style", "template", "title"}
UNDERLINES = {"h1": "=", "h2": "-", "h3": "~", "h4": "~", "h5": "~", "h6": "~"}


@dataclass
class Element:
    """A parsed HTML element."""

    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)


class TreeBuilder(HTMLParser):
    """A forgiving parser into Elements; it closes what is left open."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def width(text: str) -> int:
    """Columns a string takes in a terminal: wide (CJK) characters count as two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, columns: int) -> list[str]:
    """Greedy wrapping at spaces only, measuring with `width`."""
    lines: list[str] = []
    line, used = "", 0  # the line so far and its width, kept as it grows
    for word in text.split():
        size = width(word)
        if line and used + 1 + size > columns:
            lines.append(line)
            line, used = word, size
        elif line:
            line, used = f"{line} {word}", used + 1 + size
        else:
            line, used = word, size
    if line:
        lines.append(line)
    return lines


class Writer:
    """Turns an Element tree into blocks of text, collecting link references."""

    def __init__(self) -> None:
        self.links: list[str] = []

    def reference(self, url: str) -> int:
        """The number of a link, the same number each time a URL comes back."""
        if url not in self.links:
            self.links.append(url)
        return self.links.index(url) + 1

    def blocks(self, element: Element, columns: int) -> list[str]:
        """The element's content as text blocks (paragraphs, lists, headings)."""
        result: list[str] = []
        inline: list[str] = []

        def flush() -> None:
            text = " ".join("".join(inline).split())
            if text:
                result.append("\n".join(wrap(text, columns)))
            inline.clear()

        for child in element.children:
            if isinstance(child, str):
                inline.append(child)
            elif hidden(child):
                continue
            elif child.tag == "br":
                flush()
            elif child.tag in BLOCKS:
                flush()
                result += self.block(child, columns)
            else:
                inline.append(self.inline(child))
        flush()
        return result

    def block(self, element: Element, columns: int) -> list[str]:
        """One block element as text blocks."""
        tag = element.tag
        if tag in UNDERLINES:
            lines = wrap(self.inline(element), columns)
            rule = UNDERLINES[tag] * max((width(line) for line in lines), default=0)
            return ["\n".join([*lines, rule])] if lines else []
        if tag == "hr":
            return ["-" * 24]
        if tag in ("ul", "ol"):
            return ["\n".join(self.items(element, columns))]
        if tag == "blockquote":
            return [indent(b, "> ") for b in self.blocks(element, columns - 2)]
        if tag == "div" and "admonition" in element.attrs.get("class", ""):
            return [indent("\n\n".join(self.blocks(element, columns - 2)), "| ")]
        if tag == "table" and element.attrs.get("role") != "presentation":
            return [self.table(element, columns)]
        if tag == "tr" and element.attrs.get("role") != "presentation":
            return ["\n\n".join(self.blocks(element, columns))]
        return self.blocks(element, columns)

    def items(self, element: Element, columns: int) -> list[str]:
        """List items with bullets or numbers, continuation lines indented."""
        lines = []
        number = int(element.attrs.get("start", "1") or 1)
        for child in element.children:
            if not isinstance(child, Element) or child.tag != "li":
                continue
            marker = f"{number}. " if element.tag == "ol" else "- "
            number += 1
            text = "\n\n".join(self.blocks(child, columns - len(marker)))
            lines.append(marker + indent(text, " " * len(marker))[len(marker) :])
        return lines

    def table(self, element: Element, columns: int) -> str:
        """A data table, one row a paragraph, cells separated by bars."""
        rows = []
        for row in find(element, "tr"):
            cells = [
                " ".join(self.inline(cell).split())
                for cell in row.children
                if isinstance(cell, Element) and cell.tag in ("td", "th")
            ]
            lines = wrap(" | ".join(cells), columns - 2) or [""]
            rows.append("\n".join([lines[0], *("  " + line for line in lines[1:])]))
        return "\n".join(rows)

    def inline(self, element: Element) -> str:
        """An element's text run together, links followed by their reference number."""
        if hidden(element):
            return ""
        if element.tag == "img":
            alt = element.attrs.get("alt", "")
            return f"[{alt}]" if alt else ""
        if element.tag == "br":
            return " "
        text = "".join(c if isinstance(c, str) else self.inline(c) for c in element.children)
        href = element.attrs.get("href", "") if element.tag == "a" else ""
        if href and not href.startswith("#") and not plain_link(element):
            return f"{text} [{self.reference(href)}]"
        return text


def plain_link(element: Element) -> bool:
    """Links that stay plain text: glossary links only repeat the name they are on."""
    return "glossary" in element.attrs.get("class", "").split()


def hidden(element: Element) -> bool:
    """Elements a reader of the text version should not see."""
    style = element.attrs.get("style", "").replace(" ", "")
    return (
        element.tag in HIDDEN
        or "display:none" in style
        or "preheader" in element.attrs.get("class", "")
    )


def find(element: Element, tag: str) -> list[Element]:
    """Every descendant with a tag, in document order."""
    found = []
    for child in element.children:
        if isinstance(child, Element):
            if child.tag == tag:
                found.append(child)
            found += find(child, tag)
    return found


def indent(text: str, prefix: str) -> str:
    """Prefix every line; blank lines keep the prefix without trailing spaces."""
    return "\n".join(
        (prefix + line).rstrip() if line else prefix.rstrip() for line in text.split("\n")
    )


def to_text(html: str, *, columns: int = WIDTH, links: str = "Links") -> str:
    """Plain text for an HTML document, with its links listed at the end under `links`
    (the heading in the email's language)."""
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    writer = Writer()
    body = "\n\n".join(block for block in writer.blocks(builder.root, columns) if block.strip())
    body = re.sub(r"\n{3,}", "\n\n", body)
    if writer.links:
        references = "\n".join(f"[{n}] {url}" for n, url in enumerate(writer.links, start=1))
        body += f"\n\n{links}\n{'-' * width(links)}\n{references}"
    return body + "\n"
