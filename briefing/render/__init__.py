"""Stage three, render: the Site -> planned outputs (routes, templates, feeds, emails, data).

Never reaches back into `read` or `assemble`: the Site it is given is complete.
"""

from .environment import environment
from .formats.email import Email, issue_email
from .formats.printer import Printer, printing
from .formats.search import search_records
from .pending import produce
from .routes import Plan, render

__all__ = [
    "Email",
    "Plan",
    "Printer",
    "environment",
    "issue_email",
    "printing",
    "produce",
    "render",
    "search_records",
]
