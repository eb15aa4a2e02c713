"""Stage four, write: planned outputs -> the output folder, swapped in whole or updated file
by file, with the manifest of what was written and the search index.

The only code that writes the output folder.
"""

from .files import Written, add_files, data
from .lock import check_output, locked
from .manifest import (
    Head,
    Inputs,
    Manifest,
    inputs_digest,
    load_head,
    load_manifest,
    save_manifest,
    settle,
)
from .search import index_editions, index_for_search
from .swap import write_site
from .update import update_site

__all__ = [
    "Head",
    "Inputs",
    "Manifest",
    "Written",
    "add_files",
    "check_output",
    "data",
    "index_editions",
    "index_for_search",
    "inputs_digest",
    "load_head",
    "load_manifest",
    "locked",
    "save_manifest",
    "settle",
    "update_site",
    "write_site",
]
