"""The live preview against a real server on 127.0.0.1: rebuilds, reloads, error pages."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import clean, resident_preview, served, write
from tornado.websocket import websocket_connect

from briefing.cli.errorpage import error_page
from briefing.cli.serve import Preview
from briefing.cli.tidy import TIDY_AFTER, TIDY_EVERY, Tidier, tidy
from briefing.errors import Problem
from briefing.pipeline import find_templates, make_site
from briefing.release import Release, utc_now

ROOT = Path(__file__).parent.parent
LATER = "issues/2023-07-20-ai-rules/"
WAIT = 20.0  # seconds: an upper bound for a rebuild to show, never an expectation


def wait_for(condition: Callable[[], object], what: str, timeout: float = WAIT) -> object:
    """Poll until `condition()` is truthy; fail naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def get(url: str) -> tuple[int, str]:
    """Status and body of a GET, errors included."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return 0, ""


def stop(process: subprocess.Popen) -> None:
    """End a process we started, politely first."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A `build.py serve` process and its address."""

    def __init__(self, process: subprocess.Popen, url: str, log: Path) -> None:
        self.process, self.url, self.log = process, url, log

    def page(self, path: str) -> tuple[int, str]:
        return get(self.url + path)

    def shows(self, path: str, text: str, status: int = 200) -> None:
        """Wait until the page at `path` has `status` and contains `text`."""

        def check() -> bool:
            code, body = self.page(path)
            return code == status and text in body

        wait_for(check, f"{text!r} with status {status} at {path}")


