"""Markdown conversion: link rewriting, inline text and word counts."""

from __future__ import annotations

from briefing.markdown import Converter, count_words, is_safe_url, site_url
from briefing.slugs import article_slug, slug


def test_site_urls() -> None:
    assert site_url("/sectors/ai/", "/briefing/", "issues/x/") == "/briefing/sectors/ai/"
    assert site_url("chart.png", "/briefing/", "issues/x/") == "/briefing/issues/x/chart.png"
    for untouched in ("https://e.org/a", "mailto:a@b.c", "#top-1", "//cdn.example/x"):
        assert site_url(untouched, "/briefing/", "issues/x/") == untouched


def test_links_and_images_in_markdown_are_rewritten() -> None:
    html = Converter("/b/").convert("[a](/x/) ![c](c.png)", folder="issues/i/").html
    assert '<a href="/b/x/">a</a>' in html
    assert 'src="/b/issues/i/c.png"' in html


def test_converter_is_reset_between_documents() -> None:
    markup = Converter("/")
    first = markup.convert("Text[^1]\n\n[^1]: One.", folder="").html
    second = markup.convert("Plain.", folder="").html
    assert "footnote" in first and "footnote" not in second


def test_inline_drops_the_paragraph() -> None:
    assert Converter("/").inline("A *b*", folder="").html == "A <em>b</em>"


def test_raw_html_is_sanitized_unless_trusted() -> None:
    text = 'Hi <script>alert(1)</script><img src="x.png" onerror="alert(2)">\n\n<iframe src="https://e.org"></iframe>'
    safe = Converter("/").convert(text, folder="").html
    assert "script" not in safe and "onerror" not in safe and "iframe" not in safe
    # What Markdown always writes, raw HTML gets too: an <img> without alt is invalid HTML.
    assert '<img src="x.png" alt="">' in safe
    described = Converter("/").convert('<img alt="Steel" src="y.png">', folder="").html
    assert described.count("alt=") == 1 and 'alt="Steel"' in described
    trusted = Converter("/", trust_html=True).convert(text, folder="").html
    assert "<script>alert(1)</script>" in trusted


def test_unsafe_link_schemes_are_refused_and_removed() -> None:
    converted = Converter("/").convert(
        "[a](javascript:alert(1)) [b](jAvAsCrIpT:x) ![c](data:image/png;base64,AAA) "
        "[ok](https://e.org) [mail](mailto:a@b.org)",
        folder="",
    )
    assert converted.refused == (
        "javascript:alert(1)",
        "jAvAsCrIpT:x",
        "data:image/png;base64,AAA",
    )
    assert "javascript" not in converted.html.lower() and "data:" not in converted.html
    assert 'href="https://e.org"' in converted.html and 'href="mailto:a@b.org"' in converted.html


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


def test_control_characters_cannot_hide_a_scheme() -> None:
    for url in ("java\tscript:x", " javascript:x", "java\nscript:x", "\x01data:text/html,x"):
        assert not is_safe_url(url), repr(url)
    for url in ("/a", "a.png", "#x", "https://e.org", "MAILTO:a@b.c"):
        assert is_safe_url(url), url


def glossary_markup() -> Converter:
    from pathlib import Path

    from briefing.read.taxonomy import BODIES, load_vocabulary

    bodies, _ = load_vocabulary(Path(__file__).parent / "sites" / "minimal" / "content", BODIES)
    return Converter("/b/", glossary=bodies.terms)


def test_glossary_links_the_first_mention_of_each_body_only() -> None:
    html = (
        glossary_markup()
        .convert(
            "The MIIT and the Ministry of Transport met; MIIT spoke, then 交通运输部.\n\n"
            "Ministry of Industry and Information Technology again.",
            folder="",
            glossary=True,
        )
        .html
    )
    assert html.count("<a ") == 2
    assert (
        '<a class="glossary" href="/b/bodies/miit/"><abbr title="Ministry of Industry and '
        'Information Technology">MIIT</abbr></a>'
    ) in html
    assert '<a class="glossary" href="/b/bodies/mot/">Ministry of Transport</a>' in html


def test_glossary_leaves_links_code_headings_and_partial_words_alone() -> None:
    html = (
        glossary_markup()
        .convert(
            "# MIIT\n\n[MIIT](https://e.org) `MIIT` MIITS and SASAC-like, then 工业和信息化部.",
            folder="",
            glossary=True,
        )
        .html
    )
    assert html.count('class="glossary"') == 1
    assert '<a class="glossary" href="/b/bodies/miit/"><abbr' in html
    assert "工业和信息化部</abbr></a>" in html


def test_glossary_is_off_unless_asked_for() -> None:
    assert "glossary" not in glossary_markup().convert("The MIIT.", folder="").html
