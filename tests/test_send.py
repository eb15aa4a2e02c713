"""`send`: every recipient gets exactly one message, with the right headers and items."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path

import pytest
from conftest import MINIMAL, write
from smtp_server import Inbox, smtp_server

from briefing.cli import parser
from briefing.send import Pace, Runtime, run_send

ISSUE = "2022-09-29-materials-shipping"
NOW = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)
SITE_YAML = """\
title: Test Briefing
base_url: https://example.org/
series: China Industries
email:
  from: Test Briefing <briefing@example.org>
  unsubscribe: "https://example.org/unsubscribe?e={email}"
  smtp:
    host: 127.0.0.1
    port: 1
    security: none
"""
SUBSCRIBERS = """\
email,name,topics,unsubscribe_url
ada@example.org,Ada Analyst,,
ben@example.org,Ben Writer,miit,
cy@example.org,,Shanghai Municipal People's Congress,
dee@example.org,Dee,shipping; AI,https://example.org/u/dee
"""


class Sleeps:
    """An injected sleep that records how long it was asked to wait, and never waits."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The minimal site with email settings pointing at a local relay."""
    target = tmp_path / "content"
    shutil.copytree(MINIMAL, target)
    write(target / "site.yaml", SITE_YAML)
    return target


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working folder: messages name files relative to it."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def subscribers(folder: Path, text: str = SUBSCRIBERS) -> Path:
    """Write the subscribers CSV."""
    return write(folder / "subscribers.csv", text)


def send(content: Path, port: int, *args: str, sleep: Sleeps | None = None, **env: str):
    """Run `send` in this process; the exit code, stdout and stderr."""
    options = parser().parse_args(
        ["send", *args, "--content", str(content), "--smtp-port", str(port)]
    )
    out, err = io.StringIO(), io.StringIO()
    pace = Pace(sleep=sleep or Sleeps(), clock=lambda: 0.0)
    runtime = Runtime(environ=env, clock=lambda: NOW, pace=pace, out=out, err=err)
    code = run_send(options, NOW, runtime)
    return code, out.getvalue(), err.getvalue()


def test_each_recipient_gets_one_message_cut_to_their_topics(content, folder) -> None:
    inbox = Inbox()
    csv = subscribers(folder)
    with smtp_server(inbox) as port:
        code, out, err = send(content, port, ISSUE, "--to", str(csv))
    assert (code, err) == (0, "")
    assert inbox.count() == {"ada@example.org": 1, "ben@example.org": 1, "dee@example.org": 1}
    assert "3 sent, 1 skipped" in out
    ada, ben, dee = (inbox.to(f"{n}@example.org") for n in ("ada", "ben", "dee"))
    assert str(ada["To"]) == "Ada Analyst <ada@example.org>"
    ids = {m["Message-ID"] for m in (ada, ben, dee)}
    assert len(ids) == 3 and all(re.fullmatch(r"<[^<>@\s]+@example\.org>", i) for i in ids)
    for message in (ada, ben, dee):
        assert message["List-Id"] == "Test Briefing <china-industries.example.org>"
        assert message["Precedence"] == "bulk"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["Subject"] == "China Industries: Basic materials + autonomous shipping"
    assert ada["List-Unsubscribe"] == "<https://example.org/unsubscribe?e=ada%40example.org>"
    assert dee["List-Unsubscribe"] == "<https://example.org/u/dee>"
    whole = ada.get_body(("plain",)).get_content()
    assert "Basic industrial materials" in whole and "AI captain" in whole
    assert "cut to your topics" not in whole
    cut = ben.get_body(("plain",)).get_content()
    assert "Basic industrial materials" in cut and "AI captain" not in cut
    assert "This edition is cut to your topics: MIIT." in " ".join(cut.split())
    assert "recycling technology" in cut and "shipyard" not in cut  # Noteworthy too
    html = ben.get_body(("html",)).get_content()
    assert 'href="https://example.org/unsubscribe?e=ben%40example.org"' in html
    assert re.search(rf'class="note".*<a href="https://example.org/issues/{ISSUE}/"', html)