def stylesheet(html: str) -> str:
    """The site path of the stylesheet a page links to (its name carries a content hash)."""
    match = re.search(r'<link rel="stylesheet" href="/([^"]+)"', html)
    assert match, "the page links no stylesheet"
    return match.group(1)


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Start `build.py serve` on a free port of 127.0.0.1; always stopped afterwards."""
    started: list[subprocess.Popen] = []

    def start(content: Path, *options: str) -> Server:
        port = free_port()
        log = tmp_path / f"serve-{port}.log"
        command = [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(content)]
        with log.open("w") as handle:
            process = subprocess.Popen(
                [*command, "--port", str(port), *options],
                cwd=tmp_path,
                stdout=handle,
                stderr=subprocess.STDOUT,
            )
        started.append(process)
        server = Server(process, f"http://127.0.0.1:{port}/", log)
        wait_for(lambda: server.page("")[0] or process.poll() is not None, "the server to start")
        assert process.poll() is None, log.read_text()
        return server

    yield start
    for process in started:
        stop(process)


@pytest.fixture
def site(content: Path) -> Path:
    """The minimal content with its own copy of the templates beside it."""
    shutil.copytree(ROOT / "briefing" / "templates", content.parent / "templates")
    return content


def test_binds_localhost_and_serves_the_built_site(site: Path, serve, tmp_path: Path) -> None:
    server = serve(site, "--out", str(tmp_path / "written"))
    assert server.page("")[0] == 200
    assert "AI rules + shipping" in server.page(LATER)[1]
    log = server.log.read_text()
    assert "Starting the preview on http://127.0.0.1:" in log
    assert "Built 2 issues, 4 articles, " in log  # each rebuild's one-line summary
    assert server.page(LATER.rstrip("/"))[0] == 200  # redirected to the folder
    assert server.page("no/such/page/")[0] == 404
    assert (tmp_path / "written" / LATER / "index.html").is_file()  # --out also writes it


def test_the_email_edition_is_served_beside_the_issue(site: Path, serve) -> None:
    server = serve(site)
    status, issue = server.page(LATER)
    assert status == 200
    assert f'href="/{LATER}email.html"' in issue
    status, mail = server.page(LATER + "email.html")
    assert status == 200
    assert "View in your browser" in mail and "<style" not in mail
    assert server.page(LATER + "email.txt")[0] == 200
    server.shows(LATER + "email.html", "AI rules + shipping")


def test_a_port_in_use_is_a_clear_error(site: Path, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                str(ROOT / "build.py"),
                "serve",
                "--content",
                str(site),
                "--port",
                str(port),
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 2
    assert f"error: cannot serve on 127.0.0.1:{port}" in result.stderr
    assert "try another --port" in result.stderr


def test_an_edit_rebuilds_and_tells_the_browser_to_reload(site: Path, serve) -> None:
    server = serve(site)
    article = site / "issues" / "2023-07-20-ai-rules" / "01-shanghai-ai.md"

    async def reload_message() -> dict:
        socket_url = server.url.replace("http://", "ws://") + "livereload"
        connection = await websocket_connect(socket_url)
        await connection.write_message(json.dumps({"command": "hello", "protocols": []}))
        await connection.read_message()
        await connection.write_message(json.dumps({"command": "info", "url": server.url}))
        await asyncio.sleep(0.5)  # let the server register this browser first
        article.write_text(article.read_text().replace("Shanghai regulates AI", "Edited title"))
        while True:  # livereload also sends one reload ("*") to browsers when it starts
            message = json.loads(await asyncio.wait_for(connection.read_message(), WAIT))
            if message["path"] != "*":
                connection.close()
                return message

    message = asyncio.run(reload_message())
    assert message["command"] == "reload" and message["path"].endswith("01-shanghai-ai.md")
    assert "Edited title" in server.page(LATER)[1]  # rebuilt before the reload was sent


def test_creating_deleting_and_renaming_files(site: Path, serve) -> None:
    server = serve(site)
    folder = site / "issues" / "2023-07-20-ai-rules"
    write(folder / "03-new.md", "---\ntitle: Brand new\nsectors: [ai]\n---\nNew.\n")
    server.shows(LATER + "new/", "Brand new")
    (folder / "03-new.md").rename(folder / "03-renamed.md")
    server.shows(LATER + "renamed/", "Brand new")
    server.shows(LATER + "new/", "", status=404)
    (folder / "03-renamed.md").unlink()
    server.shows(LATER + "renamed/", "", status=404)
    code, page = server.page(LATER)
    assert code == 200 and "Brand new" not in page
    fresh = site / "issues" / "2024-01-01-fresh"  # a new folder, as `new issue` makes
    write(fresh / "index.md", "---\ntitle: Fresh issue\ndate: 2024-01-01\n---\n")
    server.shows("issues/2024-01-01-fresh/", "Fresh issue")
    shutil.rmtree(fresh)
    server.shows("issues/2024-01-01-fresh/", "", status=404)


def test_template_static_and_config_changes(site: Path, serve) -> None:
    server = serve(site)
    base = site.parent / "templates" / "base.html"
    base.write_text(base.read_text().replace("</footer>", "<p>Template edited</p></footer>"))
    server.shows(LATER, "Template edited")
    css = site.parent / "templates" / "static" / "style.css"
    css.write_text(css.read_text() + "\n/* static edited */\n")
    # Assets carry a content hash, so a new stylesheet comes with pages linking to it.
    wait_for(
        lambda: "static edited" in server.page(stylesheet(server.page(LATER)[1]))[1],
        "the edited stylesheet",
    )
    config = site / "site.yaml"
    config.write_text(config.read_text().replace("title:", "title: Renamed", 1))
    server.shows("", "Renamed")


def test_an_error_shows_in_the_browser_and_the_preview_recovers(site: Path, serve) -> None:
    server = serve(site)
    css = stylesheet(server.page(LATER)[1])
    article = site / "issues" / "2023-07-20-ai-rules" / "01-shanghai-ai.md"
    good = article.read_text()
    article.write_text(good.replace("sectors: [AI]", "sectors: [<b>AI</b>, Robots]"))
    server.shows(LATER, "Build failed", status=500)
    code, page = server.page(LATER + "shanghai-ai/")
    assert code == 500  # no stale page: every page shows the error
    assert "01-shanghai-ai.md:3: sectors: unknown sector &#x27;Robots&#x27;" in page
    assert "<mark>" in page and "&lt;b&gt;AI&lt;/b&gt;" in page and "<b>AI" not in page
    assert "livereload.js" in page  # so the page reloads by itself once fixed
    assert server.page(css)[0] == 200  # assets still come from the last good build
    article.write_text(good.replace("Shanghai regulates AI", "Fixed"))
    server.shows(LATER, "Fixed")


def test_a_template_exception_shows_as_an_error_and_the_server_lives(site: Path, serve) -> None:
    server = serve(site)
    base = site.parent / "templates" / "base.html"
    good = base.read_text()
    base.write_text(good.replace("<main", "{{ no_such_thing.at_all }}<main"))
    server.shows(LATER, "template error", status=500)
    assert "base.html:" in server.page(LATER)[1]
    base.write_text(good.replace("<main", "{% if %}<main"))
    server.shows(LATER, "template error: Expected an expression", status=500)
    base.write_text(good)
    server.shows(LATER, "AI rules + shipping")
    assert server.process.poll() is None


def test_drafts_are_previewed_only_with_the_flag(site: Path, serve) -> None:
    folder = site / "issues" / "2023-07-20-ai-rules"
    write(folder / "03-draft.md", "---\ntitle: Draft piece\nsectors: [ai]\ndraft: true\n---\nX\n")
    assert serve(site).page(LATER + "draft/")[0] == 404
    serve(site, "--drafts").shows(LATER + "draft/", "DRAFT")


def test_the_error_page_escapes_and_marks_the_offending_line(tmp_path: Path) -> None:
    source = write(tmp_path / "a.md", "one\n<script>two</script>\nthree\n")
    page = error_page([Problem(source, 2, "bad <thing>"), Problem(tmp_path / "gone", 9, "x")])
    assert "bad &lt;thing&gt;" in page and "<thing>" not in page
    assert '<mark><span class="number">   2 </span>&lt;script&gt;two&lt;/script&gt;</mark>' in page
    assert "<script>" not in page
    assert f"{tmp_path / 'gone'}:9: x" in page  # a file that cannot be read shows no excerpt


def test_a_failed_rebuild_keeps_assets_and_a_fixed_one_swaps_in(site: Path) -> None:
    templates = find_templates(site)

    def make(previous, last, changed):
        return make_site(site, templates, Release(utc_now()), previous=previous, last=last)

    preview = Preview(make, templates, log=open(site.parent / "log.txt", "w"))  # noqa: SIM115
    assert preview.rebuild() is True
    assert preview.respond("/")[0] == "200 OK"
    assert preview.rebuild() is False  # nothing changed, so no reload is sent
    css = site.parent / "templates" / "static" / "style.css"
    css.write_text(css.read_text() + "\n/* edited */\n")
    assert preview.rebuild() is True  # a copied file's new bytes count as a change
    home = preview.respond("/")[2]
    (site / "site.yaml").write_text("title: [\n")
    assert preview.rebuild() is True
    status, _, body = preview.respond("/")
    assert status.startswith("500") and b"site.yaml:2: YAML syntax error" in body
    assert preview.respond("/" + stylesheet(home.decode()))[0] == "200 OK"


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class Browser:
    """Headless Chromium driven over the DevTools protocol (a websocket), one tab."""

    def __init__(self, connection) -> None:
        self.connection = connection
        self.calls = 0

    async def call(self, method: str, **params: object) -> dict:
        self.calls += 1
        await self.connection.write_message(
            json.dumps({"id": self.calls, "method": method, "params": params})
        )
        while True:
            reply = json.loads(await asyncio.wait_for(self.connection.read_message(), WAIT))
            if reply.get("id") == self.calls:
                return reply.get("result", {})

    async def text(self) -> str:
        result = await self.call("Runtime.evaluate", expression="document.body.innerText")
        return result.get("result", {}).get("value") or ""

    async def shows(self, text: str) -> None:
        """Wait until the tab shows `text`, without ever navigating it ourselves."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if text in await self.text():
                return
            await asyncio.sleep(0.2)
        pytest.fail(f"the browser never showed {text!r}")


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[str]:
    """A headless Chromium on 127.0.0.1; yields the DevTools websocket URL of its tab."""
    if CHROMIUM is None:
        pytest.skip("needs Chromium (apt-get install chromium)")
    port = free_port()
    process = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--remote-debugging-port={port}", "--remote-debugging-address=127.0.0.1",
         f"--user-data-dir={tmp_path / 'profile'}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:

        def tab() -> str | None:
            code, body = get(f"http://127.0.0.1:{port}/json/list")
            pages = [t for t in json.loads(body) if t["type"] == "page"] if code == 200 else []
            return pages[0]["webSocketDebuggerUrl"] if pages else None

        yield wait_for(tab, "Chromium to start")  # type: ignore[misc]
    finally:
        stop(process)


