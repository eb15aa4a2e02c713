"""The newsletter email of each issue: inlined HTML, readable text, and a valid MIME message."""

from __future__ import annotations

import datetime as dt
import email
import json
import re
from email import policy
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import write

from briefing import BuildFailed, load_site
from briefing.folders import BUNDLED_TEMPLATES
from briefing.release import Release
from briefing.render import environment, issue_email, search_records
from briefing.render.formats.plaintext import to_text, width

CONTENT = Path(__file__).parent.parent / "content"
GMAIL_CLIPS_AT = 102 * 1024


class Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[str] = []
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        self.urls += [v for k, v in attrs if k in ("href", "src") and v]
        if tag == "img":
            self.images.append(values)


def email_of(site, issue):
    """An issue's email, rendered with a fresh environment as a build makes one."""
    return issue_email(site.config, issue, environment(BUNDLED_TEMPLATES, site.config))


@pytest.fixture(scope="module")
def site():
    return load_site(CONTENT)[0]


@pytest.fixture(scope="module")
def emails(site):
    return [(issue, email_of(site, issue)) for issue in site.issues]


def test_html_is_inlined_absolute_and_small(emails) -> None:
    for _issue, mail in emails:
        html = mail.html.decode("utf-8")
        parsed = Attributes()
        parsed.feed(html)
        assert (
            "style" not in parsed.tags and "script" not in parsed.tags and "link" not in parsed.tags
        )
        assert parsed.urls
        for url in parsed.urls:
            assert re.match(r"(https?|mailto):", url), url
        assert all(image.get("alt") for image in parsed.images)
        assert len(mail.html) < GMAIL_CLIPS_AT
        assert 'style="display: none' in html  # the hidden preheader
        assert "View in your browser" in html
        assert 'role="presentation"' in html and 'width="600"' in html


def test_every_item_is_in_both_versions(emails) -> None:
    for issue, mail in emails:
        html, text = mail.html.decode(), mail.text.decode()
        for article in issue.articles:
            assert article.headline in html or article.headline.replace("'", "&#39;") in html
            assert " ".join(article.headline.split()[:4]) in " ".join(text.split())
        for section in issue.noteworthy:
            assert section.title in text
            for item in section.items:
                assert item.source_url in text and item.source_url in html
        for document in (d for a in issue.articles for d in a.documents if d.title_zh):
            assert document.title_zh in text.replace("\n", " ")  # never broken inside a word


def test_text_is_wrapped_at_72_columns_and_lists_links(emails) -> None:
    for _issue, mail in emails:
        text = mail.text.decode()
        body, _, links = text.partition("\nLinks\n-----\n")
        for line in body.splitlines():
            assert width(line) <= 72 or " " not in line.strip(), line
        assert re.match(r"\[1\] https://", links)
        assert "- " in body  # lists kept
        assert re.search(r"\n=+\n", body)  # the title underlined


def test_wide_characters_count_twice() -> None:
    text = to_text("<p>" + "中文 " * 30 + "</p>")
    assert max(width(line) for line in text.splitlines()) <= 72
    assert width("中文") == 4


def test_eml_round_trips_through_the_email_package(site, emails) -> None:
    issue, mail = emails[0]
    message = email.message_from_bytes(mail.eml, policy=policy.default)
    assert message.get_content_type() == "multipart/alternative"
    assert message["Subject"] == f"China Industries: {issue.title}"
    assert message["From"] == site.config.email.sender
    assert message["List-Unsubscribe"] == f"<{site.config.email.unsubscribe}>"
    assert message["Date"].datetime.date() == issue.date
    # SMTP line endings are CRLF; the parts decode to exactly our text and HTML.
    plain = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    rich = message.get_body(("html",)).get_content().replace("\r\n", "\n")
    assert plain == mail.text.decode() and rich == mail.html.decode()


def test_email_is_byte_identical_between_builds(site, emails) -> None:
    issue, mail = emails[0]
    assert email_of(site, issue) == mail


