"""`send` refuses what it must not send, each time with a message that says what to do."""

from __future__ import annotations

import fcntl
import io
import ssl
from pathlib import Path

import pytest
import trustme
from conftest import write
from sending import ISSUE, SITE_YAML, mailing_site, send, subscribers, working_folder
from smtp_server import Inbox, password_checker, smtp_server

from briefing.cli import main
from briefing.send.progress import Bar, Counts

TLS_YAML = SITE_YAML.replace("security: none", "security: starttls").replace(
    "    port: 1\n",
    "    port: 1\n    username: briefing\n    password_env: BRIEFING_TEST_SMTP_PASSWORD\n",
)
DRAFT = "2024-01-10-next"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return mailing_site(tmp_path)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return working_folder(tmp_path, monkeypatch)


def test_drafts_and_scheduled_issues_need_drafts(content, folder) -> None:
    draft = "---\ntitle: Next\ndate: 2024-01-10\ndraft: true\n---\n"
    write(content / "issues" / DRAFT / "index.md", draft)
    later = "2024-01-11-later"
    write(
        content / "issues" / later / "index.md",
        "---\ntitle: Later\ndate: 2024-01-11\npublish_at: 2099-01-01T08:00:00+00:00\n---\n",
    )
    csv = subscribers(folder, "email\nada@example.org\n")
    inbox = Inbox()
    with smtp_server(inbox) as port, pytest.raises(Exception) as refused:
        send(content, port, DRAFT, "--to", str(csv))
    assert str(refused.value) == (
        f"issue '{DRAFT}' is a draft (draft: true in content/issues/{DRAFT}/index.md): "
        "it is not sent unless you pass --drafts"
    )
    with pytest.raises(Exception) as refused:
        send(content, 1, later, "--to", str(csv))
    assert str(refused.value) == (
        f"issue '{later}' is scheduled for 2099-01-01T08:00:00+00:00 (publish_at: in "
        f"content/issues/{later}/index.md): it is not sent unless you pass --drafts"
    )
    with smtp_server(inbox) as port:
        assert send(content, port, DRAFT, "--to", str(csv), "--drafts")[0] == 0
    # A draft sent on purpose still says it is one (the email edition marks every preview).
    assert inbox.to("ada@example.org")["Subject"] == "[DRAFT] China Industries: Next"


def test_usage_errors_exit_2_with_their_message(content, folder, capsys) -> None:
    csv = str(subscribers(folder))
    base = ["send", "--to", csv, "--content", str(content)]
    cases = [
        ([*base, "nope"], "error: no issue 'nope'; the issues are:"),
        (base, "error: name an issue folder, or pass --digest --since DATE, not both"),
        ([*base, "--digest"], "error: --digest needs --since DATE: the first day"),
        ([*base, ISSUE, "--since", "2022-01-01"], "error: --since and --until go with --digest"),
    ]
    for argv, message in cases:
        assert main(argv) == 2
        assert capsys.readouterr().err.startswith(message), argv
    write(content / "site.yaml", SITE_YAML.split("  smtp:")[0])
    assert main([*base, ISSUE]) == 2
    assert capsys.readouterr().err == (
        "error: site.yaml has no email.smtp settings: add them (see README, 'Sending an "
        "issue') or pass --smtp-host for a local relay\n"
    )


def test_a_password_in_site_yaml_is_refused(content, folder, capsys) -> None:
    write(content / "site.yaml", TLS_YAML + "    password: hunter2\n")
    assert main(["send", ISSUE, "--to", str(subscribers(folder)), "--content", str(content)]) == 1
    err = capsys.readouterr().err
    assert (
        "content/site.yaml:13: password: a password must never be written in a file: put it "
        "in an environment variable and give that variable's name instead, e.g. "
        "password_env: BRIEFING_SMTP_PASSWORD\n"
    ) in err
    assert "hunter2" not in err


def test_an_unset_password_variable_is_refused(content, folder) -> None:
    write(content / "site.yaml", TLS_YAML)
    with pytest.raises(Exception) as refused:
        send(content, 1, ISSUE, "--to", str(subscribers(folder)))
    assert str(refused.value) == (
        "the environment variable BRIEFING_TEST_SMTP_PASSWORD (email.smtp.password_env in "
        "site.yaml) is not set: export it with the SMTP password before sending"
    )


@pytest.fixture
def tls(tmp_path, monkeypatch):
    """A certificate authority the client trusts (through SSL_CERT_FILE) and a server
    context with a certificate it signed for 127.0.0.1."""
    authority = trustme.CA()
    bundle = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    return context


