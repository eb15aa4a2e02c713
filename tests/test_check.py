"""`check`: strict validation, internal links and anchors, editorial rules, external links."""

from __future__ import annotations

import datetime as dt
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import write

from briefing.check import check
from briefing.check.external import fetch
from briefing.cli import main

ROOT = Path(__file__).parent.parent
NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
LATER = Path("issues") / "2023-07-20-ai-rules"
ARTICLE = "---\ntitle: {title}\nsectors: [ai]\n{extra}---\n{body}\n"


def problems(content: Path) -> list[str]:
    """The check's problems as `path:line: message`, paths relative to the content folder."""
    return [str(p).replace(f"{content}/", "") for p in check(content, now=NOW).problems]


def article(content: Path, name: str, extra: str = "", body: str = "Text.", title: str = "T"):
    return write(content / LATER / name, ARTICLE.format(title=title, extra=extra, body=body))


def test_the_sample_content_passes(capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "Check passed: no problems in content."
    assert "note: " in out  # unused terms are listed, and do not fail the check


def test_minimal_site_passes(content: Path) -> None:
    assert problems(content) == []


def test_broken_internal_links_and_anchors_name_their_source(content: Path, capsys) -> None:
    path = article(
        content,
        "03-links.md",
        body="Intro.\n\n[a](/issues/nope/) [b](/issues/2023-07-20-ai-rules/#nope) [d](#gone)",
    )
    assert main(["check", "--content", str(content)]) == 1
    err = capsys.readouterr().err.splitlines()
    page = "/issues/2023-07-20-ai-rules/links/"
    # Each link is also on the issue page, which shows the article's full text.
    assert err == [
        f"{path}: broken link to #gone on {page}index.html (and 1 other page): "
        "no such anchor on this page",
        f"{path}: broken link to /issues/2023-07-20-ai-rules/#nope on {page}index.html "
        "(and 1 other page): no element with id 'nope' on that page",
        f"{path}: broken link to /issues/nope/ on {page}index.html (and 1 other page): "
        "no such page or file",
        "3 problems found; check failed.",
    ]


def test_a_broken_link_shown_on_many_pages_is_reported_once(content: Path) -> None:
    article(content, "03-summary.md", body="See [the plan](/issues/nope/).")  # also a summary
    assert problems(content) == [
        f"{LATER}/03-summary.md: broken link to /issues/nope/ on "
        "/issues/2023-07-20-ai-rules/summary/index.html (and 3 other pages): no such page or file"
    ]


def test_content_errors_are_listed_too(content: Path) -> None:
    article(content, "03-bad.md", extra="sector: [ai]\n")
    assert problems(content) == [
        f"{LATER}/03-bad.md:4: unknown key 'sector': did you mean 'sectors'?"
    ]


def test_a_chinese_title_without_chinese_characters(content: Path) -> None:
    article(content, "03-zh.md", extra="documents:\n  - title: Plan\n    title_zh: The Plan\n")
    assert problems(content) == [
        f"{LATER}/03-zh.md:6: title_zh 'The Plan' has no Chinese characters: write the "
        "document's Chinese title here, or remove the key"
    ]


@pytest.mark.parametrize(
    ("document", "same"),
    [
        ("title: Other\n    title_zh: 上海市促进人工智能产业发展条例\n", "Chinese title"),
        (
            "title: Shanghai Regulation on Promoting the AI Industry\n    date: 2022-09-22\n",
            "English title and date",
        ),
    ],
)
def test_one_document_under_two_ids_is_reported_at_both_places(
    content: Path, document: str, same: str
) -> None:
    article(content, "03-again.md", extra=f"documents:\n  - id: another-id\n    {document}")
    first = f"{LATER}/01-shanghai-ai.md"
    again = f"{LATER}/03-again.md"
    first_id = "shanghai-regulation-on-promoting-the-ai-industry-2022-09-22"
    advice = "give both the same id: to follow one document across articles, or correct"
    assert problems(content) == [
        f"{first}:5: document '{first_id}' looks like document 'another-id' at {again}:5 "
        f"(same {same}): {advice} the one that is wrong",
        f"{again}:5: document 'another-id' looks like document '{first_id}' at {first}:5 "
        f"(same {same}): {advice} the one that is wrong",
    ]


def test_one_id_in_two_articles_follows_a_document_and_passes(content: Path) -> None:
    article(
        content,
        "03-follow-up.md",
        extra="documents:\n  - id: shanghai-ai-rules\n"
        "    title: Shanghai AI rules\n    url: https://sh.gov.cn/ai.html\n",
    )
    article(
        content,
        "04-more.md",
        extra="documents:\n  - id: shanghai-ai-rules\n"
        "    title: Shanghai AI rules\n    url: https://sh.gov.cn/ai.html\n",
    )
    assert problems(content) == []


def test_the_same_page_url_counts_but_a_listing_page_does_not(content: Path) -> None:
    url = "https://www.miit.gov.cn/plan.html"
    article(content, "03-a.md", extra=f"documents:\n  - id: a\n    title: A\n    url: {url}\n")
    listing = "https://x.cn/list/"
    article(content, "04-b.md", extra=f"documents:\n  - id: b\n    title: B\n    url: {listing}\n")
    article(content, "05-c.md", extra=f"documents:\n  - id: c\n    title: C\n    url: {listing}\n")
    found = problems(content)
    assert len(found) == 2
    assert all("(same URL)" in line for line in found)
    assert found[0].startswith("issues/2022-09-29-materials-shipping/01-materials-plan.md:6: ")
    assert found[1].startswith(f"{LATER}/03-a.md:5: ")


def test_ranks_must_run_without_gaps(content: Path) -> None:
    path = content / LATER / "01-shanghai-ai.md"
    path.write_text(path.read_text().replace("---\n", "---\nrank: 2\n", 1))
    article(content, "03-four.md", extra="rank: 4\n")  # 02-more-ships.md has rank 1
    assert problems(content) == [
        f"{LATER}/03-four.md:4: rank 4 leaves a gap in the Top list (expected rank 3): "
        "number the ranks 1, 2, 3… without gaps"
    ]


def test_a_noteworthy_item_dated_after_its_issue(content: Path) -> None:
    index = content / "issues" / "2022-09-29-materials-shipping" / "index.md"
    index.write_text(index.read_text().replace("date: 2022-09-19", "date: 2022-10-19", 1))
    found = problems(content)
    assert len(found) == 1
    assert re.fullmatch(
        r"issues/2022-09-29-materials-shipping/index.md:\d+: this Noteworthy item is dated "
        r"2022-10-19, after the issue's date 2022-09-29: check both dates",
        found[0],
    ), found


class Handler(http.server.BaseHTTPRequestHandler):
    """Answers 200, but 404 for paths with 'missing' and 405 to HEAD for 'nohead'."""

    seen: ClassVar[list[str]] = []

    def do_HEAD(self) -> None:
        self.seen.append(f"HEAD {self.path}")
        self.answer(405 if "nohead" in self.path else 404 if "missing" in self.path else 200)

    def do_GET(self) -> None:
        self.seen.append(f"GET {self.path}")
        self.answer(404 if "missing" in self.path else 200)

    def answer(self, status: int) -> None:
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_web() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Handler.seen = []
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_fetch_falls_back_to_get_and_reports_the_status(local_web: str) -> None:
    assert fetch(f"{local_web}/ok") is None
    assert fetch(f"{local_web}/nohead") is None
    assert fetch(f"{local_web}/missing") == "HTTP 404"
    assert Handler.seen == [
        "HEAD /ok",
        "HEAD /nohead",
        "GET /nohead",
        "HEAD /missing",
        "GET /missing",
    ]
    assert fetch("http://127.0.0.1:1/refused", timeout=2) is not None


def test_external_links_are_checked_with_a_cache(content: Path, local_web: str, tmp_path: Path):
    for path in content.rglob("*.md"):  # only local links: tests never touch the internet
        path.write_text(path.read_text().replace("https://", f"{local_web}/"))
    links = f"[gone]({local_web}/missing) [ok]({local_web}/fine)"
    article(content, "03-web.md", body=f"Intro.\n\n{links}")

    def local_only(url: str) -> str | None:
        assert url.startswith(local_web), url
        return fetch(url, timeout=5)

    cache = tmp_path / "cache"
    first = check(content, now=NOW, external=True, cache=cache, get=local_only)
    assert [str(p).replace(f"{content}/", "") for p in first.problems] == [
        # The other pages: the issue page and its email.
        f"{LATER}/03-web.md: external link {local_web}/missing fails (and 2 other pages): HTTP 404"
    ]
    assert first.fetched == 6
    assert (cache / "links.json").is_file()
    again = check(content, now=NOW, external=True, cache=cache, get=local_only)
    assert again.fetched == 1  # only the failing link is fetched again
    assert len(again.problems) == 1
    assert check(content, now=NOW, cache=cache, get=local_only).fetched == 0
    # Without a cache every link is fetched, and nothing is kept.
    fresh = check(content, now=NOW, external=True, cache=None, get=local_only)
    assert fresh.fetched == 6 and len(fresh.problems) == 1


def test_external_links_are_off_by_default(content: Path, tmp_path: Path) -> None:
    article(content, "03-web.md", body="[x](https://example.invalid/missing)")
    report = check(content, now=NOW, cache=tmp_path / "cache")
    assert report.problems == [] and report.fetched == 0
    assert not (tmp_path / "cache" / "links.json").exists()


def test_the_check_command_keeps_its_link_cache_where_cache_says(
    content: Path, local_web: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    for path in content.rglob("*.md"):  # only local links: tests never touch the internet
        path.write_text(path.read_text().replace("https://", f"{local_web}/"))
    monkeypatch.chdir(tmp_path)
    cache = tmp_path / "elsewhere"
    assert main(["check", "--content", str(content), "--external", "--cache", str(cache)]) == 0
    assert (cache / "links.json").is_file()
    assert not (tmp_path / ".briefing-cache").exists()
    assert main(["check", "--content", str(content), "--external", "--no-cache"]) == 0
    assert not (tmp_path / ".briefing-cache").exists()
    assert "external links fetched" in capsys.readouterr().out
