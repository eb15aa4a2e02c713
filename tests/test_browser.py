"""Browser tests: the sample site in Debian's Chromium through Playwright.

They skip, saying why, where /usr/bin/chromium or Playwright is missing; CI installs both.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest

CHROMIUM = Path("/usr/bin/chromium")
ISSUE = "issues/2022-09-29-basic-materials-sme-clusters-autonomous-shipping/"
LATEST = "issues/2023-11-30-humanoid-robots-driverless-pilots-computing-power/"
WITH_TABLE = f"{LATEST}computing-power/"  # a table, and ten sectors and bodies
PAGE_TYPES = {
    "home": "",
    "issue": ISSUE,
    "article": f"{ISSUE}basic-materials/",
    "body": "bodies/miit/",
    "sector": "sectors/artificial-intelligence/",
    "bodies": "bodies/",
    "sectors": "sectors/",
    "archive": "archive/",
    "about": "about/",
    "search": "search/",
    "404": "404.html",
    "document": "documents/cac-generative-ai-interim-measures-2023/",
    "documents": "documents/",
    "calendar": "calendar/",
    "author": "authors/lena-hartmann/",
    "authors": "authors/",
    "latest-issue": LATEST,
    "article-with-table": WITH_TABLE,
}

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')"
)
if not CHROMIUM.is_file():
    pytest.skip(
        "no Chromium at /usr/bin/chromium: apt-get install -y chromium", allow_module_level=True
    )


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site without logging every request to the test output."""

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def base(sample: Path) -> Iterator[str]:
    """The sample site served on a free loopback port."""
    handler = functools.partial(QuietHandler, directory=str(sample))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module."""
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh desktop-sized page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_reader_can_follow_home_to_issue_to_article_to_body_to_feed(page: Any, base: str) -> None:
    page.goto(base)
    page.get_by_role("link", name="Read the full issue").click()
    page.wait_for_url(f"{base}issues/2023-11-30-*/")
    page.locator(".top-title a").first.click()
    assert page.locator("h1").inner_text().startswith("Brain, cerebellum, limbs")
    page.locator(".chip-body a", has_text="MIIT").first.click()
    page.wait_for_url(f"{base}bodies/miit/")
    assert "Ministry of Industry and Information Technology" in page.locator("h1").inner_text()
    feed_url = page.get_by_role("link", name="Atom feed").first.get_attribute("href")
    response = page.request.get(base + feed_url.lstrip("/"))
    parsed = feedparser.parse(response.body())
    assert not parsed.bozo and len(parsed.entries) >= 5


def test_documents_filter_narrows_the_list_and_says_how_many(page: Any, base: str) -> None:
    page.goto(f"{base}documents/")
    items = page.locator("[data-doc-list] > li")
    total = items.count()
    status = page.get_by_role("status")
    assert status.inner_text() == f"{total} documents"
    page.get_by_label("Issuing body").select_option("cac")
    shown = page.locator("[data-doc-list] > li:visible")
    assert 1 <= shown.count() < total
    assert status.inner_text() == f"{shown.count()} of {total} documents shown"
    page.get_by_label("Year").select_option("2022")
    assert shown.count() == 0
    assert page.url.endswith("?body=cac&year=2022")
    page.reload()  # the choice survives in the URL
    assert page.get_by_label("Issuing body").input_value() == "cac"
    page.get_by_label("Issuing body").select_option("")
    page.get_by_label("Year").select_option("")
    assert shown.count() == total


def test_documents_filter_by_status_and_type_and_sort_by_a_date(page: Any, base: str) -> None:
    page.goto(f"{base}documents/")
    page.get_by_label("Status").select_option("in-force")
    shown = page.locator("[data-doc-list] > li:visible")
    in_force = page.locator('[data-doc-list] > li[data-status="in-force"]').count()
    assert shown.count() == in_force >= 2
    page.get_by_label("Sort by").select_option("-effective")
    days = [shown.nth(i).get_attribute("data-effective") for i in range(shown.count())]
    assert days == sorted(days) and all(days)
    page.get_by_label("Sort by").select_option("effective")
    days = [shown.nth(i).get_attribute("data-effective") for i in range(shown.count())]
    assert days == sorted(days, reverse=True)
    page.get_by_label("Type").select_option("announcement")
    types = {shown.nth(i).get_attribute("data-type") for i in range(shown.count())}
    assert types == {"announcement"}
    assert "status=in-force" in page.url and "sort=effective" in page.url
    page.get_by_label("Status").select_option("")
    page.get_by_label("Type").select_option("")
    page.get_by_label("Sort by").select_option("")
    links = page.locator("[data-doc-list] > li .entry-title")
    first = [links.nth(i).get_attribute("href") for i in range(links.count())]
    page.reload()
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == first


def test_documents_index_without_javascript_is_the_full_list(browser: Any, base: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}documents/")
    assert page.locator("[data-doc-filter]").is_hidden()
    items = page.locator("[data-doc-list] > li")
    assert (
        items.count() >= 14
        and page.locator("[data-doc-list] > li:visible").count() == items.count()
    )
    context.close()


def test_no_horizontal_scroll_at_360_px(browser: Any, base: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for name, path in PAGE_TYPES.items():
        page.goto(base + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, name
    # The table scrolls in its own box, its cells wider than the screen would allow.
    page.goto(base + WITH_TABLE)
    box = page.locator(".table-scroll").first
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    cell = page.locator(".table-scroll td").nth(1).bounding_box()
    assert cell is not None and cell["width"] > 250
    assert box.get_attribute("aria-label") == "Table: Area, Target for 2025"
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(500)
    assert box.evaluate("b => b.scrollLeft") > 0
    context.close()


def test_the_second_column_stays_in_view_at_1280_px(page: Any, base: str) -> None:
    for path, what in ((LATEST, ".toc"), (WITH_TABLE, ".sources"), ("bodies/miit/", ".related")):
        page.goto(base + path)
        main = page.locator(".with-side > .main-col").first.bounding_box()
        side = page.locator(f".with-side > .side {what}").first
        box = side.bounding_box()
        assert main and box and box["x"] >= main["x"] + main["width"], path
        assert 600 <= main["width"] <= 700  # the text keeps its measure
        # Halfway down the text column, the second column is still at the top of the screen.
        page.evaluate(f"window.scrollTo(0, {main['y'] + main['height'] / 2})")
        page.wait_for_timeout(200)
        top = side.evaluate("e => e.getBoundingClientRect().top")
        assert 0 <= top < 100, path  # still on screen, at the top, after scrolling


def test_folded_chips_open_without_javascript(browser: Any, base: str) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(base + WITH_TABLE)
    chips = page.locator("header .chips").first
    assert chips.locator("> .chip").count() == 4
    hidden = chips.locator(".chip-more .chip")
    assert hidden.count() == 6 and not hidden.first.is_visible()
    page.get_by_text("6 more").click()
    assert hidden.first.is_visible() and hidden.last.is_visible()
    context.close()


def test_images_come_in_the_width_the_screen_needs(browser: Any, base: str) -> None:
    for width, scale in ((375, 2), (1280, 1)):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, device_scale_factor=scale
        )
        page = context.new_page()
        page.goto(base + LATEST)
        image = page.locator(".hero img")
        assert image.get_attribute("width") == "1600" and image.get_attribute("height") == "900"
        assert "480w" in (image.get_attribute("srcset") or "")
        image.evaluate("i => i.decode()")
        chosen = image.evaluate("i => i.currentSrc")
        assert chosen.endswith(".webp"), chosen
        assert ("-800." in chosen) if width == 375 else ("-1200." in chosen), chosen
        context.close()


def test_permalinks_show_on_hover_and_focus_only(page: Any, base: str) -> None:
    page.goto(base + LATEST)
    link = page.locator(".top-title .permalink").first
    assert link.evaluate("a => getComputedStyle(a).opacity") == "0"
    page.locator(".top-title").first.hover()
    page.wait_for_timeout(300)
    assert link.evaluate("a => getComputedStyle(a).opacity") == "1"
    page.mouse.move(0, 0)
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    page.wait_for_timeout(300)
    assert link.evaluate("a => getComputedStyle(a).opacity") == "1"


def axe_script() -> Path:
    """axe.min.js as shipped by the axe-playwright-python package."""
    import axe_playwright_python

    return Path(axe_playwright_python.__file__).parent / "axe.min.js"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations(browser: Any, base: str, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    found = {}
    for name, path in PAGE_TYPES.items():
        page.goto(base + path + ("?q=steel" if name == "search" else ""))
        if name == "search":
            page.locator("[data-search-results] .entry").first.wait_for()
        page.add_script_tag(path=str(axe_script()))
        result = page.evaluate("async () => await axe.run(document)")
        violations = [
            f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]
        ]
        if violations:
            found[name] = violations
    context.close()
    assert found == {}


def axe_violations(page: Any) -> list[str]:
    """axe-core's violations on the open page, each with the first few elements it names."""
    page.add_script_tag(path=str(axe_script()))
    result = page.evaluate("async () => await axe.run(document)")
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


