"""An incremental build's write: only what changed, and still swapped in whole.

Beside the site lies a standby copy (`.site.standby`): the site as the build before last
left it, most files hard links shared with the site (they cost no bytes). An update makes
the standby equal to the new site by writing only the files that differ from it (by
rename, never into a shared file), linking in the site's own copy of files the standby
lacks, and unlinking what the new site no longer has; then the two folders are exchanged
in one step, and the old site is the next standby. A kill -9 at any moment leaves the site
complete and unchanged; a standby left half-updated is known by its marker and made again.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..outputs import Made, Reused
from .files import Finish, Finishing, Written, data, digest_bytes, write_file
from .lock import locked
from .marker import generation, mark, marked_generation, unmark
from .swap import exchange, remove_leftovers
from .tree import link_tree, remove, standby_path

# Made afresh by `finish` (the search index) whenever it runs.
FINISHED = "pagefind"


def update_site(
    files: Iterable[tuple[str, Made]],
    out: Path,
    previous: dict[str, Written],
    standby: dict[str, Written] | None,
    *,
    finish: Finish | None = None,
    fingerprints: Mapping[str, str] | None = None,
) -> tuple[dict[str, Written], dict[str, Written]]:
    """Write the new site into the standby copy and exchange it with `out`; `finish`
    runs on it while the files are written. Returns the files of the new site and of the
    new standby copy (the old site)."""
    out = out.resolve()
    with locked(out):
        remove_leftovers(out)
        spare = standby_path(out)
        holds = ready_standby(spare, standby)
        unmark(spare)  # half-updated from here until marked again
        # The search index is made while the pages are: its changed shards are known now.
        finishing = start_finished(out, spare, finish)
        try:
            written = apply(files, out, spare, previous, holds, fingerprints or {})
        except BaseException:
            finishing.cancel()
            raise
        finishing.wait()
        mark(spare, generation(written))
        if not exchange(spare, out):  # no atomic exchange here: replace, standby lost
            shutil.rmtree(out)
            spare.rename(out)
            return written, {}
    return written, previous


def ready_standby(spare: Path, standby: dict[str, Written] | None) -> dict[str, Written]:
    """What the standby copy holds, if it is the one the manifest names; else it is
    emptied (the next update links every file: slower once, never wrong)."""
    if standby is not None and marked_generation(spare) == generation(standby):
        return standby
    shutil.rmtree(spare, ignore_errors=True)
    spare.mkdir()
    os.chmod(spare, 0o755)
    return {}


def apply(
    files: Iterable[tuple[str, Made]],
    live: Path,
    spare: Path,
    previous: dict[str, Written],
    holds: dict[str, Written],
    prints: Mapping[str, str],
) -> dict[str, Written]:
    """Make `spare` hold the new site's files."""
    written: dict[str, Written] = {}
    for relative, content in files:
        old, kept = previous.get(relative), holds.get(relative)
        fingerprint = prints.get(relative, "")
        if isinstance(content, Reused) and old is not None:
            payload, digest = None, old.digest  # render saw that nothing it shows changed
        else:
            payload = data(content)
            digest = digest_bytes(payload)
        if kept is not None and kept.digest == digest:
            written[relative] = with_fingerprint(kept, fingerprint)
        elif old is not None and old.digest == digest:
            link(live, spare, relative)
            written[relative] = with_fingerprint(old, fingerprint)
        else:
            assert payload is not None
            written[relative] = write_file(spare, relative, payload, fingerprint, atomic=True)
    for relative in sorted(holds.keys() - written.keys()):
        remove(spare, relative)
    return written


def start_finished(live: Path, spare: Path, finish: Finish | None) -> Finishing:
    """Start the search index of the new site in the standby copy (what it holds already
    of it may stay); without `finish`, the site's own is linked over."""
    if finish is not None:
        return finish(spare)
    shutil.rmtree(spare / FINISHED, ignore_errors=True)
    if (live / FINISHED).is_dir():
        link_tree(live / FINISHED, spare / FINISHED)
    return Done()


class Done:
    """A Finishing with nothing left to do."""

    def wait(self) -> None:
        """Nothing to wait for."""

    def cancel(self) -> None:
        """Nothing to stop."""


def link(live: Path, spare: Path, relative: str) -> None:
    """Put the live site's file at `relative` into the standby copy, by rename."""
    target = spare / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.link")
    temporary.unlink(missing_ok=True)
    os.link(live / relative, temporary)
    os.replace(temporary, target)


def with_fingerprint(file: Written, fingerprint: str) -> Written:
    """The file as written, with this fingerprint (most often the one it has already:
    a reused page's)."""
    return file if file.fingerprint == fingerprint else file._replace(fingerprint=fingerprint)
