"""`send`: every recipient gets exactly one message, with the right headers and items."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from sending import (
    ISSUE,
    NOW,
    SUBSCRIBERS,
    Sleeps,
    Time,
    mailing_site,
    send,
    subscribers,
    working_folder,
)
from smtp_server import Inbox, smtp_server

from briefing.cli.arguments import parser
from briefing.send import Pace, Runtime, run_send


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return mailing_site(tmp_path)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return working_folder(tmp_path, monkeypatch)


def test_each_recipient_gets_one_message_cut_to_their_topics(content, folder) -> None:
    inbox = Inbox()
    csv = subscribers(folder)
    with smtp_server(inbox) as port:
        code, out, err = send(content, port, ISSUE, "--to", str(csv))
    assert (code, err) == (0, "")
    assert inbox.count() == {"ada@example.org": 1, "ben@example.org": 1, "dee@example.org": 1}
    assert "3 sent, 1 skipped" in out
    ada, ben, dee = (inbox.to(f"{n}@example.org") for n in ("ada", "ben", "dee"))
    assert str(ada["To"]) == "Ada Analyst <ada@example.org>"
    ids = {m["Message-ID"] for m in (ada, ben, dee)}
    assert len(ids) == 3 and all(re.fullmatch(r"<[^<>@\s]+@example\.org>", i) for i in ids)
    for message in (ada, ben, dee):
        assert message["List-Id"] == "Test Briefing <china-industries.example.org>"
        assert message["Precedence"] == "bulk"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["Subject"] == "China Industries: Basic materials + autonomous shipping"
    assert ada["List-Unsubscribe"] == "<https://example.org/unsubscribe?e=ada%40example.org>"
    assert dee["List-Unsubscribe"] == "<https://example.org/u/dee>"
    whole = ada.get_body(("plain",)).get_content()
    assert "Basic industrial materials" in whole and "AI captain" in whole
    assert "cut to your topics" not in whole
    cut = ben.get_body(("plain",)).get_content()
    assert "Basic industrial materials" in cut and "AI captain" not in cut
    assert "This edition is cut to your topics: MIIT." in " ".join(cut.split())
    assert "recycling technology" in cut and "shipyard" not in cut  # Noteworthy too
    html = ben.get_body(("html",)).get_content()
    assert 'href="https://example.org/unsubscribe?e=ben%40example.org"' in html
    assert re.search(rf'class="note".*<a href="https://example.org/issues/{ISSUE}/"', html)


def test_bodies_are_quoted_printable_in_lines_of_76_at_most(content, folder) -> None:
    inbox = Inbox()
    with smtp_server(inbox) as port:
        send(content, port, ISSUE, "--to", str(subscribers(folder)))
    assert inbox.raw
    for raw in inbox.raw:
        head, _, body = raw.partition(b"\r\n\r\n")
        assert b"quoted-printable" in body
        lines = body.split(b"\r\n")
        assert max(len(line) for line in lines) <= 76
        assert any(len(line) == 76 for line in lines)  # the limit is used, not avoided
        assert not re.search(rb"^[A-Za-z-]+:\r\n", head, re.MULTILINE)  # no bare folds


def test_a_second_send_says_so_and_sends_nothing_unless_again(content, folder) -> None:
    inbox = Inbox()
    csv = subscribers(folder)
    with smtp_server(inbox) as port:
        assert send(content, port, ISSUE, "--to", str(csv))[0] == 0
        first = {m["Message-ID"] for m in inbox.messages}
        code, out, _ = send(content, port, ISSUE, "--to", str(csv))
        assert code == 0 and len(inbox.messages) == 3
        assert out.startswith(
            f"Issue {ISSUE} was already sent on 2024-03-01 (3 sent, 1 skipped); nothing sent."
        )
        assert "To send it to everyone again, add --again." in out
        assert send(content, port, ISSUE, "--to", str(csv), "--again")[0] == 0
    assert len(inbox.messages) == 6
    assert first.isdisjoint(m["Message-ID"] for m in inbox.messages[3:])
    assert (folder / ".briefing-send" / f"{ISSUE}.sqlite").is_file()


BAD_ROWS = """\
email,name,topics,unsubscribe_url
ada@example.org,Ada,,
ada-at-example.org,Typo,,
ADA@example.org,Ada again,,
ben@example.org,Ben,shiping;miit,
cy@example.org,Cy,,javascript:alert(1)
,Nobody,,
"""


def test_bad_rows_are_reported_with_their_lines_and_nothing_is_sent(content, folder) -> None:
    inbox = Inbox()
    with smtp_server(inbox) as port:
        code, out, err = send(content, port, ISSUE, "--to", str(subscribers(folder, BAD_ROWS)))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "subscribers.csv:3: 'ada-at-example.org' is not an email address such as ada@example.org",
        "subscribers.csv:4: 'ADA@example.org' is already on line 2: keep one",
        "subscribers.csv:5: unknown topic 'shiping': did you mean 'Shipping and shipbuilding'? "
        "(the sectors and issuing bodies declared in content/taxonomies/)",
        "subscribers.csv:6: unsubscribe_url: 'javascript:alert(1)' is not a mailto: or https: URL",
        "subscribers.csv:7: no email address: fill in the email column or delete the row",
        "5 problems in subscribers.csv; nothing was sent.",
    ]
    assert inbox.rcpts_seen == 0 and not inbox.messages
    assert not (folder / ".briefing-send").exists()


def test_a_csv_without_an_email_column_is_refused(content, folder) -> None:
    csv = subscribers(folder, "address,nmae\nada@example.org,Ada\n")
    code, _, err = send(content, 1, ISSUE, "--to", str(csv))
    assert code == 1
    assert err.splitlines() == [
        "subscribers.csv:1: unknown column 'address'; the columns are: email, name, topics, "
        "unsubscribe_url",
        "subscribers.csv:1: unknown column 'nmae': did you mean 'name'?",
        "subscribers.csv:1: no 'email' column: the first line must name the columns, e.g. "
        "email,name,topics,unsubscribe_url",
        "3 problems in subscribers.csv; nothing was sent.",
    ]


def test_dry_run_prints_who_gets_what_and_sends_nothing(content, folder) -> None:
    inbox = Inbox()
    with smtp_server(inbox) as port:
        code, out, _ = send(content, port, ISSUE, "--to", str(subscribers(folder)), "--dry-run")
    assert code == 0 and inbox.rcpts_seen == 0
    assert out.splitlines() == [
        f"Dry run, nothing is sent: issue {ISSUE} via 127.0.0.1:{port} (none)",
        "  ada@example.org: whole issue: 2 Top items, 3 Noteworthy",
        "  ben@example.org: cut to MIIT: 1 of 2 Top items, 1 of 3 Noteworthy",
        "  cy@example.org: skipped: nothing on Shanghai Municipal People's Congress",
        "  dee@example.org: cut to Shipping and shipbuilding, Artificial intelligence: "
        "1 of 2 Top items, 0 of 3 Noteworthy",
        "4 recipients: 3 to send, 1 skipped.",
    ]
    assert not (folder / ".briefing-send").exists()


def test_4xx_is_retried_with_back_off_and_5xx_is_reported(content, folder) -> None:
    inbox = Inbox(
        defer_once={"ben@example.org": "451 4.7.1 greylisted, try again"},
        refuse={"dee@example.org": "550 5.1.1 no such user"},
    )
    sleeps = Sleeps()
    csv = subscribers(folder)
    with smtp_server(inbox) as port:
        code, out, err = send(content, port, ISSUE, "--to", str(csv), sleep=sleeps)
        assert code == 1
        assert inbox.count() == {"ada@example.org": 1, "ben@example.org": 1}
        assert sleeps.calls == [10.0]  # one retry of ben, after the first wait
        assert "2 sent, 1 skipped, 1 failed" in out
        assert err.splitlines() == [
            "1 recipient refused for good (5xx), not retried:",
            "  dee@example.org: 550 5.1.1 no such user",
        ]
        code, out, _ = send(content, port, ISSUE, "--to", str(csv), sleep=sleeps)
    assert code == 0 and "nothing sent" in out
    assert inbox.count()["dee@example.org"] == 0 and sleeps.calls == [10.0]


def test_a_server_that_keeps_deferring_stops_the_run_after_bounded_retries(content, folder):
    inbox = Inbox()
    csv = subscribers(folder)
    sleeps = Sleeps()
    with smtp_server(inbox) as port:
        inbox.drop_after = 0  # the server closes every connection at MAIL
        code, _, err = send(content, port, ISSUE, "--to", str(csv), sleep=sleeps)
    assert code == 1 and not inbox.messages
    assert sleeps.calls == [10.0, 20.0, 40.0] * 3  # three recipients, four tries each
    assert err.startswith(
        "Stopped early: the server keeps deferring (not sent, the connection failed: "
    )
    assert "3 recipients not sent yet (the server deferred them" in err


def test_a_dropped_connection_part_way_resumes_sending_each_remaining_once(content, folder):
    csv = subscribers(folder, SUBSCRIBERS + "".join(f"r{n}@example.org,,,\n" for n in range(8)))
    inbox = Inbox(drop_after=4)
    with smtp_server(inbox) as port:
        code, out, err = send(content, port, ISSUE, "--to", str(csv))
        assert code == 1 and len(inbox.messages) == 4
        assert "Stopped early" in err and "Run send again to resume." in err
        inbox.drop_after = None  # the server is back
        code, out, err = send(content, port, ISSUE, "--to", str(csv))
    assert (code, err) == (0, "")
    counts = inbox.count()
    assert len(counts) == 11 and set(counts.values()) == {1}
    assert "11 sent, 1 skipped (7 messages sent in this run)" in out


def test_an_unanswered_message_is_uncertain_and_resent_only_when_asked(content, folder) -> None:
    inbox = Inbox(vanish={"ben@example.org"})
    csv = subscribers(folder)
    with smtp_server(inbox) as port:
        code, out, err = send(content, port, ISSUE, "--to", str(csv))
        assert code == 1 and inbox.count()["ben@example.org"] == 0
        assert "2 sent, 1 skipped, 1 uncertain" in out
        lines = err.splitlines()
        assert lines[0].startswith("1 recipient uncertain: the whole message went out but")
        assert "--resend-uncertain" in lines[0]
        assert re.fullmatch(r"  ben@example.org: <[^>]+@example.org>", lines[1])
        code, out, _ = send(content, port, ISSUE, "--to", str(csv))
        assert code == 0 and "1 uncertain: see --resend-uncertain." in out
        assert inbox.count()["ben@example.org"] == 0
        code, out, err = send(content, port, ISSUE, "--to", str(csv), "--resend-uncertain")
    assert (code, err) == (0, "")
    assert set(inbox.count().values()) == {1} and len(inbox.count()) == 3
    assert inbox.to("ben@example.org")["Message-ID"] == lines[1].split(": ")[1]


def test_per_minute_spaces_the_messages(content, folder) -> None:
    inbox = Inbox()
    time = Time()
    csv = str(subscribers(folder))
    argv = ["send", ISSUE, "--to", csv, "--content", str(content), "--per-minute", "30"]
    options = parser().parse_args(argv)
    with smtp_server(inbox) as port:
        options.smtp_port = port
        pace = Pace(sleep=time.sleep, clock=time.clock)
        out = io.StringIO()
        runtime = Runtime(environ={}, clock=lambda: NOW, pace=pace, out=out, err=out)
        assert run_send(options, NOW, runtime) == 0
    assert time.calls == [2.0, 2.0] and len(inbox.messages) == 3


def test_progress_prints_plain_lines_when_not_a_terminal(content, folder) -> None:
    inbox = Inbox()
    with smtp_server(inbox) as port:
        _, out, _ = send(content, port, ISSUE, "--to", str(subscribers(folder)))
    assert out.splitlines()[:3] == [
        "send: 1 sent, 0 failed, 2 remaining, -/min",
        "send: 2 sent, 0 failed, 1 remaining, -/min",
        "send: 3 sent, 0 failed, 0 remaining, -/min",
    ]


def test_a_dry_run_of_an_interrupted_send_shows_who_is_done(content, folder) -> None:
    inbox = Inbox(drop_after=1)
    csv = subscribers(folder)
    with smtp_server(inbox) as port:
        assert send(content, port, ISSUE, "--to", str(csv))[0] == 1
        log = folder / ".briefing-send" / f"{ISSUE}.sqlite"
        before = log.read_bytes()
        code, out, _ = send(content, port, ISSUE, "--to", str(csv), "--dry-run")
    assert code == 0 and len(inbox.messages) == 1 and log.read_bytes() == before
    lines = out.splitlines()
    assert lines[1] == "  ada@example.org: already sent (250 2.0.0 Ok: queued as 1)"
    assert lines[2] == "  ben@example.org: cut to MIIT: 1 of 2 Top items, 1 of 3 Noteworthy"
    assert lines[-1] == "4 recipients: 2 to send, 1 skipped, 1 done."
