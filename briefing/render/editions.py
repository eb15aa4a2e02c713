"""A site's editions side by side: which pages exist in which language, so that every page
links its translations (hreflang, the language switcher) and the sitemap lists them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple
from urllib.parse import urlsplit

from ..model import Site, SiteConfig, edition_url, editions, language_name


class Alternate(NamedTuple):
    """A page in one language: there, or that edition's home where it has none."""

    language: str  # the BCP 47 tag, as site.yaml writes it
    name: str  # the language's own name: "Deutsch"
    url: str  # absolute: the page, or the edition's home
    href: str  # the same from the host's root, for the switcher
    translated: bool  # the page exists in this language, its text too (for hreflang)
    current: bool  # the language of the page showing it
    exists: bool = True  # the page exists in this edition (if only with untranslated text)


class Languages(NamedTuple):
    """A page's translations: each language, and the default language's page (x-default)."""

    current: str
    alternates: tuple[Alternate, ...]
    default: str | None  # the absolute URL of the page in the default language, if it has one

    @property
    def translations(self) -> tuple[Alternate, ...]:
        """The languages the page exists in, for <link rel="alternate" hreflang>; none for
        a page in one language only, which has no alternate."""
        found = tuple(alternate for alternate in self.alternates if alternate.translated)
        return found if len(found) > 1 else ()


Paths = Mapping[str, Mapping[str, bool]]  # language -> page path -> in that language


def page_languages(sites: Sequence[Site], paths: Paths) -> Callable[[str, str], Languages | None]:
    """`(language, path) -> Languages` for the pages of every edition (`paths` by language,
    each True where its text is in that language); None on a site of one language."""
    config = sites[0].config
    languages = editions(config)

    def of(current: str, path: str) -> Languages | None:
        if len(languages) < 2:
            return None
        alternates = tuple(alternate(config, tag, path, paths, current) for tag in languages)
        translated = sum(1 for a in alternates if a.translated) > 1
        default = alternates[0].url if alternates[0].translated and translated else None
        return Languages(current, alternates, default)

    return of


def alternate(config: SiteConfig, tag: str, path: str, paths: Paths, current: str) -> Alternate:
    """One language's link from a page at `path`: the page, or that edition's home."""
    base = edition_url(config, tag)
    exists = path in paths[tag]
    url = base + path if exists else base
    translated = paths[tag].get(path, False)
    name = language_name(tag)
    return Alternate(tag, name, url, urlsplit(url).path, translated, tag == current, exists)


class SitemapEntry(NamedTuple):
    """One page of the sitemap with its translations (hreflang, absolute URL)."""

    url: str
    alternates: tuple[tuple[str, str], ...]


def sitemap_entries(sites: Sequence[Site], paths: Paths) -> tuple[SitemapEntry, ...]:
    """Every HTML page of every edition but the 404, by URL, with its translations."""
    languages = page_languages(sites, paths)
    entries = []
    for site in sites:
        tag = site.config.language
        for path in sorted(p for p in paths[tag] if p.endswith("/") or not p):
            found = languages(tag, path)
            pairs = tuple((a.language, a.url) for a in found.translations) if found else ()
            if found and found.default:
                pairs += (("x-default", found.default),)
            entries.append(SitemapEntry(site.config.base_url + path, pairs))
    return tuple(sorted(entries))