def test_a_real_browser_shows_the_error_and_recovers_by_itself(
    site: Path, serve, chromium: str
) -> None:
    server = serve(site)
    article = site / "issues" / "2023-07-20-ai-rules" / "01-shanghai-ai.md"
    good = article.read_text()

    async def session() -> None:
        browser = Browser(await websocket_connect(chromium, max_message_size=1 << 26))
        await browser.call("Page.navigate", url=server.url + LATER)
        await browser.shows("Shanghai regulates AI")
        while "Browser Connected" not in server.log.read_text():  # livereload.js is in
            await asyncio.sleep(0.1)  # bounded by the test's own timeout below
        article.write_text(good.replace("sectors: [AI]", "sectors: [Robots]"))
        await browser.shows("Build failed")
        await browser.shows("unknown sector 'Robots'")
        article.write_text(good.replace("Shanghai regulates AI", "Fixed in the browser"))
        await browser.shows("Fixed in the browser")
        browser.connection.close()

    asyncio.run(asyncio.wait_for(session(), 3 * WAIT))


CLOSE = b"\r\nConnection: close\r\n\r\n"


def raw_request(url: str, request: bytes) -> bytes:
    """Send bytes as they are (no client tidies them up) and read the answer."""
    host, port = url.removeprefix("http://").strip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            pass
    return b"".join(chunks)


