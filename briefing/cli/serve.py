"""The live preview: rebuild on every change, serve the site from memory, show errors in it.

A rebuild renders the whole site into a new map of files, and only a finished map replaces
the one being served, so a reader never sees a half-built site. While the latest build has
failed, every page is an error page naming each problem; the next good build replaces it,
and the browser reloads by itself.

The preview is resident: it keeps the last good reading of the content in memory, and
(with inotify, on Linux) is told which files a save changed, so a rebuild reads only
those and renders only the pages whose values changed.
"""

from __future__ import annotations

import hashlib
import mimetypes
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from livereload import Server
from livereload.handlers import LiveReloadHandler
from tornado.ioloop import IOLoop

from .. import parallel
from ..errors import BuildFailed, Problem, UsageError, crash_problem
from ..outputs import REUSED, Made, Output, Pending
from ..pipeline import Rendered
from ..read import Snapshot
from ..render import produce
from ..write import data
from .errorpage import error_page
from .tidy import TIDY_AFTER, Tidier
from .watch import ArrivalWatcher, ignored, watcher

# Makes the site, reusing the pages whose fingerprints (the last good build's) still hold
# and the files of the last good reading, of which only `changed` (when known) may differ.
Rebuild = Callable[[Mapping[str, str], Snapshot | None, frozenset[str] | None], Rendered]
NO_STORE = ("Cache-Control", "no-store")  # a preview must never come from the browser's cache


@dataclass(frozen=True)
class Outcome:
    """The result of the latest build: the files of the last good one, and any problems."""

    # A PDF is made when first asked for (see deferred), and after a lazy rebuild every
    # page until it is asked for or its turn comes: until then it is Pending here.
    files: dict[str, Made | Pending] = field(default_factory=dict, compare=False)
    problems: tuple[Problem, ...] = ()
    base_path: str = "/"
    # Of every file's mark, as it changed since the first build (see `digest`): equal
    # digests mean nothing visible changed.
    digest: str = ""
    marks: dict[str, str] = field(default_factory=dict, compare=False)  # see `mark`


