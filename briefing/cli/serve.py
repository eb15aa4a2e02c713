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

import contextlib
import hashlib
import mimetypes
import os
import time
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher

from ..errors import BuildFailed, Problem, UsageError, crash_problem
from ..outputs import Made, Reused
from ..pipeline import Rendered
from ..read import Snapshot
from ..write import data
from .errorpage import error_page

try:  # Linux only; without it, livereload's polling (every 0.8 s, walking every file)
    with warnings.catch_warnings():  # it imports asyncore, deprecated since Python 3.11
        warnings.simplefilter("ignore", DeprecationWarning)
        import pyinotify
except ImportError:  # pragma: no cover - other platforms
    pyinotify = None

# Makes the site, reusing the pages whose fingerprints (the last good build's) still hold
# and the files of the last good reading, of which only `changed` (when known) may differ.
Rebuild = Callable[[Mapping[str, str], Snapshot | None, frozenset[str] | None], Rendered]
NO_STORE = ("Cache-Control", "no-store")  # a preview must never come from the browser's cache


@dataclass(frozen=True)
class Outcome:
    """The result of the latest build: the files of the last good one, and any problems."""

    files: dict[str, Made] = field(default_factory=dict, compare=False)
    problems: tuple[Problem, ...] = ()
    base_path: str = "/"
    digest: str = ""  # of every file's bytes: equal digests mean nothing visible changed


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

    def rebuild(self, changed: frozenset[str] | None = None) -> bool:
        """Build again and swap the result in; True if what is served changed.

        `changed` are the files (absolute paths) changed since the last rebuild, None if
        unknown."""
        started = time.perf_counter()
        before = self.outcome
        counts = ""
        # After a failed build, files changed since the snapshot were not all named since.
        known = None if self.unsure else changed
        self.unsure = True
        try:
            made = self.make(self.fingerprints, self.snapshot, known)
            # A reused page is the one the last good build made, which `before` still holds.
            files = {
                path: before.files[path] if isinstance(content, Reused) else content
                for path, content in made.produce()
            }
        except BuildFailed as failure:
            self.outcome = failed(before, failure.problems)
        except UsageError as error:
            self.outcome = failed(before, [Problem(Path("."), None, str(error))])
        except Exception as error:  # a template's bug must not stop the preview
            self.outcome = failed(before, [crash_problem(error, self.templates)])
        else:
            self.fingerprints, self.snapshot, self.unsure = made.fingerprints, made.snapshot, False
            self.outcome = Outcome(files, (), made.site.config.base_path, fingerprint(files))
            counts = f"{len(made.site.issues)} issues, {made.articles} articles, {len(files)} files"
        self.report(time.perf_counter() - started, counts)
        return self.outcome != before

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
        return "200 OK", [("Content-Type", content_type(name))], data(outcome.files[name])


def failed(before: Outcome, problems: list[Problem]) -> Outcome:
    """The outcome of a failed build: the problems, and the last good build's files."""
    return Outcome(before.files, tuple(problems), before.base_path, before.digest)


def fingerprint(files: dict[str, Made]) -> str:
    """A digest of every output file: rendered bytes, and for a copied file (a CSS file,
    an image) its size and modification time, which change whenever it is saved."""
    digest = hashlib.blake2b(digest_size=16)
    for name, content in sorted(files.items()):
        digest.update(f"{name}\0".encode())
        if isinstance(content, Path):
            try:
                stat = content.stat()
                digest.update(f"{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
            except OSError:  # deleted since the build: the next rebuild will notice
                digest.update(b"gone\0")
        else:
            digest.update(content)
    return digest.hexdigest()


def content_type(name: str) -> str:
    """The Content-Type of an output file by its name."""
    guessed = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") else guessed


def ignored(path: str) -> bool:
    """Editors' temporary and backup files, which never change the site."""
    name = Path(path).name
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".tmp"))


