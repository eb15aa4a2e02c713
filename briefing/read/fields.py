"""The closed schemas of issue and article front matter."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..model import Image, Term
from . import schema
from .authors import Authors, author_in
from .images import read_picture
from .schema import Field, FieldError, Reader
from .taxonomy import Vocabulary

URL_WITH_SCHEME_OR_ROOT = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|/")
DOCUMENT_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# What the archetypes of `new` hold where only the editor can say which terms are meant: a
# real term there would be published unnoticed if the editor forgot to change it.
PLACEHOLDER = "REPLACE-ME"
DATES = ("issued", "published", "effective", "expires", "comment_until")
# The statuses an editor may write; every other one is derived from dates and the lineage.
GIVEN_STATUSES = ("repealed", "suspended")


def term_in(vocabulary: Vocabulary, owner: str = "article") -> schema.Coerce:
    """Coerce a name, full name or alias to the declared term it means."""

    def coerce(node: Any, reader: Reader) -> Term:
        name = schema.text(node, reader)
        if name.upper() == PLACEHOLDER:
            taxonomy = vocabulary.taxonomy
            raise FieldError(
                f"'{name}' is the archetype's placeholder: name the {owner}'s "
                f"{taxonomy.plural} (declared in content/taxonomies/{taxonomy.file})"
            )
        term = vocabulary.resolve(name)
        if term is None:
            raise FieldError(vocabulary.unknown(name))
        return term

    return coerce


def file_in(folder: Path) -> schema.Coerce:
    """Coerce to a URL, checking that a relative one names a file in `folder`."""

    def coerce(node: Any, reader: Reader) -> str:
        src = schema.text(node, reader)
        if not URL_WITH_SCHEME_OR_ROOT.match(src) and not (folder / src).is_file():
            raise FieldError(f"no file '{src}' beside index.md")
        return src

    return coerce


def image_in(folder: Path, to_url: Callable[[str], str]) -> schema.Coerce:
    """Coerce to an Image: a file beside the Markdown (read for its size) or a URL."""
    fields = {
        "src": Field(file_in(folder), True),
        "alt": Field(schema.text, True),
        "caption": Field(schema.text),
        # Who took or owns the picture: "Photo: Jane Doe / Agency".
        "credit": Field(schema.text),
    }

    def coerce(node: Any, reader: Reader) -> Image:
        values = schema.mapping_of(fields, "the image")(node, reader)
        src, url = values["src"], to_url(values["src"])
        picture = None
        if not URL_WITH_SCHEME_OR_ROOT.match(src):
            try:
                picture = read_picture(folder / src, url)
            except FieldError as error:
                raise FieldError(f"src: {error}", node.value["src"].line) from None
        return Image(url, values["alt"], values["caption"], values["credit"], picture)

    return coerce


def document_id(node: Any, reader: Reader) -> str:
    """Coerce to a document id: lowercase ASCII words joined by hyphens."""
    value = schema.text(node, reader)
    if not DOCUMENT_ID.fullmatch(value):
        raise FieldError(
            f"'{value}' is not a document id: use lowercase ASCII words joined by hyphens, "
            "e.g. miit-basic-materials-plan-2022"
        )
    return value


def given_status(node: Any, reader: Reader) -> str:
    """Coerce to a status no date can say: repealed or suspended."""
    value = schema.text(node, reader)
    if value in GIVEN_STATUSES:
        return value
    close = difflib.get_close_matches(value.lower(), GIVEN_STATUSES, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    raise FieldError(
        f"'{value}' cannot be written: {hint}only 'repealed' or 'suspended' may be given; "
        "in force, expired, superseded and the comment period follow from effective:, "
        "expires:, comment_until: and the lineage"
    )


def document_of(fields: dict[str, Field]) -> schema.Coerce:
    """Coerce a document, checking its dates against each other."""
    mapping = schema.mapping_of(fields, "this document")

    def coerce(node: Any, reader: Reader) -> dict[str, Any]:
        values = mapping(node, reader)
        found = date_problems(values)
        for key, message in found:
            reader.report(node.value[key].line, f"{key}: {message}")
        if found:
            raise schema.Reported()
        return values

    return coerce


def date_problems(values: dict[str, Any]) -> list[tuple[str, str]]:
    """A document's dates that cannot all be true, as (field, message)."""
    problems = []
    kind: Term | None = values["type"]
    effective, expires = values["effective"], values["expires"]
    until, published = values["comment_until"], values["published"]
    if effective and expires and expires < effective:
        why = f"{expires} is before the effective date {effective}: write the last day in force"
        problems.append(("expires", why))
    if kind is not None and kind.group == "draft":
        for key in ("effective", "expires"):
            if values[key]:
                why = f"a {kind.name.lower()} never takes effect: give {key}: to its final version"
                problems.append((key, f"{why}, a document that follows it"))
    elif kind is not None and until:
        why = f"only a draft has a comment period, and type is '{kind.name}'"
        problems.append(("comment_until", f"{why}: write type: draft for comment, or remove it"))
    if until and published and until < published:
        problems.append(
            ("comment_until", f"{until} is before the day it was published, {published}")
        )
    return problems


