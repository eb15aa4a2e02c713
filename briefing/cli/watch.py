"""What the preview watches with: inotify where the platform has it, else livereload's
polling, which also notices files that arrive with old modification times."""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from livereload.watcher import Watcher

try:  # Linux only; without it, livereload's polling (every 0.8 s, walking every file)
    with warnings.catch_warnings():  # it imports asyncore, deprecated since Python 3.11
        warnings.simplefilter("ignore", DeprecationWarning)
        import pyinotify
except ImportError:  # pragma: no cover - other platforms
    pyinotify = None


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
