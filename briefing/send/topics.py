"""What subscribers follow: sectors and issuing bodies, by any name the vocabularies know."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from ..model import Term
from ..read.taxonomy import BODIES, SECTORS, Vocabulary, label, load_vocabulary, normalise

WHERE = "the sectors and issuing bodies declared in content/taxonomies/"


@dataclass(frozen=True)
class Topics:
    """Both vocabularies, so that one name is looked up as a sector and as an issuing body."""

    vocabularies: tuple[Vocabulary, ...]

    def resolve(self, name: str) -> tuple[Term, ...]:
        """Every term a name stands for: none, one, or a sector and a body of that name."""
        return tuple(term for v in self.vocabularies if (term := v.resolve(name)) is not None)

    def unknown(self, name: str) -> str:
        """A message for a name no vocabulary knows, suggesting the closest terms."""
        index = {key: term for v in self.vocabularies for key, term in v.index.items()}
        close = difflib.get_close_matches(normalise(name), list(index), n=6, cutoff=0.6)
        labels = list(dict.fromkeys(label(index[key]) for key in close))
        if labels:
            return f"unknown topic '{name}': did you mean {' or '.join(labels[:3])}? ({WHERE})"
        return f"unknown topic '{name}': topics are {WHERE}, by slug, name or alias"


def load_topics(content: Path) -> Topics:
    """The declared sectors and issuing bodies (loading the site has already checked them)."""
    return Topics(tuple(load_vocabulary(content, taxonomy)[0] for taxonomy in (SECTORS, BODIES)))


def split_topics(text: str) -> list[str]:
    """The names in a `;`-separated list, blanks dropped: "MIIT; semiconductors"."""
    return [name.strip() for name in text.split(";") if name.strip()]


def topic_names(topics: tuple[Term, ...]) -> str:
    """The topics as a reader sees them: "MIIT, Semiconductors"."""
    return ", ".join(dict.fromkeys(term.name for term in topics))
