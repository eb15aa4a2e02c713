"""Stage two, assemble: read issues -> the complete Site (terms, documents, lineage, related
items, activity), so that nothing is compared across the archive while rendering."""

from .site import assemble

__all__ = ["assemble"]
