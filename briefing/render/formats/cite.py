"""Citations for articles and policy documents: Chicago, APA, BibTeX and RIS.

Analysts cite briefings in their own reports; every article and document page offers a
stable permalink and the four formats reference managers read, made at build time.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from ...model import Article, DocumentRecord, Issue, SiteConfig
from ...slugs import slug
from ..urls import absolute

BIBTEX_SPECIAL = re.compile(r"[&%$#_{}~^\\]")
BIBTEX_ESCAPES = {"~": r"\~{}", "^": r"\^{}", "\\": r"\textbackslash{}"}


@dataclass(frozen=True)
class Citation:
    """One work in every citation format; Chicago and APA are HTML (titles in italics)."""

    permalink: str
    chicago: Markup
    apa: Markup
    bibtex: str
    ris: str


def cite_article(config: SiteConfig, issue: Issue, article: Article) -> Citation:
    """How to cite an article of the briefing."""
    url = absolute(config, article.path)
    people = [person_name(author) for author in issue.authors]
    container = issue.series or config.title
    chicago = Markup("{}“{}.” <i>{}</i>, {}. {}.").format(
        Markup(chicago_authors(people)), article.title, container, long(issue.date), url
    )
    apa = Markup("{}({}). <i>{}</i>. {}. {}").format(
        Markup(apa_authors(people)), apa_date(issue.date), article.title, container, url
    )
    key = slug(f"{people[0][0] if people else config.title} {issue.date.year} {article.slug}")
    bibtex = bibtex_entry(
        "online",
        key,
        [
            (
                "author",
                " and ".join(tex(f"{family}, {given}".strip(", ")) for family, given in people),
            ),
            ("title", "{" + tex(article.title) + "}"),
            ("organization", tex(config.title)),
            ("journaltitle", tex(container)),
            ("date", issue.date.isoformat()),
            ("url", url),
        ],
    )
    ris = ris_record(
        "ELEC",
        [("AU", f"{family}, {given}".strip(", ")) for family, given in people]
        + [("TI", article.title), ("T2", container), ("PB", config.title)]
        + ris_dates(issue.date)
        + [("UR", url)],
    )
    return Citation(url, chicago, apa, bibtex, ris)


def cite_document(config: SiteConfig, record: DocumentRecord) -> Citation:
    """How to cite a policy document itself, with its issuing bodies as authors."""
    permalink = absolute(config, record.path)
    link = record.url or permalink
    bodies = [body.full_name for body in record.bodies]
    title_zh = Markup(" [{}]").format(record.title_zh) if record.title_zh else ""
    when = long(record.date) if record.date else "n.d."
    chicago = Markup("{}<i>{}</i>{}. {}. {}.").format(
        Markup(f"{escape(', '.join(bodies))}. ") if bodies else "",
        record.title,
        title_zh,
        when,
        link,
    )
    apa = Markup("{}({}). <i>{}</i>{}. {}").format(
        Markup(f"{escape(' & '.join(bodies))}. ") if bodies else "",
        apa_date(record.date) if record.date else "n.d.",
        record.title,
        title_zh,
        link,
    )
    fields = [
        ("author", " and ".join("{" + tex(body) + "}" for body in bodies)),
        ("title", "{" + tex(record.title) + "}"),
        ("date", record.date.isoformat() if record.date else ""),
        ("url", link),
        ("note", tex(record.title_zh or "")),
    ]
    ris = ris_record(
        "GOVDOC",
        [("AU", body) for body in bodies]
        + [("TI", record.title), ("TT", record.title_zh or "")]
        + (ris_dates(record.date) if record.date else [])
        + [("UR", link)],
    )
    return Citation(permalink, chicago, apa, bibtex_entry("misc", record.id, fields), ris)


def person_name(name: str) -> tuple[str, str]:
    """(family, given) from "Given Family" or "Family, Given"."""
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
        return family, given
    *given, family = name.split()
    return family, " ".join(given)


def chicago_authors(people: list[tuple[str, str]]) -> str:
    """Chicago bibliography authors: the first inverted, the rest in natural order."""
    if not people:
        return ""
    names = [f"{people[0][0]}, {people[0][1]}".strip(", ")]
    names += [f"{given} {family}".strip() for family, given in people[1:]]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", and " + names[-1]
    return f"{escape(joined)}. "


def apa_authors(people: list[tuple[str, str]]) -> str:
    """APA authors: Family, G. with an ampersand before the last."""
    names = [
        f"{family}, {' '.join(part[0] + '.' for part in given.split())}".strip(", ")
        for family, given in people
    ]
    if not names:
        return ""
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]
    return f"{escape(joined)} "


def long(day: dt.date) -> str:
    """September 14, 2022"""
    return f"{day:%B} {day.day}, {day.year}"


def apa_date(day: dt.date) -> str:
    """2022, September 14"""
    return f"{day.year}, {day:%B} {day.day}"


def bibtex_entry(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    """A BibTeX entry from fields already escaped with `tex`; empty fields are left out."""
    lines = [f"@{kind}{{{key},"]
    lines += [f"  {name} = {{{value}}}," for name, value in fields if value]
    return "\n".join(lines) + "\n}\n"


def tex(value: str) -> str:
    """Text with BibTeX's special characters escaped."""
    return BIBTEX_SPECIAL.sub(lambda m: BIBTEX_ESCAPES.get(m[0], "\\" + m[0]), value)


def ris_dates(day: dt.date) -> list[tuple[str, str]]:
    """RIS year and full date tags."""
    return [("PY", str(day.year)), ("DA", f"{day:%Y/%m/%d}")]


def ris_record(kind: str, tags: list[tuple[str, str]]) -> str:
    """An RIS record: TY first, ER last, empty tags left out."""
    lines = [f"TY  - {kind}"]
    lines += [f"{tag}  - {' '.join(value.split())}" for tag, value in tags if value]
    return "\n".join([*lines, "ER  - "]) + "\n"
