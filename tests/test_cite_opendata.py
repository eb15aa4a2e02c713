"""Citations parse in their formats, and the open data validates against its schemas."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import bibtexparser
import jsonschema
import pytest

from briefing import load_site
from briefing.render.formats.cite import cite_article, cite_document, tex
from briefing.render.formats.csl import csl_name
from briefing.render.formats.opendata import (
    articles_data,
    documents_csv,
    documents_data,
    schema,
    to_json,
)

CONTENT = Path(__file__).parent.parent / "content"
GENAI = "cac-generative-ai-interim-measures-2023"


@pytest.fixture(scope="module")
def site():
    return load_site(CONTENT)[0]


def parse_bibtex(text: str) -> dict:
    parser = bibtexparser.bparser.BibTexParser(ignore_nonstandard_types=False, common_strings=True)
    entries = bibtexparser.loads(text, parser=parser).entries
    assert len(entries) == 1, text
    return entries[0]


def ris_tags(text: str) -> list[tuple[str, str]]:
    lines = text.rstrip("\n").splitlines()
    tags = [(line[:2], line[6:]) for line in lines]
    assert all(line[2:6] == "  - " for line in lines), text
    return tags


def test_article_citation_in_every_format(site) -> None:
    issue = site.issues[-1]  # the September 2022 issue
    article = issue.articles[2]
    citation = cite_article(site.config, issue, article)
    url = "https://briefing.example.org/" + article.path
    assert citation.permalink == url
    family, given = csl_name(article.authors[0].name).values()
    assert str(citation.chicago).startswith(f"{family}, {given}, and ")
    assert f".” <i>China Industries</i>, China Industries Briefing, September 29, 2022. {url}." in (
        str(citation.chicago)
    )
    assert f"({issue.date.year}, September 29). " in str(citation.apa)
    entry = parse_bibtex(citation.bibtex)
    assert entry["ENTRYTYPE"] == "online"
    assert entry["url"] == url and entry["date"] == "2022-09-29" and entry["year"] == "2022"
    assert entry["author"].startswith(f"{family}, {given} and ")
    tags = ris_tags(citation.ris)
    assert tags[0] == ("TY", "BLOG") and tags[-1] == ("ER", "")
    assert ("TI", article.title) in tags and ("UR", url) in tags and ("PY", "2022") in tags
    assert json.loads(citation.csl_json)[0]["URL"] == url


def test_document_citation_keeps_chinese_title_and_bodies(site) -> None:
    record = next(r for r in site.documents if r.id == GENAI)
    citation = cite_document(site.config, record)
    assert citation.permalink.endswith(f"/documents/{GENAI}/")
    assert "Cyberspace Administration of China" in str(citation.chicago)
    assert "(Original work published as 生成式人工智能服务管理暂行办法)" in str(citation.apa)
    entry = parse_bibtex(citation.bibtex)
    assert entry["ID"] == GENAI and entry["ENTRYTYPE"] == "misc"
    assert entry["note"] == "Chinese title: 生成式人工智能服务管理暂行办法"
    assert entry["author"].startswith("{Cyberspace Administration of China} and {")
    tags = ris_tags(citation.ris)
    assert ("TY", "GOVDOC") in tags and ("OP", "生成式人工智能服务管理暂行办法") in tags
    assert ("DA", "2023/07/13") in tags


def test_citations_escape_what_would_break_them(site) -> None:
    assert tex("R&D 50% {x}") == r"R\&D 50\% \{x\}"
    assert csl_name("Weber, Jonas") == {"family": "Weber", "given": "Jonas"}
    issue = site.issues[0]
    article = issue.articles[0]
    hostile = article.__class__(**{**article.__dict__, "title": '<script>x</script> & "q"'})
    citation = cite_article(site.config, issue, hostile)
    assert "<script>" not in str(citation.chicago) and "&lt;script&gt;" in str(citation.chicago)
    assert parse_bibtex(citation.bibtex)["title"].startswith("{")


def test_open_data_validates_against_its_schemas(site) -> None:
    for name, data in (
        ("documents", documents_data(site.config, site.documents)),
        ("articles", articles_data(site.config, site.issues)),
    ):
        document = json.loads(to_json(data, name, site.config))
        schema_json = json.loads(schema(name, site.config))
        jsonschema.Draft202012Validator.check_schema(schema_json)
        jsonschema.validate(document, schema_json, cls=jsonschema.Draft202012Validator)
        assert document["$schema"] == schema_json["$id"]
    ids = [doc["id"] for doc in documents_data(site.config, site.documents)]
    assert len(ids) == len(set(ids)) >= 15 and GENAI in ids


def test_documents_csv_has_a_bom_and_reads_back(site) -> None:
    data = documents_data(site.config, site.documents)
    raw = documents_csv(data)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(data)
    genai = next(row for row in rows if row["id"] == GENAI)
    assert genai["title_zh"] == "生成式人工智能服务管理暂行办法"
    assert genai["follows"] == "cac-generative-ai-measures-draft-2023"
    assert "CAC" in genai["issuing_bodies"]
