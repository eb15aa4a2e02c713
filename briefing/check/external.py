"""Check external links over HTTP, remembering the ones that worked so only new ones are fetched."""

from __future__ import annotations

import datetime as dt
import json
import os
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

TIMEOUT = 10.0
WORKERS = 8
USER_AGENT = "briefing-link-check/1 (+static site generator)"
# Servers that refuse HEAD (or mishandle it) often answer GET correctly.
RETRY_WITH_GET = {403, 404, 405, 501}

Fetch = Callable[[str], str | None]


def fetch(url: str, *, timeout: float = TIMEOUT) -> str | None:
    """Why `url` does not work (HEAD, then GET), or None if it answers with success."""
    reason = None
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except urllib.error.HTTPError as error:
            reason = f"HTTP {error.code}"
            if error.code not in RETRY_WITH_GET:
                return reason
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = str(getattr(error, "reason", error)) or type(error).__name__
    return reason


def load_known(cache_file: Path) -> dict[str, str]:
    """URLs that worked before, with when; an unreadable cache is an empty one."""
    try:
        data = json.loads(cache_file.read_text(encoding="utf-8"))
        return {str(url): str(when) for url, when in data["ok"].items()}
    except (OSError, ValueError, KeyError, AttributeError):
        return {}


def save_known(cache_file: Path, known: dict[str, str]) -> None:
    """Keep the URLs that work, replacing the cache file in one rename."""
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    temporary = cache_file.with_suffix(".tmp")
    temporary.write_text(json.dumps({"ok": dict(sorted(known.items()))}, indent=1), "utf-8")
    os.replace(temporary, cache_file)


def check_urls(
    urls: list[str], cache_file: Path | None, *, now: dt.datetime, get: Fetch = fetch
) -> tuple[dict[str, str], int]:
    """Why each failing URL fails, fetching only those not known to work; and how many
    were fetched. Failures are not cached, so a fixed link passes next time; with no
    `cache_file`, every link is fetched and nothing is kept."""
    known = load_known(cache_file) if cache_file else {}
    new = [url for url in dict.fromkeys(urls) if url not in known]
    with ThreadPoolExecutor(WORKERS) as pool:
        reasons = list(pool.map(get, new))
    failed = {}
    for url, reason in zip(new, reasons, strict=True):
        if reason is None:
            known[url] = now.isoformat()
        else:
            failed[url] = reason
    if cache_file:
        save_known(cache_file, known)
    return failed, len(new)
