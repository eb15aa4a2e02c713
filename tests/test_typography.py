"""The one-pass typographer makes exactly the characters Python-Markdown's `smarty` makes."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions.toc import slugify_unicode

from briefing.markdown.converter import EXTENSIONS
from briefing.markdown.sanitize import clean
from briefing.markdown.typography import TypographyExtension, educate

# smarty writes entities; the typographer writes the characters they stand for.
ENTITIES = {
    "&mdash;": "\u2014",
    "&ndash;": "\u2013",
    "&hellip;": "\u2026",
    "&lsquo;": "\u2018",
    "&rsquo;": "\u2019",
    "&ldquo;": "\u201c",
    "&rdquo;": "\u201d",
}
CONFIG = {"toc": {"slugify": slugify_unicode}}
SMARTY = markdown.Markdown(extensions=[*EXTENSIONS, "smarty"], extension_configs=CONFIG)
OURS = markdown.Markdown(extensions=[*EXTENSIONS, TypographyExtension()], extension_configs=CONFIG)

TRICKY = [
    "He said, \"'Quoted' words in a larger quote.\"",
    "'Quoted' words and \"double\" ones.",
    '"\'Twas the night," she said. \'He said "no".\'',
    "In the '80s and '90s; rock 'n' roll; the 1990's",
    "'s a start; don't; can't; o'clock; ''double single''",
    "Dashes: a--b, a---b, a----b, -- alone, --- alone, a --- b, a -- b.",
    "Ellipses... and.... and .. and ...'quoted'... \"...\"",
    '"Hello," \'world\'! ("parens") ["brackets"] {\'braces\'}',
    "'\"' and \"'\" and '' and \"\" and ' and \"",
    "Quote after dash: --\"word\" ---'word' &ndash;'x' &mdash;\"y\" &nbsp;'z'",
    "Entities &amp; \"quotes\" &copy; 'x' &#8212;'y' &#8211;\"z\"",
    "Escaped \\\"straight\\\" and \\'single\\' quotes, \\-- and \\...",
    'Code `"kept" -- \'as\' ...` is not educated, but "this" is.',
    '    "code block" -- kept...\n',
    '```\n"fenced" -- code...\n```\n',
    "*\"emphasis\"* **'strong'** _'x'_ \"*mixed*\" '**b**'",
    "[\"link\" text](https://example.com/a--b \"a 'title' -- here\") and 'after'",
    "![an \"alt\" -- text...](x.png) 'x'",
    "<span title=\"'raw'\">\"raw\" html</span> 'after' <b>'bold'</b>",
    "A line with trailing quote'\nand next \"line\"\n\n'new paragraph",
    "## A \"heading\" -- with 'quotes'...\n\nBody.",
    "> A 'quoted' block -- with ... all\n\n- a 'list' item\n- \"another\"",
    "| a 'b' | \"c\" |\n|---|---|\n| 'd' -- | e... |",
    "Footnote[^1] 'here'.\n\n[^1]: The \"note\" -- itself...",
    "*[MIIT]: Ministry of 'Industry'\n\nThe MIIT's \"plan\".",
    '!!! note "An \'admonition\' title"\n    Its "body" -- text...',
    "'",
    '"',
    "--",
    "...",
    "'a",
    "a'",
    '"a"\'b\'"c"',
    "中文“引号”和 'quotes' 和 \"双\" -- 破折号…",
    "x'''y\"\"\"z",
    '\'.x \'. ". x"? "?y',
    "2 o'clock, '20s, '2000, 'a'b'c'",
]


def as_characters(html: str) -> str:
    """HTML with smarty's entities written as the characters (in content too)."""
    for entity, character in ENTITIES.items():
        html = html.replace(entity, character)
    return html


def smarty_html(text: str) -> str:
    """smarty's HTML for `text`, its entities as characters."""
    return as_characters(SMARTY.reset().convert(text))


def our_html(text: str) -> str:
    """The typographer's HTML for `text`, entities in the content as characters too."""
    return as_characters(OURS.reset().convert(text))


@pytest.mark.parametrize("text", TRICKY)
def test_the_same_characters_as_smarty(text: str) -> None:
    assert our_html(text) == smarty_html(text)


@pytest.mark.parametrize("text", TRICKY)
def test_the_same_bytes_as_smarty_once_sanitized(text: str) -> None:
    # What every page shows unless trust_raw_html is set: nh3 writes smarty's entities as
    # characters, so the sanitized output is byte-identical.
    assert clean(OURS.reset().convert(text)) == clean(SMARTY.reset().convert(text))


PIECES = st.sampled_from(
    ["'", '"', "-", "--", "---", ".", "...", " ", "\n", "\n\n", "a", "s", "8", "0s", "x", "*",
     "_", "`", "\\", "(", ")", "[", "]", "&", "&nbsp;", "&mdash;", "<b>", "</b>", "中", ">",
     "#", "- ", "1. ", "    ", "!", "?", ",", ";", ":", "\t", "{", "~"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_random_texts_come_out_as_smarty_makes_them(text: str) -> None:
    assert our_html(text) == smarty_html(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_any_text_comes_out_as_smarty_makes_it(text: str) -> None:
    assert our_html(text) == smarty_html(text)


def test_text_without_quotes_dashes_or_ellipses_is_returned_as_it_is() -> None:
    text = "Plain text. With periods, commas - and single hyphens."
    assert educate(text) is text
