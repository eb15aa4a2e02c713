"""The scripts' messages in the page's language: the search and documents pages of the small
German site, in Debian's Chromium (skips with test_browser.py where it is missing)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from i18n_sites import NOW, make_content
from test_browser import QuietHandler, browser, page  # noqa: F401  (the fixtures)

from briefing import build


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The German site, search index included, served on a free loopback port."""
    root = tmp_path_factory.mktemp("de-browser")
    build(make_content(root, "de"), root / "site", now=NOW)
    handler = functools.partial(QuietHandler, directory=str(Path(root / "site")))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    thread.join()


def test_the_documents_filter_counts_in_german(page: Any, base: str) -> None:
    page.goto(f"{base}documents/")
    status = page.locator("[data-doc-count]")
    assert status.inner_text() == "2 Dokumente"
    page.get_by_label("Status").select_option(label="Zur Kommentierung offen")
    assert status.inner_text() == "1 von 2 Dokumenten angezeigt"
    page.get_by_label("Status").select_option(label="Noch nicht in Kraft")
    assert page.locator(".doc-item:not([hidden]) .entry-title").all_inner_texts() == [
        "Plan für hochwertige Grundstoffe"
    ]


def test_search_results_are_described_in_german(page: Any, base: str) -> None:
    page.goto(f"{base}search/")
    page.get_by_label("Wörter, ein Name oder ein Dokumenttitel").fill("Qualität")
    status = page.get_by_role("status")
    status.filter(has_text="Treffer").wait_for()
    assert status.inner_text() == "1 Treffer."
    meta = page.locator(".search-results .result-meta").first.inner_text()
    assert meta == "Artikel · 14. September 2022 · In Werkstoffe + Schifffahrt"
    page.get_by_label("Wörter, ein Name oder ein Dokumenttitel").fill("MIIT")
    status.filter(has_text="zu MIIT").wait_for()
    assert status.inner_text().endswith(
        "Treffer zu MIIT (Ministerium für Industrie und Informationstechnologie)."
    )
    page.get_by_label("Wörter, ein Name oder ein Dokumenttitel").fill("xyzzy")
    status.filter(has_text="Nichts gefunden").wait_for()
