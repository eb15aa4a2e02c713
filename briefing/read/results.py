"""Read results as bytes, for the cache and the worker pool, with terms kept as references.

A term is written as its taxonomy and slug and read back as the build's own declared
Term, so however a result arrives (converted here, in a worker, or from the cache) every
article names the very same Term objects: one copy of each term in memory, and page keys
made once per term (render/keys.py) instead of once per mention.
"""

from __future__ import annotations

import io
import pickle
from typing import Any

from ..model import Term
from .context import Context


class _Writer(pickle.Pickler):
    def persistent_id(self, obj: Any) -> tuple[str, str] | None:
        return (obj.taxonomy, obj.slug) if type(obj) is Term else None


class _Reader(pickle.Unpickler):
    def __init__(self, data: bytes, terms: dict[tuple[str, str], Term]) -> None:
        super().__init__(io.BytesIO(data))
        self.terms = terms

    def persistent_load(self, pid: tuple[str, str]) -> Term:
        return self.terms[pid]


def dumps(result: Any) -> bytes:
    """A read result as bytes, its terms as references."""
    buffer = io.BytesIO()
    _Writer(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(result)
    return buffer.getvalue()


def loads(data: bytes, terms: dict[tuple[str, str], Term]) -> Any:
    """A read result from bytes, its terms those of `terms` (declared_terms); KeyError for
    a term no longer declared (the cache key covers them, so only damage does that)."""
    return _Reader(data, terms).load()


def declared_terms(ctx: Context) -> dict[tuple[str, str], Term]:
    """Every declared term by (taxonomy, slug)."""
    vocabularies = (ctx.sectors, ctx.bodies, ctx.types)
    return {(t.taxonomy, t.slug): t for v in vocabularies for t in v.terms}
