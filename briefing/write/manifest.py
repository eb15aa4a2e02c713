"""What the last build read and wrote, so the next one can skip what has not changed.

The manifest lives in the cache folder, one JSON file per output folder. It records a
digest of every input (content, templates, code, options) and, for every output file, the
digest of its bytes and the size and mtime it was left with; a site whose files no longer
match (edited or deleted by hand) is rebuilt whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..digests import folder_digest
from .files import Written
from .marker import MARKER

FORMAT = 4  # 3: the standby copy; 4: since
MOMENTS = ("until", "since")


@dataclass(frozen=True)
class Manifest:
    """The inputs digest and the files of one finished build."""

    inputs: str
    issues: int
    articles: int
    files: dict[str, Written] = field(default_factory=dict)
    # The output holds from `since` (the build's clock) until the next publish_at or
    # document status change: a build at another moment may show something else.
    until: dt.datetime | None = None
    options: str = ""  # the build options it was made with
    since: dt.datetime | None = None
    standby: dict[str, Written] | None = None  # the files of the standby copy, if kept

    @property
    def fingerprints(self) -> dict[str, str]:
        """What each page showed, for render to reuse the pages that still show it."""
        return {path: w.fingerprint for path, w in self.files.items() if w.fingerprint}

    def current(self, inputs: str, now: dt.datetime) -> bool:
        """True if a build with these inputs at `now` would make exactly this output."""
        after = self.since is None or self.since <= now  # an earlier clock (build --now)
        return self.inputs == inputs and after and (self.until is None or now < self.until)

    def matches(self, out: Path) -> bool:
        """True if every file in `out` is still exactly as this build left it."""
        if not (out / MARKER).is_file():
            return False
        root = str(out)
        for relative, written in self.files.items():
            try:
                stat = os.stat(os.path.join(root, relative))
            except OSError:
                return False
            if stat.st_size != written.size or stat.st_mtime_ns != written.mtime_ns:
                return False
        return True


def inputs_digest(folders: list[Path], *, code: str, options: str) -> str:
    """A digest of every file under the input folders, the code and the build options."""
    return folder_digest(folders, salt=f"{code}\0{options}")


def manifest_path(cache: Path, out: Path) -> Path:
    """Where the manifest of the site at `out` is kept."""
    name = hashlib.blake2b(str(out.resolve()).encode(), digest_size=8).hexdigest()
    return cache / f"output-{name}.json"


def load_manifest(cache: Path, out: Path) -> Manifest | None:
    """The last build's manifest for `out`, or None if there is none or it is unreadable."""
    try:
        data = json.loads(manifest_path(cache, out).read_text(encoding="utf-8"))
        if data["format"] != FORMAT:
            return None
        files = {path: Written(*entry) for path, entry in data["files"].items()}
        until, since = (dt.datetime.fromisoformat(data[k]) if data[k] else None for k in MOMENTS)
        options = data.get("options", "")
        standby = data["standby"]
        if standby is not None:
            standby = {path: Written(*entry) for path, entry in standby.items()}
        counts = data["issues"], data["articles"]
        return Manifest(data["inputs"], *counts, files, until, options, since, standby)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_manifest(cache: Path, out: Path, manifest: Manifest) -> None:
    """Keep the manifest for the next build, replacing the old one in one rename."""
    path = manifest_path(cache, out)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "format": FORMAT,
        "inputs": manifest.inputs,
        "issues": manifest.issues,
        "articles": manifest.articles,
        "until": manifest.until.isoformat() if manifest.until else None,
        "since": manifest.since.isoformat() if manifest.since else None,
        "options": manifest.options,
        "files": {
            path: [w.digest, w.size, w.mtime_ns, w.fingerprint]
            for path, w in sorted(manifest.files.items())
        },
        "standby": None
        if manifest.standby is None
        else {path: [w.digest, w.size, w.mtime_ns] for path, w in sorted(manifest.standby.items())},
    }
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data), encoding="utf-8")
    os.replace(temporary, path)
