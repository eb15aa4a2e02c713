"""Which processes lay out PDF editions: for the tests of the printer and of an edit's PDF."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.render.formats import pdf

FAIL = "fail"  # HTML that the recording make_pdf refuses to lay out


def record_pdf_makers(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Write the id of each process that lays out a PDF into `log`, one line each (patched
    before a printer or worker is forked, it records there too); HTML that is `FAIL`
    raises ValueError."""
    make_pdf = pdf.make_pdf

    def recording(*args: object) -> bytes:
        with log.open("a") as file:
            file.write(f"{os.getpid()}\n")
        if args[0] == FAIL:
            raise ValueError("cannot lay this out")
        return make_pdf(*args)

    monkeypatch.setattr(pdf, "make_pdf", recording)


def makers(log: Path) -> list[int]:
    """The processes that made PDFs since the last call (the log is emptied)."""
    found = [int(line) for line in log.read_text().split()] if log.exists() else []
    log.unlink(missing_ok=True)
    return found
