"""The publication around the text: brand and masthead, issue numbers, images resized at
build time, scrolling tables, folded chips, and the PDF edition of every issue."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE, read, snapshot, write
from PIL import Image as PillowImage

import briefing.render.images as images
from briefing import build, load_site
from briefing.read.brand import DARK_BACKGROUND, LIGHT_BACKGROUND, contrast, towards
from briefing.read.images import read_picture
from briefing.read.schema import FieldError
from briefing.render.fragments import scroll_tables

pypdf = pytest.importorskip("pypdf", reason="pypdf is a test extra (pip install -e '.[test]')")

LATEST = "issues/2023-11-30-humanoid-robots-driverless-pilots-computing-power/"
FIRST = "issues/2022-09-29-basic-materials-sme-clusters-autonomous-shipping/"
MINIMAL_ISSUE = "issues/2022-09-29-materials-shipping/"


def test_the_dark_accent_is_a_tint_with_text_contrast_on_both_backgrounds() -> None:
    for accent in ("#a3122a", "#1a5e8a", "#00664f", "#5b2a86"):
        dark = towards(accent, "#ffffff", DARK_BACKGROUND)
        assert contrast(accent, LIGHT_BACKGROUND) >= 4.5
        assert contrast(dark, DARK_BACKGROUND) >= 4.5
        assert dark != accent


def test_the_masthead_and_footer_carry_the_brand(sample: Path) -> None:
    html = read(sample, LATEST)
    logo = re.search(r'<img class="logo" src="(/brand/logo\.[0-9a-f]{8}\.svg)" width="48"', html)
    assert logo and (sample / logo.group(1).lstrip("/")).is_file()
    assert '<span class="masthead-publisher">Institute for Chinese Industrial Policy</span>' in html
    assert "Friedrichstraße 100, 10117 Berlin, Germany" in html
    footer = html[html.index('<div class="footer-note">') :]
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in footer
    assert 'href="/about/"' in footer
    # The accent from site.yaml, and its dark tint, override the stylesheet's.
    assert "<style>:root{--accent:#a3122a}@media (prefers-color-scheme: dark)" in html


def test_structured_data_names_the_publishers_logo(sample: Path) -> None:
    html = read(sample, f"{LATEST}humanoid-robots/")
    data = json.loads(re.search(r'application/ld\+json">\n(.*?)\n</script>', html, re.S)[1])
    (article,) = [node for node in data["@graph"] if node["@type"] == "NewsArticle"]
    logo = article["publisher"]["logo"]
    assert re.fullmatch(r"https://briefing\.example\.org/brand/logo\.[0-9a-f]{8}\.svg", logo)


def test_issues_are_numbered_from_the_oldest(sample: Path) -> None:
    assert "Briefs · China Industries · No. 1</p>" in read(sample, FIRST)
    assert "Briefs · China Industries · No. 3</p>" in read(sample, LATEST)
    assert '<span class="issue-no">No. 2</span>' in read(sample, "archive/")


def test_a_number_in_the_front_matter_restarts_the_count(content: Path, tmp_path: Path) -> None:
    index = content / MINIMAL_ISSUE / "index.md"
    index.write_text(
        index.read_text().replace("date: 2022-09-29\n", "date: 2022-09-29\nnumber: 41\n")
    )
    site, _ = load_site(content)
    assert [issue.number for issue in site.issues] == [42, 41]


def test_an_older_issue_renumbers_the_pages_after_it(content: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache=cache)
    assert "No. 2</p>" in read(out, "issues/2023-07-20-ai-rules/")
    older = content / "issues" / "2021-01-05-first" / "index.md"
    write(older, "---\ntitle: The first one\ndate: 2021-01-05\n---\nHello.\n")
    build(content, out, cache=cache)
    assert "No. 3</p>" in read(out, "issues/2023-07-20-ai-rules/")
    build(content, tmp_path / "clean")
    assert snapshot(out) == snapshot(tmp_path / "clean")


def test_the_hero_is_served_in_several_widths_with_its_size(sample: Path) -> None:
    html = read(sample, LATEST)
    hero = html[html.index('<figure class="hero">') : html.index("</figure>")]
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="[^"]+">', hero)
    assert webp
    widths = [int(w) for w in re.findall(r" (\d+)w", webp.group(1))]
    assert widths == [480, 600, 800, 1200, 1600]
    assert 'width="1600" height="900" decoding="async"' in hero and 'loading="lazy"' not in hero
    assert re.search(r'<img src="[^"]+-1600\.jpg" srcset="[^"]+480w', hero)
    assert "Illustration: China Industries Briefing</span>" in hero
    for url in re.findall(r"(/issues/[^ ,\"]+\.(?:webp|jpg))", hero):
        with PillowImage.open(sample / url.lstrip("/")) as image:
            width = int(re.search(r"-(\d+)\.", url).group(1))
            assert image.size == (width, round(900 * width / 1600))
            assert not image.getexif() and "icc_profile" not in image.info


def test_an_svg_hero_keeps_its_size_and_is_not_resized(sample: Path) -> None:
    html = read(sample, FIRST)
    assert '<img class="" src="/issues/' not in html
    assert re.search(
        r'<img src="/issues/[^"]+/cover\.svg" alt="[^"]+" width="1200" height="600"', html
    )
    assert not list((sample / FIRST).glob("cover.*-*.webp"))


def test_the_email_shows_the_600_px_raster_image(sample: Path) -> None:
    html = (sample / LATEST / "email.html").read_text(encoding="utf-8")
    assert re.search(r'<img[^>]+src="https://briefing\.example\.org/issues/[^"]+-600\.jpg"', html)
    assert "Institute for Chinese Industrial Policy · Friedrichstraße 100" in html
    assert f'href="https://briefing.example.org/{LATEST}{LATEST.split("/")[1]}.pdf"' in html


def test_resized_images_come_from_the_cache_on_a_fresh_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    cache = tmp_path / "cache"
    build(content, tmp_path / "one", cache=cache, search=False)
    # The issue's photo in five widths and an author's photo in four, each in two formats.
    assert len(list((cache / "images").glob("*"))) == 10 + 8

    def refuse(*args: object) -> bytes:
        raise AssertionError("resized again")

    monkeypatch.setattr(images, "encode", refuse)
    build(content, tmp_path / "two", cache=cache, search=False)
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_article_images_are_lazy_on_the_issue_page(content: Path, tmp_path: Path) -> None:
    folder = content / MINIMAL_ISSUE
    PillowImage.new("RGB", (900, 600), "#336699").save(folder / "plan.png")
    article = folder / "01-materials-plan.md"
    text = article.read_text()
    text = text.replace(
        "\n---\n", "\nimage: {src: plan.png, alt: The plan, credit: 'Photo: A'}\n---\n", 1
    )
    article.write_text(text)
    build(content, tmp_path / "site")
    issue = read(tmp_path / "site", MINIMAL_ISSUE)
    assert re.search(
        r'<img src="[^"]+plan\.[0-9a-f]{8}-900\.png" srcset="[^"]+"[^>]+loading="lazy"', issue
    )
    page = read(tmp_path / "site", f"{MINIMAL_ISSUE}materials-plan/")
    assert 'loading="lazy"' not in page and "plan.png" not in page.split("<main")[1]
    assert (tmp_path / "site" / MINIMAL_ISSUE).glob("plan.*-480.webp")


def test_image_files_that_cannot_be_shown_say_why(tmp_path: Path) -> None:
    svg = write(tmp_path / "x.svg", "<html>not svg</html>")
    with pytest.raises(FieldError, match="not an SVG image: no <svg> element at its start"):
        read_picture(svg, "/x.svg")
    big = tmp_path / "big.png"
    PillowImage.new("1", (8000, 7000)).save(big)
    with pytest.raises(FieldError, match=r"'big\.png' has too many pixels: resize it below 50"):
        read_picture(big, "/big.png")
    sized = write(tmp_path / "s.svg", '<svg viewBox="0 0 300 150" width="100%">')
    assert (read_picture(sized, "/s.svg").width, read_picture(sized, "/s.svg").height) == (300, 150)


def test_tables_scroll_in_a_labelled_box() -> None:
    html = "<p>x</p><table><thead><tr><th>Area</th><th>Target &amp; year</th></tr></thead></table>"
    assert scroll_tables(html) == (
        '<p>x</p><div class="table-scroll" role="region" tabindex="0" '
        'aria-label="Table: Area, Target &amp; year"><table><thead><tr><th>Area</th>'
        "<th>Target &amp; year</th></tr></thead></table></div>"
    )


def test_many_chips_fold_into_more(sample: Path) -> None:
    html = read(sample, f"{LATEST}computing-power/")
    chips = html[html.index('<ul class="chips">') :]
    assert chips.index("<summary>") < chips.index("</header>")
    assert re.search(r"<summary><span aria-hidden=\"true\">\+</span>6 more", chips)
    shown = chips[: chips.index('<li class="chip-more">')]
    assert shown.count('<li class="chip ') == 4


def test_the_pdf_edition_holds_the_issue(sample: Path) -> None:
    site, _ = load_site(SAMPLE)
    for issue in site.issues:
        pdf = pypdf.PdfReader(io.BytesIO((sample / issue.pdf).read_bytes()))
        text = [page.extract_text() for page in pdf.pages]
        whole = re.sub(r"- ", "-", " ".join(" ".join(page.split()) for page in text))
        assert issue.title in " ".join(text[0].split())
        for article in issue.articles:
            assert " ".join(article.headline.split()) in whole
        chinese = [d.title_zh for a in issue.articles for d in a.documents if d.title_zh]
        assert chinese and any(title[:8] in whole.replace(" ", "") for title in chinese)
        # A cover, then each Top item starting on a page of its own.
        # Text extraction keeps a line break after a hyphen ("build- out").
        flat = [re.sub(r"- ", "-", " ".join(page.split())) for page in text]
        starts = [
            next(n for n, page in enumerate(flat) if n and " ".join(a.headline.split()) in page)
            for a in issue.articles
        ]
        assert starts == sorted(set(starts)) and len(pdf.pages) >= 1 + len(issue.articles)
        assert f"{issue.title}" in text[1] and re.search(r"2 / \d+", text[1])
        # Links kept: out to the web, and from the contents to each item's page.
        annotations = [a.get_object() for p in pdf.pages for a in p.get("/Annots", [])]
        uris = [str(a["/A"].get("/URI")) for a in annotations if "/A" in a]
        assert any(uri.startswith("https://www.") for uri in uris)
        assert {f"top-{n}" for n in range(1, len(issue.articles) + 1)} <= {
            str(a.get("/Dest")) for a in annotations
        }
        # The Chinese font is embedded (subset), not left to the reader's machine.
        fonts = [f.get_object() for p in pdf.pages for f in p["/Resources"]["/Font"].values()]
        cjk = [f for f in fonts if "CJK" in str(f["/BaseFont"])]
        assert cjk and all(
            "/FontFile" in str(f["/DescendantFonts"][0]["/FontDescriptor"].keys())
            or any(k.startswith("/FontFile") for k in f["/DescendantFonts"][0]["/FontDescriptor"])
            for f in cjk
        )


def test_the_issue_page_links_its_pdf(sample: Path) -> None:
    html = read(sample, LATEST)
    assert f'href="/{LATEST}{LATEST.split("/")[1]}.pdf" download>PDF edition' in html
    assert html.count('class="back-to-toc"') == 5


def test_a_pdf_is_made_again_only_when_its_issue_changes(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefing.render.issue_routes as routes

    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache=cache)
    made: list[str] = []
    real = routes.issue_pdf
    monkeypatch.setattr(routes, "issue_pdf", lambda html, *a: made.append(html) or real(html, *a))
    article = content / "issues" / "2023-07-20-ai-rules" / "01-shanghai-ai.md"
    article.write_text(article.read_text().replace("A provincial-level first.", "A first."))
    build(content, out, cache=cache)
    assert len(made) == 1 and "AI rules + shipping" in made[0]
