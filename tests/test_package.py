"""The package as users get it: installed from a wheel, fingerprinted whole, and its URLs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import MINIMAL, read

from briefing import build
from briefing.digests import code_digest

ROOT = Path(__file__).resolve().parent.parent


def test_an_installed_wheel_builds_a_folder_with_no_templates_beside_it(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(wheels), str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = wheels.glob("briefing-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "briefing/templates/base.html" in names
    assert "briefing/templates/email/issue.html" in names
    assert "briefing/templates/static/style.css" in names
    assert "briefing/cli/archetypes/article.md" in names
    assert "briefing/read/document-types.yaml" in names
    assert "briefing/locales/de/LC_MESSAGES/messages.po" in names
    assert "briefing/locales/zh_Hans/LC_MESSAGES/messages.po" in names
    installed = tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(installed),
         str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    work = tmp_path / "work"  # no templates/ here, and not the checkout
    shutil.copytree(MINIMAL, work / "content")
    config = work / "content" / "site.yaml"  # in German, from the installed catalogues
    config.write_text(config.read_text("utf-8").replace("language: en", "language: de"), "utf-8")
    env = {**os.environ, "PYTHONPATH": str(installed)}
    script = (
        "import briefing, sys; from pathlib import Path; "
        "print(briefing.__file__); "
        "briefing.build(Path('content'), Path('site'), search=False)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=work, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(str(installed))  # the installed copy, not the checkout
    home = (work / "site" / "index.html").read_text(encoding="utf-8")
    assert "AI rules + shipping" in home and "static/style." in home
    assert ">Archiv</a>" in home and "20. Juli 2023" in home


def test_the_code_fingerprint_covers_every_subpackage(tmp_path: Path) -> None:
    package = Path(shutil.copytree(ROOT / "briefing", tmp_path / "briefing"))
    before = code_digest(package)
    deep = package / "render" / "formats" / "feeds.py"
    deep.write_text(deep.read_text() + "\n# changed\n")
    changed = code_digest(package)
    assert changed != before
    (package / "render" / "notes.txt").write_text("not code")
    assert code_digest(package) == changed


def test_protocol_relative_links_keep_their_host_in_feeds_and_emails(
    content: Path, tmp_path: Path
) -> None:
    article = content / "issues" / "2023-07-20-ai-rules" / "01-shanghai-ai.md"
    article.write_text(article.read_text() + "\nSee [the text](//example.com/a).\n")
    out = tmp_path / "site"
    build(content, out, search=False)
    issue = "issues/2023-07-20-ai-rules/"
    shown = [
        read(out, "feed.xml"),
        read(out, "sectors/artificial-intelligence/feed.xml"),
        json.dumps(json.loads(read(out, "feed.json"))),
        read(out, f"{issue}email.html"),
        read(out, f"{issue}email.txt"),
    ]
    for text in shown:
        assert "https://example.com/a" in text
        assert "example.org//example.com" not in text
    assert 'href="//example.com/a"' in read(out, f"{issue}shanghai-ai/")  # pages keep it
