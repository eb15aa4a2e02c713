"""Search as a reader uses it: real queries typed into the search page of the sample site
(three issues) in Debian's Chromium, with the results checked against the content.

Skips with test_browser.py where Chromium or Playwright is missing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE
from test_browser import base, browser, page, route_site_to  # noqa: F401  (the fixtures)

from briefing import load_site
from briefing.render import search_records
from briefing.write.indexer import index_records
from briefing.write.search import pagefind_command

BOX = "Words, a name or a document title"
FILTERS = {"kind": "Kind", "sector": "Sector", "body": "Issuing body", "year": "Year"}
MIIT_NAMES = [
    "MIIT",
    "miit",
    "工信部",  # its alias
    "工业和信息化部",  # its Chinese name
    "Ministry of Industry and Information Technology",
]


@pytest.fixture(scope="module")
def site() -> Any:
    return load_site(SAMPLE)[0]


def settle(page: Any) -> None:
    """Wait for the search that the last keystroke or choice started to show its results."""
    page.wait_for_function(
        "document.querySelector('[data-search-results]').getAttribute('aria-busy') === 'false'"
        " && document.querySelector('[data-search-status]').textContent !== ''"
    )


def results(page: Any) -> list[dict[str, str]]:
    """Every result, after showing more until there are no more."""
    more = page.locator("[data-search-more]")
    while more.is_visible():
        count = page.locator("[data-search-results] > li").count()
        more.click()
        page.wait_for_function(
            f"document.querySelectorAll('[data-search-results] > li').length > {count}"
        )
    return page.eval_on_selector_all(
        "[data-search-results] > li",
        """items => items.map(li => ({
            url: li.querySelector('.entry-title a').getAttribute('href'),
            title: li.querySelector('.entry-title').textContent,
            meta: li.querySelector('.result-meta').textContent,
            excerpt: li.querySelector('.result-excerpt').innerHTML,
            text: li.querySelector('.result-excerpt').textContent,
        }))""",
    )


def search(page: Any, base: str, query: str, **filters: str) -> list[dict[str, str]]:
    """Open the search page, choose the filters and type the query as a reader does,
    without pressing Enter; return every result."""
    page.goto(f"{base}search/")
    page.get_by_label(BOX).wait_for()  # shown once the index is loaded
    for name, value in filters.items():
        page.get_by_label(FILTERS[name]).select_option(value)
        settle(page)
    page.get_by_label(BOX).press_sequentially(query, delay=30)
    page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=query)
    settle(page)
    return results(page)


def miit_articles(site: Any) -> set[str]:
    """Every article that names MIIT: tagged with it, or linking it in its text."""
    return {
        f"/{article.path}"
        for issue in site.issues
        for article in issue.articles
        if any(b.slug == "miit" for b in article.bodies) or "/bodies/miit/" in article.body_html
    }


def test_results_come_as_you_type_with_kind_date_and_issue(page: Any, base: str) -> None:
    found = search(page, base, "showcase")  # a word of one article's body only
    assert page.url == f"{base}search/?q=showcase"
    (result,) = [r for r in found if r["url"].endswith("/icv-access-pilots/")]
    assert result["meta"] == (
        "Article · November 30, 2023 · In Humanoid robots + driverless pilots + computing power"
    )
    assert "<mark>showcase</mark>" in result["excerpt"]
    assert page.get_by_role("status").inner_text().startswith(f"{len(found)} result")


@pytest.mark.parametrize("word", ["暂行办法", "高质量", "物项", "先导"])
def test_a_chinese_word_inside_a_document_title_finds_the_document(
    page: Any, base: str, site: Any, word: str
) -> None:
    found = search(page, base, word)
    documents = {f"/{d.path}" for d in site.documents if d.title_zh and word in d.title_zh}
    assert documents and documents <= {r["url"] for r in found}
    for result in found:
        if result["url"] in documents:
            assert "<mark>" in result["excerpt"] and result["meta"].startswith("Document")


def test_a_name_inside_a_document_title_finds_the_document(page: Any, base: str, site: Any) -> None:
    found = {r["url"] for r in search(page, base, "出口管制")}  # an alias of a sector
    documents = {f"/{d.path}" for d in site.documents if d.title_zh and "出口管制" in d.title_zh}
    assert len(documents) >= 2 and documents <= found


@pytest.mark.parametrize("name", MIIT_NAMES)
def test_every_name_of_a_body_finds_every_article_naming_it(
    page: Any, base: str, site: Any, name: str
) -> None:
    found = search(page, base, name)
    articles = {r["url"] for r in found if r["meta"].startswith("Article")}
    assert articles == miit_articles(site)
    assert "naming MIIT (Ministry of Industry and Information Technology)" in (
        page.get_by_role("status").inner_text()
    )


def test_every_name_of_a_body_finds_the_same_results(page: Any, base: str) -> None:
    found = {name: search(page, base, name) for name in MIIT_NAMES}
    urls = {name: {r["url"] for r in results} for name, results in found.items()}
    assert all(same == urls["MIIT"] for same in urls.values()), urls
    kinds = {r["meta"].split(" · ")[0] for r in found["MIIT"]}
    assert kinds == {"Article", "Noteworthy item", "Issue", "Document"}


def test_a_document_title_finds_the_document_first(page: Any, base: str, site: Any) -> None:
    (document,) = [d for d in site.documents if d.id == "cac-generative-ai-interim-measures-2023"]
    found = search(page, base, document.title)
    assert found[0]["url"] == f"/{document.path}"
    assert found[0]["title"] == document.title


def test_filters_narrow_and_live_in_the_url_and_the_back_button(
    page: Any, base: str, site: Any
) -> None:
    found = search(page, base, "generative", kind="document", body="cac")
    assert page.url == f"{base}search/?q=generative&kind=document&body=cac"
    cac = {f"/{d.path}" for d in site.documents if any(b.slug == "cac" for b in d.bodies)}
    assert found and {r["url"] for r in found} <= cac
    assert all(r["meta"].startswith("Document") for r in found)
    page.go_back()  # to before the query was typed: the two filters chosen
    page.wait_for_url(f"{base}search/?kind=document&body=cac")
    settle(page)
    assert page.get_by_label(BOX).input_value() == ""
    assert {r["url"] for r in results(page)} == {f"/{d.path}" for d in site.documents} & cac
    page.go_back()
    page.wait_for_url(f"{base}search/?kind=document")
    settle(page)
    assert page.get_by_label("Issuing body").input_value() == ""
    assert len(results(page)) == len(site.documents)
    page.reload()  # a shared link shows the same
    settle(page)
    assert page.get_by_label("Kind").input_value() == "document"


@pytest.mark.parametrize("query", ["steel", "人工智能", "暂行办法", "MIIT", "gallium", "生成式"])
def test_excerpts_show_only_text_their_page_shows(
    browser: Any, page: Any, base: str, site: Any, query: str
) -> None:
    reader = browser.new_page()
    shown: dict[str, str] = {}
    chips = [
        squeeze(" ".join(t.name for t in (*a.sectors, *a.bodies)))
        for issue in site.issues
        for a in issue.articles
    ]
    for result in search(page, base, query):
        text = result["text"]
        assert not repeated_chinese(text), text
        assert not any(chip in squeeze(text) for chip in chips), text
        url = result["url"].partition("#")[0]
        if url not in shown:
            reader.goto(base + url.lstrip("/"))
            shown[url] = squeeze(reader.locator("main").inner_text())
        for piece in re.split(r"[.。…]\s*", text):
            assert squeeze(piece) in shown[url], (result["url"], piece)
    reader.close()


def squeeze(text: str) -> str:
    """Letters and digits only: Pagefind joins blocks with full stops of its own."""
    return re.sub(r"[\W_]+", "", text)


def repeated_chinese(text: str) -> list[str]:
    """Runs of four or more Chinese characters that occur twice in a text."""
    runs = re.findall(r"[\u3400-\u9fff]{4,}", text)
    return [
        run[i : i + 4]
        for run in runs
        for i in range(len(run) - 3)
        if text.count(run[i : i + 4]) > 1
    ]


def test_the_header_form_searches_from_any_page(page: Any, base: str) -> None:
    page.goto(f"{base}documents/")
    page.get_by_role("search", name="Site search").get_by_role("searchbox").fill("gallium")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}search/?q=gallium")
    settle(page)
    assert page.get_by_label(BOX).input_value() == "gallium"
    assert any("gallium" in r["url"] for r in results(page))


def test_results_are_announced_and_reached_by_keyboard(page: Any, base: str) -> None:
    page.goto(f"{base}search/")
    page.get_by_label(BOX).wait_for()
    status = page.get_by_role("status")
    assert status.get_attribute("aria-live") == "polite"
    page.get_by_label(BOX).focus()
    page.keyboard.type("gallium", delay=30)
    settle(page)
    assert re.fullmatch(r"\d+ results?\.", status.inner_text())
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('[data-search-results]') !== null"):
            break
    href = page.evaluate("document.activeElement.getAttribute('href')")
    assert href and page.evaluate("document.activeElement.closest('h2') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url(base + href.lstrip("/"))


def test_without_javascript_the_search_page_links_to_the_archive(browser: Any, base: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}search/?q=MIIT")
    assert page.locator("[data-search]").is_hidden()
    assert page.get_by_text("needs JavaScript").is_visible()
    for name in ("archive of issues", "documents", "sectors", "issuing bodies"):
        assert page.get_by_role("link", name=name, exact=True).is_visible()
    context.close()


@pytest.fixture(scope="module")
def whole(site: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site's records in the site's language as one index, not in shards."""
    folder = tmp_path_factory.mktemp("whole")
    records = [record for record in search_records(site) if not record.bundle]
    index_records(records, folder, pagefind_command())
    return folder