class Preview:
    """A WSGI application serving the latest build; `rebuild` swaps in a new outcome whole."""

    def __init__(self, make: Rebuild, templates: Path, log: TextIO) -> None:
        self.make = make
        self.templates = templates
        self.log = log
        self.outcome = Outcome()
        self.fingerprints: dict[str, str] = {}  # of the last good build's pages
        self.snapshot: Snapshot | None = None  # the last good build's reading
        self.unsure = True  # changes since the snapshot may be unknown: look at every file
        self.lock = threading.Lock()  # one request makes a deferred file, the rest wait
        self.queue: list[str] = []  # the pages a lazy rebuild left to make, in turn

    def rebuild(self, changed: frozenset[str] | None = None, *, lazily: bool = False) -> bool:
        """Build again and swap the result in; True if what is served changed.

        `changed` are the files (absolute paths) changed since the last rebuild, None if
        unknown. `lazily`, the pages to make again are swapped in still to make: each is
        made when asked for, or by `finish`, whichever comes first (a save is on screen
        once the site is planned, not once every page showing it is made)."""
        started = time.perf_counter()
        before = self.outcome
        counts = ""
        # After a failed build, files changed since the snapshot were not all named since.
        known = None if self.unsure else changed
        self.unsure = True
        try:
            with parallel.frozen():  # the resident model is left out of collections
                made = self.make(self.fingerprints, self.snapshot, known)
            files, marks, changes, queue = served(made.files, before, lazily, self.queue)
        except BuildFailed as failure:
            self.outcome = failed(before, failure.problems)
        except UsageError as error:
            self.outcome = failed(before, [Problem(Path("."), None, str(error))])
        except Exception as error:  # a template's bug must not stop the preview
            self.outcome = failed(before, [crash_problem(error, self.templates)])
        else:
            self.fingerprints, self.snapshot, self.unsure = made.fingerprints, made.snapshot, False
            found = digest(before.digest, changes)
            self.outcome = Outcome(files, (), made.site.config.base_path, found, marks)
            self.queue = queue
            counts = f"{len(made.site.issues)} issues, {made.articles} articles, {len(files)} files"
        self.report(time.perf_counter() - started, counts)
        return self.outcome != before

    def finish(self, count: int = 8) -> bool | None:
        """Make up to `count` of the pages a lazy rebuild left to make: True if one failed
        (what is served is then the error), False if more are left, None when none are."""
        outcome = self.outcome
        names, self.queue = self.queue[:count], self.queue[count:]
        try:
            for name in names:
                self.content(outcome, name)
        except Exception as error:  # a template's bug: shown as any build's problem
            self.queue = []
            self.outcome = failed(outcome, [crash_problem(error, self.templates)])
            return True
        return False if self.queue else None

    def report(self, seconds: float, counts: str) -> None:
        """One line on the terminal per rebuild."""
        problems = self.outcome.problems
        if problems:
            for problem in problems:
                print(problem, file=self.log)
            count = len(problems)
            print(
                f"{count} problem{'s' if count != 1 else ''}: shown in the browser", file=self.log
            )
        else:
            print(f"Built {counts} in {seconds:.2f} s", file=self.log)
        self.log.flush()

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        """Answer one request from the current outcome."""
        status, headers, body = self.respond(environ.get("PATH_INFO") or "/")
        start_response(status, [*headers, NO_STORE, ("Content-Length", str(len(body)))])
        return [body]

    def respond(self, path: str) -> tuple[str, list[tuple[str, str]], bytes]:
        """The status, headers and body for a URL path."""
        outcome = self.outcome
        if not path.startswith(outcome.base_path):
            return "302 Found", [("Location", outcome.base_path)], b""
        relative = path[len(outcome.base_path) :]
        name = relative + "index.html" if relative == "" or relative.endswith("/") else relative
        if outcome.problems and name.endswith(".html"):
            page = error_page(outcome.problems).encode("utf-8")
            return "500 Build Failed", [("Content-Type", "text/html; charset=utf-8")], page
        if name not in outcome.files and f"{relative}/index.html" in outcome.files:
            return "301 Moved Permanently", [("Location", f"{path}/")], b""
        if name not in outcome.files:
            missing = outcome.files.get("404.html", b"<h1>Not found</h1>")
            return "404 Not Found", [("Content-Type", "text/html; charset=utf-8")], data(missing)
        try:
            body = self.content(outcome, name)
        except Exception as error:  # made when asked for: its template's bug is the answer
            self.queue = []
            self.outcome = failed(outcome, [crash_problem(error, self.templates)])
            return self.respond(path)
        return "200 OK", [("Content-Type", content_type(name))], body

    def content(self, outcome: Outcome, name: str) -> bytes:
        """The bytes of one served file, making a deferred one (once) if it is still to make."""
        found = outcome.files[name]
        if isinstance(found, Pending):
            with self.lock:
                found = outcome.files[name]
                if isinstance(found, Pending):  # not made by a request that held the lock
                    made = found.make()
                    outcome.files.update(zip(found.targets, made, strict=True))
                    found = outcome.files[name]
        return data(found)  # type: ignore[arg-type]


def served(
    made: Mapping[str, Output], before: Outcome, lazily: bool, queue: list[str]
) -> tuple[dict[str, Made | Pending], dict[str, str], list[str], list[str]]:
    """What a build made, as served: each file, its mark (see `mark`), what changed since
    `before` (for `digest`), and the pages still to make in turn (those of the last
    `queue` still reused, and those made afresh). A reused file is the one the last good
    build served, with its mark; PDF editions are made only when asked for (`deferred`);
    `lazily`, every file still to make is made when asked for or in turn, else now.

    The last outcome's maps are updated in place, once nothing can fail: most files are
    reused, and copying 36,000 of them touched every page held (~50 ms at 5,000 articles).
    """
    fresh: dict[str, Made | Pending] = {}
    now: dict[str, Output] = {}
    for name, content in made.items():
        if content is REUSED:
            continue
        if isinstance(content, Pending) and not lazily and not deferred(content):
            now[name] = content
        else:
            fresh[name] = content
    fresh.update(produce(now))
    files, marks = before.files, before.marks
    added = sum(1 for name in fresh if name not in files)
    gone = files.keys() - made.keys() if len(files) + added != len(made) else set()
    changes = [f"{name}\0gone" for name in gone]
    for name in gone:
        del files[name]
        marks.pop(name, None)
    for name, content in fresh.items():
        carried = isinstance(content, bytes) and content is files.get(name)  # the sitemap
        found = marks[name] if carried else mark(content)
        if marks.get(name) != found:
            changes.append(f"{name}\0{found}")
        files[name], marks[name] = content, found
    left = [name for name in queue if made.get(name) is REUSED]
    left += [name for name, content in fresh.items() if isinstance(content, Pending)]
    # Of the last queue, a page a reader asked for since is made already.
    left = [name for name in left if isinstance(files[name], Pending)]
    return files, marks, changes, sorted({name for name in left if not deferred(files[name])})


