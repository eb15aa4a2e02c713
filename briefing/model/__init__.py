"""The model every stage shares: frozen dataclasses built once per build; imports nothing
else from briefing. `read` makes the content objects, `assemble` the Site."""

from .content import (
    Article,
    Document,
    EmailSettings,
    Image,
    Issue,
    NoteworthyItem,
    NoteworthySection,
    Page,
    SiteConfig,
    Term,
)
from .site import (
    Coverage,
    DeclaredTerms,
    DocumentFilters,
    DocumentRecord,
    Entry,
    Mention,
    Month,
    Site,
    TermCount,
    TermGroup,
    TermPage,
    Year,
)

__all__ = [
    "Article",
    "Coverage",
    "DeclaredTerms",
    "Document",
    "DocumentFilters",
    "DocumentRecord",
    "EmailSettings",
    "Entry",
    "Image",
    "Issue",
    "Mention",
    "Month",
    "NoteworthyItem",
    "NoteworthySection",
    "Page",
    "Site",
    "SiteConfig",
    "Term",
    "TermCount",
    "TermGroup",
    "TermPage",
    "Year",
]
