"""Sending issues and topic digests by email: `send` and `digest` (face only)."""

from .arguments import add_digest_arguments, add_send_arguments
from .command import Runtime, run_send
from .deliver import Pace
from .digest_command import run_digest

__all__ = [
    "Pace",
    "Runtime",
    "add_digest_arguments",
    "add_send_arguments",
    "run_digest",
    "run_send",
]
