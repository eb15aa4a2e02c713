"""`kill -9` of a real `python build.py send` part-way, then `send` again: exactly one each."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sending import ISSUE, mailing_site, subscribers, working_folder
from smtp_server import Inbox, smtp_server

ROOT = Path(__file__).parent.parent
RECIPIENTS = 6
CSV = "email\n" + "".join(f"r{n}@example.org\n" for n in range(RECIPIENTS))


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return mailing_site(tmp_path)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return working_folder(tmp_path, monkeypatch)


def command(content: Path, port: int) -> list[str]:
    """The send command line, as a person would type it."""
    return [
        sys.executable, str(ROOT / "build.py"), "send", ISSUE, "--to", "subscribers.csv",
        "--content", str(content), "--smtp-port", str(port),
    ]  # fmt: skip


def kill_when(process: subprocess.Popen, ready: Callable[[], bool]) -> None:
    """SIGKILL the process as soon as `ready()` holds (within 30 s)."""
    deadline = time.monotonic() + 30
    while not ready():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the send never got that far"
        time.sleep(0.005)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()


def test_killed_while_the_server_holds_its_answer(content, folder) -> None:
    """The third message is stored but not yet answered: the log says "sending", so the
    resumed run does not send it again (the server has it) and sends the rest once."""
    subscribers(folder, CSV)
    inbox = Inbox(store_then_wait=0.5)
    with smtp_server(inbox) as port:
        started = subprocess.Popen(command(content, port), cwd=folder, stdout=subprocess.DEVNULL)
        kill_when(started, lambda: len(inbox.messages) >= 3)
        assert started.returncode == -signal.SIGKILL
        inbox.store_then_wait = 0
        resumed = subprocess.run(command(content, port), cwd=folder, capture_output=True, text=True)
    counts = inbox.count()
    assert len(counts) == RECIPIENTS and set(counts.values()) == {1}, counts
    assert resumed.returncode == 1, resumed.stderr
    assert "6 sent" not in resumed.stdout and "5 sent, 1 uncertain" in resumed.stdout
    assert resumed.stderr.startswith("1 recipient uncertain: the whole message went out but")
    assert "  r2@example.org: <" in resumed.stderr


def test_killed_before_the_message_went_out(content, folder) -> None:
    """The third recipient's RCPT is not yet answered: nothing of that message reached the
    server, so the resumed run sends it, and every other remaining one, exactly once."""
    subscribers(folder, CSV)
    inbox = Inbox(wait_at_rcpt=0.5)
    with smtp_server(inbox) as port:
        started = subprocess.Popen(command(content, port), cwd=folder, stdout=subprocess.DEVNULL)
        kill_when(started, lambda: inbox.rcpts_seen >= 3)
        assert len(inbox.messages) == 2
        inbox.wait_at_rcpt = 0
        resumed = subprocess.run(command(content, port), cwd=folder, capture_output=True, text=True)
    assert (resumed.returncode, resumed.stderr) == (0, "")
    counts = inbox.count()
    assert len(counts) == RECIPIENTS and set(counts.values()) == {1}, counts
    assert "6 sent (4 messages sent in this run)" in resumed.stdout
