"""An edit's PDF edition is made in a worker beside the build's other renders when there
are two jobs, here with one; the bytes are those of a clean serial build either way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import snapshot
from pdfmakers import makers, record_pdf_makers

from briefing import build
from briefing.render import pending

ARTICLE = "issues/2023-07-20-ai-rules/01-shanghai-ai.md"
PDF = "issues/2023-07-20-ai-rules/2023-07-20-ai-rules.pdf"


def no_pool(renders: object, jobs: int) -> None:
    raise AssertionError("a small rebuild used the whole pool")


def test_an_edits_pdf_is_made_beside_its_pages_with_two_jobs(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, cache, log = tmp_path / "site", tmp_path / "cache", tmp_path / "pids"
    build(content, out, cache=cache, jobs=1, search=False)
    original = snapshot(out)
    record_pdf_makers(monkeypatch, log)
    monkeypatch.setattr(pending, "run_batch", no_pool)  # few renders: no pool of `jobs`
    article = content / ARTICLE
    text = article.read_text("utf-8")
    article.write_text(text + "\nAn edit.\n", "utf-8")
    build(content, out, cache=cache, jobs=2, search=False)
    (maker,) = makers(log)  # the edited issue's PDF, and only it
    assert maker != os.getpid()
    edited = snapshot(out)
    build(content, tmp_path / "clean", cache=None, jobs=1, search=False)
    assert edited == snapshot(tmp_path / "clean")
    makers(log)
    article.write_text(text, "utf-8")  # back: its PDF is made again, in this process
    build(content, out, cache=cache, jobs=1, search=False)
    assert makers(log) == [os.getpid()]
    assert snapshot(out) == original
    assert edited.keys() == original.keys() and edited[PDF] != original[PDF]
