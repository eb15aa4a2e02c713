"""Reader-site features on the minimal site: pages, tag pages, feeds, structured data."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import feedparser
import pytest
from conftest import broken_links, page_links, read, write

from briefing import BuildFailed, build
from briefing.assemble.activity import activity, months_between
from briefing.model import Entry, Month
from briefing.render.formats.chart import chart_svg
from briefing.render.fragments import prefix_ids
from briefing.render.paginate import paginate

ISSUE = "issues/2022-09-29-materials-shipping/"
ARTICLE = f"{ISSUE}materials-plan/"
ATTACK = "</script><script>alert(1)</script>"


def build_fast(content: Path, out: Path) -> Path:
    """Build without the search index, which these tests do not need."""
    build(content, out, search=False)
    return out


def test_about_page_is_built_from_content_pages(content: Path, tmp_path: Path) -> None:
    write(content / "pages" / "about.md", "---\ntitle: About us\nsummary: Who we are.\n---\nHi.")
    out = build_fast(content, tmp_path / "site")
    html = read(out, "about/")
    assert "<h1>About us</h1>" in html
    assert '<meta name="description" content="Who we are.">' in html
    assert '<a href="/about/">About us</a>' in read(out, "")


def test_page_front_matter_is_a_closed_schema(content: Path, tmp_path: Path) -> None:
    write(content / "pages" / "about.md", "---\ntitel: About\n---\nHi.")
    with pytest.raises(BuildFailed) as failure:
        build_fast(content, tmp_path / "site")
    messages = [str(p) for p in failure.value.problems]
    assert any("about.md:2: unknown key 'titel': did you mean 'title'?" in m for m in messages)
    assert any("the page front matter is missing the required key 'title'" in m for m in messages)


def test_page_that_collides_with_a_site_page_is_an_error(content: Path, tmp_path: Path) -> None:
    write(content / "pages" / "archive.md", "---\ntitle: Archive\n---\nHi.")
    with pytest.raises(BuildFailed) as failure:
        build_fast(content, tmp_path / "site")
    assert "writes /archive/index.html, which archive page writes too" in str(failure.value)


def test_issue_page_shows_full_items_with_unique_ids(built: Path) -> None:
    html = read(built, ISSUE)
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert '<h4 id="top-1-中文-标题">' in html  # an h2 in the article, under the item's h3
    assert 'class="toc"' in html and '<a href="#top-2">' in html
    assert 'href="/issues/2022-09-29-materials-shipping/#noteworthy-policy-2"' in html
    assert 'aria-label="Permalink to Top 1"' in html
    assert broken_links(built, "/") == []


def test_prefix_ids_rewrites_ids_and_in_page_links_only() -> None:
    html = '<sup id="fnref:1"><a href="#fn:1">1</a></sup><a href="/x/#y">x</a>'
    assert prefix_ids(html, "top-2") == (
        '<sup id="top-2-fnref:1"><a href="#top-2-fn:1">1</a></sup><a href="/x/#y">x</a>'
    )


def test_article_lists_other_articles_on_the_same_bodies(built: Path) -> None:
    html = read(built, ARTICLE)
    also = html[html.index('id="also-title"') :]
    # "More ships" names MIIT too; the other articles share no document and no body.
    assert page_links(also).urls[0] == "/issues/2023-07-20-ai-rules/more-ships/"
    assert "ai-captain" not in also and "shanghai-ai" not in also


def test_also_covered_puts_a_shared_document_first(content: Path, tmp_path: Path) -> None:
    later = content / "issues" / "2023-07-20-ai-rules"
    write(
        later / "03-follow-up.md",
        "---\ntitle: The materials plan, one year on\nsectors: [shipping]\n"
        "documents:\n  - title: Implementation Plan on Basic Industrial Materials\n"
        "    url: https://www.miit.gov.cn/plan.html\n---\nStill going.\n",
    )
    out = build_fast(content, tmp_path / "site")
    html = read(out, ARTICLE)
    also = html[html.index('id="also-title"') :]
    assert also.index("The materials plan, one year on") >= 0
    assert page_links(also).urls[0] == "/issues/2023-07-20-ai-rules/follow-up/"


def test_tag_page_has_names_chart_feeds_and_related_terms(built: Path) -> None:
    html = read(built, "bodies/miit/")
    assert "Ministry of Industry and Information Technology" in html
    assert '<p class="name-zh" lang="zh-Hans">工业和信息化部</p>' in html
    assert '<svg class="chart"' in html and "<title id=" in html and "<desc id=" in html
    assert 'href="/bodies/miit/feed.xml"' in html and 'href="/bodies/miit/feed.json"' in html
    related = html[html.index('id="related-title"') :]
    assert 'href="/sectors/basic-materials/"' in related


def test_chart_describes_every_active_month() -> None:
    months = months_between(dt.date(2022, 11, 5), dt.date(2023, 2, 1))
    assert months == [(2022, 11), (2022, 12), (2023, 1), (2023, 2)]
    entries = tuple(Entry(dt.date(2023, 1, d), None) for d in (3, 9))  # type: ignore[arg-type]
    counted = activity(entries, dt.date(2022, 11, 5), dt.date(2023, 2, 1))
    assert [m.count for m in counted] == [0, 0, 2, 0]
    svg = chart_svg(counted, "MIIT & co", "c")
    # A hover target for every month, a bar for each month with entries.
    assert svg.count('class="hit"') == 4 and svg.count('class="bar"') == 1
    assert '<svg class="chart" width="100%" height="160" aria-labelledby="c-title c-desc"' in svg
    assert '<g class="months" role="list" aria-label="Month by month">' in svg
    assert "MIIT &amp; co: articles and news items per month" in svg
    assert '<desc id="c-desc">2 entries from November 2022 to February 2023; the most in ' in svg
    # Each bar is named for screen readers and has a tooltip: month and count.
    assert '<g class="slot" role="listitem" aria-label="January 2023: 2 entries">' in svg
    assert "<title>January 2023: 2 entries</title>" in svg
    assert "<title>December 2022: 0 entries</title>" in svg
    # Month ticks, and the year under January and under the first month.
    assert [m in svg for m in (">Nov<", ">Dec<", ">Jan<", ">Feb<")] == [True] * 4
    assert ">2022<" in svg and ">2023<" in svg
    # Text is never scaled with the chart: bars are placed in percentages, no viewBox.
    assert "viewBox" not in svg and 'x="50.000%"' in svg


def test_chart_labels_fewer_months_where_there_is_no_room() -> None:
    months = tuple(Month(2020 + i // 12, i % 12 + 1, i % 3) for i in range(60))
    svg = chart_svg(months, "CAC", "c")
    assert svg.count('role="listitem"') == 60
    # Five years: a label each January on a phone, each January and July where wide.
    assert svg.count('class="month"') == 5 and svg.count(">Jan<") == 5
    assert svg.count('class="month wide"') == 5 and svg.count(">Jul<") == 5
    assert ">Feb<" not in svg and 'class="value' not in svg


def test_paginate_gives_stable_page_paths() -> None:
    pages = paginate(list(range(61)), "bodies/miit/")
    assert [p.path for p in pages] == ["bodies/miit/", "bodies/miit/page/2/", "bodies/miit/page/3/"]
    assert [len(p.items) for p in pages] == [30, 30, 1]
    assert pages[0].previous is None and pages[0].next == "bodies/miit/page/2/"
    assert pages[2].previous == "bodies/miit/page/2/" and pages[2].next is None
    assert len(paginate([], "x/")) == 1


def test_long_tag_pages_are_paginated(content: Path, tmp_path: Path) -> None:
    items = "".join(
        f"  - section: Policy news\n    date: 2023-07-{day:02d}\n    text: Notice {day}.\n"
        f"    source: {{title: N{day}, url: 'https://example.com/{day}'}}\n"
        "    issuing_bodies: [miit]\n"
        for day in range(1, 31)
    )
    index = content / "issues" / "2023-07-20-ai-rules" / "index.md"
    index.write_text(index.read_text().replace("---\n", f"---\nnoteworthy:\n{items}", 2)[4:])
    index.write_text("---\n" + index.read_text())
    out = build_fast(content, tmp_path / "site")
    first, second = read(out, "bodies/miit/"), read(out, "bodies/miit/page/2/")
    assert "page 1 of 2" in first and 'rel="next" href="/bodies/miit/page/2/"' in first
    assert "page 2 of 2" in second and 'rel="prev" href="/bodies/miit/"' in second
    assert len(re.findall(r'<li class="entry">', first)) == 30
    assert broken_links(out, "/") == []


def test_feeds_parse_and_carry_absolute_full_content(built: Path) -> None:
    site = feedparser.parse((built / "feed.xml").read_bytes())
    assert not site.bozo, site.get("bozo_exception")
    assert [e.link for e in site.entries] == [
        "https://example.org/issues/2023-07-20-ai-rules/",
        f"https://example.org/{ISSUE}",
    ]
    content = site.entries[1].content[0].value
    assert 'href="https://example.org/issues/2022-09-29-materials-shipping/ai-captain/"' in content
    assert "Graphene and superconductors" in content
    body = feedparser.parse((built / "bodies/miit/feed.xml").read_bytes())
    assert not body.bozo
    assert {e.link for e in body.entries} >= {
        f"https://example.org/{ARTICLE}",
        f"https://example.org/{ISSUE}#noteworthy-policy-2",
    }
    # The feed is as new as its newest entry, not as the build.
    assert body.feed.updated == "2023-07-20T00:00:00Z"


def test_json_feeds_have_the_required_fields(built: Path) -> None:
    # feedparser 6 reads no JSON Feed, so the spec's required fields are checked here.
    for path in [built / "feed.json", *built.glob("*/*/feed.json")]:
        feed = json.loads(path.read_text(encoding="utf-8"))
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        assert feed["title"] and feed["feed_url"].endswith(path.relative_to(built).as_posix())
        for item in feed["items"]:
            assert item["id"] and (item.get("content_html") or item.get("content_text"))
            assert item["url"].startswith("https://example.org/")
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", item["date_published"])


def test_json_ld_cannot_be_closed_by_a_title(content: Path, tmp_path: Path) -> None:
    article = content / "issues" / "2022-09-29-materials-shipping" / "01-materials-plan.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Basic industrial materials get an upgrade plan", ATTACK))
    out = build_fast(content, tmp_path / "site")
    html = read(out, ARTICLE)
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    assert "<script>alert" not in html
    data, crumbs = json.loads(scripts[0])["@graph"]
    assert data["@type"] == "NewsArticle" and data["headline"] == ATTACK
    assert crumbs["itemListElement"][-1]["name"] == ATTACK
    assert data["about"][0]["@type"] == "Legislation"
    assert data["about"][0]["alternateName"]["@value"] == "原材料工业“三品”实施方案"


def test_meta_for_link_previews(built: Path) -> None:
    html = read(built, ISSUE)
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:image" content="https://example.org/' + ISSUE + 'cover.svg">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<meta property="og:url" content="https://example.org/{ISSUE}">' in html


def test_sitemap_and_robots(built: Path) -> None:
    sitemap = (built / "sitemap.xml").read_text()
    assert f"<loc>https://example.org/{ARTICLE}</loc>" in sitemap
    assert "<loc>https://example.org/bodies/miit/</loc>" in sitemap
    assert "404" not in sitemap
    assert "Sitemap: https://example.org/sitemap.xml" in (built / "robots.txt").read_text()


def test_assets_carry_a_content_hash(built: Path) -> None:
    names = sorted(p.name for p in (built / "static").iterdir())
    assert len(names) == 4
    hashed = re.compile(r"(style|search|documents|favicon)\.[0-9a-f]{8}\.(css|js|svg)")
    assert all(hashed.fullmatch(name) for name in names)
    css = next((built / "static").glob("style.*.css"))
    assert f'href="/static/{css.name}"' in read(built, "")


def test_search_index_is_built_before_the_swap(built: Path) -> None:
    assert (built / "pagefind" / "pagefind.js").is_file()
    html = read(built, "search/")
    assert "needs JavaScript" in html and 'href="/archive/"' in html


def test_no_search_skips_the_index(content: Path, tmp_path: Path) -> None:
    out = build_fast(content, tmp_path / "site")
    assert not (out / "pagefind").exists()


def test_an_incremental_build_indexes_the_updated_site(content: Path, tmp_path: Path) -> None:
    cache, out = tmp_path / "cache", tmp_path / "site"
    build(content, out, cache=cache, search=False)
    assert not (out / "pagefind").exists()
    # Search on is a different input, so this build updates the site file by file.
    build(content, out, cache=cache)
    assert (out / "pagefind" / "pagefind.js").is_file()
