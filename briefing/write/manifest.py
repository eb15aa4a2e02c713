"""What the last build read and wrote, so the next one can skip what has not changed.

The manifest lives in the cache folder, one pickled file per output folder (JSON took a
third of a no-change build at 5,000 articles to parse). It records a digest of every input
(content, templates, code, options) with the size, mtime and digest of each input file,
and, for every output file, the digest of its bytes and the size and mtime it was left
with; a site whose files no longer match (edited or deleted by hand) is rebuilt whole.

The next build reads again only the input files whose size or mtime changed, as git's
index does; a file changed so soon after it was read that its mtime may not show it yet
(within `RACY_NS`) is never trusted by its stat.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import parallel
from ..digests import folder_digest
from .files import Written
from .marker import MARKER

FORMAT = 5  # 3: the standby copy; 4: since; 5: pickled, with the input files
# An input whose mtime is this close to the moment it was read may change again within the
# filesystem's clock tick: its stat is not kept as proof of its bytes (git's "racy" files).
RACY_NS = 2_000_000_000
UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError)
# Each input file, by absolute path: (size, mtime_ns or -1 if not to be trusted, digest).
Sources = dict[str, tuple[int, int, str]]


@dataclass(frozen=True)
class Inputs:
    """The digest of everything a build reads, and what it knows of each input file."""

    digest: str
    sources: Sources
    # What is known of some file is not what the last build recorded (it was touched, or
    # read just after a change and trusted by its stat only now): worth keeping, or every
    # no-change check would read it again.
    settled: bool = False


@dataclass(frozen=True)
class Head:
    """What a build needs to know that nothing changed since the last one: its inputs, the
    moments its output holds between, and each output file's size and mtime."""

    inputs: str
    issues: int
    articles: int
    # The output holds from `since` (the build's clock) until the next publish_at or
    # document status change: a build at another moment may show something else.
    until: dt.datetime | None
    options: str  # the build options it was made with
    since: dt.datetime | None
    sources: Sources  # the input files it read
    shapes: dict[str, tuple[int, int]]  # each output file: (size, mtime_ns)

    def current(self, inputs: str, now: dt.datetime) -> bool:
        """True if a build with these inputs at `now` would make exactly this output."""
        after = self.since is None or self.since <= now  # an earlier clock (build --now)
        return self.inputs == inputs and after and (self.until is None or now < self.until)

    def matches(self, out: Path) -> bool:
        """True if every file in `out` is still exactly as this build left it."""
        if not (out / MARKER).is_file():
            return False
        root = str(out)
        for relative, (size, mtime_ns) in self.shapes.items():
            try:
                stat = os.stat(os.path.join(root, relative))
            except OSError:
                return False
            if stat.st_size != size or stat.st_mtime_ns != mtime_ns:
                return False
        return True


@dataclass(frozen=True)
class Manifest:
    """The inputs digest and the files of one finished build."""

    inputs: str
    issues: int
    articles: int
    files: dict[str, Written] = field(default_factory=dict)
    until: dt.datetime | None = None  # as in Head
    options: str = ""
    since: dt.datetime | None = None
    standby: dict[str, Written] | None = None  # the files of the standby copy, if kept
    sources: Sources = field(default_factory=dict)

    @property
    def fingerprints(self) -> dict[str, str]:
        """What each page showed, for render to reuse the pages that still show it."""
        return {path: w.fingerprint for path, w in self.files.items() if w.fingerprint}

    @property
    def head(self) -> Head:
        """What the next build's no-change check reads of this manifest."""
        shapes = {path: (w.size, w.mtime_ns) for path, w in self.files.items()}
        counts = self.inputs, self.issues, self.articles
        return Head(*counts, self.until, self.options, self.since, self.sources, shapes)


def inputs_digest(
    folders: list[Path], *, code: str, options: str, last: Head | None = None
) -> Inputs:
    """A digest of every file under the input folders, the code and the build options.
    A file whose size and mtime are those the `last` build read is not read again."""
    known = last.sources if last else {}
    sources: Sources = {}
    now = time.time_ns()

    def part(entry: os.DirEntry) -> bytes:
        stat = entry.stat()
        size, mtime = stat.st_size, stat.st_mtime_ns
        was = known.get(entry.path)
        if was is not None and was[0] == size and was[1] == mtime:
            found = was[2]
        else:
            with open(entry.path, "rb") as handle:
                found = hashlib.blake2b(handle.read(), digest_size=16).hexdigest()
        sources[entry.path] = (size, mtime if now - mtime > RACY_NS else -1, found)
        return found.encode()

    found = folder_digest(folders, salt=f"{code}\0{options}", part=part)
    return Inputs(found, sources, last is not None and sources != known)


def settle(cache: Path, out: Path, inputs: Inputs) -> None:
    """After a build found nothing changed: keep what it learnt of input files whose stat
    the last build did not hold (touched since, or read just after a change), so the next
    check does not read them again. Only the head is made again; the files' part is kept
    as it is, unread."""
    if not inputs.settled:
        return
    path = manifest_path(cache, out)
    try:
        with path.open("rb") as handle:
            form, head = pickle.load(handle)
            files = handle.read()
    except UNREADABLE:
        return
    if form != FORMAT or not isinstance(head, Head):
        return
    settled = (FORMAT, replace(head, sources=inputs.sources))
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(pickle.dumps(settled, protocol=pickle.HIGHEST_PROTOCOL) + files)
    os.replace(temporary, path)


def manifest_path(cache: Path, out: Path) -> Path:
    """Where the manifest of the site at `out` is kept."""
    name = hashlib.blake2b(str(out.resolve()).encode(), digest_size=8).hexdigest()
    return cache / f"output-{name}.pickle"


def load_head(cache: Path, out: Path) -> Head | None:
    """What the last build of `out` left for the no-change check, if it still describes
    what is there; else None. Only the file's first pickle is read."""
    try:
        with manifest_path(cache, out).open("rb") as handle, parallel.paused():
            form, head = pickle.load(handle)  # (paused: tens of thousands of tuples)
    except UNREADABLE:
        return None
    if form != FORMAT or not isinstance(head, Head) or not head.matches(out):
        return None
    return head


def load_manifest(cache: Path, out: Path) -> Manifest | None:
    """The last build's manifest for `out`, or None if there is none or it is unreadable."""
    try:
        with manifest_path(cache, out).open("rb") as handle, parallel.paused():
            form, head = pickle.load(handle)
            files, standby = pickle.load(handle)
    except UNREADABLE:
        return None
    if form != FORMAT or not isinstance(head, Head):
        return None
    counts = head.inputs, head.issues, head.articles
    return Manifest(*counts, files, head.until, head.options, head.since, standby, head.sources)


def save_manifest(cache: Path, out: Path, manifest: Manifest) -> None:
    """Keep the manifest for the next build, replacing the old one in one rename: its head
    first, then the files (which the no-change check never reads)."""
    path = manifest_path(cache, out)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    with temporary.open("wb") as handle:
        pickle.dump((FORMAT, manifest.head), handle, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump((manifest.files, manifest.standby), handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)
