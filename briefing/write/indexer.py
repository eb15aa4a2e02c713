"""Pagefind runs: one bundle from a set of records, in a process that may go on while the
build does (an edit's pages are written while its year's shard is indexed)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..errors import BuildFailed, Problem
from ..outputs import SearchRecord
from .files import write_file

BUNDLE = "pagefind"


class Indexing:
    """One Pagefind run making a bundle at `bundle` from `records`: started when asked,
    waited for once. Each record is written where its path says into a scratch folder
    outside the site, which Pagefind reads as a site; nothing of it is published. The
    folder is made `beside` the site being built, when given, named as its staging
    folders are: if the build is killed, the next one removes it (swap.remove_leftovers)."""

    def __init__(
        self,
        records: Iterable[SearchRecord],
        bundle: Path,
        command: Sequence[str],
        others: Iterable[str] = (),
        beside: Path | None = None,
    ) -> None:
        self.records = tuple(records)
        self.bundle = bundle
        self.command = tuple(command)
        self.others = set(others)  # names in the folder that other runs make (shards inside)
        self.beside = beside
        self.before: set[str] = set()
        self.scratch: Path | None = None
        self.process: subprocess.Popen[str] | None = None

    def start(self) -> Indexing:
        """Start the run, unless it is running already."""
        if self.process is not None:
            return self
        self.before = set(os.listdir(self.bundle)) if self.bundle.is_dir() else set()
        self.scratch = scratch_folder(self.beside)
        for record in self.records:
            write_file(self.scratch, record.path, record.html)
        site, output = str(self.scratch), str(self.bundle)
        arguments = [*self.command, "--silent", "--site", site, "--output-path", output]
        try:
            self.process = subprocess.Popen(
                arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
        except OSError as error:
            self.clean()
            message = (
                f"search index: cannot run pagefind ({error}); build with --no-search to skip it"
            )
            raise BuildFailed([Problem(Path(BUNDLE), None, message)]) from None
        return self

    def wait(self) -> list[str]:
        """The names the run wrote into the bundle's folder, once it has ended; BuildFailed
        saying what went wrong and how to go on if it failed."""
        process = self.start().process
        assert process is not None
        out, err = process.communicate()
        self.clean()
        if process.returncode != 0:
            said = (err or out).strip().splitlines()
            detail = said[-1] if said else f"exit code {process.returncode}"
            message = (
                f"search index: pagefind failed ({detail}); install it with `make` "
                "(Pagefind 1.6 from npm) or pip install 'pagefind[extended]', "
                "or build with --no-search"
            )
            raise BuildFailed([Problem(Path(BUNDLE), None, message)])
        return sorted(set(os.listdir(self.bundle)) - self.before - self.others)

    def cancel(self) -> None:
        """Stop the run, if it started (the build failed on the way)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.clean()

    def clean(self) -> None:
        """Remove the scratch folder."""
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None


def scratch_folder(site: Path | None) -> Path:
    """A new, empty folder for a run's records: beside `site` as `.<site>.tmp-search-*`
    (see Indexing), else in the system's temporary folder."""
    if site is None:
        return Path(tempfile.mkdtemp(prefix="briefing-search-"))
    return Path(tempfile.mkdtemp(prefix=f".{site.name}.tmp-search-", dir=site.parent))


def index_records(records: Iterable[SearchRecord], bundle: Path, command: Sequence[str]) -> None:
    """Index `records` into a new Pagefind bundle at `bundle`, and wait for it."""
    Indexing(records, bundle, command).wait()
