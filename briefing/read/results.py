"""Read results as bytes, for the cache and the worker pool, with terms and authors kept as
references.

A term is written as its taxonomy and slug and read back as the build's own declared
Term, so however a result arrives (converted here, in a worker, from the cache or the
snapshot) every article names the very same Term objects: one copy of each term in
memory, and page keys made once per term (render/keys.py) instead of once per mention.
"""

from __future__ import annotations

import io
import pickle
from functools import partial
from typing import Any

from .. import parallel
from ..model import Author, Term
from .context import Context

AUTHORS = "authors"  # an author's reference: no taxonomy is called that


def declared_term(taxonomy: str, slug: str) -> Term:
    """Stands in the bytes for a declared term; `loads` gives the build's own instead."""
    raise LookupError(f"the term {taxonomy}/{slug} is only found by results.loads")


class _Writer(pickle.Pickler):
    # Called only for objects of other than the basic types (not for every string, as
    # persistent_id is): the snapshot of 5,000 articles was written 10x faster.
    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is Term:
            return declared_term, (obj.taxonomy, obj.slug)
        if type(obj) is Author:
            return declared_term, (AUTHORS, obj.slug)
        return NotImplemented


class _Reader(pickle.Unpickler):
    def __init__(self, data: bytes, terms: dict[tuple[str, str], Any]) -> None:
        super().__init__(io.BytesIO(data))
        self.terms = terms

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (__name__, declared_term.__name__):
            # Not a bound method: the unpickler keeps what it finds, and a reference back
            # to itself would keep it (its buffer and every object it made) until the
            # garbage collector's next full pass.
            return partial(term_in, self.terms)
        return super().find_class(module, name)


def term_in(terms: dict[tuple[str, str], Any], taxonomy: str, slug: str) -> Any:
    """The declared term (or author) a reference stands for."""
    return terms[(taxonomy, slug)]


def dumps(result: Any) -> bytes:
    """A read result as bytes, its terms as references."""
    buffer = io.BytesIO()
    # Pickling walks or makes hundreds of thousands of objects, none of them garbage.
    with parallel.paused():
        _Writer(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(result)
    return buffer.getvalue()


def loads(data: bytes, terms: dict[tuple[str, str], Any]) -> Any:
    """A read result from bytes, its terms those of `terms` (declared_terms); KeyError for
    a term no longer declared (the cache key covers them, so only damage does that)."""
    with parallel.paused():  # as in dumps (collections were a third of loading a snapshot)
        return _Reader(data, terms).load()


def declared_terms(ctx: Context) -> dict[tuple[str, str], Any]:
    """Every declared term by (taxonomy, slug), and every author by ("authors", slug)."""
    vocabularies = (ctx.sectors, ctx.bodies, ctx.types)
    terms: dict[tuple[str, str], Any] = {
        (t.taxonomy, t.slug): t for v in vocabularies for t in v.terms
    }
    terms.update(((AUTHORS, author.slug), author) for author in ctx.authors.authors)
    return terms