def test_starttls_and_a_login_from_the_environment(content, folder, tls) -> None:
    write(content / "site.yaml", TLS_YAML)
    inbox = Inbox()
    secret = {"BRIEFING_TEST_SMTP_PASSWORD": "correct horse"}
    login = password_checker("briefing", "correct horse")
    with smtp_server(
        inbox, tls_context=tls, require_starttls=True, auth_required=True, authenticator=login
    ) as port:
        code, _, err = send(content, port, ISSUE, "--to", str(subscribers(folder)), **secret)
        assert (code, err) == (0, "")
        assert set(inbox.count().values()) == {1} and len(inbox.messages) == 3
        code, _, err = send(
            content, port, ISSUE, "--to", str(subscribers(folder)), "--again",
            BRIEFING_TEST_SMTP_PASSWORD="wrong",
        )  # fmt: skip
    assert code == 1 and len(inbox.messages) == 3
    assert err.startswith("Stopped early: 127.0.0.1 refused the login of briefing (535 ")
    assert "3 recipients not sent yet: run send again to send them:" in err


def test_an_untrusted_certificate_stops_the_run(content, folder, tls, monkeypatch) -> None:
    monkeypatch.delenv("SSL_CERT_FILE")
    write(content / "site.yaml", TLS_YAML)
    inbox = Inbox()
    secret = {"BRIEFING_TEST_SMTP_PASSWORD": "x"}
    with smtp_server(inbox, tls_context=tls, require_starttls=True) as port:
        code, _, err = send(content, port, ISSUE, "--to", str(subscribers(folder)), **secret)
    assert code == 1 and not inbox.messages
    assert err.startswith("Stopped early: the certificate of 127.0.0.1 is not trusted: ")


def test_two_sends_of_one_issue_never_overlap(content, folder) -> None:
    lock = folder / ".briefing-send" / f"{ISSUE}.lock"
    lock.parent.mkdir()
    with lock.open("w") as held:
        held.write("pid 4242")
        held.flush()
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(Exception) as refused:
            send(content, 1, ISSUE, "--to", str(subscribers(folder)))
    assert str(refused.value) == (
        f"another send of this issue is running (pid 4242, lock .briefing-send/{ISSUE}.lock): "
        "wait for it to finish"
    )


def test_again_is_refused_while_a_send_is_unfinished(content, folder) -> None:
    inbox = Inbox(drop_after=1)
    csv = subscribers(folder)
    with smtp_server(inbox) as port:
        assert send(content, port, ISSUE, "--to", str(csv))[0] == 1
        with pytest.raises(Exception) as refused:
            send(content, port, ISSUE, "--to", str(csv), "--again")
    assert str(refused.value) == (
        f"the last send of issue {ISSUE} did not finish: "
        "run send without --again to finish it first"
    )


def test_the_bar_redraws_in_place_with_counts_and_rate() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    times = iter([0.0, 60.0, 120.0, 120.0])
    bar = Bar(screen, lambda: next(times))
    bar.update(Counts(4, 1, 0))
    bar.problem("failed: x@example.org: 550 no")
    bar.update(Counts(4, 2, 1))
    bar.finish()
    assert screen.getvalue().split("\r") == [
        "",
        "[######..................] 1 sent, 0 failed, 3 remaining, 1.0/min\x1b[K",
        "\x1b[Kfailed: x@example.org: 550 no\n",
        "[######..................] 1 sent, 0 failed, 3 remaining, 0.5/min\x1b[K",
        "[##################......] 2 sent, 1 failed, 1 remaining, 1.0/min\x1b[K",
        "\x1b[K",
    ]


def test_a_refused_sender_stops_the_run(content, folder) -> None:
    inbox = Inbox(refuse_sender="553 5.7.1 sender not allowed")
    with smtp_server(inbox) as port:
        code, _, err = send(content, port, ISSUE, "--to", str(subscribers(folder)))
    assert code == 1 and inbox.rcpts_seen == 0
    assert err.splitlines()[:2] == [
        "Stopped early: the server refused the sender (553 5.7.1 sender not allowed). "
        "Run send again to resume.",
        "3 recipients not sent yet: run send again to send them:",
    ]


def test_starttls_that_the_server_does_not_offer_stops_the_run(content, folder) -> None:
    write(content / "site.yaml", TLS_YAML)
    with smtp_server(Inbox()) as port:
        code, _, err = send(
            content, port, ISSUE, "--to", str(subscribers(folder)), BRIEFING_TEST_SMTP_PASSWORD="x"
        )
    assert code == 1
    assert err.startswith(
        "Stopped early: 127.0.0.1 does not offer STARTTLS (STARTTLS extension not supported "
        "by server.): set security: ssl"
    )


def test_a_digest_range_must_run_forwards(content, capsys) -> None:
    argv = ["digest", "--content", str(content), "--since", "2023-02-01", "--until", "2023-01-01"]
    assert main(argv) == 2
    assert capsys.readouterr().err == "error: --since 2023-02-01 is after --until 2023-01-01\n"
