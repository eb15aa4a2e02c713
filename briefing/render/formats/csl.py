"""CSL-JSON records of articles and policy documents: what every citation format is made from.

One record per work, in the Citation Style Language's JSON (the format Zotero, Mendeley and
pandoc read). The same record is rendered into Chicago and APA (`csl_styles.py`) and offered
as `cite.json`, so the page and the reader's reference manager cite the same data.

Kinds of work, chosen so that both official styles print what we know and nothing blank:

- An article is a `post-weblog`: a dated, signed piece with a permalink in a named series
  that is published only on the web, with no volume, issue or pages. Both styles' forms for
  a blog post (CMOS 18 14.104-106, APA 7 10.1) give exactly that: author, date, the
  article's title, the series in italics, the URL. `article-magazine` (a newsletter article) fits
  too, but the official styles then look for volume, issue and edition, which a briefing
  lacks, and citeproc-py prints the bare label "Edition." for the missing edition.
- A policy document is a `report`: APA 7 (10.4) and Chicago cite documents of government
  agencies as reports, with the agency as group author and the title in italics.
  `legislation` sends both styles into their Bluebook-style legal form, which drops the
  issuing bodies and expects a code and section that Chinese measures and notices lack.

Names: an article is by its authors (its own, else its issue's), each cited by their
`cite_as` ("Family, Given") or else their name. "Doe, Jane" and "Jane Doe" are a person
(lower-case particles such as "van der" stay with the family name); a single word, a name
in Chinese characters or one with a word like "Team" or "Institute" is an institution,
kept whole as a `literal` so no style inverts or initialises it. An article without
authors is by the site's institution.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from typing import Any

from ...model import Article, DocumentRecord, Issue, SiteConfig
from ...slugs import slug
from ..urls import absolute

# Chinese, Japanese and Korean scripts: such names have no given/family split to invert.
CJK = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
INSTITUTION_WORDS = frozenset(
    "agency association board briefing bureau center centre commission council department "
    "desk editors editorial foundation group institute ministry network office research "
    "staff team unit university".split()
)


def csl_article(config: SiteConfig, issue: Issue, article: Article) -> dict[str, Any]:
    """The CSL-JSON record of an article of the briefing."""
    people = (author.cite_as or author.name for author in article.authors)
    authors = csl_names(people) or [{"literal": config.title}]
    return {
        "id": article_key(authors, issue.date, article.slug),
        "type": "post-weblog",
        "title": article.title,
        "container-title": issue.series or config.title,
        "publisher": config.title,
        "author": authors,
        "issued": csl_date(issue.date),
        "URL": absolute(config, article.path),
    }


def csl_document(config: SiteConfig, record: DocumentRecord) -> dict[str, Any]:
    """The CSL-JSON record of a policy document, by its issuing bodies.

    The English title is the title cited; the Chinese one is `original-title`, the title
    the document was first published under, which the styles print after it.
    """
    item: dict[str, Any] = {"id": record.id, "type": "report", "title": record.title}
    if record.title_zh:
        item["original-title"] = record.title_zh
    if record.bodies:
        item["author"] = [{"literal": body.full_name} for body in record.bodies]
    if record.date:  # without one the styles print "n.d."
        item["issued"] = csl_date(record.date)
    item["URL"] = record.url or absolute(config, record.path)
    return item


def csl_names(names: Iterable[str]) -> list[dict[str, str]]:
    """CSL names of the people or institutions named in `names`."""
    return [csl_name(name) for name in names if name.strip()]


def csl_name(name: str) -> dict[str, str]:
    """A person as family and given name, or an institution as a literal."""
    name = " ".join(name.split())
    family, comma, given = (part.strip() for part in name.partition(","))
    if comma and family and given:
        return {"family": family, "given": given}
    words = name.split()
    if len(words) < 2 or CJK.search(name) or INSTITUTION_WORDS & {w.lower() for w in words}:
        return {"literal": name}
    start = len(words) - 1
    while start > 1 and words[start - 1].islower():  # "van der" belongs to the family name
        start -= 1
    return {"family": " ".join(words[start:]), "given": " ".join(words[:start])}


def csl_date(day: dt.date) -> dict[str, list[list[int]]]:
    """A CSL date of one day."""
    return {"date-parts": [[day.year, day.month, day.day]]}


def article_key(authors: list[dict[str, str]], day: dt.date, article_slug: str) -> str:
    """A citation key like `hartmann-2022-graphite-export-controls`."""
    first = authors[0].get("family") or authors[0].get("literal", "")
    return slug(f"{first} {day.year} {article_slug}")


def csl_json(item: dict[str, Any]) -> str:
    """A record as reference managers import it: a pretty-printed list of one item."""
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"
