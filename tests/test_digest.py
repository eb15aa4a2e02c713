"""Topic digests across issues: the `digest` command, and `send --digest`."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest
from sending import NOW, SUBSCRIBERS, mailing_site, send, subscribers, working_folder
from smtp_server import Inbox, smtp_server

from briefing.cli import main

SINCE = ["--since", "2022-01-01"]
EVERYTHING = ["Basic industrial materials", "AI captain", "Shanghai regulates AI", "More ships"]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return mailing_site(tmp_path)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return working_folder(tmp_path, monkeypatch)


def headlines(text: str) -> list[str]:
    """The headlines of the Top items a text email holds, in order."""
    flat = " ".join(text.split())
    return sorted((h for h in EVERYTHING if h in flat), key=flat.index)


def test_digest_gathers_the_items_on_the_topics_across_issues(content, folder, capsys) -> None:
    argv = ["digest", "--content", str(content), *SINCE, "--until", "2023-12-31"]
    assert main([*argv, "--topics", "MIIT", "--out", "miit.eml"]) == 0
    assert capsys.readouterr().out == "miit.eml: Digest for MIIT, 2 Top items\n"
    message = email.message_from_bytes((folder / "miit.eml").read_bytes(), policy=policy.default)
    assert message["Subject"] == "China Industries: Digest for MIIT"
    assert message["To"] is None and message["List-Id"]
    text = " ".join(message.get_body(("plain",)).get_content().split())
    assert headlines(text) == ["More ships", "Basic industrial materials"]  # newest issue first
    assert "1. More ships" in text and "2. Basic industrial materials" in text
    assert "recycling technology" in text and "SASAC notice" not in text
    assert (
        "This digest gathers the items on your topics (MIIT) published from January 1, 2022 "
        "to December 31, 2023. Everything on MIIT: https://example.org/bodies/miit/"
    ) in text
    assert main([*argv, "--topics", "shipping;AI", "--out", "d.html"]) == 0
    html = (folder / "d.html").read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "Digest for Shipping and shipbuilding" in html
    assert main([*argv, "--out", "all.txt"]) == 0
    assert headlines((folder / "all.txt").read_text(encoding="utf-8")) == [
        "More ships", "Shanghai regulates AI", "Basic industrial materials", "AI captain",
    ]  # fmt: skip


def test_digest_refuses_unknown_topics_and_says_when_there_is_nothing(content, capsys) -> None:
    argv = ["digest", "--content", str(content), *SINCE]
    assert main([*argv, "--topics", "shiping;miit;zzz"]) == 2
    assert capsys.readouterr().err == (
        "error: unknown topic 'shiping': did you mean 'Shipping and shipbuilding'? (the sectors "
        "and issuing bodies declared in content/taxonomies/); unknown topic 'zzz': topics are "
        "the sectors and issuing bodies declared in content/taxonomies/, by slug, name or alias\n"
    )
    assert main([*argv, "--until", "2022-06-30", "--topics", "miit"]) == 0
    assert capsys.readouterr().out == (
        "No items on MIIT in the issues dated January 1, 2022 to June 30, 2022: no digest made.\n"
    )


def test_send_digest_gives_each_subscriber_their_own_topics(content, folder) -> None:
    inbox = Inbox()
    csv = subscribers(folder)
    with smtp_server(inbox) as port:
        code, out, err = send(content, port, "--digest", *SINCE, "--to", str(csv))
        assert (code, err) == (0, "")
        assert "4 sent" in out
        again = send(content, port, "--digest", *SINCE, "--to", str(csv))
    assert again[0] == 0 and "The digest from 2022-01-01 was already sent" in again[1]
    assert set(inbox.count().values()) == {1} and len(inbox.messages) == 4

    def top(address: str) -> list[str]:
        return headlines(inbox.to(address).get_body(("plain",)).get_content())

    assert top("ada@example.org") == [
        "More ships", "Shanghai regulates AI", "Basic industrial materials", "AI captain",
    ]  # fmt: skip
    assert top("ben@example.org") == ["More ships", "Basic industrial materials"]
    assert top("cy@example.org") == ["Shanghai regulates AI"]
    assert top("dee@example.org") == ["More ships", "Shanghai regulates AI", "AI captain"]
    assert inbox.to("cy@example.org")["Subject"] == (
        "China Industries: Digest for Shanghai Municipal People's Congress"
    )
    assert (folder / ".briefing-send" / "digest-2022-01-01.sqlite").is_file()


def test_a_dry_run_of_a_digest_says_which_digest_each_gets(content, folder) -> None:
    csv = str(subscribers(folder))
    code, out, _ = send(content, 1, "--digest", "--since", "2023-01-01", "--to", csv, "--dry-run")
    assert code == 0
    assert out.splitlines()[1:] == [
        "  ada@example.org: digest of everything: 2 Top items, 0 Noteworthy",
        "  ben@example.org: digest of MIIT: 1 Top items, 0 Noteworthy",
        "  cy@example.org: digest of Shanghai Municipal People's Congress: 1 Top items, "
        "0 Noteworthy",
        "  dee@example.org: digest of Shipping and shipbuilding, Artificial intelligence: "
        "2 Top items, 0 Noteworthy",
        "4 recipients: 4 to send.",
    ]


def test_a_resumed_digest_covers_the_days_it_started_with(content, folder) -> None:
    csv = subscribers(folder, SUBSCRIBERS.replace("ben@example.org,Ben Writer,miit,\n", ""))
    inbox = Inbox(drop_after=1)
    digest = ["--digest", *SINCE, "--to", str(csv)]
    with smtp_server(inbox) as port:
        assert send(content, port, *digest, "--until", "2022-12-31")[0] == 1
        assert list(inbox.count()) == ["ada@example.org"]
        with pytest.raises(Exception) as refused:
            send(content, port, *digest, "--until", "2023-12-31")
        assert str(refused.value) == (
            "the unfinished send of the digest from 2022-01-01 covers the days up to "
            "2022-12-31: resume it without --until (or with --until 2022-12-31)"
        )
        inbox.drop_after = None
        code, out, _ = send(content, port, *digest)  # today is later, but the 2022 range holds
    assert code == 0 and "2 sent, 1 skipped" in out
    assert set(inbox.count().values()) == {1} and len(inbox.messages) == 2
    dee = inbox.to("dee@example.org").get_body(("plain",)).get_content()
    assert headlines(dee) == ["AI captain"] and NOW.year == 2024
