"""The folders a build starts from: the content folder, and the templates that go with it."""

from __future__ import annotations

from pathlib import Path

from .errors import UsageError

BUNDLED_TEMPLATES = Path(__file__).resolve().parent / "templates"


def check_content(content: Path) -> None:
    """Refuse a folder that is not a content folder at all."""
    if not (content / "site.yaml").is_file() and not (content / "issues").is_dir():
        raise UsageError(f"{content} is not a content folder (no site.yaml, no issues/)")


def find_templates(content: Path) -> Path:
    """A `templates/` folder beside the content folder, else the bundled templates."""
    beside = content.resolve().parent / "templates"
    return beside if beside.is_dir() else BUNDLED_TEMPLATES
