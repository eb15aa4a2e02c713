"""A process that lays out PDF editions, started when a build begins, so that by the time an
edit's issue needs its PDF, WeasyPrint is imported and its fonts are found (about 0.6 s of
the 1.1 s that PDF took in the build itself), while the build reads and assembles.

It makes one PDF at a time over a pipe. A process that finds it busy (a worker of a large
pool) makes its PDF itself, and so does any process if the printer is gone; a PDF that
fails in the printer is made again by the asker, to raise its own error. The bytes are
the same either way: the printer runs the same `make_pdf`.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Iterator, Mapping
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ... import parallel
from ...model import SiteConfig
from . import pdf


class Printer:
    """The printer process, and the pipe and lock through which PDFs are asked of it."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self.lock = context.Lock()
        self.pipe, theirs = context.Pipe()
        self.process = context.Process(target=serve, args=(theirs, self.pipe), daemon=True)
        self.process.start()
        theirs.close()

    def make(
        self, html: str, config: SiteConfig, files: Mapping[str, Path], stylesheet: Path
    ) -> bytes:
        """The PDF of one issue page's HTML: made by the printer if it is free, else here."""
        made = None
        if self.lock.acquire(block=False):
            try:
                self.pipe.send((html, config, dict(files), stylesheet))
                made = self.pipe.recv()
            except (OSError, EOFError):  # the printer is gone
                made = None
            finally:
                self.lock.release()
        return made if made is not None else pdf.make_pdf(html, config, files, stylesheet)

    def close(self) -> None:
        """End the printer."""
        with contextlib.suppress(OSError, BrokenPipeError):
            self.pipe.send(None)
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.pipe.close()


def serve(pipe: Connection, theirs: Connection) -> None:
    """The printer: ready WeasyPrint, then make each PDF asked for until told to stop
    (None); a PDF it cannot make is answered with None."""
    theirs.close()
    parallel.die_with_parent()
    import weasyprint  # imported before the first PDF is asked for: the point

    # Fontconfig and Pango find their fonts once per process: on a page of both scripts.
    with contextlib.suppress(Exception):
        weasyprint.HTML(string=pdf.WARM_UP).write_pdf()
    while True:
        try:
            job: Any = pipe.recv()
        except EOFError:
            return
        if job is None:
            return
        try:
            made: bytes | None = pdf.make_pdf(*job)
        except Exception:
            made = None
        pipe.send(made)


@contextlib.contextmanager
def printing(wanted: bool) -> Iterator[Printer | None]:
    """A printer for the build, if `wanted` and it can be forked safely; None otherwise."""
    if not wanted or not parallel.can_fork():
        yield None
        return
    printer = Printer()
    try:
        yield printer
    finally:
        printer.close()
