"""What the send tests share: a site with email settings, a CSV, and `send` run in-process."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from conftest import MINIMAL, write

from briefing.cli.arguments import parser
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


def mailing_site(tmp_path: Path) -> Path:
    """The minimal site with email settings pointing at a local relay."""
    target = tmp_path / "content"
    shutil.copytree(MINIMAL, target)
    write(target / "site.yaml", SITE_YAML)
    return target


def working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path, so that messages name files relative to it."""
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


class Time:
    """An injected monotonic clock that moves only when the injected sleep is called."""

    def __init__(self) -> None:
        self.now = 0.0
        self.calls: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.calls.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now
