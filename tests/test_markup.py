"""Markdown conversion: link rewriting, inline text and word counts."""

from __future__ import annotations

from briefing.markup import Markup, count_words, site_url
from briefing.slugs import article_slug, slug


def test_site_urls() -> None:
    assert site_url("/sectors/ai/", "/briefing/", "issues/x/") == "/briefing/sectors/ai/"
    assert site_url("chart.png", "/briefing/", "issues/x/") == "/briefing/issues/x/chart.png"
    for untouched in ("https://e.org/a", "mailto:a@b.c", "#top-1", "//cdn.example/x"):
        assert site_url(untouched, "/briefing/", "issues/x/") == untouched


def test_links_and_images_in_markdown_are_rewritten() -> None:
    html = Markup("/b/").convert("[a](/x/) ![c](c.png)", folder="issues/i/")
    assert '<a href="/b/x/">a</a>' in html
    assert 'src="/b/issues/i/c.png"' in html


def test_converter_is_reset_between_documents() -> None:
    markup = Markup("/")
    first = markup.convert("Text[^1]\n\n[^1]: One.", folder="")
    second = markup.convert("Plain.", folder="")
    assert "footnote" in first and "footnote" not in second


def test_inline_drops_the_paragraph() -> None:
    assert Markup("/").inline("A *b*", folder="") == "A <em>b</em>"


def test_word_count_counts_chinese_characters_as_half_words() -> None:
    assert count_words("Four agencies led by MIIT") == 5
    assert count_words("中国制造") == 2


def test_slugs_are_ascii() -> None:
    assert slug("Basic materials + SME clusters") == "basic-materials-sme-clusters"
    assert slug("人形机器人") == "ren-xing-ji-qi-ren"
    assert slug("★") == slug("★")
    assert slug("★").startswith("item-")
    assert article_slug("01-basic-materials-plan") == "basic-materials-plan"
    assert article_slug("2025") == "2025"
