"""briefing: a static site generator for policy-briefing newsletters.

The package is the pipeline: read/ -> assemble/ -> render/ -> write/, run by pipeline.py,
with check/ and cli/ on top. This face is what library users and tests need.
"""

from .errors import BuildFailed, Problem, UsageError
from .pipeline import Summary, build, load_site, make_site

__all__ = ["BuildFailed", "Problem", "Summary", "UsageError", "build", "load_site", "make_site"]