def issue_fields(
    sectors: Vocabulary,
    bodies: Vocabulary,
    folder: Path,
    to_url: Callable[[str], str],
    *,
    authors: Authors,
) -> dict[str, Field]:
    """The closed schema of an issue's index.md front matter; `to_url` makes a file beside
    it a site URL."""
    body_list = schema.list_of(term_in(bodies, "item"))
    source = {"title": Field(schema.text, True), "url": Field(schema.web_url, True)}
    noteworthy = {
        "section": Field(schema.text, True),
        "date": Field(schema.date, True),
        "text": Field(schema.text, True),
        "source": Field(schema.mapping_of(source, "the source"), True),
        "issuing_bodies": Field(body_list, default=()),
        "sectors": Field(schema.list_of(term_in(sectors, "item")), default=()),
        "documents": Field(schema.list_of(document_id), default=()),
    }
    return {
        "title": Field(schema.text, True),
        "date": Field(schema.date, True),
        # "No. 42": issues are counted from the oldest; a number here restarts the count.
        "number": Field(schema.positive_int),
        "series": Field(schema.text),
        "authors": Field(schema.list_of(author_in(authors)), default=()),
        "summary": Field(schema.text),
        "image": Field(image_in(folder, to_url)),
        "noteworthy": Field(
            schema.list_of(schema.mapping_of(noteworthy, "this Noteworthy item")), default=()
        ),
        "draft": Field(schema.boolean, default=False),
        "publish_at": Field(schema.moment),
        "extra": Field(schema.anything, default={}),
    }


def article_fields(
    sectors: Vocabulary,
    bodies: Vocabulary,
    types: Vocabulary,
    folder: Path,
    to_url: Callable[[str], str],
    *,
    authors: Authors,
) -> dict[str, Field]:
    """The closed schema of an article's front matter; its `authors:` replace the issue's."""
    body_list = schema.list_of(term_in(bodies))
    document = {
        "id": Field(document_id),
        "title": Field(schema.text, True),
        "title_zh": Field(schema.text),
        "url": Field(schema.web_url),
        "date": Field(schema.date),
        "issuing_bodies": Field(body_list, default=()),
        "follows": Field(document_id),
        "relation": Field(schema.text),
        "type": Field(term_in(types)),
        "number": Field(schema.text),
        **{key: Field(schema.date) for key in DATES},
        "status": Field(given_status),
    }
    return {
        "title": Field(schema.text, True),
        "sectors": Field(schema.list_of(term_in(sectors), at_least=1), True),
        "rank": Field(schema.positive_int),
        "authors": Field(schema.list_of(author_in(authors)), default=()),
        "summary": Field(schema.text),
        "draft": Field(schema.boolean, default=False),
        "publish_at": Field(schema.moment),
        "documents": Field(schema.list_of(document_of(document)), default=()),
        "issuing_bodies": Field(body_list, default=()),
        "image": Field(image_in(folder, to_url)),
        "extra": Field(schema.anything, default={}),
    }
