"""Stage two, assemble: read issues -> the complete Site (terms, documents, lineage, related
items, activity), so that nothing is compared across the archive while rendering."""

from .editions import assemble_edition
from .site import assemble
from .status import status_change

__all__ = ["assemble", "assemble_edition", "status_change"]
