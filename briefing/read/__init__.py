"""Stage one, read: a content folder -> checked issues, pages, config and vocabularies.

The only code that opens content files. Every problem is collected with its file and line.
"""

from .archetypes import archetype
from .issues import count_markdown
from .site import Reading, read_site
from .snapshot import Snapshot
from .taxonomy import BODIES, SECTORS, Vocabulary, load_vocabulary
from .text import source_lines

__all__ = [
    "BODIES",
    "SECTORS",
    "Reading",
    "Snapshot",
    "Vocabulary",
    "archetype",
    "count_markdown",
    "load_vocabulary",
    "read_site",
    "source_lines",
]
