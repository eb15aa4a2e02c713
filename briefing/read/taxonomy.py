"""Declared vocabularies of sectors, issuing bodies and document types, and resolving what
editors write."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ..errors import Problem
from ..model import Term
from ..slugs import slug
from . import schema
from .schema import Field, Reader
from .termnames import term_translations
from .text import Invalid, Node, load_yaml

T = TypeVar("T")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

SECTOR_FIELDS = {
    "slug": Field(schema.text, required=True),
    "name": Field(schema.text, required=True),
    "description": Field(schema.text),
    "aliases": Field(schema.list_of(schema.text), default=()),
    "group": Field(schema.text),
    # Names and descriptions in the site's other languages: {de: {name: …}} (termnames.py).
    "translations": Field(schema.anything),
}
BODY_FIELDS = {
    "slug": Field(schema.text, required=True),
    "name": Field(schema.text, required=True),
    "full_name": Field(schema.text, required=True),
    "name_zh": Field(schema.text),
    "aliases": Field(schema.list_of(schema.text), default=()),
    "level": Field(schema.one_of("central", "provincial", "municipal", "other")),
    "url": Field(schema.web_url),
    "description": Field(schema.text),
    "translations": Field(schema.anything),
}

TYPE_FIELDS = {
    "slug": Field(schema.text, required=True),
    "name": Field(schema.text, required=True),
    # Several forms are common (规划, 方案): each one may be written, all are shown.
    "name_zh": Field(schema.list_of(schema.text), default=()),
    "aliases": Field(schema.list_of(schema.text), default=()),
    # "draft": a draft put out for comment, whose status comes from comment_until.
    "group": Field(schema.one_of("draft", "final")),
    "description": Field(schema.text),
    "translations": Field(schema.anything),
}
# Used when a content folder declares no document types of its own.
BUNDLED_TYPES = Path(__file__).resolve().parent / "document-types.yaml"


@dataclass(frozen=True)
class Taxonomy:
    """What a vocabulary is called and where it is declared."""

    key: str  # URL section and Term.taxonomy
    file: str  # under content/taxonomies/
    singular: str  # for messages: "sector", "issuing body"
    plural: str  # "sectors", "issuing bodies"
    fields: dict[str, Field]
    bundled: Path | None = None  # the file used when the content folder has none


SECTORS = Taxonomy("sectors", "sectors.yaml", "sector", "sectors", SECTOR_FIELDS)
BODIES = Taxonomy("bodies", "issuing-bodies.yaml", "issuing body", "issuing bodies", BODY_FIELDS)
TYPES = Taxonomy(
    "types", "document-types.yaml", "document type", "document types", TYPE_FIELDS, BUNDLED_TYPES
)


def normalise(name: str) -> str:
    """The form names are matched in: case-folded, single spaces, straight apostrophes."""
    return " ".join(name.replace("’", "'").casefold().split())


def slug_form(name: str) -> str | None:
    """How a name reads as a slug (rare-earths for "Rare earths"), for names in Latin letters;
    a Chinese name's slug is a transliteration nobody would write for it."""
    if not name.isascii() or not any(char.isalnum() for char in name):
        return None
    return slug(name)


@dataclass(frozen=True)
class Vocabulary:
    """The terms of one taxonomy, findable by slug, name, full name, Chinese name or alias,
    each also in slug form."""

    taxonomy: Taxonomy
    source: Path
    terms: tuple[Term, ...]
    index: dict[str, Term]
    # Each term's names in other languages: slug -> language -> (line, {name: …}).
    translations: dict[str, dict[str, tuple[int, dict[str, str]]]] = field(default_factory=dict)

    def resolve(self, name: str) -> Term | None:
        """The term an editor meant, or None."""
        term = self.index.get(normalise(name))
        if term is None and (form := slug_form(name)):
            term = self.index.get(form)
        return term

    def unknown(self, name: str) -> str:
        """A message for a name that resolves to nothing, suggesting the closest terms."""
        names = closest(name, self.index, label)
        what = self.taxonomy.singular
        where = f"content/taxonomies/{self.taxonomy.file}"
        if self.source == self.taxonomy.bundled:
            where = f"the bundled {self.taxonomy.key}; declare your own in {where}"
        if names:
            return f"unknown {what} '{name}': did you mean {' or '.join(names[:3])}? (see {where})"
        return f"unknown {what} '{name}': declare it in {where}"


def closest(name: str, index: Mapping[str, T], shown: Callable[[T], str]) -> list[str]:
    """How the (at most six) declared items spelled most like `name` are shown, each once."""
    close = difflib.get_close_matches(normalise(name), list(index), n=6, cutoff=0.6)
    return list(dict.fromkeys(shown(index[key]) for key in close))


