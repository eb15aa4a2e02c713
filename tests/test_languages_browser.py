"""The German edition's search page in Chromium: it searches the German index only.

Skips with test_browser.py where Chromium or Playwright is missing.
"""

from __future__ import annotations

from typing import Any

from test_browser import base, browser, page  # noqa: F401  (the fixtures)
from test_search_browser import results, settle

WORD = "Bemühenspflichten"  # a word of the German translation of the July 2023 Top 1 only


def search(page: Any, edition: str, query: str) -> list[dict[str, str]]:
    """Type `query` into an edition's search page (found by id: its label is translated)."""
    page.goto(f"{edition}search/")
    box = page.locator("#search-query")
    box.wait_for()  # shown once the index is loaded
    box.press_sequentially(query, delay=30)
    page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=query)
    settle(page)
    return results(page)


def test_the_german_search_finds_german_words_in_german_pages(page: Any, base: str) -> None:
    found = search(page, f"{base}de/", WORD)
    urls = {result["url"] for result in found}
    assert (
        "/de/issues/2023-07-27-generative-ai-gallium-controls-private-firms/generative-ai/" in urls
    )
    assert all(url.startswith("/de/") for url in urls)


def test_the_english_search_does_not_know_the_german_word(page: Any, base: str) -> None:
    found = search(page, base, WORD)  # Pagefind may still offer near matches ("be…")
    assert not any(result["url"].startswith("/de/") for result in found)
    assert not any("Bemühenspflicht" in result["text"] for result in found)
