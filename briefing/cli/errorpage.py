"""The page the preview shows while the build fails: each problem with the lines around it."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from pathlib import Path

from ..errors import Problem
from ..read import source_lines

CONTEXT = 3  # lines shown before and after the offending one

STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}
h1{color:#8b0000;font-size:1.5rem}
.problem{margin:1.5rem 0;border-left:4px solid #8b0000;padding-left:1rem}
.where{font:600 15px/1.4 ui-monospace,monospace;margin:0}
pre{background:#f6f6f6;padding:.5rem;overflow-x:auto;font:14px/1.45 ui-monospace,monospace}
mark{display:block;background:#ffd6d6;color:inherit}
.number{color:#888;user-select:none}
"""


def error_page(problems: Iterable[Problem]) -> str:
    """A whole HTML page listing each problem as `path:line: message` with its context."""
    problems = list(problems)
    count = len(problems)
    items = "\n".join(problem_html(problem) for problem in problems)
    title = f"{count} problem{'s' if count != 1 else ''} in the content"
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Build failed: {escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<h1>Build failed: {escape(title)}</h1>\n"
        "<p>Fix the files below and save: this page reloads by itself.</p>\n"
        f"{items}\n</body>\n</html>\n"
    )


def problem_html(problem: Problem) -> str:
    """One problem: where and what, then the offending lines of its file."""
    lines = excerpt(problem.path, problem.line)
    code = f"<pre>{lines}</pre>" if lines else ""
    return (
        f'<section class="problem">\n<p class="where">{escape(str(problem))}</p>\n{code}</section>'
    )


def excerpt(path: Path, line: int | None) -> str:
    """The file's lines around `line`, escaped, the offending one marked; "" if unreadable."""
    text = source_lines(path) if line is not None else None
    if text is None or line is None:
        return ""
    first, last = max(1, line - CONTEXT), min(len(text), line + CONTEXT)
    shown = []
    for number in range(first, last + 1):
        row = f'<span class="number">{number:>4} </span>{escape(text[number - 1])}'
        shown.append(f"<mark>{row}</mark>" if number == line else row + "\n")
    return "".join(shown)