def test_emails_seen_in_a_browser_have_no_accessibility_violations(
    browser: Any, sample: Path, hostile: Path
) -> None:
    # "View in your browser" sends readers to email.html: it is a page like any other.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    for site_url, site in (
        ("https://briefing.example.org/", sample),
        ("https://example.org/", hostile),
    ):
        context.route(site_url + "**", route_site_to(site, site_url))
    page = context.new_page()
    emails = sorted((*sample.glob("issues/*/email.html"), *hostile.glob("issues/*/email.html")))
    assert len(emails) == 6
    found = {}
    for mail in emails:
        page.goto(mail.as_uri())
        if violations := axe_violations(page):
            found[mail.parent.name] = violations
    context.close()
    assert found == {}


def test_keyboard_reaches_the_skip_link_first(page: Any, base: str) -> None:
    page.goto(base + ISSUE)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["x"] >= 0  # visible once focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_pages_request_nothing_from_other_hosts(page: Any, base: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in PAGE_TYPES.values():
        page.goto(base + path)
    page.goto(f"{base}search/?q=steel")
    page.locator("[data-search-results] .entry").first.wait_for()
    assert [url for url in requested if not url.startswith((base, "data:"))] == []


def test_reading_needs_no_javascript(browser: Any, base: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + ISSUE)
    assert page.locator(".top-item").count() == 5
    assert page.locator(".noteworthy-list li").count() > 5
    page.goto(f"{base}search/")
    assert page.locator("[data-search]").is_hidden()
    assert page.get_by_text("needs JavaScript").is_visible()
    assert page.get_by_role("link", name="archive of issues").is_visible()
    context.close()


