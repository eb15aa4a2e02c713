"""The newsletter email of each issue: inlined HTML, readable text, and a valid MIME message."""

from __future__ import annotations

import email
import json
import re
from email import policy
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import write

from briefing import load_site
from briefing.pipeline import BUNDLED_TEMPLATES
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
    entry = json.loads((sample / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    site, _ = load_site(CONTENT)
    records = [r for r in search_records(site) if not r.bundle]
    assert entry["languages"]["en"]["page_count"] == len(records)
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