def test_the_preview_serves_nothing_outside_the_site(site: Path, serve, tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", "top secret")
    server = serve(site)
    server.shows(LATER, "AI rules + shipping")
    escapes = [
        b"/../../../../etc/passwd",
        b"/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        b"/issues/..%2f..%2f..%2fetc/passwd",
        b"//etc/passwd",
        b"/" + str(secret).encode(),
        b"/static/..%5c..%5csecret.txt",
    ]
    for path in escapes:
        answer = raw_request(
            server.url, b"GET " + path + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        status = answer.split(b"\r\n", 1)[0]
        assert b" 200 " not in status and b"root:" not in answer, (path, status)
        assert b"top secret" not in answer
    # A symbolic link out of the content folder is refused by the build, never served.
    (site / "issues" / "2023-07-20-ai-rules" / "leak.txt").symlink_to(secret)
    server.shows(LATER, "leads outside the content folder", status=500)
    request = b"GET /issues/2023-07-20-ai-rules/leak.txt HTTP/1.1\r\nHost: x\r\n\r\n"
    assert b"top secret" not in raw_request(server.url, request.replace(b"\r\n\r\n", CLOSE))


def test_the_preview_keeps_serving_through_malformed_requests(site: Path, serve) -> None:
    server = serve(site)
    server.shows(LATER, "AI rules + shipping")
    for junk in (
        b"GARBAGE\r\n\r\n",
        b"GET /%zz%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET / HTTP/1.1\r\n" + b"X-Big: " + b"a" * 100_000 + b"\r\n\r\n",
        b"GET /\x00\xff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",  # a TLS hello on a plain port
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\nshort",
    ):
        raw_request(server.url, junk)
    assert server.page(LATER)[0] == 200
    assert server.process.poll() is None


def test_a_file_moved_in_with_an_old_time_is_noticed(site: Path, serve, tmp_path: Path) -> None:
    server = serve(site)
    server.shows(LATER, "AI rules + shipping")
    outside = write(
        tmp_path / "old.md", "---\ntitle: Moved in from elsewhere\nsectors: [ai]\n---\nOld.\n"
    )
    os.utime(outside, (0, 0))  # as `mv` or `cp -p` keep it: older than the server
    shutil.move(outside, site / "issues" / "2023-07-20-ai-rules" / "03-old.md")
    server.shows(LATER, "Moved in from elsewhere")


def test_the_preview_renders_only_what_changed_and_serves_a_full_build(site: Path) -> None:
    from briefing.outputs import Reused

    templates = find_templates(site)
    made = []

    def make(previous, last, changed):
        made.append(make_site(site, templates, Release(utc_now()), previous=previous, last=last))
        return made[-1]

    preview = Preview(make, templates, log=open(site.parent / "log.txt", "w"))  # noqa: SIM115
    preview.rebuild()
    article = site / "issues" / "2023-07-20-ai-rules" / "01-shanghai-ai.md"
    article.write_text(article.read_text().replace("A provincial-level first.", "A first."))
    assert preview.rebuild() is True
    reused = {path for path, content in made[-1].files.items() if isinstance(content, Reused)}
    assert "issues/2022-09-29-materials-shipping/index.html" in reused
    assert "issues/2023-07-20-ai-rules/shanghai-ai/index.html" not in reused
    full = make_site(site, templates, Release(utc_now()))
    for path, content in full.produce():
        if isinstance(content, bytes):
            assert preview.respond("/" + path)[2] == content, path


def test_the_inotify_watcher_names_the_paths_each_rebuild_must_look_at(tmp_path: Path) -> None:
    from briefing.cli import watch as preview_server

    if preview_server.pyinotify is None:
        pytest.skip("needs pyinotify (Linux)")
    folder = tmp_path / "watched"
    write(folder / "issue" / "old.md", "old")
    calls: list[frozenset[str] | None] = []

    async def session() -> None:
        watcher = preview_server.InotifyWatcher()
        watcher.watch(str(folder), calls.append, ignore=preview_server.ignored)
        watcher.start(lambda: None)

        async def seen(*paths: Path) -> None:
            wanted = {str(path) for path in paths}
            while not wanted <= set().union(*(call or () for call in calls)):
                await asyncio.sleep(0.05)  # bounded by the wait_for below

        write(folder / "issue" / "new.md", "new")
        (folder / "issue" / "old.md").rename(folder / "issue" / "renamed.md")
        await seen(
            folder / "issue" / "new.md",
            folder / "issue" / "old.md",
            folder / "issue" / "renamed.md",
        )
        write(folder / "fresh" / "index.md", "a folder made after the watch")
        await seen(folder / "fresh")
        write(folder / "fresh" / "01-later.md", "written into the new folder")
        await seen(folder / "fresh" / "01-later.md")
        calls.clear()
        write(folder / "issue" / "new.md~", "an editor's backup: noted, no rebuild of its own")
        write(folder / "issue" / "new.md", "saved again")
        await seen(folder / "issue" / "new.md~", folder / "issue" / "new.md")
        watcher.notifier.stop()

    asyncio.run(asyncio.wait_for(session(), WAIT))
    assert None not in calls  # no lost events: each rebuild was told exactly what changed


def test_the_preview_makes_a_pdf_only_when_it_is_asked_for(site: Path) -> None:
    """A save is on screen without waiting for its issue's PDF (a second or more): the
    PDF is made on the first request, once, and is the bytes a full build writes."""
    from briefing.outputs import Pending

    templates = find_templates(site)

    def make(previous, last, changed):
        return make_site(site, templates, Release(utc_now()), previous=previous, last=last)

    preview = Preview(make, templates, log=open(site.parent / "log.txt", "w"))  # noqa: SIM115
    preview.rebuild()
    pdfs = sorted(path for path in preview.outcome.files if path.endswith(".pdf"))
    assert pdfs and all(isinstance(preview.outcome.files[path], Pending) for path in pdfs)
    status, headers, body = preview.respond("/" + pdfs[0])
    assert status == "200 OK" and ("Content-Type", "application/pdf") in headers
    assert body.startswith(b"%PDF-") and preview.outcome.files[pdfs[0]] == body
    assert isinstance(preview.outcome.files[pdfs[-1]], Pending) or len(pdfs) == 1
    assert preview.respond("/" + pdfs[0])[2] == body  # made once, then served as made
    full = dict(make_site(site, templates, Release(utc_now())).produce())
    assert full[pdfs[0]] == body


def lazy_preview(site: Path) -> Preview:
    """A preview of `site` after its first (whole) build."""
    templates = find_templates(site)

    def make(previous, last, changed):
        return make_site(site, templates, Release(utc_now()), previous=previous, last=last)

    preview = Preview(make, templates, log=open(site.parent / "log.txt", "w"))  # noqa: SIM115
    preview.rebuild()
    return preview


def test_a_lazy_rebuild_serves_a_page_when_asked_and_makes_the_rest_in_turn(site: Path) -> None:
    from briefing.outputs import Pending

    preview = lazy_preview(site)
    article = site / "issues" / "2023-07-20-ai-rules" / "01-shanghai-ai.md"
    article.write_text(article.read_text().replace("A provincial-level first.", "A lazy first."))
    assert preview.rebuild(lazily=True) is True
    page = "issues/2023-07-20-ai-rules/shanghai-ai/index.html"
    assert isinstance(preview.outcome.files[page], Pending)  # not made yet
    assert "A lazy first." in preview.respond("/" + page)[2].decode()  # made when asked
    left = len(preview.queue)
    assert left > 1  # the issue, its terms' pages, feeds... still to make
    states = [preview.finish(count=3) for _ in range(left)]
    assert states[-1] is None and True not in states and preview.queue == []
    assert not any(
        isinstance(c, Pending) and not path.endswith(".pdf")
        for path, c in preview.outcome.files.items()
    )
    full = make_site(site, find_templates(site), Release(utc_now()))
    for path, content in full.produce():
        if isinstance(content, bytes):
            assert preview.respond("/" + path)[2] == content, path
    # Nothing changed since: no reload, though its pages were made after it was swapped in.
    assert preview.rebuild(lazily=True) is False


def test_a_page_that_fails_after_a_lazy_rebuild_shows_the_error(site: Path) -> None:
    preview = lazy_preview(site)
    template = find_templates(site) / "term.html"
    assert template.is_relative_to(site.parent)  # the site's own copy of the templates
    main = "{% block main %}"
    template.write_text(template.read_text().replace(main, main + "{{ 1 / 0 }}", 1))
    # Term pages fail only when made: the rebuild itself goes through.
    assert preview.rebuild(lazily=True) is True
    while (state := preview.finish()) is False:
        pass
    assert state is True
    status, _, body = preview.respond("/")
    assert status == "500 Build Failed" and "ZeroDivisionError" in body.decode()
    assert "term.html" in body.decode()


class Node:
    """An object in a reference cycle, as a replaced Renderer is with its pending pages."""

    def __init__(self) -> None:
        self.me = self


def test_tidying_between_saves_frees_what_rebuilds_left_and_freezes_what_is_held() -> None:
    held, dropped = Node(), Node()
    gone = weakref.ref(dropped)
    gc.freeze()  # as a rebuild leaves the resident model
    del dropped
    try:
        tidy()
        assert gone() is None  # collected though it was frozen when dropped
        assert gc.get_freeze_count() > 0 and held.me is held
    finally:
        gc.unfreeze()


def test_the_heap_is_tidied_when_saves_pause_or_too_many_went_untidied(monkeypatch) -> None:
    # A tidying blocks the server for a moment: it must not meet a save that came just
    # now, yet the leavings of quick saves must not pile up without end.
    tidied = []
    monkeypatch.setattr("briefing.cli.tidy.tidy", lambda: tidied.append(now[0]))
    now = [100.0]
    tidier = Tidier(clock=lambda: now[0])
    assert tidier.maybe() is False and tidied == []  # nothing rebuilt yet
    tidier.rebuilt()
    now[0] += TIDY_AFTER / 2
    assert tidier.maybe() is False  # a save came just now
    now[0] += TIDY_AFTER
    assert tidier.maybe() is True and tidied == [now[0]]
    assert tidier.maybe() is False  # nothing since
    asked = []
    for _ in range(TIDY_EVERY):  # saves that never pause
        tidier.rebuilt()
        asked.append(tidier.maybe())
    assert asked == [False] * (TIDY_EVERY - 1) + [True] and len(tidied) == 2


def test_an_outcomes_digest_changes_exactly_when_a_files_mark_does(
    site: Path, tmp_path: Path
) -> None:
    preview = resident_preview(site, tmp_path)
    first = preview.outcome.digest
    assert preview.rebuild() is False and preview.outcome.digest == first  # nothing changed
    article = site / "issues" / "2023-07-20-ai-rules" / "01-shanghai-ai.md"
    original = article.read_text()
    article.write_text(original.replace("A provincial-level first.", "A first."))
    assert preview.rebuild(lazily=True) is True
    edited = preview.outcome.digest
    new = write(site / "pages" / "new.md", "---\ntitle: New\n---\nText.\n")
    assert preview.rebuild() is True
    added = preview.outcome.digest
    new.unlink()
    assert preview.rebuild() is True
    assert "new/index.html" not in preview.outcome.files
    gone = preview.outcome.digest
    article.write_text(original)
    # Back as it was is a change too: the browser shows the last outcome, not the first.
    assert preview.rebuild() is True
    assert len({first, edited, added, gone, preview.outcome.digest}) == 5


def test_a_page_made_on_request_is_not_queued_again_by_the_next_rebuild(
    site: Path, tmp_path: Path
) -> None:
    preview = resident_preview(site, tmp_path)
    article = site / "issues" / "2023-07-20-ai-rules" / "01-shanghai-ai.md"
    article.write_text(article.read_text().replace("A provincial-level first.", "A first."))
    assert preview.rebuild(frozenset({str(article)}), lazily=True) is True
    asked = preview.queue[0]
    preview.content(preview.outcome, asked)  # a reader asks for it before its turn
    assert preview.rebuild(frozenset(), lazily=True) is False  # nothing changed since
    assert not preview.outcome.problems, preview.outcome.problems
    assert asked not in preview.queue and preview.queue
    while preview.finish() is False:
        pass
    assert served(preview) == clean(site, preview.templates)
