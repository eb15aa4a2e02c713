"""Stage two, assemble: read issues -> the complete Site (terms, documents, lineage, related
items, activity), so that nothing is compared across the archive while rendering."""

from .editions import assemble_edition
from .site import assemble

__all__ = ["assemble", "assemble_edition"]
