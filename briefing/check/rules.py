"""Editorial rules that `check` enforces beyond the schemas: mistakes a build cannot see.

The rules read the model only (ranks and lines are carried on it); no content file is
opened again here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..errors import Problem, display_path
from ..model import Article, Document, Issue, Site

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


def latin_chinese_titles(article: Article) -> Iterator[Problem]:
    """A `title_zh` with no Chinese character in it (an English title pasted twice)."""
    for document in article.documents:
        if document.title_zh and not CHINESE.search(document.title_zh):
            yield Problem(
                article.source,
                document.title_zh_line,
                f"title_zh '{document.title_zh}' has no Chinese characters: write the "
                "document's Chinese title here, or remove the key",
            )


def rank_gaps(issue: Issue) -> Iterator[Problem]:
    """Explicit ranks that do not run 1, 2, 3… in the Top list."""
    ranked = [(a.rank, a, a.rank_line) for a in issue.articles if a.rank is not None]
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
    items = (item for section in issue.noteworthy for item in section.items)
    for item in items:
        if item.date > issue.date:
            yield Problem(
                issue.source,
                item.line,
                f"this Noteworthy item is dated {item.date}, after the issue's date "
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


def unused_terms(site: Site) -> list[str]:
    """One note per taxonomy naming its declared terms that nothing uses."""
    used = {page.term for page in (*site.sectors, *site.bodies)}
    notes = []
    for vocabulary in site.vocabularies:
        unused = [term.slug for term in vocabulary.terms if term not in used]
        if unused:
            notes.append(
                f"note: {len(unused)} of {len(vocabulary.terms)} {vocabulary.taxonomy} "
                f"in {vocabulary.file} are not used yet: {', '.join(unused)}"
            )
    return notes
