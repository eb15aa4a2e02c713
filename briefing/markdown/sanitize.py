"""The allow-list for HTML that content may produce: what Markdown makes, nothing more.

Content arrives through pull requests, so raw HTML in Markdown is untrusted by default:
anything outside this list (scripts, event handlers, iframes, style) is removed.
"""

from __future__ import annotations

import re

import nh3

SAFE_SCHEMES = {"http", "https", "mailto"}

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "u", "ul",
}  # fmt: skip
_ATTRIBUTES = {
    "*": {"id", "class", "lang", "title", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed", "type"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
}

_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    attributes=_ATTRIBUTES,
    clean_content_tags={"script", "style"},
    url_schemes=SAFE_SCHEMES,
    link_rel=None,
    filter_style_properties={"text-align"},  # table column alignment from Markdown
    strip_comments=True,
)


# nh3 writes every attribute as name="value" with any quote inside escaped, so this matches
# a whole <img> tag exactly.
_IMG = re.compile(r'<img((?:\s+[^\s="/>]+(?:="[^"]*")?)*)\s*/?>')


def clean(html: str) -> str:
    """HTML with everything outside the allow-list removed."""
    return _IMG.sub(with_alt, _CLEANER.clean(html))


def with_alt(tag: re.Match[str]) -> str:
    """An <img> as written, with alt="" if raw HTML gave none (Markdown always does): an
    image without alt is invalid HTML, and a screen reader would read out its file name."""
    attributes = tag.group(1)
    if re.search(r'\salt="', attributes):
        return tag.group(0)
    return f'<img{attributes} alt="">'
