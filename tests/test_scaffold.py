"""`new issue` and `new article`: names, archetypes, refusing to overwrite, and that they build."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import read, write

from briefing import BuildFailed, build
from briefing.cli import main

ISSUE = "2026-12-01-chips-batteries"


def new(content: Path, *args: str) -> int:
    return main(["new", *args, "--content", str(content)])


def test_new_issue_and_article_build_as_drafts(content: Path, tmp_path: Path, capsys) -> None:
    assert new(content, "issue", "Chips + batteries", "--date", "2026-12-01") == 0
    index = content / "issues" / ISSUE / "index.md"
    assert capsys.readouterr().out == f"{index}\n"
    assert new(content, "article", ISSUE, "Export controls: gallium again") == 0
    article = content / "issues" / ISSUE / "01-export-controls-gallium-again.md"
    assert capsys.readouterr().out == f"{article}\n"
    text = article.read_text(encoding="utf-8")
    assert 'title: "Export controls: gallium again"' in text
    for key in ("draft: true", "sectors:", "summary:", "# documents:", "title_zh:"):
        assert key in text
    # No real sector is written for the editor: a forgotten one would be published wrongly.
    with pytest.raises(BuildFailed) as failure:
        build(content, tmp_path / "public")
    assert [f"{p.path.name}:{p.line}: {p.message}" for p in failure.value.problems] == [
        f"{article.name}:8: sectors: 'REPLACE-ME' is the archetype's placeholder: name the "
        "article's sectors (declared in content/taxonomies/sectors.yaml)"
    ]
    article.write_text(text.replace("[REPLACE-ME]", "[ai]"), encoding="utf-8")
    public = build(content, tmp_path / "public")
    assert public.issues == 2  # the new issue is a draft
    build(content, tmp_path / "preview", drafts=True)
    page = read(tmp_path / "preview", f"issues/{ISSUE}/export-controls-gallium-again/")
    assert "Export controls" in page and "DRAFT" in page


def test_articles_get_the_next_free_number(content: Path) -> None:
    folder = content / "issues" / "2023-07-20-ai-rules"
    write(folder / "07-late.md", "---\ntitle: Late\nsectors: [ai]\n---\n")
    assert new(content, "article", "2023-07-20-ai-rules", "Batteries") == 0
    assert (folder / "08-batteries.md").is_file()


def test_new_refuses_to_overwrite(content: Path, capsys) -> None:
    assert new(content, "issue", "Chips + batteries", "--date", "2026-12-01") == 0
    index = content / "issues" / ISSUE / "index.md"
    index.write_text("---\ntitle: Mine\ndate: 2026-12-01\n---\n", encoding="utf-8")
    capsys.readouterr()
    assert new(content, "issue", "Chips + batteries", "--date", "2026-12-01") == 2
    err = capsys.readouterr().err
    assert err == f"error: {index.parent} already exists: refusing to overwrite it\n"
    assert "Mine" in index.read_text(encoding="utf-8")


def test_new_article_refuses_a_second_article_with_the_same_slug(content: Path, capsys) -> None:
    assert new(content, "article", "2023-07-20-ai-rules", "Shanghai AI") == 2
    existing = content / "issues" / "2023-07-20-ai-rules" / "01-shanghai-ai.md"
    assert capsys.readouterr().err == (
        f"error: {existing} already has the URL slug 'shanghai-ai': choose another title\n"
    )


def test_new_article_in_an_unknown_issue_lists_the_issues(content: Path, capsys) -> None:
    assert new(content, "article", "2099-01-01-nothing", "X") == 2
    err = capsys.readouterr().err
    assert "no issue folder" in err and "2099-01-01-nothing" in err
    assert "the issues are: 2022-09-29-materials-shipping, 2023-07-20-ai-rules" in err


def test_archetypes_in_the_content_folder_are_used(content: Path) -> None:
    write(
        content / "_archetypes" / "issue.md",
        "---\ntitle: {{ title | yaml }}\ndate: {{ date }}\n"
        "draft: true\nauthors: [House Style]\n---\n",
    )
    assert new(content, "issue", "Chips", "--date", "2026-12-01") == 0
    text = (content / "issues" / "2026-12-01-chips" / "index.md").read_text(encoding="utf-8")
    assert "authors: [House Style]" in text


def test_a_broken_archetype_names_its_line(content: Path, capsys) -> None:
    archetype = write(
        content / "_archetypes" / "article.md", "---\ntitle: {{ title | nosuch }}\n---\n"
    )
    assert new(content, "article", "2023-07-20-ai-rules", "X") == 2
    assert capsys.readouterr().err == f"error: {archetype}:2: No filter named 'nosuch'.\n"


def test_a_bad_date_is_a_usage_error(content: Path, capsys) -> None:
    try:
        new(content, "issue", "X", "--date", "1 December")
    except SystemExit as exit_:
        assert exit_.code == 2
    assert "'1 December' is not a date: write YYYY-MM-DD" in capsys.readouterr().err
