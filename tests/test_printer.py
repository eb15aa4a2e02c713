"""The printer: a process that lays out PDF editions, ready before the build needs one.
It gives the bytes make_pdf gives here; busy, gone or failing, the asker makes the PDF."""

from __future__ import annotations

import os

import pytest
from conftest import SAMPLE
from pdfmakers import FAIL, makers, record_pdf_makers

from briefing import load_site
from briefing.folders import BUNDLED_TEMPLATES
from briefing.render.formats import pdf
from briefing.render.formats.printer import Printer, printing

HTML = "<html><body><h1>Printed</h1><p lang='zh-Hans'>关于印发的通知</p></body></html>"
STYLE = BUNDLED_TEMPLATES / "static" / "style.css"


@pytest.fixture(scope="module")
def config():
    return load_site(SAMPLE)[0].config


def test_the_printer_makes_the_bytes_made_here(config, tmp_path, monkeypatch) -> None:
    log = tmp_path / "pids"
    here = pdf.make_pdf(HTML, config, {}, STYLE)
    record_pdf_makers(monkeypatch, log)
    with printing(wanted=True) as printer:
        assert isinstance(printer, Printer)
        assert printer.make(HTML, config, {}, STYLE) == here
        (maker,) = makers(log)
        assert maker == printer.process.pid != os.getpid()
    assert not printer.process.is_alive()  # ended with the build


def test_a_busy_or_gone_printer_leaves_the_pdf_to_the_asker(config, tmp_path, monkeypatch) -> None:
    log = tmp_path / "pids"
    record_pdf_makers(monkeypatch, log)
    with printing(wanted=True) as printer:
        assert printer is not None
        printer.lock.acquire()  # another process is asking it
        assert printer.make(HTML, config, {}, STYLE).startswith(b"%PDF")
        assert makers(log) == [os.getpid()]
        printer.lock.release()
        printer.process.kill()
        printer.process.join()
        assert printer.make(HTML, config, {}, STYLE).startswith(b"%PDF")
        assert makers(log) == [os.getpid()]


def test_a_pdf_that_fails_in_the_printer_raises_its_own_error_here(
    config, tmp_path, monkeypatch
) -> None:
    log = tmp_path / "pids"
    record_pdf_makers(monkeypatch, log)
    with printing(wanted=True) as printer:
        assert printer is not None
        with pytest.raises(ValueError, match="cannot lay this out"):
            printer.make(FAIL, config, {}, STYLE)
        assert makers(log) == [printer.process.pid, os.getpid()]
        assert printer.make(HTML, config, {}, STYLE).startswith(b"%PDF")  # still serving


def test_no_printer_unless_wanted() -> None:
    with printing(wanted=False) as printer:
        assert printer is None


def test_readying_a_process_parses_the_sheet_once_and_fetches_nothing(
    config, tmp_path, monkeypatch
) -> None:
    # What a build does before forking a pool: the PDFs its workers make then start from
    # the parsed sheet, and give the same bytes as a process that was not readied.
    sheet = tmp_path / "style.css"
    sheet.write_text(STYLE.read_text() + "\nbody { background: url(/static/never.png) }\n")
    fetched: list[object] = []  # any connection tried: none may be
    monkeypatch.setattr("socket.getaddrinfo", lambda *args, **kwargs: fetched.append(args))
    monkeypatch.setattr("socket.socket.connect", lambda self, address: fetched.append(address))
    ready = pdf.PdfReady(sheet, config.base_url)
    assert ready == pdf.PdfReady(sheet, config.base_url)  # a pool readies once for all
    before = pdf.parsed_stylesheet.cache_info()
    ready()
    ready()
    after = pdf.parsed_stylesheet.cache_info()
    assert (after.misses, after.currsize) == (before.misses + 1, before.currsize + 1)
    assert fetched == []
    made = pdf.make_pdf(HTML, config, {}, sheet)
    assert pdf.parsed_stylesheet.cache_info().misses == after.misses  # the readied sheet
    pdf.parsed_stylesheet.cache_clear()
    assert pdf.make_pdf(HTML, config, {}, sheet) == made
