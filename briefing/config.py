"""The site configuration (content/site.yaml): a closed, typed schema."""

from __future__ import annotations

from pathlib import Path

from . import schema
from .errors import Problem
from .load import Invalid, load_yaml
from .model import SiteConfig
from .schema import Field, Reader

SITE_FIELDS = {
    # The site's name, shown in the header and feeds.
    "title": Field(schema.text, required=True),
    # One sentence for search engines and feed readers.
    "description": Field(schema.text, default=""),
    # Absolute URL the site is served from; internal links use its path.
    "base_url": Field(schema.web_url, required=True),
    # Language of the content, as a BCP 47 tag (en, de, zh-Hans).
    "language": Field(schema.text, default="en"),
    # The series an issue belongs to unless its front matter says otherwise.
    "series": Field(schema.text),
    # Publish raw HTML in Markdown as written. Off by default: content arrives through
    # pull requests, so raw HTML is sanitized to an allow-list unless this is true.
    "trust_raw_html": Field(schema.boolean, default=False),
    # Free-form data for templates.
    "extra": Field(schema.anything, default={}),
}


def load_config(content: Path) -> tuple[SiteConfig | None, list[Problem]]:
    """Read content/site.yaml; None (with problems) if it is missing or wrong."""
    path = content / "site.yaml"
    if not path.is_file():
        message = "missing: create it with at least 'title:' and 'base_url:'"
        return None, [Problem(path, None, message)]
    try:
        root = load_yaml(path)
    except Invalid as error:
        return None, [error.problem]
    reader = Reader(path)
    values = reader.mapping(root, SITE_FIELDS, "site.yaml")
    if values is None:
        return None, reader.problems
    base_url = values["base_url"]
    if not base_url.endswith("/"):
        base_url += "/"
    values["base_url"] = base_url
    return SiteConfig(**values), []