def deferred(content: Pending) -> bool:
    """Whether a file still to make is made only when a reader asks for it: a PDF
    edition, which takes a second or more and is seldom opened while editing, so that a
    save is on screen without waiting for its issue's PDF."""
    return all(target.endswith(".pdf") for target in content.targets)


def failed(before: Outcome, problems: list[Problem]) -> Outcome:
    """The outcome of a failed build: the problems, and the last good build's files."""
    return Outcome(before.files, tuple(problems), before.base_path, before.digest, before.marks)


def mark(content: Made | Pending) -> str:
    """What stands for a file in the outcome's digest: its rendered bytes, for a copied
    file (a CSS file, an image) its size and modification time, which change whenever it
    is saved; a file still to make by the render that will make it (a new one whenever its
    values change)."""
    if isinstance(content, Pending):
        return f"pending {id(content)}"
    if isinstance(content, Path):
        try:
            stat = content.stat()
        except OSError:  # deleted since the build: the next rebuild will notice
            return "gone"
        return f"{stat.st_size} {stat.st_mtime_ns}"
    return hashlib.blake2b(data(content), digest_size=16).hexdigest()


def digest(last: str, changes: list[str]) -> str:
    """The digest of an outcome after one whose digest was `last`: the same if nothing
    changed, else one of `last` and every change (a file's new mark, or one gone)."""
    if not changes:
        return last
    found = hashlib.blake2b(last.encode(), digest_size=16)
    for change in sorted(changes):
        found.update(f"{change}\0".encode())
    return found.hexdigest()


def content_type(name: str) -> str:
    """The Content-Type of an output file by its name."""
    guessed = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") else guessed


def serve(preview: Preview, watched: list[Path], *, host: str, port: int) -> None:
    """Serve the preview with livereload until interrupted, rebuilding on every change."""

    tidier = Tidier()

    def changed(paths: frozenset[str] | None = None) -> None:
        # Reload straight away: livereload's own reload is skipped for 3 s after the last
        # one, which would leave the browser on a stale page after quick successive saves.
        if preview.rebuild(paths if isinstance(paths, frozenset) else None, lazily=True):
            LiveReloadHandler.reload_waiters()
        tidier.rebuilt()
        IOLoop.current().add_callback(finishing)

    def finishing() -> None:
        # A few pages at a time, so that requests are answered in between.
        state = preview.finish()
        if state:
            LiveReloadHandler.reload_waiters()
        elif state is False:
            IOLoop.current().add_callback(finishing)
        else:
            IOLoop.current().call_later(TIDY_AFTER, tidier.maybe)

    server = Server(app=preview, watcher=watcher())
    for path in watched:
        server.watch(str(path), changed, ignore=ignored)
    if isinstance(server.watcher, ArrivalWatcher):
        # Record what is there now: a file arriving before livereload's first look (which
        # comes a moment after start) would otherwise count as having always been there.
        server.watcher.prime()
    try:
        # debug=False: tornado's autoreload would restart the process on code changes.
        server.serve(host=host, port=port, debug=False, restart_delay=0)
    except OSError as error:
        raise UsageError(f"cannot serve on {host}:{port} ({error}): try another --port") from None