def test_print_shows_one_clean_column_with_link_urls(page: Any, base: str) -> None:
    page.goto(base + ISSUE)
    page.emulate_media(media="print")
    assert page.locator(".site-header nav[aria-label=Site]").is_hidden()
    assert page.locator(".site-header nav.languages").is_hidden()
    assert page.locator(".toc").is_hidden()
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.source a[href^=\"http\"]'), '::after').content"
    )
    assert "http" in after


def test_screenshots_of_every_page_type(
    browser: Any, base: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("screenshots")
    for scheme in ("light", "dark"):
        for width in (1280, 375):
            context = browser.new_context(
                viewport={"width": width, "height": 900}, color_scheme=scheme
            )
            page = context.new_page()
            for name, path in PAGE_TYPES.items():
                page.goto(base + path)
                shot = folder / f"{name}-{width}-{scheme}.png"
                page.screenshot(path=str(shot), full_page=True)
            context.close()
    assert len(list(folder.glob("*.png"))) == 4 * len(PAGE_TYPES)


def route_site_to(sample: Path, base_url: str) -> Any:
    """A Playwright route handler that answers the site's absolute URLs from the built files."""

    def handle(route: Any) -> None:
        path = route.request.url.removeprefix(base_url).partition("?")[0].partition("#")[0]
        file = sample / (path + "index.html" if path == "" or path.endswith("/") else path)
        if file.is_file():
            route.fulfill(path=str(file))
        else:
            route.fulfill(status=404, body="")

    return handle


def test_email_fits_600_px_on_desktop_and_360_px_on_a_phone(
    browser: Any, sample: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # The email's images point at the public site, which is not reachable from a test.
    site_url = "https://briefing.example.org/"
    folder = tmp_path_factory.mktemp("email-screenshots")
    emails = sorted(sample.glob("issues/*/email.html"))
    assert emails
    for width in (1280, 600, 360):
        context = browser.new_context(viewport={"width": width, "height": 900})
        context.route(site_url + "**", route_site_to(sample, site_url))
        page = context.new_page()
        for mail in emails:
            page.goto(mail.as_uri())
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (mail, width)
            # The column holding the issue: its table is the 600 px layout.
            column = page.evaluate(
                "document.querySelector('h1').closest('table').getBoundingClientRect().width"
            )
            assert column <= min(600, width), (mail, width, column)
            page.screenshot(path=str(folder / f"{mail.parent.name}-{width}.png"), full_page=True)
        context.close()
