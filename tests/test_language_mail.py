"""The email edition and `send` in another language: `--language de` picks the German
edition, and an unknown language or an untranslated issue is refused with a message."""

from __future__ import annotations

import email
import shutil
from email import policy
from pathlib import Path

import pytest
from conftest import MINIMAL, write
from sending import SITE_YAML, send, subscribers, working_folder
from smtp_server import Inbox, smtp_server

from briefing.cli.arguments import main

BILINGUAL = Path(__file__).parent / "sites" / "bilingual" / "content"
ISSUE = "2022-09-29-materials-shipping"  # translated into German
UNTRANSLATED = "2023-07-20-ai-rules"
EMAIL = SITE_YAML[SITE_YAML.index("email:") :]  # the send tests' settings: a local relay


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(MINIMAL, target)
    shutil.copytree(BILINGUAL, target, dirs_exist_ok=True)
    site_yaml = target / "site.yaml"
    write(site_yaml, site_yaml.read_text(encoding="utf-8") + EMAIL)
    return target


def test_email_language_writes_the_german_edition_under_de(content: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    code = main(["email", ISSUE, "--content", str(content), "--out", str(out), "--language", "DE"])
    folder = out / "de" / "issues" / ISSUE
    assert code == 0
    assert capsys.readouterr().out.splitlines() == [
        str(folder / f"email.{suffix}") for suffix in ("html", "txt", "eml")
    ]
    message = email.message_from_bytes((folder / "email.eml").read_bytes(), policy=policy.default)
    text = message.get_body(("plain",)).get_content()
    assert "https://example.org/de/issues/" in text
    assert '<html lang="de"' in (folder / "email.html").read_text(encoding="utf-8")


def test_email_in_an_unknown_language_is_refused(content: Path, capsys) -> None:
    code = main(["email", ISSUE, "--content", str(content), "--text", "--language", "fr"])
    assert code == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith("the site has no edition in 'fr': its languages are en, de")
    )


def test_email_of_an_untranslated_issue_lists_the_editions_issues(content: Path, capsys):
    code = main(["email", UNTRANSLATED, "--content", str(content), "--text", "--language", "de"])
    assert code == 2
    err = capsys.readouterr().err
    assert f"no issue '{UNTRANSLATED}'" in err and f"  {ISSUE}" in err


def test_send_language_sends_the_german_edition_with_its_own_log(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = working_folder(tmp_path, monkeypatch)
    csv = subscribers(folder, "email,name,topics,unsubscribe_url\nada@example.org,Ada,,\n")
    inbox = Inbox()
    with smtp_server(inbox) as port:
        code, _, err = send(content, port, ISSUE, "--to", str(csv), "--language", "de")
        assert (code, err) == (0, "")
        # The English edition is another send: its log is not the German one's.
        code, _, err = send(content, port, ISSUE, "--to", str(csv))
        assert (code, err) == (0, "")
    assert inbox.count() == {"ada@example.org": 2}
    german, english = inbox.messages
    assert german["Subject"] != english["Subject"]
    assert "Grundstoffe + autonome Schifffahrt" in german["Subject"]
    assert "https://example.org/de/issues/" in german.get_body(("plain",)).get_content()
    assert "https://example.org/de/" not in english.get_body(("plain",)).get_content()
    logs = sorted(p.name for p in (folder / ".briefing-send").glob("*.sqlite"))
    assert logs == [f"{ISSUE}-de.sqlite", f"{ISSUE}.sqlite"]
