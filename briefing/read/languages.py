"""The site's languages in site.yaml: `language:`, `languages:` and `translations:`."""

from __future__ import annotations

import difflib
from typing import Any

from ..model import LANGUAGES, known_language
from . import schema
from .schema import Reader
from .text import Node

TRANSLATED_SITE_KEYS = ("title", "description")


def unknown_tag(tag: str) -> str | None:
    """Why `tag` is not a language tag briefing knows (en, de, zh-Hans, en-GB), or None."""
    if known_language(tag):
        return None
    close = difflib.get_close_matches(tag.lower(), list(LANGUAGES), n=1, cutoff=0.5)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return (
        f"'{tag}' is not a language tag briefing knows: {hint}"
        "write a BCP 47 tag such as en, de, fr or zh-Hans"
    )


def site_languages(
    root: Node, values: dict[str, Any], reader: Reader
) -> tuple[tuple[str, ...], tuple[tuple[str, str | None, str | None], ...]]:
    """The site's languages (the default first) and the other languages' titles and
    descriptions, reporting unknown tags, repeats, and a `language:` that disagrees."""
    single, nodes = child(root, "language"), child(root, "languages")
    items = nodes.value if nodes is not None and isinstance(nodes.value, list) else []
    pairs = [(values["language"], single)] if values["language"] else []
    pairs += list(zip(values["languages"] or (), items, strict=False))
    seen: set[str] = set()
    for tag, node in pairs[1:] if single and values["languages"] else pairs:
        key = "languages" if node is not single else "language"
        if (why := unknown_tag(tag)) or tag.lower() in seen:
            reader.report(node.line, f"{key}: {why or repr(tag) + ' is listed twice: keep one'}")
        seen.add(tag.lower())
    languages = values["languages"] or (values["language"] or "en",)
    if single and values["languages"] and values["language"] != languages[0]:
        reader.report(
            single.line,
            f"language: '{values['language']}' is not the first of languages: "
            f"({', '.join(languages)}), which is the default: remove language: or make them agree",
        )
    return languages, translations(child(root, "translations"), languages, reader)


def translations(
    node: Node | None, languages: tuple[str, ...], reader: Reader
) -> tuple[tuple[str, str | None, str | None], ...]:
    """`translations: {de: {title: …, description: …}}`, checked against the languages."""
    if node is None or node.value is None:
        return ()
    if not isinstance(node.value, dict):
        reader.report(node.line, "translations: must map each language to its title: etc.")
        return ()
    found = []
    others = {tag.lower(): tag for tag in languages[1:]}
    for key, texts in node.value.items():
        tag = others.get(key.lower())
        if tag is None:
            if key.lower() == languages[0].lower():
                why = "is the default language: its title: and description: are the top-level ones"
            else:
                why = f"is not one of languages: ({', '.join(languages)}): add it there"
            reader.report(texts.line, f"translations: '{key}' {why}")
            continue
        fields = {name: schema.Field(schema.text) for name in TRANSLATED_SITE_KEYS}
        given = reader.mapping(texts, fields, f"translations: {key}")
        if given is not None:
            found.append((tag, given["title"], given["description"]))
    return tuple(found)


def child(node: Node, key: str) -> Node | None:
    """A mapping node's child by key, if there is one."""
    return node.value.get(key) if isinstance(node.value, dict) else None
