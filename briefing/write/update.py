"""An incremental build's write: only what changed, and still swapped in whole.

The previous site is copied as hard links (a link per file costs no bytes), the files
whose bytes changed are written into the copy by rename (never into a linked file, which
the live site shares), removed pages are unlinked, and the copy is exchanged with the site
in one step. A kill -9 at any moment leaves the previous site complete and unchanged; the
next build cleans the copy up and, finding the site unlike its manifest, builds it whole.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from ..outputs import Made, Reused
from .files import Finish, Written, data, digest_bytes, write_file
from .lock import locked
from .swap import new_staging, remove_leftovers, swap_in

# Made afresh by `finish` (the search index) whenever it runs: never linked then.
FINISHED = "pagefind"


def update_site(
    files: Iterable[tuple[str, Made]],
    out: Path,
    previous: dict[str, Written],
    *,
    finish: Finish | None = None,
    fingerprints: Mapping[str, str] | None = None,
    refinish: bool = False,
) -> dict[str, Written]:
    """Write the files whose bytes changed and drop those no longer made, into a linked
    copy of `out` that then replaces it; `finish` runs on the copy if anything changed or
    `refinish` says so."""
    out = out.resolve()
    with locked(out):
        remove_leftovers(out)
        staging = new_staging(out)
        try:
            link_tree(out, staging, skip=FINISHED)
            written, changed = apply(files, staging, previous, fingerprints or {})
            if finish is not None and (changed or refinish):
                finish(staging)
            elif (out / FINISHED).is_dir():
                link_tree(out / FINISHED, staging / FINISHED)
            swap_in(staging, out)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return written


def apply(
    files: Iterable[tuple[str, Made]],
    root: Path,
    previous: dict[str, Written],
    prints: Mapping[str, str],
) -> tuple[dict[str, Written], bool]:
    """Write changed files into `root` and remove those no longer made; True if any was."""
    written: dict[str, Written] = {}
    changed = False
    for relative, content in files:
        old = previous.get(relative)
        if isinstance(content, Reused) and old is not None:
            written[relative] = old  # render saw that nothing it shows changed
            continue
        payload = data(content)
        fingerprint = prints.get(relative, "")
        if old is not None and old.digest == digest_bytes(payload):
            written[relative] = replace(old, fingerprint=fingerprint)
        else:  # by rename: the linked file is the live site's too
            written[relative] = write_file(root, relative, payload, fingerprint, atomic=True)
            changed = True
    for relative in sorted(previous.keys() - written.keys()):
        remove(root, relative)
        changed = True
    return written, changed


def link_tree(source: Path, target: Path, *, skip: str = "") -> None:
    """Recreate `source`'s folders under `target`, each file a hard link to the original."""
    target.mkdir(exist_ok=True)
    with os.scandir(source) as scan:
        for entry in scan:
            if entry.name == skip:
                continue
            if entry.is_dir(follow_symlinks=False):
                link_tree(Path(entry.path), target / entry.name)
            else:
                os.link(entry.path, target / entry.name, follow_symlinks=False)


def remove(root: Path, relative: str) -> None:
    """Remove one output file and the folders it leaves empty."""
    path = root / relative
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
