"""The content model, part three: the people who write the briefing, from content/authors.yaml."""

from __future__ import annotations

from dataclasses import dataclass

from .media import Image


@dataclass(frozen=True)
class ProfileLink:
    """A link on an author's page: their own site, a profile elsewhere, an email address."""

    title: str
    url: str


@dataclass(frozen=True)
class Author:
    """A declared author; their page, with everything they wrote, lives at `path`."""

    slug: str
    name: str
    name_zh: str | None = None
    role: str | None = None  # "Senior analyst"
    affiliation: str | None = None  # "Institute for Chinese Industrial Policy"
    bio_html: str = ""  # the bio's Markdown, converted and sanitized by read
    photo: Image | None = None  # a file of content/authors/, resized like other images
    links: tuple[ProfileLink, ...] = ()
    cite_as: str | None = None  # "Family, Given" where the name's last word is not the family

    @property
    def path(self) -> str:
        return f"authors/{self.slug}/"

    # An author is their slug, as a term is its taxonomy and slug (see Term).
    def __hash__(self) -> int:
        return hash(self.slug)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Author):
            return NotImplemented
        return self.slug == other.slug

    def __str__(self) -> str:
        """The name, so templates written when authors were plain names still read well."""
        return self.name
