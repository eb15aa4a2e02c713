"""Document facts: each field's checks and messages, and the status derived for every case,
including the build clock's day in China at a date boundary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import write

from briefing import BuildFailed, build
from briefing.assemble.status import next_change, statuses
from briefing.model import DocumentRecord, Facts, Term
from briefing.release import Release

LATER = "issues/2023-07-20-ai-rules"
FIRST = "issues/2022-09-29-materials-shipping/01-materials-plan.md"
MEASURES = Term("types", "measures", "Measures", "Measures", "办法")
DRAFT = Term("types", "draft-for-comment", "Draft for comment", "Draft for comment", group="draft")


def article(content: Path, name: str, documents: str) -> Path:
    return write(
        content / LATER / name,
        f"---\ntitle: {name}\nsectors: [ai]\ndocuments:\n{documents}---\nText.\n",
    )


def problems_of(content: Path, tmp_path: Path) -> list[str]:
    with pytest.raises(BuildFailed) as failure:
        build(content, tmp_path / "site", search=False)
    return [f"{p.path.name}:{p.line}: {p.message}" for p in failure.value.problems]


def one(content: Path, tmp_path: Path, fields: str) -> list[str]:
    article(content, "03-doc.md", f"  - id: rules\n    title: Rules\n{fields}")
    return problems_of(content, tmp_path)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            "    type: mesures\n",
            "03-doc.md:7: type: unknown document type 'mesures': did you mean 'Measures'? "
            "(see the bundled types; declare your own in "
            "content/taxonomies/document-types.yaml)",
        ),
        (
            "    effective: 2023-13-01\n",
            "03-doc.md:7: effective: '2023-13-01' is not a real date (month must be in 1..12)",
        ),
        (
            "    comment_until: next week\n",
            "03-doc.md:7: comment_until: 'next week' is not a date: write it as YYYY-MM-DD, "
            "e.g. 2022-09-29",
        ),
        (
            "    status: in force\n",
            "03-doc.md:7: status: 'in force' cannot be written: only 'repealed' or 'suspended' "
            "may be given; in force, expired, superseded and the comment period follow from "
            "effective:, expires:, comment_until: and the lineage",
        ),
        (
            "    status: repeal\n",
            "03-doc.md:7: status: 'repeal' cannot be written: did you mean 'repealed'? only "
            "'repealed' or 'suspended' may be given; in force, expired, superseded and the "
            "comment period follow from effective:, expires:, comment_until: and the lineage",
        ),
        (
            "    number: [1, 2]\n",
            "03-doc.md:7: number: expected a single value, not a list",
        ),
        (
            "    effective: 2023-08-15\n    expires: 2023-08-14\n",
            "03-doc.md:8: expires: 2023-08-14 is before the effective date 2023-08-15: write "
            "the last day in force",
        ),
        (
            "    type: draft for comment\n    effective: 2023-08-15\n",
            "03-doc.md:8: effective: a draft for comment never takes effect: give effective: "
            "to its final version, a document that follows it",
        ),
        (
            "    type: notice\n    comment_until: 2023-08-15\n",
            "03-doc.md:8: comment_until: only a draft has a comment period, and type is "
            "'Notice': write type: draft for comment, or remove it",
        ),
        (
            "    published: 2023-08-15\n    comment_until: 2023-08-01\n",
            "03-doc.md:8: comment_until: 2023-08-01 is before the day it was published, 2023-08-15",
        ),
        (
            "    efective: 2023-08-15\n",
            "03-doc.md:7: unknown key 'efective': did you mean 'effective'?",
        ),
    ],
)
def test_each_fact_is_checked_with_its_line_and_fix(
    content: Path, tmp_path: Path, fields: str, expected: str
) -> None:
    assert one(content, tmp_path, fields) == [expected]


def test_facts_must_agree_between_articles_naming_both_places(
    content: Path, tmp_path: Path
) -> None:
    article(
        content,
        "03-a.md",
        "  - id: rules\n    title: Rules\n    number: 国发〔2023〕1号\n"
        "  - id: law\n    title: Law\n    type: law\n    effective: 2023-01-01\n",
    )
    article(
        content,
        "04-b.md",
        "  - id: rules\n    title: Rules\n    number: 国发〔2023〕2号\n"
        "  - id: law\n    title: Law\n    type: measures\n    effective: 2023-01-02\n",
    )
    where = f"{content}/{LATER}/04-b.md"
    assert problems_of(content, tmp_path) == [
        f"03-a.md:5: document 'rules' has number '国发〔2023〕1号' here but '国发〔2023〕2号' at "
        f"{where}:5: describe it the same way everywhere, or give the two documents different "
        "ids",
        f"03-a.md:8: document 'law' has a different type and effective here than at {where}:8: "
        "describe it the same way everywhere, or give the two documents different ids",
    ]


def test_a_content_folder_declares_its_own_types(content: Path, tmp_path: Path) -> None:
    write(
        content / "taxonomies" / "document-types.yaml",
        "- slug: decree\n  name: Decree\n  name_zh: [令]\n  group: drafty\n",
    )
    article(content, "03-doc.md", "  - id: rules\n    title: Rules\n    type: law\n")
    assert sorted(problems_of(content, tmp_path)) == [
        "03-doc.md:7: type: unknown document type 'law': declare it in "
        "content/taxonomies/document-types.yaml",
        "document-types.yaml:4: group: 'drafty' is not one of: draft, final",
    ]
    write(content / "taxonomies" / "document-types.yaml", "- slug: decree\n  name: Decree\n")
    assert problems_of(content, tmp_path) == [
        "03-doc.md:7: type: unknown document type 'law': declare it in "
        "content/taxonomies/document-types.yaml",
    ]


def test_noteworthy_items_name_known_documents(content: Path, tmp_path: Path) -> None:
    index = content / "issues" / "2022-09-29-materials-shipping" / "index.md"
    text = index.read_text(encoding="utf-8")
    marker = "    issuing_bodies: [SASAC]\n"
    assert marker in text
    index.write_text(text.replace(marker, marker + "    documents: [miit-gov-cn-plan-htm]\n", 1))
    assert problems_of(content, tmp_path) == [
        "index.md:16: documents: no document has the id 'miit-gov-cn-plan-htm': did you mean "
        "'miit-gov-cn-plan-html'?"
    ]


def record(doc_id: str = "doc", follows: str | None = None, relation: str | None = None, **facts):
    date = facts.pop("date", None)
    return DocumentRecord(
        doc_id, doc_id, None, None, date, (), (), (), follows, relation, (), Facts(**facts)
    )


D = dt.date
TYPES = {"draft": DRAFT, "measures": MEASURES}


def facts_of(text: str) -> dict:
    """'type=draft comment_until=2026-03-01' as Facts keywords."""
    pairs = (item.split("=") for item in text.split())
    return {
        key: TYPES[value] if key == "type" else value if key == "status" else D.fromisoformat(value)
        for key, value in pairs
    }


@pytest.mark.parametrize(
    ("facts", "today", "kind", "date"),
    [
        ("", "2026-03-01", None, None),
        ("type=measures issued=2026-01-05", "2026-03-01", None, None),
        ("effective=2026-03-01", "2026-02-28", "issued", "2026-03-01"),
        ("effective=2026-03-01", "2026-03-01", "in-force", "2026-03-01"),
        ("effective=2026-01-01 expires=2026-03-01", "2026-03-01", "in-force", "2026-01-01"),
        ("effective=2026-01-01 expires=2026-03-01", "2026-03-02", "expired", "2026-03-01"),
        ("type=draft comment_until=2026-03-01", "2026-03-01", "open-for-comment", "2026-03-01"),
        ("type=draft comment_until=2026-03-01", "2026-03-02", "comments-closed", "2026-03-01"),
        ("comment_until=2026-03-01", "2026-02-01", "open-for-comment", "2026-03-01"),
        ("type=draft published=2026-01-09", "2026-03-01", "draft", "2026-01-09"),
        ("type=draft published=2026-03-02 comment_until=2026-04-01", "2026-03-01", None, None),
        ("effective=2020-01-01 status=repealed", "2026-03-01", "repealed", None),
        ("effective=2020-01-01 status=suspended", "2026-03-01", "suspended", None),
    ],
)
def test_the_status_of_one_document(facts: str, today: str, kind, date) -> None:
    found = statuses((record(**facts_of(facts)),), D.fromisoformat(today)).get("doc")
    expected = (kind, D.fromisoformat(date) if date else None)
    assert (found.kind if found else None, found.date if found else None) == expected


def test_a_replacement_supersedes_from_the_day_it_takes_effect() -> None:
    old = record("old", effective=D(2020, 6, 1))
    new = record("new", "old", "Replaces", effective=D(2026, 3, 1), published=D(2026, 1, 4))
    implements = record("rules", "new", "implements", effective=D(2026, 3, 1))
    records = (old, new, implements)
    before = statuses(records, D(2026, 2, 28))
    assert before["old"].kind == "in-force" and before["new"].kind == "issued"
    after = statuses(records, D(2026, 3, 1))
    assert after["old"].kind == "superseded"
    assert after["old"].by == new and after["old"].date == D(2026, 3, 1)
    assert after["new"].kind == "in-force"  # implementing it supersedes nothing
    undated = record("new", "old", "supersedes")
    assert statuses((old, undated), D(2021, 1, 1))["old"].kind == "superseded"


def test_a_draft_names_its_final_version() -> None:
    draft = record("draft", type=DRAFT, published=D(2023, 4, 11), comment_until=D(2023, 5, 10))
    final = record("final", "draft", "final version of", effective=D(2023, 8, 15))
    found = statuses((draft, final), D(2023, 8, 1))
    assert found["draft"].kind == "comments-closed" and found["draft"].by == final


@pytest.mark.parametrize(
    ("now", "kind"),
    [
        ("2026-02-28T15:59:59+00:00", "issued"),  # 23:59:59 on 28 February in Beijing
        ("2026-02-28T16:00:00+00:00", "in-force"),  # midnight: 1 March in Beijing
        ("2026-02-28T23:30:00+01:00", "in-force"),  # still 28 February in Berlin
        ("2026-03-01T07:59:59+08:00", "in-force"),
        ("2026-02-28T10:00:00-08:00", "in-force"),  # 28 February in San Francisco
    ],
)
def test_dates_are_days_in_china_whatever_the_clock_s_offset(now: str, kind: str) -> None:
    today = Release(dt.datetime.fromisoformat(now)).today
    found = statuses((record(effective=D(2026, 3, 1)),), today)
    assert found["doc"].kind == kind


def test_the_next_change_is_the_first_day_after_today_anything_changes() -> None:
    records = (
        record("a", effective=D(2026, 3, 1), expires=D(2026, 6, 30)),
        record("b", type=DRAFT, comment_until=D(2026, 2, 10)),
    )
    change = next_change(records, D(2026, 2, 1))
    assert (change.day, change.document, change.what) == (D(2026, 2, 11), "b", "closes for comment")
    change = next_change(records, D(2026, 2, 11))
    assert (change.day, change.what) == (D(2026, 3, 1), "enters into force")
    change = next_change(records, D(2026, 3, 1))
    assert (change.day, change.what) == (D(2026, 3, 2), "moves to the calendar's past")
    assert next_change(records, D(2026, 7, 1)) is None
