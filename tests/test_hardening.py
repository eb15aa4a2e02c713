"""Hostile content, unsafe paths and interrupted builds never break the site or lose it."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import MINIMAL, read, snapshot, write

from briefing import BuildFailed, UsageError, build
from briefing.markdown import is_safe_url
from briefing.write import locked

HERE = Path(__file__).parent
ROOT = HERE.parent
HOSTILE = "issues/2024-06-01-hostile/"


class ScriptFinder(HTMLParser):
    """Everything in a page that could run script: script text, handlers, unsafe URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "style"):
            # JSON-LD is data, not script: hostile values may appear in it, escaped.
            self.in_script = tag == "script" and ("type", "application/ld+json") not in attrs
            if tag != "script":
                self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}={value}")
            if name in ("href", "src") and value and not is_safe_url(value):
                self.found.append(f"{tag} {name}={value}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.lasttag == "script" and not self.in_script and data.strip():
            json.loads(data)  # raises if a value broke out of the JSON-LD
        if self.in_script and "alert" in data:
            self.found.append(f"script: {data[:60]}")


def scripts_in(html: str) -> list[str]:
    finder = ScriptFinder()
    finder.feed(html)
    return finder.found


def test_hostile_values_stay_text_on_every_page(hostile: Path) -> None:
    pages = list(hostile.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        assert scripts_in(page.read_text(encoding="utf-8")) == [], page


def test_hostile_values_are_shown_not_dropped(hostile: Path) -> None:
    issue = read(hostile, HOSTILE)
    assert "&lt;/script&gt;&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in issue
    assert "Mallory" in issue
    article = read(hostile, f"{HOSTILE}attack/")
    assert "&lt;script&gt;alert(&#39;zh&#39;)&lt;/script&gt;中文" in article
    assert "Body" in article and "alert('body')" not in article


def test_symlink_out_of_the_content_folder_is_refused(content: Path, tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", "password")
    issue = content / "issues" / "2022-09-29-materials-shipping"
    (issue / "leak.txt").symlink_to(secret)
    (content / "issues" / "2030-01-01-elsewhere").symlink_to(tmp_path, target_is_directory=True)
    with pytest.raises(BuildFailed) as failure:
        build(content, tmp_path / "site")
    messages = sorted(f"{p.path.name}: {p.message}" for p in failure.value.problems)
    assert messages == [
        "2030-01-01-elsewhere: a symbolic link that leads outside the content folder: refused",
        "leak.txt: a symbolic link that leads outside the content folder: refused",
    ]


def test_symlink_inside_the_content_folder_is_published(content: Path, tmp_path: Path) -> None:
    issue = content / "issues" / "2022-09-29-materials-shipping"
    (issue / "same-cover.svg").symlink_to(issue / "cover.svg")
    build(content, tmp_path / "site")
    assert (tmp_path / "site" / "issues" / issue.name / "same-cover.svg").is_file()


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("CON.png", "it is a reserved device name on Windows"),
        ("a\\b.png", "it holds '\\' or ':', which are path separators on some systems"),
        ("c:d.png", "it holds '\\' or ':', which are path separators on some systems"),
        ("bell\x07.png", "it holds a control character"),
        ("trailing.", "it ends with a dot or a space"),
    ],
)
def test_unpublishable_file_names_are_refused(
    content: Path, tmp_path: Path, name: str, reason: str
) -> None:
    write(content / "issues" / "2022-09-29-materials-shipping" / name, "x")
    with pytest.raises(BuildFailed) as failure:
        build(content, tmp_path / "site")
    assert [p.message for p in failure.value.problems] == [
        f"the name '{name}' cannot be published: {reason}"
    ]


def test_output_folder_refusals(content: Path, tmp_path: Path, monkeypatch) -> None:
    with pytest.raises(UsageError, match="choose a folder of its own"):
        build(content, Path("/"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    with pytest.raises(UsageError, match="choose a folder of its own"):
        build(content, tmp_path / "home")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    with pytest.raises(UsageError, match="it is a repository root"):
        build(content, tmp_path / "repo")
    with pytest.raises(UsageError, match="overlaps"):
        build(content, content)
    with pytest.raises(UsageError, match="overlaps"):
        build(content, tmp_path)  # would contain the content folder


def test_a_second_build_at_the_same_time_is_told_to_wait(content: Path, built: Path) -> None:
    before = snapshot(built)
    with locked(built), pytest.raises(UsageError, match="another build is writing"):
        build(content, built)
    assert snapshot(built) == before


def test_leftovers_of_an_interrupted_build_are_cleaned_up(content: Path, built: Path) -> None:
    stale = built.parent / ".site.tmp-crashed"
    write(stale / "index.html", "half")
    records = built.parent / ".site.tmp-search-k1lled"  # a search run's, killed with it
    write(records / "issues" / "x" / "index.html", "<main>records</main>")
    build(content, built)
    assert not stale.exists() and not records.exists()


def test_huge_file_fails_fast_with_a_clear_message(content: Path, tmp_path: Path) -> None:
    huge = content / "issues" / "2022-09-29-materials-shipping" / "03-huge.md"
    huge.write_text("---\ntitle: Huge\nsectors: [ai]\n---\n" + "word " * 2_000_000)
    with pytest.raises(BuildFailed) as failure:
        build(content, tmp_path / "site")
    assert [p.message for p in failure.value.problems] == [
        "the file is 10.0 MB; files over 2 MB are refused: split it, or keep large data out "
        "of the content folder"
    ]


def processes_naming(text: str) -> list[int]:
    """Pids of live processes whose command line holds `text` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
                state = (entry / "stat").read_text().split()[2]
            except OSError:
                continue
            if text in cmdline and state != "Z":
                found.append(int(entry.name))
    return found


def assert_no_orphans(content: Path) -> None:
    """A killed build's worker processes end with it (they would wait for ever)."""
    deadline = time.monotonic() + 10
    while processes_naming(str(content)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_naming(str(content)) == []


def big_content(folder: Path, issues: int) -> Path:
    """A content folder large enough that building it takes a noticeable while."""
    shutil.copytree(MINIMAL, folder)
    body = "A paragraph of analysis with [a link](https://example.com/). " * 40
    for number in range(issues):
        issue = folder / "issues" / f"2021-01-{number % 28 + 1:02d}-issue-{number}"
        write(issue / "index.md", f"---\ntitle: Issue {number}\ndate: 2021-01-01\n---\n")
        for article in range(5):
            write(
                issue / f"0{article}-article-{article}.md",
                f"---\ntitle: Article {article}\nsectors: [ai]\n---\n" + (body + "\n\n") * 5,
            )
    return folder


def test_kill_9_mid_build_leaves_the_previous_site_complete(tmp_path: Path) -> None:
    content = big_content(tmp_path / "content", 40)
    out = tmp_path / "site"
    build(content, out)
    before = snapshot(out)
    write(
        content / "issues" / "2021-01-01-issue-0" / "09-new.md",
        "---\ntitle: New\nsectors: [ai]\n---\nNew.\n",
    )
    command = [
        sys.executable,
        str(ROOT / "build.py"),
        "build",
        "--no-cache",  # a full build: the whole site is swapped in at once
        "--content",
        str(content),
        "--out",
        str(out),
    ]
    for delay in (0.3, 0.6, 0.9, 1.2, 1.5):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        after = snapshot(out)
        # Either the old site or the complete new one: never a mix, never nothing.
        assert after == before or (
            "issues/2021-01-01-issue-0/new/index.html" in after
            and set(before) <= set(after) | {"issues/2021-01-01-issue-0/index.html"}
        )
    build(content, out)
    assert not list(tmp_path.glob(".site.tmp-*")) and not list(tmp_path.glob(".site.old-*"))
    assert_no_orphans(content)


def test_kill_9_mid_update_leaves_the_previous_site_unchanged(tmp_path: Path) -> None:
    content = big_content(tmp_path / "content", 40)
    out = tmp_path / "site"
    cache = tmp_path / "cache"
    build(content, out, cache=cache)
    before = snapshot(out)
    for number in range(40):
        article = content / "issues" / f"2021-01-{number % 28 + 1:02d}-issue-{number}"
        path = article / "01-article-1.md"
        path.write_text(path.read_text() + "\nAn added sentence.\n")
    build(content, tmp_path / "expected", cache=None)
    after = snapshot(tmp_path / "expected")
    command = [
        sys.executable,
        str(ROOT / "build.py"),
        "build",
        "--cache",
        str(cache),
        "--content",
        str(content),
        "--out",
        str(out),
    ]
    for delay in (0.3, 0.6, 0.9, 1.2):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        # The incremental path ends in one exchange too: the old site or the new one.
        now = snapshot(out)
        assert now in (before, after)
        index = out / "pagefind" / "pagefind-entry.json"
        assert index.is_file()  # the search index is never missing either
    build(content, out, cache=cache)
    assert snapshot(out) == after
    assert not list(tmp_path.glob(".site.tmp-*")) and not list(tmp_path.glob(".site.old-*"))
    assert_no_orphans(content)


def test_an_update_never_writes_into_a_file_the_live_site_shares(
    content: Path, tmp_path: Path
) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache=cache, search=False)
    page = out / "issues" / "2023-07-20-ai-rules" / "shanghai-ai" / "index.html"
    held = page.open("rb")  # a reader that opened the old page keeps reading the old page
    old = held.read()
    article = content / "issues" / "2023-07-20-ai-rules" / "01-shanghai-ai.md"
    article.write_text(article.read_text().replace("A provincial-level first.", "A first."))
    build(content, out, cache=cache, search=False)
    held.seek(0)
    assert held.read() == old and page.read_bytes() != old
    held.close()
    unchanged = out / "archive" / "index.html"
    assert unchanged.stat().st_nlink == 2  # shared with the standby copy, not copied


def test_the_standby_copy_is_the_site_before_and_is_made_again_when_damaged(
    content: Path, tmp_path: Path
) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    standby = tmp_path / ".site.standby"
    build(content, out, cache=cache, search=False)
    assert snapshot(standby) == snapshot(out)  # a linked copy from the start
    article = content / "issues" / "2023-07-20-ai-rules" / "01-shanghai-ai.md"
    for number, (old, new) in enumerate((("A provincial-level first.", "A first."),
                                         ("A first.", "The first."),
                                         ("The first.", "A last."))):  # fmt: skip
        before = snapshot(out)
        article.write_text(article.read_text().replace(old, new))
        if number == 2:  # a standby an update left half-done: its marker is gone
            (standby / ".briefing-site").unlink()
            write(standby / "stray.html", "left over")
        build(content, out, cache=cache, search=False)
        assert snapshot(standby) == before
        build(content, tmp_path / f"clean-{number}", search=False)
        assert snapshot(out) == snapshot(tmp_path / f"clean-{number}")


def test_hostile_values_stay_text_in_feeds_and_structured_data(hostile: Path) -> None:
    import json
    import xml.etree.ElementTree as ElementTree

    import feedparser

    for atom in hostile.rglob("feed.xml"):
        text = atom.read_text(encoding="utf-8")
        ElementTree.fromstring(text)  # well-formed: nothing closed the XML early
        parsed = feedparser.parse(text)
        assert not parsed.bozo, (atom, parsed.get("bozo_exception"))
        for entry in parsed.entries:
            # A title is declared plain text, so readers show "<script>" as characters.
            assert entry.title_detail.type == "text/plain"
            assert scripts_in(entry.get("summary", "")) == [], atom
    for feed in hostile.rglob("feed.json"):
        data = json.loads(feed.read_text(encoding="utf-8"))
        for item in data["items"]:
            assert scripts_in(item.get("content_html", "")) == [], feed
    issue = (hostile / HOSTILE / "index.html").read_text(encoding="utf-8")
    assert "</script><script>alert('title')" not in issue


def test_ampersands_cdata_ends_quotes_and_chinese_arrive_intact_everywhere(hostile: Path) -> None:
    import email
    import html
    import json
    import re
    from email import policy

    import feedparser

    title = "Rare earths & magnets ]]> <![CDATA[ \"quoted\" 'single' <i>not italic</i> — 稀土永磁"
    page = read(hostile, f"{HOSTILE}cdata/")
    (h1,) = re.findall(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    assert html.unescape(h1) == title
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert json.loads(blocks[0])["@graph"][0]["headline"] == title
    atom = feedparser.parse(
        (hostile / "sectors" / "artificial-intelligence" / "feed.xml").read_bytes()
    )
    assert title in [entry.title for entry in atom.entries]
    feed = json.loads((hostile / "sectors" / "artificial-intelligence" / "feed.json").read_bytes())
    assert title in [item["title"] for item in feed["items"]]
    mail = email.message_from_bytes(
        (hostile / HOSTILE / "email.eml").read_bytes(), policy=policy.default
    )
    text = mail.get_body(("plain",)).get_content()
    assert title in " ".join(text.split())  # wrapped at 72 columns
    assert "稀土管理条例 & ]]> <b>" in text
