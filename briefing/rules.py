"""Editorial rules that `check` enforces beyond the schemas: mistakes a build cannot see."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from .errors import Problem, display_path
from .load import Invalid, Node, load_markdown
from .model import Article, Document, Issue, Site
from .taxonomy import Vocabulary

CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A document is "the same" when any of these agree; each names what matched.
SAME_BY = ("URL", "Chinese title", "English title and date")


def check_site(site: Site) -> list[Problem]:
    """Every editorial rule over every issue and article of the site."""
    problems: list[Problem] = []
    for issue in site.issues:
        problems += noteworthy_after_issue(issue)
        problems += rank_gaps(issue)
        for article in issue.articles:
            problems += latin_chinese_titles(article)
    return problems + repeated_documents(site)


def node_at(path: Path, *keys: str | int) -> Node | None:
    """The front-matter node of a file at a path of keys and list positions, if any."""
    try:
        node: Node | None = load_markdown(path).meta
    except Invalid:
        return None
    for key in keys:
        value = node.value if node else None
        if isinstance(key, int) and isinstance(value, list) and key < len(value):
            node = value[key]
        elif isinstance(key, str) and isinstance(value, dict):
            node = value.get(key)
        else:
            return None
    return node


def line_at(path: Path, *keys: str | int) -> int | None:
    """The line of a front-matter value, or None if the file no longer has it."""
    node = node_at(path, *keys)
    return node.line if node else None


def latin_chinese_titles(article: Article) -> Iterator[Problem]:
    """A `title_zh` with no Chinese character in it (an English title pasted twice)."""
    for number, document in enumerate(article.documents):
        if document.title_zh and not CHINESE.search(document.title_zh):
            yield Problem(
                article.source,
                line_at(article.source, "documents", number, "title_zh"),
                f"title_zh '{document.title_zh}' has no Chinese characters: write the "
                "document's Chinese title here, or remove the key",
            )


def rank_gaps(issue: Issue) -> Iterator[Problem]:
    """Explicit ranks that do not run 1, 2, 3… in the Top list."""
    ranked = []
    for article in issue.articles:
        node = node_at(article.source, "rank")
        if node is not None and isinstance(node.value, str) and node.value.isdigit():
            ranked.append((int(node.value), article, node.line))
    for expected, (rank, article, line) in enumerate(sorted(ranked, key=lambda r: r[0]), 1):
        if rank != expected:
            yield Problem(
                article.source,
                line,
                f"rank {rank} leaves a gap in the Top list (expected rank {expected}): "
                "number the ranks 1, 2, 3… without gaps",
            )
            return


def noteworthy_after_issue(issue: Issue) -> Iterator[Problem]:
    """Noteworthy items dated after the issue that reports them (a typo in a date)."""
    items = node_at(issue.source, "noteworthy")
    for item in items.value if items and isinstance(items.value, list) else []:
        date = item.value.get("date") if isinstance(item.value, dict) else None
        if date is not None and isinstance(date.value, str) and date.value > str(issue.date):
            yield Problem(
                issue.source,
                date.line,
                f"this Noteworthy item is dated {date.value}, after the issue's date "
                f"{issue.date}: check both dates",
            )


def repeated_documents(site: Site) -> list[Problem]:
    """One policy document under two ids, reported at both places.

    Naming one id in several articles is how a document is followed across issues; but
    two ids with the same URL, Chinese title, or English title and date are almost always
    one document entered twice, which splits its record and lineage in two.
    """
    seen: dict[tuple[str, str], tuple[Article, Document]] = {}
    problems = []
    for issue in reversed(site.issues):  # oldest first: the later entry is the repeat
        for article in issue.articles:
            for document in article.documents:
                url = document.url if _names_a_page(document.url) else None
                keys = (url, document.title_zh, _title_and_date(document))
                for what, key in zip(SAME_BY, keys, strict=True):
                    first = seen.get((what, key)) if key else None
                    if first and first[1].id != document.id:
                        problems += _repeat(first, (article, document), what)
                        break
                for what, key in zip(SAME_BY, keys, strict=True):
                    if key:
                        seen.setdefault((what, key), (article, document))
    return problems


def _names_a_page(url: str | None) -> bool:
    """True for a URL of one page; a site's home or a listing ("…/zcwj/") names no document."""
    if not url:
        return False
    path = urlsplit(url).path
    return bool(path) and not path.endswith("/")


def _title_and_date(document: Document) -> str | None:
    """The English title and date as one key; None for an undated document."""
    if document.date is None:
        return None
    return f"{' '.join(document.title.casefold().split())}\0{document.date}"


def _repeat(
    first: tuple[Article, Document], second: tuple[Article, Document], what: str
) -> list[Problem]:
    """Two problems, one at each place the document is entered."""
    problems = []
    for (article, document), (other, theirs) in ((first, second), (second, first)):
        where = display_path(other.source) + (f":{theirs.line}" if theirs.line else "")
        message = (
            f"document '{document.id}' looks like document '{theirs.id}' at {where} "
            f"(same {what}): give both the same id: to follow one document across "
            "articles, or correct the one that is wrong"
        )
        problems.append(Problem(article.source, document.line, message))
    return problems


def unused_terms(site: Site, vocabularies: list[Vocabulary]) -> list[str]:
    """One note per taxonomy naming its declared terms that nothing uses."""
    used = {page.term for page in (*site.sectors, *site.bodies)}
    notes = []
    for vocabulary in vocabularies:
        unused = [term.slug for term in vocabulary.terms if term not in used]
        if unused:
            notes.append(
                f"note: {len(unused)} of {len(vocabulary.terms)} {vocabulary.taxonomy.key} "
                f"in {vocabulary.source.name} are not used yet: {', '.join(unused)}"
            )
    return notes
