"""Building whole sites: the pages, their links, their order and their stability."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import broken_links, page_links, read, snapshot, write

from briefing import BuildFailed, UsageError, build

ISSUE = "issues/2022-09-29-materials-shipping/"
LATER = "issues/2023-07-20-ai-rules/"


def test_every_page_exists(built: Path) -> None:
    expected = [
        "index.html",
        "404.html",
        "archive/index.html",
        f"{ISSUE}index.html",
        f"{ISSUE}cover.svg",
        f"{ISSUE}materials-plan/index.html",
        f"{ISSUE}ai-captain/index.html",
        f"{LATER}index.html",
        f"{LATER}more-ships/index.html",
        f"{LATER}shanghai-ai/index.html",
        "sectors/index.html",
        "sectors/basic-materials/index.html",
        "sectors/artificial-intelligence/index.html",
        "sectors/shipping/index.html",
        "bodies/index.html",
        "bodies/miit/index.html",
        "bodies/sasac/index.html",
        "bodies/mot/index.html",
        "bodies/shanghai-congress/index.html",
        ".briefing-site",
    ]
    for path in expected:
        assert (built / path).is_file(), path


def test_no_internal_link_is_broken(built: Path) -> None:
    assert broken_links(built, "/") == []


def test_site_under_a_sub_path_links_within_it(content: Path, tmp_path: Path) -> None:
    site_yaml = content / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text().replace("https://example.org/", "https://example.org/briefing/")
    )
    out = tmp_path / "sub"
    build(content, out)
    assert broken_links(out, "/briefing/") == []
    article = read(out, f"{ISSUE}materials-plan/")
    # A site-root link written in Markdown and a file beside the issue both resolve.
    assert 'href="/briefing/issues/2022-09-29-materials-shipping/ai-captain/"' in article
    assert 'href="/briefing/issues/2022-09-29-materials-shipping/cover.svg"' in article
    assert re.search(
        r'<link rel="stylesheet" href="/briefing/static/style\.[0-9a-f]{8}\.css">', article
    )
    assert 'rel="canonical" href="https://example.org/briefing/issues/' in article


def test_issue_page_lists_top_items_then_noteworthy_by_section(built: Path) -> None:
    html = read(built, ISSUE)
    assert "China Industries" in html
    assert "Basic materials + autonomous shipping" in html
    assert '<time datetime="2022-09-29">September 29, 2022</time>' in html
    assert re.search(r"\d+ min read", html)
    assert (
        '<a class="author" href="/authors/ada-analyst/">Ada Analyst</a> and '
        '<a class="author" href="/authors/ben-writer/">Ben Writer</a>'
    ) in html
    assert '<span class="caption">Alternative basic materials</span>' in html
    assert 'alt="Stacked steel beams"' in html
    top = [m for m in re.findall(r'<li id="(top-\d+)"', html)]
    assert top == ["top-1", "top-2"]
    top_list = html[html.index('class="top-list"') :]
    assert top_list.index("Four agencies want better materials.") < top_list.index("AI captain:")
    assert '<span class="kicker">AI captain:</span> China tests autonomous ships' in html
    # The Noteworthy sections keep their first-appearance order; items keep theirs.
    assert html.index("Policy news") < html.index("Corporate news")
    ids = re.findall(r'<li id="(noteworthy-[a-z-]+-\d+)"', html)
    assert ids == ["noteworthy-policy-1", "noteworthy-policy-2", "noteworthy-corporate-1"]
    assert "improve</em> compliance" in html
    assert '<a href="https://www.sasac.gov.cn/n1.html">SASAC notice</a>' in html


def test_articles_follow_rank_then_file_order(built: Path) -> None:
    html = read(built, LATER)
    assert html.index("More ships") < html.index("Shanghai regulates AI")
    assert 'id="top-1"' in html and 'id="top-2"' in html


def test_summary_defaults_to_first_paragraph_without_its_label(built: Path) -> None:
    html = read(built, "")  # the home page shows the latest issue's summaries
    assert "A provincial-level first." in html
    assert "<strong>At a glance:</strong> A provincial" not in html


def test_article_page_has_sources_terms_and_neighbours(built: Path) -> None:
    html = read(built, f"{ISSUE}materials-plan/")
    assert re.search(r'<span lang="zh-Hans"[^>]*>原材料工业“三品”实施方案</span>', html)
    assert 'href="https://www.miit.gov.cn/plan.html"' in html
    assert "September 14, 2022" in html
    assert '<abbr title="Ministry of Industry and Information Technology">MIIT</abbr>' in html
    assert 'href="/bodies/sasac/"' in html
    assert 'href="/sectors/basic-materials/"' in html
    assert 'rel="next" href="/issues/2022-09-29-materials-shipping/ai-captain/"' in html
    assert 'rel="prev"' not in html
    second = read(built, f"{ISSUE}ai-captain/")
    assert 'rel="prev" href="/issues/2022-09-29-materials-shipping/materials-plan/"' in second


def test_markdown_features(built: Path) -> None:
    html = read(built, f"{ISSUE}materials-plan/")
    assert "<table>" in html and "<th>Target</th>" in html
    assert 'class="footnote"' in html
    assert "“better”" in html  # smart quotes
    assert '<h2 id="中文-标题">' in html  # Chinese headings keep meaningful anchors
    box = read(built, f"{ISSUE}ai-captain/")
    assert '<div class="admonition explainer">' in box
    assert "Levels of autonomy" in box


def test_terms_resolve_from_any_spelling(built: Path) -> None:
    ship = read(built, f"{ISSUE}ai-captain/")
    # "ministry of transport" (full name, lower case) and "ai" (alias) resolve.
    assert 'href="/bodies/mot/"' in ship
    assert 'href="/sectors/artificial-intelligence/"' in ship
    # A curly apostrophe matches the declared straight one.
    assert 'href="/bodies/shanghai-congress/"' in read(built, f"{LATER}shanghai-ai/")


def test_article_bodies_are_the_union_of_its_documents_and_its_own(built: Path) -> None:
    plan = read(built, f"{ISSUE}materials-plan/")
    chips = re.search(r'<ul class="chips".*?</ul>', plan, re.DOTALL).group(0)
    assert "/bodies/miit/" in chips and "/bodies/sasac/" in chips
    ships = read(built, f"{LATER}more-ships/")
    assert "/bodies/miit/" in ships  # article-level issuing_bodies


def test_tag_page_lists_articles_and_news_newest_first(built: Path) -> None:
    html = read(built, "bodies/miit/")
    assert "Ministry of Industry and Information Technology" in html
    assert '<p class="name-zh" lang="zh-Hans">工业和信息化部</p>' in html
    dates = re.findall(r'<time datetime="([\d-]+)">', html)
    assert dates == sorted(dates, reverse=True)
    assert html.index("More ships") < html.index("Basic industrial materials")
    assert f'href="/{ISSUE}#noteworthy-policy-2"' in html
    assert f'href="/{ISSUE}#top-1"' in html


def test_sector_tag_page_and_index_counts(built: Path) -> None:
    html = read(built, "sectors/artificial-intelligence/")
    assert "AI captain: China tests autonomous ships" in html
    assert "Shanghai regulates AI" in html
    index = read(built, "sectors/")
    assert re.search(r"Artificial intelligence</a>\s*<span class=\"count\">2 articles", index)
    assert re.search(r"Basic materials</a>\s*<span class=\"count\">1 article, 1 news item", index)
    bodies = read(built, "bodies/")
    assert "Ministry of Transport" in bodies


def test_home_shows_latest_issue_and_archive_groups_years(built: Path) -> None:
    home = read(built, "")
    assert home.index("AI rules + shipping") < home.index("Earlier issues")
    assert "Basic materials + autonomous shipping" in home
    archive = read(built, "archive/")
    assert archive.index(">2023</h2>") < archive.index(">2022</h2>")


def test_two_builds_are_byte_identical(content: Path, tmp_path: Path) -> None:
    build(content, tmp_path / "one")
    build(content, tmp_path / "two")
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_failed_build_leaves_previous_site_untouched(content: Path, built: Path) -> None:
    before = snapshot(built)
    write(content / "issues" / "2023-07-20-ai-rules" / "03-bad.md", "---\ntitle: [\n---\n")
    with pytest.raises(BuildFailed):
        build(content, built)
    assert snapshot(built) == before
    assert not list(built.parent.glob(".site.tmp-*"))


def test_rebuild_replaces_the_site_and_drops_deleted_pages(content: Path, built: Path) -> None:
    (content / "issues" / "2023-07-20-ai-rules" / "02-more-ships.md").unlink()
    build(content, built)
    assert not (built / LATER / "more-ships").exists()
    assert (built / LATER / "shanghai-ai" / "index.html").is_file()


def test_refuses_a_non_empty_folder_it_did_not_create(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "precious"
    write(out / "thesis.txt", "years of work")
    with pytest.raises(UsageError, match="not empty and briefing did not create it"):
        build(content, out)
    assert (out / "thesis.txt").read_text() == "years of work"


def test_refuses_to_write_into_the_content_folder(content: Path) -> None:
    with pytest.raises(UsageError, match="overlaps"):
        build(content, content / "site")


def test_drafts_are_left_out_unless_asked_for(content: Path, tmp_path: Path) -> None:
    write(
        content / "issues" / "2023-07-20-ai-rules" / "03-draft.md",
        "---\ntitle: Not yet\nsectors: [ai]\ndraft: true\n---\nSoon.\n",
    )
    build(content, tmp_path / "public")
    assert not (tmp_path / "public" / LATER / "draft").exists()
    build(content, tmp_path / "preview", drafts=True)
    assert "Not yet" in read(tmp_path / "preview", LATER)


def test_cjk_file_names_get_ascii_slugs(content: Path, tmp_path: Path) -> None:
    folder = content / "issues" / "2024-01-05-人工智能"
    write(folder / "index.md", "---\ntitle: 人工智能 + 机器人\ndate: 2024-01-05\n---\n")
    write(
        folder / "01-机器人.md",
        "---\ntitle: 人形机器人：指导意见\nsectors: [AI]\n---\n**要点：** 中文正文。\n",
    )
    out = tmp_path / "site"
    build(content, out)
    issue = read(out, "issues/2024-01-05-ren-gong-zhi-neng/")
    assert "人工智能 + 机器人" in issue
    assert "中文正文" in read(out, "issues/2024-01-05-ren-gong-zhi-neng/ji-qi-ren/")
    assert broken_links(out, "/") == []


def test_pages_are_valid_enough_to_parse(built: Path) -> None:
    for page in built.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert html.startswith("<!doctype html>")
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), f"duplicate id in {page}"
        assert page_links(html).urls
