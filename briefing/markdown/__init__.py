"""Markdown -> safe HTML: the converter, glossary links, link rewriting and the sanitizer."""

from .converter import Converted, Converter, count_words
from .links import is_safe_url, site_url

__all__ = ["Converted", "Converter", "count_words", "is_safe_url", "site_url"]
