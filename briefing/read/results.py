"""Read results as bytes, for the cache and the worker pool, with terms and authors kept as
references.

A term is written as its taxonomy and slug and read back as the build's own declared
Term, so however a result arrives (converted here, in a worker, or from the cache) every
article names the very same Term objects: one copy of each term in memory, and page keys
made once per term (render/keys.py) instead of once per mention.
"""

from __future__ import annotations

import io
import pickle
from typing import Any

from ..model import Author, Term
from .context import Context

AUTHORS = "authors"  # an author's reference: no taxonomy is called that


class _Writer(pickle.Pickler):
    def persistent_id(self, obj: Any) -> tuple[str, str] | None:
        if type(obj) is Term:
            return (obj.taxonomy, obj.slug)
        return (AUTHORS, obj.slug) if type(obj) is Author else None


class _Reader(pickle.Unpickler):
    def __init__(self, data: bytes, terms: dict[tuple[str, str], Any]) -> None:
        super().__init__(io.BytesIO(data))
        self.terms = terms

    def persistent_load(self, pid: tuple[str, str]) -> Term | Author:
        return self.terms[pid]


def dumps(result: Any) -> bytes:
    """A read result as bytes, its terms as references."""
    buffer = io.BytesIO()
    _Writer(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(result)
    return buffer.getvalue()


def loads(data: bytes, terms: dict[tuple[str, str], Any]) -> Any:
    """A read result from bytes, its terms those of `terms` (declared_terms); KeyError for
    a term no longer declared (the cache key covers them, so only damage does that)."""
    return _Reader(data, terms).load()


def declared_terms(ctx: Context) -> dict[tuple[str, str], Any]:
    """Every declared term by (taxonomy, slug), and every author by ("authors", slug)."""
    vocabularies = (ctx.sectors, ctx.bodies, ctx.types)
    terms: dict[tuple[str, str], Any] = {
        (t.taxonomy, t.slug): t for v in vocabularies for t in v.terms
    }
    terms.update(((AUTHORS, author.slug), author) for author in ctx.authors.authors)
    return terms
