"""The names the search page recognises: every name of every sector and issuing body in use,
normalised the way the page normalises a query, with the term each one stands for."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from typing import TypeVar

from ...model import Term

T = TypeVar("T")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
SEPARATORS = re.compile(r"[\s\-_]+")
WORD = re.compile(r"[^\W_]+")
CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+")


def unique(items: Iterable[T]) -> tuple[T, ...]:
    """Items in first-seen order without repeats or empty values."""
    return tuple(item for item in dict.fromkeys(items) if item)


def term_key(term: Term) -> str:
    """A term as the index's `names` filter holds it: "bodies/miit"."""
    return f"{term.taxonomy}/{term.slug}"


def is_latin(name: str) -> bool:
    """True for a name without Chinese or Japanese characters.

    Only those go into a record's searchable names: Chinese text in an English record is
    one unsegmented run, and a Chinese name typed whole is recognised by the page anyway."""
    return not CJK.search(name)


def normalise(name: str) -> str:
    """A name as the page compares it with a query: NFKC, lower case, one space between
    words, hyphens and underscores counting as spaces (search.js does the same)."""
    return " ".join(SEPARATORS.split(unicodedata.normalize("NFKC", name).lower())).strip()


def names_table(terms: Iterable[Term]) -> str:
    """The recognised names as JSON for the search page: each term with its key, its short
    and full names, and every normalised name it is known by."""
    table = []
    for term in terms:
        names = (term.slug, term.name, term.full_name, term.name_zh or "", *term.aliases)
        table.append(
            {
                "key": term_key(term),
                "taxonomy": term.taxonomy,
                "slug": term.slug,
                "name": term.name,
                "full_name": term.full_name,
                "names": list(unique(normalise(name) for name in names)),
            }
        )
    return json.dumps(table, ensure_ascii=False, separators=(",", ":"))


class Mentions:
    """Finds the terms a short text names: any of a term's names, as whole words (Latin) or
    anywhere in a run of Chinese or Japanese characters; for titles and Noteworthy items.

    Names are looked up by word and by substring, never matched one by one, so the cost
    grows with the text, not with the vocabulary."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.latin: dict[str, list[Term]] = {}
        self.cjk: dict[str, list[Term]] = {}
        for term in terms:
            for name in unique((term.name, term.full_name, term.name_zh or "", *term.aliases)):
                if is_latin(name):
                    self.latin.setdefault(" ".join(WORD.findall(normalise(name))), []).append(term)
                else:
                    self.cjk.setdefault(normalise(name), []).append(term)
        self.words = max((key.count(" ") + 1 for key in self.latin), default=0)
        self.chars = max((len(key) for key in self.cjk), default=0)

    def find(self, text: str) -> tuple[Term, ...]:
        """The terms `text` names, in the order it names them."""
        text = normalise(text)
        words = WORD.findall(text)
        found = [
            term
            for start in range(len(words))
            for size in range(1, self.words + 1)
            for term in self.latin.get(" ".join(words[start : start + size]), ())
        ]
        for run in CJK_RUN.findall(text):
            for start in range(len(run)):
                for end in range(start + 2, min(len(run), start + self.chars) + 1):
                    found += self.cjk.get(run[start:end], ())
        return unique(found)
