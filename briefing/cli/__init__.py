"""The command line: arguments, commands, the preview server, scaffolding and progress."""

from .arguments import main

__all__ = ["main"]
