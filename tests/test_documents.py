"""Policy documents across issues: identity, agreement between mentions, and lineage."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write

from briefing import BuildFailed
from briefing.assemble.documents import catalogue
from briefing.read.config import load_config
from briefing.read.content import make_context
from briefing.slugs import derived_id

LATER = "issues/2023-07-20-ai-rules"


def article(content: Path, name: str, documents: str, sectors: str = "[ai]") -> Path:
    return write(
        content / LATER / name,
        f"---\ntitle: {name}\nsectors: {sectors}\ndocuments:\n{documents}---\nText.\n",
    )


def problems_of(content: Path, tmp_path: Path) -> list[str]:
    from briefing import build

    with pytest.raises(BuildFailed) as failure:
        build(content, tmp_path / "site")
    return [f"{p.path.name}:{p.line}: {p.message}" for p in failure.value.problems]


def records_of(content: Path, tmp_path: Path):
    from briefing.cache import Cache
    from briefing.read.content import read_content
    from briefing.release import Release, utc_now

    config, _ = load_config(content)
    context = make_context(content, config)
    read = read_content(context, release=Release(utc_now()), cache=Cache(None), jobs=1)
    assert read.problems == []
    records, _, problems = catalogue(read.issues)
    assert problems == []
    return {record.id: record for record in records}


def test_ids_derive_from_url_else_title_and_date() -> None:
    import datetime as dt

    assert (
        derived_id({"url": "https://www.miit.gov.cn/a/b.html?id=3"}) == "miit-gov-cn-a-b-html-id-3"
    )
    assert derived_id({"url": "https://miit.gov.cn/a/b.html?id=3"}) == "miit-gov-cn-a-b-html-id-3"
    assert derived_id({"url": None, "title": "A plan", "date": dt.date(2022, 9, 14)}) == (
        "a-plan-2022-09-14"
    )
    long = derived_id({"url": "https://e.org/" + "x/" * 60})
    assert len(long) <= 60 and long == derived_id({"url": "https://e.org/" + "x/" * 60})


def test_same_url_in_two_issues_is_one_document(content: Path, tmp_path: Path) -> None:
    article(
        content,
        "03-again.md",
        "  - title: Implementation Plan on Basic Industrial Materials\n"
        "    url: https://www.miit.gov.cn/plan.html\n",
    )
    records = records_of(content, tmp_path)
    plan = records["miit-gov-cn-plan-html"]
    slugs = [path.rstrip("/").rsplit("/", 1)[1] for path in plan.articles]
    assert slugs == ["again", "materials-plan"]  # newest first
    assert plan.title_zh == "原材料工业“三品”实施方案"  # given by the other mention
    assert [b.slug for b in plan.bodies] == ["miit", "sasac"]


def test_mentions_that_disagree_name_both_places(content: Path, tmp_path: Path) -> None:
    article(
        content,
        "03-again.md",
        "  - title: Implementation Plan on Basic Industrial Materials\n"
        "    url: https://www.miit.gov.cn/plan.html\n"
        "    date: 2022-09-15\n"
        "  - title: Another title\n"
        "    url: https://www.miit.gov.cn/plan.html\n"
        "    date: 2022-09-16\n"
        "    issuing_bodies: [MOT]\n",
    )
    first = f"{content}/issues/2022-09-29-materials-shipping/01-materials-plan.md:6"
    assert problems_of(content, tmp_path) == [
        f"03-again.md:5: document 'miit-gov-cn-plan-html' has date '2022-09-15' here but "
        f"'2022-09-14' at {first}: describe it the same way everywhere, or give the two "
        "documents different ids",
        f"03-again.md:8: document 'miit-gov-cn-plan-html' has a different title, date and "
        f"bodies here than at {first}: describe it the same way everywhere, or give the two "
        "documents different ids",
    ]


def test_lineage_links_a_chain_oldest_first(content: Path, tmp_path: Path) -> None:
    article(
        content,
        "03-chain.md",
        "  - id: draft-rules\n    title: Draft rules\n    date: 2023-04-11\n"
        "  - id: final-rules\n    title: Final rules\n    date: 2023-07-13\n"
        "    follows: draft-rules\n    relation: final version of\n",
    )
    article(
        content,
        "04-standard.md",
        "  - id: security-standard\n    title: Security standard\n    date: 2023-10-11\n"
        "    follows: final-rules\n    relation: implements\n",
    )
    records = records_of(content, tmp_path)
    chain = ("draft-rules", "final-rules", "security-standard")
    assert all(records[doc].lineage == chain for doc in chain)
    assert records["security-standard"].relation == "implements"
    assert records["final-rules"].follows == "draft-rules"
    assert records["miit-gov-cn-plan-html"].lineage == ()


def test_unknown_and_circular_follows_are_errors(content: Path, tmp_path: Path) -> None:
    article(
        content,
        "03-loop.md",
        "  - id: one\n    title: One\n    follows: two\n"
        "  - id: two\n    title: Two\n    follows: one\n"
        "  - id: three\n    title: Three\n    follows: on\n",
    )
    assert problems_of(content, tmp_path) == [
        "03-loop.md:5: follows: the lineage goes round in a circle: one -> two -> one",
        "03-loop.md:8: follows: the lineage goes round in a circle: two -> one -> two",
        "03-loop.md:11: follows: no document has the id 'on': did you mean 'one'?",
    ]


def test_bad_document_id_is_an_error(content: Path, tmp_path: Path) -> None:
    article(content, "03-id.md", "  - id: Not An Id\n    title: X\n")
    assert problems_of(content, tmp_path) == [
        "03-id.md:5: id: 'Not An Id' is not a document id: use lowercase ASCII words joined "
        "by hyphens, e.g. miit-basic-materials-plan-2022"
    ]