WHOLE_SEARCH = """async ([url, term, filters, sort]) => {
    const pagefind = await import(url);
    await pagefind.options({ excerptLength: 30, ranking: { metaWeights: { title: 5, names: 1 } } });
    const order = sort ? { sort: { date: "desc" } } : {};
    const found = await pagefind.search(term, { filters, ...order });
    const data = await Promise.all(found.results.map((result) => result.data()));
    const bytes = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    const decode = (text) => new TextDecoder().decode(bytes(text));
    return data.map((item) => JSON.parse(decode(item.meta.card)).url);
}"""


def whole_results(page: Any, base: str, term: str | None, **filters: str) -> list[str]:
    """What one whole-site index finds, as the links the search page would show."""
    found = page.evaluate(WHOLE_SEARCH, [f"{base}whole/pagefind.js", term, filters, term is None])
    return [f"/{url}" for url in found]


@pytest.mark.parametrize("query", ["steel", "gallium", "capacity", "deadline", "pilot"])
def test_sharded_results_are_those_of_a_whole_site_index(
    page: Any, base: str, whole: Path, query: str
) -> None:
    page.route(f"{base}whole/**", route_site_to(whole, f"{base}whole/"))
    sharded = [result["url"] for result in search(page, base, query)]
    assert "naming" not in page.locator("[data-search-status]").text_content()  # text, not a name
    assert sharded and set(sharded) == set(whole_results(page, base, query))


@pytest.mark.parametrize("kind", ["article", "document", "item"])
def test_sharded_lists_are_newest_first_as_a_whole_site_index(
    page: Any, base: str, whole: Path, kind: str
) -> None:
    page.route(f"{base}whole/**", route_site_to(whole, f"{base}whole/"))
    page.goto(f"{base}search/?kind={kind}")
    settle(page)
    sharded = [result["url"] for result in results(page)]
    assert sharded == whole_results(page, base, None, kind=kind)
