"""Declared authors (content/authors.yaml): read and checked, and resolving what editors
write in `authors:`, by slug or name, as terms are (see taxonomy.py)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from ..markdown import Converter
from ..model import Author, Image, ProfileLink
from ..slugs import slug
from . import schema
from .images import read_picture
from .paths import refuse_escape
from .schema import Field, FieldError, Reader
from .taxonomy import SLUG, _slug_lines, closest, normalise, slug_form
from .text import Invalid, Node, load_yaml

FILE = "authors.yaml"  # in the content folder
PHOTOS = "authors"  # content/authors/ holds their photos, published at /authors/<file>
WHERE = f"content/{FILE}"
# Photos are named in URLs and srcset lists, where spaces and most punctuation break them.
PHOTO_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+")
PHOTO_FIELDS = {
    "src": Field(schema.text, True),
    "alt": Field(schema.text),  # the author's name unless given
    "credit": Field(schema.text),  # "Photo: Jane Doe"
}


def link_url(node: Node, reader: Reader) -> str:
    """Coerce to an absolute http(s) URL or a mailto: address."""
    value = schema.scalar(node)
    if re.fullmatch(r"mailto:[^\s@]+@[^\s@]+", value):
        return value
    try:
        return schema.web_url(node, reader)
    except FieldError:
        raise FieldError(
            f"'{value}' is not an absolute http:// or https:// URL or a mailto: address"
        ) from None


def cite_name(node: Node, reader: Reader) -> str:
    """Coerce to a name as citations invert it: "Family, Given"."""
    value = schema.text(node, reader)
    family, comma, given = (part.strip() for part in value.partition(","))
    if not (comma and family and given) or "," in given:
        raise FieldError(f"'{value}' is not 'Family, Given': write it as e.g. 'Wang, Xiaoming'")
    return f"{family}, {given}"


LINK_FIELDS = {"title": Field(schema.text, True), "url": Field(link_url, True)}
AUTHOR_FIELDS = {
    "slug": Field(schema.text, True),
    "name": Field(schema.text, True),
    "name_zh": Field(schema.text),
    "role": Field(schema.text),
    "affiliation": Field(schema.text),
    "bio": Field(schema.text),  # Markdown
    "photo": Field(lambda node, reader: node),  # checked by photo_of, which knows the name
    "links": Field(schema.list_of(schema.mapping_of(LINK_FIELDS, "this link")), default=()),
    "cite_as": Field(cite_name),
}


@dataclass(frozen=True)
class Authors:
    """The declared authors, findable by slug, name or Chinese name, each also in slug form."""

    source: Path
    authors: tuple[Author, ...]
    index: dict[str, Author]

    def resolve(self, name: str) -> Author | None:
        """The author an editor meant, or None."""
        author = self.index.get(normalise(name))
        if author is None and (form := slug_form(name)):
            author = self.index.get(form)
        return author

    def unknown(self, name: str) -> str:
        """A message for a name that is no declared author: the closest ones, else how to
        declare it."""
        names = closest(name, self.index, lambda author: f"'{author.name}'")
        if names:
            return f"unknown author '{name}': did you mean {' or '.join(names[:3])}? (see {WHERE})"
        example = f"'- {{slug: {slug_form(name) or slug(name)}, name: {json.dumps(name)}}}'"
        if not self.source.is_file():
            return (
                f"unknown author '{name}': authors are declared in {WHERE}, which this site "
                f"does not have yet: create it with the line {example}"
            )
        return f"unknown author '{name}': declare them in {WHERE} with the line {example}"


def author_in(authors: Authors) -> schema.Coerce:
    """Coerce a slug or name to the declared author it means."""

    def coerce(node: Node, reader: Reader) -> Author:
        name = schema.text(node, reader)
        author = authors.resolve(name)
        if author is None:
            raise FieldError(authors.unknown(name))
        return author

    return coerce


def no_authors(content: Path) -> Authors:
    """The authors of a site that declares none."""
    return Authors(content / FILE, (), {})


def load_authors(
    content: Path, markdown: Converter, base_path: str
) -> tuple[Authors, list[Problem]]:
    """Read and check content/authors.yaml, converting each bio with `markdown` (photos
    are published under the site's `base_path`); a site may have none."""
    empty = no_authors(content)
    if not empty.source.is_file():
        return empty, []
    try:
        root = load_yaml(empty.source)
    except Invalid as error:
        return empty, [error.problem]
    reader = Reader(empty.source)
    if not isinstance(root.value, list):
        reader.report(root.line, "must be a list of authors (each starts with '- slug:')")
        return empty, reader.problems
    found = [
        a for node in root.value if (a := read_author(node, content, markdown, base_path, reader))
    ]
    index = index_authors(found, root.value, reader)
    return Authors(empty.source, tuple(found), index), reader.problems


def read_author(
    node: Node, content: Path, markdown: Converter, base_path: str, reader: Reader
) -> Author | None:
    """One declared author, or None after reporting what is wrong with it."""
    values = reader.mapping(node, AUTHOR_FIELDS, "this author")
    if values is None:
        return None
    if not SLUG.fullmatch(values["slug"]):
        message = f"slug '{values['slug']}' must be lowercase ASCII words joined by hyphens"
        reader.report(node.value["slug"].line, message)
        return None
    before = len(reader.problems)
    photo = None
    if values["photo"] is not None:
        photo = photo_of(values["photo"], values["name"], content, base_path, reader)
    bio_html = ""
    if values["bio"]:
        # Relative links in a bio lead from the author's page.
        bio_html, refused = markdown.convert(values["bio"], folder=f"authors/{values['slug']}/")
        for url in refused:
            allowed = "only http, https, mailto and site links are allowed"
            reader.report(node.value["bio"].line, f"bio: link to '{url}' refused: {allowed}")
    if len(reader.problems) > before:
        return None
    return Author(
        slug=values["slug"],
        name=values["name"],
        name_zh=values["name_zh"],
        role=values["role"],
        affiliation=values["affiliation"],
        bio_html=bio_html,
        photo=photo,
        links=tuple(ProfileLink(link["title"], link["url"]) for link in values["links"]),
        cite_as=values["cite_as"],
    )


def photo_of(node: Node, name: str, content: Path, base_path: str, reader: Reader) -> Image | None:
    """An author's photo: a file name in content/authors/, or a mapping of `src`, `alt`
    and `credit`; None after reporting a problem."""
    if isinstance(node.value, str):
        node = Node({"src": node}, node.line)
    values = reader.mapping(node, PHOTO_FIELDS, "the photo")
    if values is None:
        return None
    src: str = values["src"]
    line = node.value["src"].line if isinstance(node.value, dict) else node.line
    file = content / PHOTOS / src
    if not PHOTO_NAME.fullmatch(src):
        reader.report(
            line,
            f"photo: '{src}' is not a file name of letters, digits, '.', '-' "
            f"and '_' in content/{PHOTOS}/: rename the file or give its name",
        )
        return None
    if not file.is_file():
        reader.report(line, f"photo: no file '{src}' in content/{PHOTOS}/: put the photo there")
        return None
    if (escape := refuse_escape(file, content)) is not None:
        reader.report(line, f"photo: {escape.message}")
        return None
    url = f"{base_path}{PHOTOS}/{src}"
    try:
        picture = read_picture(file, url)
    except FieldError as error:
        reader.report(line, f"photo: {error}")
        return None
    return Image(url, values["alt"] or name, None, values["credit"], picture)


def spellings(author: Author) -> list[str]:
    """Each way of writing an author: slug, name, Chinese name."""
    return [n for n in (author.slug, author.name, author.name_zh) if n]


def index_authors(found: list[Author], nodes: list[Node], reader: Reader) -> dict[str, Author]:
    """Map every way of writing each author to them; a name two authors share is a problem."""
    lines = _slug_lines(nodes, reader)
    index: dict[str, Author] = {}
    reported: set[tuple[str, str]] = set()
    for author in found:
        keys: dict[str, str] = {}
        for name in spellings(author):
            keys.setdefault(normalise(name), name)
            if (form := slug_form(name)) is not None:
                keys.setdefault(form, name)
        for key, name in keys.items():
            other = index.setdefault(key, author)
            if other.slug == author.slug or (other.slug, author.slug) in reported:
                continue
            reported.add((other.slug, author.slug))
            reader.report(
                lines.get(author.slug),
                f"'{name}' names both '{other.slug}' (line {lines.get(other.slug)}) and "
                f"'{author.slug}': give each author a name of their own",
            )
    return index
