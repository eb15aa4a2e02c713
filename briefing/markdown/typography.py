"""Typographic quotes, dashes and ellipses in one walk over the text: `smarty`'s characters
at a fraction of its cost.

Python-Markdown's `smarty` registers eighteen inline patterns and runs a second inline
processor for them: every text node is tried against every pattern, and each replacement
goes through the HTML stash and the placeholder machinery. Most text has nothing to
educate. This walks the text nodes once (skipping code, as smarty does: its text is an
AtomicString; attribute values are not text nodes), skips a node at once unless it holds a
quote, `--` or `...`, and otherwise applies smarty's own patterns in smarty's order, only
those whose character occurs, with the same left-to-right rescanning, so each pattern sees
the earlier replacements as smarty's placeholders look to it (a control character on each
side). The replacement is the character itself (’), where smarty writes an entity
(`&rsquo;`) that the sanitizer then writes as the character: the same characters, and with
`trust_raw_html` an entity fewer to decode.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import NamedTuple

from markdown import Extension, Markdown
from markdown.extensions import smarty
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

LSQUO, RSQUO, LDQUO, RDQUO = "\u2018", "\u2019", "\u201c", "\u201d"
# Where smarty would leave a placeholder: \x02 and \x03 around the replacement's number,
# with a \x07 so that Python-Markdown's own \x02...\x03 placeholders are never mistaken
# for ours. Patterns only ever look at a placeholder's first and last character.
TOKEN = re.compile("\x02\x07([0-9]+)\x03")
TRIGGER = re.compile(r"['\"]|--|\.\.\.")


class Rule(NamedTuple):
    """One of smarty's patterns: what it matches, what replaces it, the character it needs."""

    pattern: re.Pattern[str]
    replacement: str  # \1 is the pattern's first group, kept before the character
    needs: str


def rule(pattern: str, replacement: str, needs: str) -> Rule:
    """A rule from smarty's pattern source."""
    return Rule(re.compile(pattern), replacement, needs)


# smarty's patterns in the order its registry tries them (by priority: dashes, quotes,
# ellipses), with its replacements.
RULES = (
    rule(r"(?<!-)---(?!-)", "\u2014", "--"),
    rule(r"(?<!-)--(?!-)", "\u2013", "--"),
    rule(smarty.singleQuoteStartRe, RSQUO, "'"),
    rule(smarty.doubleQuoteStartRe, RDQUO, '"'),
    rule(smarty.doubleQuoteSetsRe, LDQUO + LSQUO, '"'),
    rule(smarty.singleQuoteSetsRe, LSQUO + LDQUO, '"'),
    rule(smarty.doubleQuoteSetsRe2, RSQUO + RDQUO, '"'),
    rule(smarty.singleQuoteSetsRe2, RDQUO + RSQUO, '"'),
    rule(smarty.decadeAbbrRe, RSQUO, "'"),
    rule(smarty.openingSingleQuotesRegex, "\\1" + LSQUO, "'"),
    rule(smarty.closingSingleQuotesRegex, RSQUO, "'"),
    rule(smarty.closingSingleQuotesRegex2, RSQUO + "\\1", "'"),
    rule(smarty.remainingSingleQuotesRegex, LSQUO, "'"),
    rule(smarty.openingDoubleQuotesRegex, "\\1" + LDQUO, '"'),
    rule(smarty.closingDoubleQuotesRegex, RDQUO, '"'),
    rule(smarty.closingDoubleQuotesRegex2, RDQUO, '"'),
    rule(smarty.remainingDoubleQuotesRegex, LDQUO, '"'),
    rule(r"(?<!\.)\.{3}(?!\.)", "\u2026", "..."),
)


def educate(text: str) -> str:
    """Text with smarty's quotes, dashes and ellipses."""
    if TRIGGER.search(text) is None:
        return text
    made: list[str] = []
    for found in RULES:
        if found.needs not in text:
            continue
        start = 0
        while (match := found.pattern.search(text, start)) is not None:
            token = f"\x02\x07{len(made)}\x03"
            made.append(match.expand(found.replacement))
            text = text[: match.start()] + token + text[match.end() :]
            start = match.start() + len(token)
    return TOKEN.sub(lambda match: made[int(match.group(1))], text)


class Typographer(Treeprocessor):
    """Educates the text and tails of every element but the root, as smarty's pass does."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element is root:
                continue
            if element.text and not isinstance(element.text, AtomicString):
                element.text = educate(element.text)
            if element.tail and not isinstance(element.tail, AtomicString):
                element.tail = educate(element.tail)


class TypographyExtension(Extension):
    """Quotes, dashes and ellipses as smarty makes them (its default settings)."""

    def extendMarkdown(self, md: Markdown) -> None:
        # Where smarty runs: after the inline patterns (20) and abbreviations (7), before
        # the table of contents (5) reads the headings.
        md.treeprocessors.register(Typographer(md), "briefing-typography", 6)
        md.ESCAPED_CHARS.extend(['"', "'"])  # as smarty: \" and \' stay straight
