"""Interface text per language: the gettext catalogues in briefing/locales, and Babel locales.

The language of a render is its SiteConfig's `language` (a BCP 47 tag: `en`, `de`,
`zh-Hans`). Catalogues ship as .po files and are compiled in memory the first time a
process needs one, so no binary .mo file lives in git. A language without a catalogue
gets the English interface text (the msgids themselves), and its Babel locale still
formats dates and numbers when Babel knows it.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALES = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"
ENGLISH = "en"
# Chinese written without a script: Traditional where these territories say so.
TRADITIONAL = {"TW", "HK", "MO"}


def N_(message: str) -> str:
    """Mark a string for the catalogues where it is defined; it is translated where used."""
    return message


@cache
def locale(language: str) -> Locale:
    """The Babel locale of a BCP 47 tag, English for a tag Babel does not know."""
    try:
        return Locale.parse(language.replace("_", "-"), sep="-")
    except (ValueError, TypeError, UnknownLocaleError):
        return Locale.parse(ENGLISH)


def catalogue_name(language: str) -> str | None:
    """The folder under locales/ whose catalogue serves a language, or None if none does."""
    found = locale(language)
    script = found.script
    if found.language == "zh" and script is None:
        script = "Hant" if found.territory in TRADITIONAL else "Hans"
    names = [str(found), f"{found.language}_{script}" if script else "", found.language]
    for name in filter(None, names):
        if (LOCALES / name / "LC_MESSAGES" / f"{DOMAIN}.po").is_file():
            return name
    return None


def has_catalogue(language: str) -> bool:
    """Whether a language's interface text comes from a catalogue of its own."""
    return catalogue_name(language) is not None


@cache
def translations(language: str) -> NullTranslations:
    """The interface text of a language; English (the msgids) when it has no catalogue."""
    name = catalogue_name(language) or ENGLISH
    path = LOCALES / name / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=name, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out, as msgfmt does
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)
