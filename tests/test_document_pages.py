"""Document pages, the documents index, citations on pages and the open data, as built."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import bibtexparser
import jsonschema
import pytest

from briefing import build, load_site
from briefing.assemble.coverage import document_filters, previously_covered, related_documents
from briefing.model import Document
from tests.conftest import read, snapshot

CONTENT = Path(__file__).parent.parent / "content"
DRAFT = "cac-generative-ai-measures-draft-2023"
FINAL = "cac-generative-ai-interim-measures-2023"
STANDARD = "tc260-generative-ai-security-requirements-draft-2023"
JULY = "issues/2023-07-27-generative-ai-gallium-controls-private-firms/"
FINAL_ZH = "生成式人工智能服务管理暂行办法"
NOVEMBER = "issues/2023-11-30-humanoid-robots-driverless-pilots-computing-power/"


@pytest.fixture(scope="module")
def site():
    return load_site(CONTENT)[0]


def bibtex_entries(html: str) -> list[dict]:
    (block,) = re.findall(r'<pre class="citation-bibtex"[^>]*><code>(.*?)</code>', html, re.S)
    text = block.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    parser = bibtexparser.bparser.BibTexParser(ignore_nonstandard_types=False)
    return bibtexparser.loads(text.replace("&#34;", '"'), parser=parser).entries


def ris_tags(html: str) -> dict[str, list[str]]:
    (block,) = re.findall(r'<pre class="citation-ris"[^>]*><code>(.*?)</code>', html, re.S)
    tags: dict[str, list[str]] = {}
    for line in block.strip("\n").splitlines():
        assert re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line), line
        tags.setdefault(line[:2], []).append(line[6:])
    return tags


def json_ld(html: str) -> dict:
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def test_document_page_shows_titles_bodies_coverage_and_source(sample: Path) -> None:
    html = read(sample, f"documents/{FINAL}/")
    assert "<h1>Interim Measures for the Management of Generative Artificial" in html
    assert '<p class="name-zh" lang="zh-Hans">生成式人工智能服务管理暂行办法</p>' in html
    assert '<a href="/bodies/cac/">Cyberspace Administration of China</a> (CAC)' in html
    assert '<time datetime="2023-07-13">July 13, 2023</time>' in html
    assert 'href="https://www.cac.gov.cn/' in html
    assert f'href="/{JULY}generative-ai/"' in html  # the article that covered it


def test_document_page_shows_the_whole_lineage_oldest_first(sample: Path) -> None:
    html = read(sample, f"documents/{FINAL}/")
    timeline = html.split('<ol class="timeline">')[1].split("</section>")[0]
    steps = re.findall(r'<li class="timeline-step[^"]*"', timeline)
    assert len(steps) == 3
    assert timeline.index(f"/documents/{DRAFT}/") < timeline.index(f"/documents/{STANDARD}/")
    assert 'is-current" aria-current="page"' in timeline
    assert "(this document)" in timeline
    assert "Final version of the document above" in timeline
    assert "Implements the document above" in timeline
    for other in (DRAFT, STANDARD):
        assert "(this document)" in read(sample, f"documents/{other}/")


def test_document_page_citations_parse(sample: Path) -> None:
    html = read(sample, f"documents/{FINAL}/")
    (entry,) = bibtex_entries(html)
    assert entry["ID"] == FINAL
    assert "Cyberspace Administration of China" in entry["author"]
    tags = ris_tags(html)
    assert tags["TY"] == ["GOVDOC"] and "ER" in tags
    assert tags["OP"] == ["生成式人工智能服务管理暂行办法"] and "TT" not in tags
    assert f"https://briefing.example.org/documents/{FINAL}/" in html.split("Cite this")[1]


def test_document_page_structured_data_is_legislation(sample: Path) -> None:
    data, _breadcrumbs = json_ld(read(sample, f"documents/{FINAL}/"))["@graph"]
    assert data["@type"] == "Legislation"
    assert data["alternateName"] == {
        "@language": "zh-Hans",
        "@value": "生成式人工智能服务管理暂行办法",
    }
    assert data["legislationDate"] == "2023-07-10"  # issued; published 2023-07-13
    assert data["datePublished"] == "2023-07-13"
    assert "Cyberspace Administration of China" in [p["name"] for p in data["publisher"]]
    assert data["isBasedOn"].endswith(f"/documents/{DRAFT}/")


def test_article_links_documents_earlier_coverage_and_cites_itself(sample: Path) -> None:
    html = read(sample, f"{NOVEMBER}genai-security-standard/")
    assert f'href="/documents/{STANDARD}/"' in html  # its source box
    earlier = html.split('id="earlier-title"')[1].split("</section>")[0]
    assert earlier.count(f'href="/{JULY}generative-ai/"') == 1  # once, for both documents
    assert f'href="/documents/{FINAL}/"' in earlier and f'href="/documents/{DRAFT}/"' in earlier
    (entry,) = bibtex_entries(html)
    assert "From rules to checklists" in entry["title"]
    assert ris_tags(html)["TY"] == ["BLOG"]
    assert 'id="earlier-title"' not in read(sample, f"{JULY}generative-ai/")  # nothing before


def test_documents_index_lists_every_document_newest_first(sample: Path, site) -> None:
    html = read(sample, "documents/")
    links = re.findall(r'<a class="entry-title" href="/documents/([^/]+)/"', html)
    assert links == [record.id for record in site.documents]
    assert 'data-bodies="cac"' in html and 'data-year="2023"' in html
    assert re.search(r"<form[^>]*data-doc-filter hidden", html)  # shown only by the script
    assert re.search(r'<script src="/static/documents\.[0-9a-f]+\.js" defer>', html)
    for path in ("documents.json", "documents.csv", "articles.json"):
        assert f'href="/data/{path}"' in html
    assert '<a href="/documents/">Documents</a>' in read(sample, "")
    sitemap = (sample / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/documents/{FINAL}/</loc>" in sitemap and "/documents/</loc>" in sitemap


@pytest.mark.parametrize("name", ["documents", "articles"])
def test_open_data_validates_against_its_published_schema(sample: Path, name: str) -> None:
    data = json.loads((sample / "data" / f"{name}.json").read_text(encoding="utf-8"))
    schema = json.loads((sample / "data" / "schema" / f"{name}.schema.json").read_text())
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    assert data["$schema"] == schema["$id"]
    assert len(data[name]) >= 14


def test_documents_csv_loads_like_a_spreadsheet(sample: Path, site) -> None:
    raw = (sample / "data" / "documents.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [row["id"] for row in rows] == [record.id for record in site.documents]
    final = next(row for row in rows if row["id"] == FINAL)
    assert final["title_zh"] == "生成式人工智能服务管理暂行办法"
    assert final["follows"] == DRAFT


def test_related_documents_share_bodies_or_sectors_outside_the_lineage(site) -> None:
    related = related_documents(site.documents)
    by_id = {record.id: record for record in site.documents}
    for record in site.documents:
        others = related[record.id]
        assert len(others) <= 5
        assert not {other.id for other in others} & {record.id, *record.lineage}
        for other in others:
            shared = set(record.bodies) & set(other.bodies) or set(record.sectors) & set(
                other.sectors
            )
            assert shared, (record.id, other.id)
    assert related == related_documents(tuple(reversed(site.documents)))  # order is stable
    assert by_id[FINAL] not in related[STANDARD]


def fake(doc_id: str, follows: str | None, *articles: tuple[str, int]) -> SimpleNamespace:
    """A stand-in record with mentions in articles given as (path, issue ordinal)."""
    mentions = tuple(
        SimpleNamespace(
            article=SimpleNamespace(path=path, number=1),
            issue=SimpleNamespace(date=SimpleNamespace(toordinal=lambda d=day: d), slug=path),
            document=Document(doc_id, doc_id, None, None, None, ()),
        )
        for path, day in articles
    )
    return SimpleNamespace(id=doc_id, follows=follows, mentions=mentions)


def test_previously_covered_walks_the_whole_chain_back() -> None:
    records = (
        fake("rules", "law", ("c", 3)),
        fake("law", "draft", ("b", 2), ("c", 3)),
        fake("draft", None, ("a", 1)),
    )
    mentions = {record.id: record.mentions for record in records}
    covered = previously_covered(records, mentions)  # type: ignore[arg-type]
    assert [c.article.path for c in covered["c"]] == ["b", "a"]
    assert [d.id for d in covered["c"][0].documents] == ["law"]
    assert [c.article.path for c in covered["b"]] == ["a"]
    assert "a" not in covered  # the first document has nothing before it


def test_filter_choices_come_from_the_documents(site) -> None:
    filters = document_filters(site.documents)
    assert filters.years == (2023, 2022)
    names = [body.name for body in filters.bodies]
    assert names == sorted(names, key=str.casefold) and "CAC" in names


def test_incremental_build_updates_earlier_coverage_like_a_clean_build(tmp_path: Path) -> None:
    content, out, cache = tmp_path / "content", tmp_path / "site", tmp_path / "cache"
    shutil.copytree(CONTENT, content)
    build(content, out, cache=cache, search=False)
    article = content / JULY / "01-generative-ai.md"
    old = "Guardrails for generators: China finalises its rules for generative AI"
    article.write_text(article.read_text(encoding="utf-8").replace(old, "Generative AI rules"))
    build(content, out, cache=cache, search=False)
    build(content, tmp_path / "clean", search=False)
    assert snapshot(out) == snapshot(tmp_path / "clean")
    assert "Generative AI rules" in read(out, f"{NOVEMBER}genai-security-standard/")
