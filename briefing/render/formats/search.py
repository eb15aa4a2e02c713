"""What the search index is given beyond the visible text of a page."""

from __future__ import annotations

import re

CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,}")


def cjk_search_terms(text: str) -> str:
    """Every suffix of each run of Chinese characters, space-separated, for the index.

    Pagefind indexes an English page's Chinese text as whole runs and matches a query only
    at the start of a word; with every suffix indexed, any part of a Chinese title matches
    the start of some word (原材料工业 finds 关于印发原材料工业…).
    """
    runs = CJK_RUN.findall(text)
    return " ".join(run[start:] for run in runs for start in range(len(run) - 1))
