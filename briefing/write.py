"""Write the rendered site into a temporary folder beside the output, then swap it in."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import UsageError
from .render import Output

MARKER = ".briefing-site"
MARKER_TEXT = "This folder is written by briefing; each build replaces it whole.\n"


def check_output(out: Path, *, protected: list[Path]) -> None:
    """Refuse an output folder whose replacement could destroy something else."""
    out = out.resolve()
    if out == Path(out.anchor) or out == Path.home().resolve():
        raise UsageError(f"refusing to write the site to {out}: choose a folder of its own")
    for folder in protected:
        folder = folder.resolve()
        if out == folder or out in folder.parents or folder in out.parents:
            raise UsageError(
                f"refusing to write the site to {out}: it overlaps {folder}; "
                "choose a separate folder such as site/"
            )
    if out.exists() and not out.is_dir():
        raise UsageError(f"refusing to write the site to {out}: it is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise UsageError(
            f"refusing to replace {out}: it is not empty and briefing did not create it "
            f"(it has no {MARKER} file); choose another --out or empty it first"
        )


def write_site(files: dict[str, Output], out: Path) -> None:
    """Write every file, then replace `out` in one rename so it is never half-written."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        os.chmod(staging, 0o755)
        for relative, content in sorted(files.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, Path):
                shutil.copyfile(content, target)
            else:
                target.write_bytes(content)
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        swap_in(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def swap_in(staging: Path, out: Path) -> None:
    """Move the finished staging folder to `out`, then delete the previous site."""
    if not out.exists():
        staging.rename(out)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    retired.rmdir()
    out.rename(retired)
    staging.rename(out)
    shutil.rmtree(retired, ignore_errors=True)
