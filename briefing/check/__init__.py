"""The `check` command: content checked strictly, editorial rules, links and anchors."""

from .run import Report, check

__all__ = ["Report", "check"]
