"""Citations and PDFs kept in the build cache: a cold rebuild with the cache computes none,
and what it writes is exactly what a build without a cache writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import MINIMAL, snapshot

from briefing import build
from briefing.cache import Memo
from briefing.render.formats import cite, pdf


def memo_files(cache: Path) -> list[Path]:
    """The entries the memo holds."""
    return sorted(path for path in (cache / "memo").rglob("*") if path.is_file())


def refuse_to_compute(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every citation and PDF fail if it is computed rather than remembered."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("computed again although remembered")

    monkeypatch.setattr(cite, "bibliography_entry", refuse)
    monkeypatch.setattr(pdf, "make_pdf", refuse)


def test_a_cold_rebuild_remembers_every_citation_and_pdf(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    build(content, tmp_path / "first", cache=cache, search=False)
    remembered = memo_files(cache)
    pdfs = list((tmp_path / "first").rglob("*.pdf"))
    assert pdfs and len(remembered) > len(pdfs)  # PDFs and two entries a citation
    article = next((content / "issues").glob("*/01-*.md"))
    article.write_text(article.read_text("utf-8") + "\nAn edit.\n", "utf-8")
    build(content, tmp_path / "first", cache=cache, search=False)
    assert len(memo_files(cache)) == len(remembered)  # the edited issue's PDF replaced
    article.write_text(article.read_text("utf-8").removesuffix("\nAn edit.\n"), "utf-8")
    build(content, tmp_path / "first", cache=cache, search=False)
    remembered = memo_files(cache)
    refuse_to_compute(monkeypatch)
    build(content, tmp_path / "second", cache=cache, search=False)  # a new folder: cold
    monkeypatch.undo()
    build(content, tmp_path / "uncached", cache=None, search=False)
    assert snapshot(tmp_path / "second") == snapshot(tmp_path / "uncached")
    assert memo_files(cache) == remembered


def test_a_damaged_entry_is_computed_again(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(content, tmp_path / "first", cache=cache, search=False)
    for entry in memo_files(cache):
        entry.write_bytes(entry.read_bytes()[:-1] + b"?")
    build(content, tmp_path / "second", cache=cache, search=False)
    build(content, tmp_path / "uncached", cache=None, search=False)
    assert snapshot(tmp_path / "second") == snapshot(tmp_path / "uncached")


def test_a_memo_without_a_folder_keeps_nothing() -> None:
    made: list[int] = []
    memo = Memo(None)
    for _ in range(2):
        assert memo.through("slot", "key", lambda: made.append(1) or b"value") == b"value"
    assert made == [1, 1]


def test_a_memo_makes_each_value_once_and_keeps_one_a_slot(tmp_path: Path) -> None:
    made: list[str] = []
    memo = Memo(tmp_path / "memo")

    def make(value: str) -> bytes:
        made.append(value)
        return value.encode()

    for key in ("one", "one", "two", "two", "one"):
        assert memo.through("slot", key, lambda key=key: make(key)) == key.encode()
    assert made == ["one", "two", "one"]
    assert len(memo_files(tmp_path)) == 1


def test_each_edition_keeps_its_own_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The German edition's PDF of an issue is not the English one's: each has its slot,
    so a rebuild of a two-language site remembers both instead of each replacing the other."""
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    bilingual = Path(__file__).parent / "sites" / "bilingual" / "content"
    shutil.copytree(bilingual, content, dirs_exist_ok=True)
    cache = tmp_path / "cache"
    build(content, tmp_path / "first", cache=cache, search=False)
    assert list((tmp_path / "first" / "de").rglob("*.pdf"))
    refuse_to_compute(monkeypatch)
    build(content, tmp_path / "second", cache=cache, search=False)
    monkeypatch.undo()
    build(content, tmp_path / "uncached", cache=None, search=False)
    assert snapshot(tmp_path / "second") == snapshot(tmp_path / "uncached")
