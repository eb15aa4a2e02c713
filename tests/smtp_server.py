"""A real SMTP server (aiosmtpd) in the test process, on 127.0.0.1, that can misbehave on cue."""

from __future__ import annotations

import asyncio
import email
import socket
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Inbox:
    """What the server received, and how it should behave next.

    `store_then_wait`: each message is stored as soon as its final "." arrives and only
    answered after that many seconds, like an MTA that commits before it replies; a client
    killed meanwhile has had its message delivered. `wait_at_rcpt`: the RCPT answer is
    slow instead, so a client killed then has sent nothing.
    """

    messages: list[EmailMessage] = field(default_factory=list)
    raw: list[bytes] = field(default_factory=list)
    rcpts_seen: int = 0
    refuse: dict[str, str] = field(default_factory=dict)  # address -> RCPT reply
    defer_once: dict[str, str] = field(default_factory=dict)  # address -> reply after "."
    vanish: set[str] = field(default_factory=set)  # close without storing or answering
    drop_after: int | None = None  # close every connection at MAIL once this many stored
    refuse_sender: str | None = None  # the reply to every MAIL FROM
    store_then_wait: float = 0.0
    wait_at_rcpt: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self) -> Counter[str]:
        """How many messages each address received."""
        with self.lock:
            return Counter(str(m["To"].addresses[0].addr_spec).lower() for m in self.messages)

    def to(self, address: str) -> EmailMessage:
        """The only message one address received."""
        with self.lock:
            found = [m for m in self.messages if m["To"].addresses[0].addr_spec == address]
        assert len(found) == 1, f"{address} received {len(found)} messages"
        return found[0]


class Handler:
    """aiosmtpd hooks that follow the Inbox's instructions."""

    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox

    async def handle_MAIL(self, server, session, envelope, address, options) -> str:
        inbox = self.inbox
        if inbox.drop_after is not None and len(inbox.messages) >= inbox.drop_after:
            server.transport.close()
            return "421 4.3.2 going away"
        if inbox.refuse_sender:
            return inbox.refuse_sender
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options) -> str:
        with self.inbox.lock:
            self.inbox.rcpts_seen += 1
        if self.inbox.wait_at_rcpt:
            await asyncio.sleep(self.inbox.wait_at_rcpt)
        if address in self.inbox.refuse:
            return self.inbox.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        inbox = self.inbox
        address = envelope.rcpt_tos[0]
        if address in inbox.vanish:
            inbox.vanish.discard(address)
            server.transport.close()
            return "250 never heard"
        if address in inbox.defer_once:
            return inbox.defer_once.pop(address)
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        with inbox.lock:
            inbox.messages.append(message)
            inbox.raw.append(envelope.content)
            number = len(inbox.messages)
        if inbox.store_then_wait:
            await asyncio.sleep(inbox.store_then_wait)
        return f"250 2.0.0 Ok: queued as {number}"


def password_checker(username: str, password: str):
    """An aiosmtpd authenticator that accepts one login."""

    def check(server, session, envelope, mechanism, auth_data: Any) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and (
            auth_data.login.decode() == username and auth_data.password.decode() == password
        )
        return AuthResult(success=ok, handled=False)

    return check


@contextmanager
def smtp_server(inbox: Inbox, port: int | None = None, **options: Any):
    """Run a server for the inbox until the block ends; yields its port."""
    port = port or free_port()
    controller = Controller(Handler(inbox), hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()