class ArrivalWatcher(Watcher):
    """livereload's watcher, also seeing a file that arrives with an old modification time.

    livereload counts a new file as changed only if it is newer than the server, so a file
    moved in, or copied with its times kept (cp -p, unzip), was never noticed.
    """

    def is_file_changed(self, path: str, ignore: Callable | None = None) -> bool:
        arrived = bool(self._task_mtimes) and path not in self._task_mtimes
        changed = super().is_file_changed(path, ignore)
        return changed or (arrived and path in self._new_mtimes)

    def prime(self) -> None:
        """Record every watched file as it is now, so later arrivals stand out."""
        for folder, task in self._tasks.items():
            for root, _, files in os.walk(folder, followlinks=True):
                for name in files:
                    path = os.path.join(root, name)
                    with contextlib.suppress(OSError):
                        task["mtimes"][path] = os.path.getmtime(path)


EVENTS = ("IN_CREATE", "IN_DELETE", "IN_MODIFY", "IN_CLOSE_WRITE", "IN_MOVED_FROM",
          "IN_MOVED_TO", "IN_DELETE_SELF", "IN_MOVE_SELF")  # fmt: skip


class InotifyWatcher(Watcher):
    """Told by the kernel (inotify) which files changed, instead of walking every file.

    Each batch of events the kernel hands over becomes one rebuild, given the paths that
    changed; livereload's own inotify watcher misses files moved in or renamed (it asks
    for neither event) and walks every file again on each event. A lost event queue
    (IN_Q_OVERFLOW) makes the next rebuild look at every file.
    """

    def __init__(self) -> None:
        super().__init__()
        self.manager = pyinotify.WatchManager()
        self.mask = 0
        for name in EVENTS:
            self.mask |= getattr(pyinotify, name)
        self.changed: set[str] | None = set()
        self.due = False  # a rebuild is scheduled for the events so far
        self.notifier: Any = None

    def watch(self, path: str, func: Any = None, delay: Any = None, ignore: Any = None) -> None:
        self.manager.add_watch(path, self.mask, rec=True, auto_add=True)
        super().watch(path, func, delay, ignore)

    def start(self, callback: Callable[[], None]) -> bool:
        from tornado.ioloop import IOLoop

        if self.notifier is None:
            loop = IOLoop.current()
            self.loop = loop
            self.notifier = pyinotify.TornadoAsyncNotifier(
                self.manager, loop, default_proc_fun=self.event
            )
            callback()  # livereload's first reload, sent when it starts
        return True

    def event(self, event: Any) -> None:
        """Note one event's path; a rebuild follows once the batch is handled."""
        if event.mask & pyinotify.IN_Q_OVERFLOW:
            self.changed = None
        elif self.changed is not None:
            self.changed.add(os.path.abspath(event.pathname))
        if event.mask & pyinotify.IN_MOVED_TO and event.dir:  # a folder moved in from outside
            self.manager.add_watch(event.pathname, self.mask, rec=True, auto_add=True)
        # An editor's backup file is noted (it is published beside an issue if it stays)
        # but starts no rebuild; a write is rebuilt on its IN_CLOSE_WRITE, once complete.
        if self.due or event.mask & pyinotify.IN_MODIFY or self.ignored(event.pathname):
            return
        self.due = True
        self.filepath = event.pathname
        self.loop.add_callback(self.fire)

    def ignored(self, path: str) -> bool:
        """True if every task watching the path ignores it."""
        return all(task["ignore"] and task["ignore"](path) for task in self._tasks.values())

    def fire(self) -> None:
        """Run the task with every path changed since the last run (None: unknown)."""
        changed = None if self.changed is None else frozenset(self.changed)
        self.changed, self.due = set(), False
        for task in self._tasks.values():
            task["func"](changed)
            break  # every watched folder has the same task: the one rebuild


def watcher() -> Watcher:
    """The inotify watcher where the platform has one, else livereload's polling."""
    return InotifyWatcher() if pyinotify is not None else ArrivalWatcher()


def serve(preview: Preview, watched: list[Path], *, host: str, port: int) -> None:
    """Serve the preview with livereload until interrupted, rebuilding on every change."""

    def changed(paths: frozenset[str] | None = None) -> None:
        # Reload straight away: livereload's own reload is skipped for 3 s after the last
        # one, which would leave the browser on a stale page after quick successive saves.
        if preview.rebuild(paths if isinstance(paths, frozenset) else None):
            LiveReloadHandler.reload_waiters()

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