def test_every_build_writes_each_issue_email_beside_its_page(sample: Path) -> None:
    issues = sorted(p for p in (sample / "issues").iterdir() if p.is_dir())
    sitemap = (sample / "sitemap.xml").read_text(encoding="utf-8")
    for folder in issues:
        html = (folder / "email.html").read_text(encoding="utf-8")
        assert html.startswith("<!doctype html>\n")
        assert (folder / "email.txt").read_bytes()
        mail = email.message_from_bytes((folder / "email.eml").read_bytes(), policy=policy.default)
        assert mail["Subject"] and mail.get_content_type() == "multipart/alternative"
        page = (folder / "index.html").read_text(encoding="utf-8")
        assert f'href="/issues/{folder.name}/email.html"' in page
    assert "email" not in sitemap


def test_search_leaves_the_emails_out(sample: Path) -> None:
    index = sample / "pagefind"
    shards = json.loads((index / "shards.json").read_text(encoding="utf-8"))["merge"][""]
    folders = [index, *(index / shard for shard in shards[1:])]  # the first is pagefind/
    entries = [json.loads((f / "pagefind-entry.json").read_text("utf-8")) for f in folders]
    site, _ = load_site(CONTENT)
    records = [r for r in search_records(site) if not r.bundle]
    assert sum(entry["languages"]["en"]["page_count"] for entry in entries) == len(records)
    assert not any("email" in r.path for r in records)


def test_links_in_summaries_are_made_absolute_too(content: Path) -> None:
    write(
        content / "issues" / "2023-07-20-ai-rules" / "03-summary.md",
        "---\ntitle: T\nsectors: [ai]\nsummary: See [the plan](/issues/plan/).\n---\n"
        "See [the rules](/issues/rules/).\n",
    )
    site = load_site(content)[0]
    (issue,) = [issue for issue in site.issues if issue.slug == "2023-07-20-ai-rules"]
    html = email_of(site, issue).html.decode("utf-8")
    assert 'href="https://example.org/issues/plan/"' in html
    assert 'href="https://example.org/issues/rules/"' in html
    assert 'href="/' not in html


def eml_lines(eml: bytes) -> list[bytes]:
    return eml.split(b"\r\n")


def test_quoted_printable_lines_are_at_most_76_characters(emails, hostile: Path) -> None:
    # RFC 2045 6.7: encoded lines of quoted-printable are no longer than 76 characters.
    messages = [mail.eml for _issue, mail in emails]
    messages += [path.read_bytes() for path in hostile.glob("issues/*/email.eml")]
    for eml in messages:
        head, _, body = eml.partition(b"\r\n\r\n")
        assert b"quoted-printable" in body
        assert max(map(len, eml_lines(body))) <= 76
        # Headers stay whole (RFC 5322 allows 998) rather than folded by Python.
        assert max(map(len, eml_lines(head))) <= 998
        message = email.message_from_bytes(eml, policy=policy.default)
        assert "\n" not in message["Subject"]


def with_site_yaml(content: Path, text: str) -> Path:
    site_yaml = content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + text, encoding="utf-8")
    return content


def first_email(content: Path):
    site = load_site(content)[0]
    return site, email_of(site, site.issues[0])


