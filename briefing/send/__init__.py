"""Sending issues and topic digests by email: `send` and `digest` (face only)."""

from .command import Runtime, run_send
from .deliver import Pace
from .digest_command import run_digest

__all__ = [
    "Pace",
    "Runtime",
    "run_digest",
    "run_send",
]
