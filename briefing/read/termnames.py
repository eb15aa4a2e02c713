"""Term names and descriptions in the site's other languages (`translations:` of a term)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from ..errors import Problem
from ..model import Term
from . import schema
from .languages import unknown_tag
from .schema import Field, Reader
from .text import Node

TRANSLATED = ("name", "full_name", "description")

Names = dict[str, tuple[int, dict[str, str]]]  # language -> (line, {name: …})


def term_translations(node: Node, fields: dict[str, Field], reader: Reader) -> Names:
    """A term's `translations:`, each language's names checked against the keys it may set."""
    given = node.value.get("translations") if isinstance(node.value, dict) else None
    if given is None or given.value is None:
        return {}
    if not isinstance(given.value, dict):
        reader.report(given.line, "translations: must map each language to its name: etc.")
        return {}
    keys = {key: Field(schema.text) for key in TRANSLATED if key in fields}
    found: Names = {}
    for language, texts in given.value.items():
        values = reader.mapping(texts, keys, f"translations: {language}")
        if values is not None:
            found[language] = (texts.line, {k: v for k, v in values.items() if v is not None})
    return found


def term_language_problems(
    vocabularies: Iterable[Any], languages: tuple[str, ...]
) -> list[Problem]:
    """Term translations in the default language, or under a tag that is no language; a
    language the site does not publish is allowed (a vocabulary may serve several sites).
    The bundled lists are not the editor's: a site in German keeps their English names."""
    problems = []
    for vocabulary in vocabularies:
        if vocabulary.source == vocabulary.taxonomy.bundled:
            continue  # briefing's own list, which names its terms in several languages
        for slug, names in vocabulary.translations.items():
            for language, (line, _) in names.items():
                if language.lower() == languages[0].lower():
                    why = f"'{language}' is the default language: the term's own name: is that"
                else:
                    why = unknown_tag(language)
                if why:
                    problems.append(
                        Problem(vocabulary.source, line, f"{slug}: translations: {why}")
                    )
    return problems


def localized(term: Term, names: Names, language: str) -> Term | None:
    """The term as shown in `language`, or None when its file gives no name in it."""
    given = next((v for k, (_, v) in names.items() if k.lower() == language.lower()), None)
    if given is None or "name" not in given:
        return None
    name = given["name"]
    # A full name that is just the name (sectors) follows the translated name.
    full_name = given.get("full_name") or (name if term.full_name == term.name else term.full_name)
    description = given.get("description", term.description)
    return replace(term, name=name, full_name=full_name, description=description)


def terms_in(
    vocabularies: Iterable[Any], language: str
) -> tuple[dict[tuple[str, str], Term], list[Term]]:
    """Every declared term as shown in `language` by (taxonomy, slug), and those with no
    name in it (shown in the default language)."""
    terms: dict[tuple[str, str], Term] = {}
    missing: list[Term] = []
    for vocabulary in vocabularies:
        for term in vocabulary.terms:
            shown = localized(term, vocabulary.translations.get(term.slug, {}), language)
            if shown is None:
                missing.append(term)
            terms[(term.taxonomy, term.slug)] = shown or term
    return terms, missing