def test_unsubscribe_by_mail_and_by_web_page_both_go_in_the_header(content: Path) -> None:
    with_site_yaml(
        content,
        "email:\n  unsubscribe:\n    - mailto:leave@example.org\n"
        "    - https://example.org/unsubscribe?list=briefing\n",
    )
    site, mail = first_email(content)
    message = email.message_from_bytes(mail.eml, policy=policy.default)
    assert message["List-Unsubscribe"] == (
        "<https://example.org/unsubscribe?list=briefing>, <mailto:leave@example.org>"
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"  # RFC 8058
    # The link readers see is the web page: it works in one click too.
    link = r'<a href="https://example\.org/unsubscribe\?list=briefing"[^>]*>Unsubscribe</a>'
    assert re.search(link, mail.html.decode())
    assert site.config.email.unsubscribe == "https://example.org/unsubscribe?list=briefing"


def test_unsubscribe_by_mail_only_has_no_one_click_header(content: Path) -> None:
    with_site_yaml(content, "email:\n  unsubscribe: mailto:leave@example.org\n")
    _site, mail = first_email(content)
    message = email.message_from_bytes(mail.eml, policy=policy.default)
    assert message["List-Unsubscribe"] == "<mailto:leave@example.org>"
    assert message["List-Unsubscribe-Post"] is None


def test_two_unsubscribe_addresses_of_one_kind_are_refused(content: Path) -> None:
    with_site_yaml(content, "email:\n  unsubscribe: [mailto:a@example.org, mailto:b@example.org]\n")
    with pytest.raises(BuildFailed) as failure:
        load_site(content)
    assert [f"{p.path.name}:{p.line}: {p.message}" for p in failure.value.problems] == [
        "site.yaml:7: unsubscribe: give one mailto: address, one https: address, or one of "
        "each, not 2 mailto: addresses"
    ]


def test_an_svg_image_is_left_out_of_the_email_and_its_caption_kept(emails) -> None:
    # Gmail and Outlook show no SVG: the reader would see a broken image.
    (issue, mail), *_ = [(i, m) for i, m in emails if i.image and i.image.src.endswith(".svg")]
    html = mail.html.decode()
    assert "<img" not in html and issue.image.caption in html
    assert issue.image.caption in mail.text.decode()


def test_a_raster_image_stays_in_the_email(content: Path) -> None:
    folder = content / "issues" / "2022-09-29-materials-shipping"
    from PIL import Image as Picture

    Picture.new("RGB", (1200, 600), "#336699").save(folder / "cover.png")
    index = folder / "index.md"
    index.write_text(index.read_text("utf-8").replace("cover.svg", "cover.png"), "utf-8")
    site = load_site(content)[0]
    (issue,) = [i for i in site.issues if i.image]
    parsed = Attributes()
    parsed.feed(email_of(site, issue).html.decode())
    (image,) = parsed.images
    # The 600 px raster file the build makes for the email.
    assert image["src"].startswith(f"https://example.org/issues/{issue.slug}/cover.")
    assert image["src"].endswith("-600.png")
    assert image["alt"] == "Stacked steel beams"


def test_the_email_starts_with_the_top_headlines_linked_to_the_web_issue(emails) -> None:
    for issue, mail in emails:
        parsed = Attributes()
        parsed.feed(mail.html.decode())
        html = mail.html.decode()
        assert ">In this issue</p>" in html
        anchors = [url for url in parsed.urls if "#top-" in url]
        web = f"https://briefing.example.org/{issue.path}"
        assert anchors == [f"{web}#{article.anchor}" for article in issue.articles]
        # ... before the first full text.
        assert html.index(">In this issue<") < html.index(issue.articles[0].summary_html[:20])


def test_a_draft_issue_email_says_so_in_subject_and_body(content: Path) -> None:
    index = content / "issues" / "2023-07-20-ai-rules" / "index.md"
    index.write_text(index.read_text("utf-8").replace("---\n", "---\ndraft: true\n", 1), "utf-8")
    now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    site = load_site(content, release=Release(now, drafts=True))[0]
    (issue,) = [i for i in site.issues if i.draft]
    mail = email_of(site, issue)
    message = email.message_from_bytes(mail.eml, policy=policy.default)
    assert message["Subject"] == f"[DRAFT] China Industries: {issue.title}"
    marker = 'DRAFT: this issue is not published until "draft: true" is removed.'
    assert marker in unescape(mail.html.decode())
    assert marker in mail.text.decode()
    published = next(i for i in site.issues if not i.draft)
    assert not email_of(site, published).subject.startswith("[DRAFT]")


def test_the_date_header_is_the_issue_day_at_six_utc_unless_publish_at_says(
    content: Path,
) -> None:
    _site, mail = first_email(content)
    message = email.message_from_bytes(mail.eml, policy=policy.default)
    assert message["Date"] == "Thu, 20 Jul 2023 06:00:00 +0000"
    index = content / "issues" / "2023-07-20-ai-rules" / "index.md"
    moment = "publish_at: 2023-07-20T08:30:00+02:00\n"
    index.write_text(index.read_text("utf-8").replace("---\n", "---\n" + moment, 1), "utf-8")
    _site, mail = first_email(content)
    message = email.message_from_bytes(mail.eml, policy=policy.default)
    assert message["Date"] == "Thu, 20 Jul 2023 08:30:00 +0200"
