"""The preview scenario: a real `serve` process on the corpus, one article edited at a time,
timed from the save until the served page holds the new text.
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLL = 0.005  # seconds between two requests for the page


def free_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    """The page's text, or None while the server does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, timeout: float) -> float:
    """Seconds until the page at `url` holds `text`."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - started
        time.sleep(POLL)
    raise SystemExit(f"the preview did not show {text!r} at {url} within {timeout:.0f} s")


def preview_edits(folder: Path, article: Path, page: str, edits: int) -> list[float]:
    """Start `serve` on `folder`/content, save `edits` edits of `article` one after the
    other, and return how long each took to be served at the site path `page`."""
    port = free_port()
    command = [sys.executable, str(ROOT / "build.py"), "serve", "--content", "content"]
    command += ["--port", str(port)]
    server = subprocess.Popen(
        command, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}/{page}"
    original = article.read_text(encoding="utf-8")
    try:
        wait_for(url, "</html>", timeout=3600)  # the first build
        times = []
        for number in range(edits):
            marker = f"Preview edit number {number} at {time.time_ns()}."
            article.write_text(f"{original}\n{marker}\n", encoding="utf-8")
            times.append(wait_for(url, marker, timeout=600))
            time.sleep(0.3)  # let the server settle (the watcher, the reload) before the next
        return times
    finally:
        article.write_text(original, encoding="utf-8")
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def median_preview(folder: Path, article: Path, page: str, edits: int = 5) -> float:
    """The median time from saving an edit to the served page showing it."""
    return statistics.median(preview_edits(folder, article, page, edits))
