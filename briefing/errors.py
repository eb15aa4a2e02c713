"""Problems found in content, and the exception that carries them out of a build."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content: where it is and what to do about it."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = display_path(self.path)
        if self.line is None:
            return f"{where}: {self.message}"
        return f"{where}:{self.line}: {self.message}"


class BuildFailed(Exception):
    """Raised once per build with every problem found, never just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=_sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """The command was called wrongly (bad folder, refused output path): exit code 2."""


def display_path(path: Path) -> str:
    """Show a path relative to the working folder when it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _sort_key(problem: Problem) -> tuple[str, int, str]:
    return (str(problem.path), problem.line or 0, problem.message)


def crash_problem(error: Exception, templates: Path) -> Problem:
    """A Problem for an unexpected error, at the template line it came from if any."""
    # Jinja's syntax errors carry the template's file and line themselves.
    filename, lineno = getattr(error, "filename", None), getattr(error, "lineno", None)
    if filename and lineno:
        return Problem(
            Path(filename), lineno, f"template error: {getattr(error, 'message', error)}"
        )
    frames = traceback.extract_tb(error.__traceback__)
    root = templates.resolve()
    for frame in reversed(frames):
        if Path(frame.filename).resolve().is_relative_to(root):
            message = f"template error: {type(error).__name__}: {error}"
            return Problem(Path(frame.filename), frame.lineno, message)
    message = f"the build crashed: {type(error).__name__}: {error}"
    return Problem(Path(frames[-1].filename) if frames else Path("."), None, message)
