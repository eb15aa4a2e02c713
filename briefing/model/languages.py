"""The languages a site may be written in: BCP 47 tags with each language's own name."""

from __future__ import annotations

from .content import SiteConfig

# Each language by its tag, named as its readers name it (the switcher shows these).
LANGUAGES = {
    "ar": "العربية", "bg": "Български", "cs": "Čeština", "da": "Dansk", "de": "Deutsch",
    "el": "Ελληνικά", "en": "English", "es": "Español", "et": "Eesti", "fi": "Suomi",
    "fr": "Français", "he": "עברית", "hi": "हिन्दी", "hr": "Hrvatski", "hu": "Magyar",
    "id": "Bahasa Indonesia", "it": "Italiano", "ja": "日本語", "ko": "한국어",
    "lt": "Lietuvių", "lv": "Latviešu", "ms": "Bahasa Melayu", "nb": "Norsk bokmål",
    "nl": "Nederlands", "pl": "Polski", "pt": "Português", "ro": "Română", "ru": "Русский",
    "sk": "Slovenčina", "sl": "Slovenščina", "sr": "Српски", "sv": "Svenska", "th": "ไทย",
    "tr": "Türkçe", "uk": "Українська", "vi": "Tiếng Việt", "zh": "中文",
    "zh-hans": "简体中文", "zh-hant": "繁體中文",
}  # fmt: skip


def language_name(tag: str) -> str:
    """A language's own name: "Deutsch" for de, "English" for en-GB (its primary language)."""
    key = tag.lower()
    return LANGUAGES.get(key) or LANGUAGES.get(key.split("-")[0], tag)


def known_language(tag: str) -> bool:
    """True for a tag whose primary language is in LANGUAGES (de, en-GB, zh-Hans)."""
    return tag.lower() in LANGUAGES or tag.lower().split("-")[0] in LANGUAGES


def language_folder(tag: str) -> str:
    """Where an edition lives below the site's root: "de/", "zh-hans/"."""
    return f"{tag.lower()}/"


def editions(config: SiteConfig) -> tuple[str, ...]:
    """The site's languages, the default first: one edition each."""
    return config.languages or (config.language,)


def root_url(config: SiteConfig) -> str:
    """The default edition's base URL, which the other editions live under."""
    if config.language == editions(config)[0]:
        return config.base_url
    return config.base_url.removesuffix(language_folder(config.language))


def edition_url(config: SiteConfig, language: str) -> str:
    """The base URL of the edition in `language`: the root, or /<lang>/ below it."""
    if language == editions(config)[0]:
        return root_url(config)
    return root_url(config) + language_folder(language)