def label(term: Term) -> str:
    """How a suggestion names a term: 'MIIT' (Ministry of Industry and …)."""
    if term.abbreviated:
        return f"'{term.name}' ({term.full_name})"
    return f"'{term.name}'"


def load_vocabulary(content: Path, taxonomy: Taxonomy) -> tuple[Vocabulary, list[Problem]]:
    """Read and check one taxonomy file; a broken file gives an empty vocabulary."""
    path = content / "taxonomies" / taxonomy.file
    if not path.is_file() and taxonomy.bundled is not None:
        path = taxonomy.bundled
    empty = Vocabulary(taxonomy, path, (), {})
    if not path.is_file():
        return empty, [Problem(path, None, f"missing: declare the {taxonomy.key} here")]
    try:
        root = load_yaml(path)
    except Invalid as error:
        return empty, [error.problem]
    reader = Reader(path)
    if not isinstance(root.value, list):
        reader.report(root.line, f"must be a list of {taxonomy.key} (each item starts with '- ')")
        return empty, reader.problems
    read = [(t, node) for node in root.value if (t := _read_term(node, taxonomy, reader))]
    terms = [term for term, _ in read]
    index = _index_terms(terms, root.value, reader)
    names = {term.slug: term_translations(node, taxonomy.fields, reader) for term, node in read}
    return Vocabulary(taxonomy, path, tuple(terms), index, names), reader.problems


def _read_term(node: Node, taxonomy: Taxonomy, reader: Reader) -> Term | None:
    values = reader.mapping(node, taxonomy.fields, f"this {taxonomy.singular}")
    if values is None:
        return None
    if not SLUG.fullmatch(values["slug"]):
        reader.report(
            node.line,
            f"slug '{values['slug']}' must be lowercase ASCII words joined by hyphens",
        )
        return None
    name_zh, aliases = values.get("name_zh"), values["aliases"]
    if isinstance(name_zh, tuple):  # a document type's forms: each one resolves
        name_zh, aliases = "/".join(name_zh) or None, (*aliases, *name_zh)
    return Term(
        taxonomy=taxonomy.key,
        slug=values["slug"],
        name=values["name"],
        full_name=values.get("full_name") or values["name"],
        name_zh=name_zh,
        description=values.get("description"),
        aliases=aliases,
        level=values.get("level"),
        group=values.get("group"),
        website=values.get("url"),
    )


def _slug_lines(nodes: list[Node], reader: Reader) -> dict[str, int]:
    """The line each slug is declared on; a slug declared twice is a problem."""
    lines: dict[str, int] = {}
    for node in nodes:
        slug = node.value.get("slug") if isinstance(node.value, dict) else None
        if slug is None or not isinstance(slug.value, str):
            continue
        if slug.value in lines:
            reader.report(slug.line, f"slug '{slug.value}' is declared twice: keep one")
        else:
            lines[slug.value] = slug.line
    return lines


def _spellings(term: Term) -> Iterator[tuple[str, str]]:
    """Each name of a term with the key it is found by: as written, then in slug form."""
    names = [n for n in (term.slug, term.name, term.full_name, term.name_zh, *term.aliases) if n]
    for name in names:
        yield name, normalise(name)
    for name in names:
        if (form := slug_form(name)) and form != normalise(name):
            yield name, form


def _index_terms(terms: list[Term], nodes: list[Node], reader: Reader) -> dict[str, Term]:
    """Map every way of writing each term to it; one name for two terms is a problem, also
    when two names only read the same in slug form ("Rare earths", "rare-earths")."""
    lines = _slug_lines(nodes, reader)
    index: dict[str, tuple[Term, str]] = {}  # each key's term and the name that made it
    reported: set[tuple[str, str, str]] = set()  # a name clashes once, however found
    for term in terms:
        for name, key in _spellings(term):
            other, first = index.setdefault(key, (term, name))
            if other.slug == term.slug or (other.slug, term.slug, name) in reported:
                continue
            reported.add((other.slug, term.slug, name))
            both = f"names both '{other.slug}' (line {lines.get(other.slug)}) and '{term.slug}'"
            if key != normalise(name) or key != normalise(first):
                both = f"'{first}' and '{name}' are both '{key}' in slug form, which {both}"
            else:
                both = f"'{name}' {both}"
            reader.report(
                lines.get(term.slug), f"{both}; each name or alias may belong to one term only"
            )
    return {key: term for key, (term, _name) in index.items()}
