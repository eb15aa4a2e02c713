"""Delivery over SMTP with smtplib: one connection reused, and the end of DATA kept narrow.

The only moment a message can be both accepted by the server and unknown to the log is
between the final "." of DATA and the log recording the server's reply. `Relay.deliver`
streams the whole message first, then calls `committing` (the log records "sending") and
only then writes the final ".": a failure before that point provably delivered nothing
(the server discards a transaction without its ".") and is safe to retry.
"""

from __future__ import annotations

import contextlib
import smtplib
import socket
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..errors import UsageError
from ..model import SmtpSettings

TIMEOUT = 60.0  # seconds to wait for any one reply
LOGIN_REFUSED = (535, 534, 530, 454)


@dataclass(frozen=True)
class Server:
    """Where to deliver, with the password read from the environment."""

    host: str
    port: int
    security: str  # "starttls", "ssl" or "none"
    username: str | None = None
    password: str | None = field(default=None, repr=False)

    def __str__(self) -> str:
        login = f", as {self.username}" if self.username else ""
        return f"{self.host}:{self.port} ({self.security}{login})"


@dataclass(frozen=True)
class Outcome:
    """How one attempt ended: a log state, the server's reply or the error, and whether
    the whole run must stop (the server refuses the sender, the login, or to connect)."""

    state: str  # "sent", "deferred", "failed" or "sending" (uncertain)
    detail: str
    stop: bool = False


class Stop(Exception):
    """The run cannot go on: no recipient can be sent to now."""


def find_server(
    settings: SmtpSettings | None,
    environ: Mapping[str, str],
    *,
    host: str | None = None,
    port: int | None = None,
) -> Server:
    """The server from site.yaml's email.smtp, with --smtp-host/--smtp-port applied."""
    if settings is None and host is None:
        raise UsageError(
            "site.yaml has no email.smtp settings: add them (see README, 'Sending an issue') "
            "or pass --smtp-host for a local relay"
        )
    if settings is None:
        return Server(host or "", port or 25, "none")
    password = None
    if settings.password_env:
        password = environ.get(settings.password_env)
        if not password:
            raise UsageError(
                f"the environment variable {settings.password_env} (email.smtp.password_env "
                "in site.yaml) is not set: export it with the SMTP password before sending"
            )
    return Server(
        host or settings.host, port or settings.port, settings.security, settings.username, password
    )


def connect(server: Server, timeout: float = TIMEOUT) -> smtplib.SMTP:
    """An open, secured and logged-in connection; Stop if it can never work as configured."""
    context = ssl.create_default_context()
    try:
        if server.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                server.host, server.port, timeout=timeout, context=context
            )
        else:
            client = smtplib.SMTP(server.host, server.port, timeout=timeout)
        client.ehlo()
        if server.security == "starttls":
            client.starttls(context=context)
            client.ehlo()
        if server.username:
            client.login(server.username, server.password or "")
    except smtplib.SMTPNotSupportedError as error:
        raise Stop(f"{server.host} does not offer STARTTLS ({error}): set security: ssl") from None
    except smtplib.SMTPAuthenticationError as error:
        reply = f"{error.smtp_code} {error.smtp_error.decode(errors='replace')}"
        raise Stop(f"{server.host} refused the login of {server.username} ({reply})") from None
    except ssl.SSLCertVerificationError as error:
        raise Stop(
            f"the certificate of {server.host} is not trusted: {error.verify_message}"
        ) from None
    return client


class Relay:
    """One SMTP connection, opened when first needed and again after it drops."""

    def __init__(self, server: Server, connect: Callable[[Server], smtplib.SMTP] = connect):
        self.server = server
        self.open = connect
        self.client: smtplib.SMTP | None = None

    def deliver(
        self, sender: str, recipient: str, data: bytes, committing: Callable[[], None]
    ) -> Outcome:
        """Hand one message to the server; `committing` runs just before the final '.'."""
        try:
            client = self.client or self.open(self.server)
            self.client = client
            for command, expected in (
                (lambda: client.mail(sender), (250,)),
                (lambda: client.rcpt(recipient), (250, 251)),
                (lambda: client.docmd("DATA"), (354,)),
            ):
                code, reply = command()
                if code not in expected:
                    return self.refused(code, reply, at_sender=expected == (250,))
            client.send(body(data))
        except (smtplib.SMTPException, OSError) as error:
            self.drop()
            return Outcome("deferred", f"not sent, the connection failed: {describe(error)}")
        committing()
        try:
            client.send(b".\r\n")
            code, reply = client.getreply()
        except (smtplib.SMTPException, OSError) as error:
            self.drop()
            detail = f"the connection failed waiting for the server's answer: {describe(error)}"
            return Outcome("sending", detail)
        return self.answered(code, reply)

    def answered(self, code: int, reply: bytes) -> Outcome:
        """The outcome of the server's answer to the final '.'."""
        text = f"{code} {reply.decode(errors='replace')}"
        if 200 <= code < 300:
            return Outcome("sent", text)
        if code == 421:
            self.drop()
        return Outcome("deferred" if 400 <= code < 500 else "failed", text)

    def refused(self, code: int, reply: bytes, *, at_sender: bool) -> Outcome:
        """The outcome of a refused MAIL, RCPT or DATA command (nothing was sent)."""
        text = f"{code} {reply.decode(errors='replace')}"
        if code == 421 or code < 0:
            self.drop()
            return Outcome("deferred", text)
        self.reset()
        if 400 <= code < 500:
            return Outcome("deferred", text)
        # A refused sender is refused for every recipient: stop rather than fail them all.
        return Outcome("queued" if at_sender else "failed", text, stop=at_sender)

    def reset(self) -> None:
        """End the refused transaction, so the next one starts clean."""
        try:
            if self.client is not None:
                self.client.rset()
        except (smtplib.SMTPException, OSError):
            self.drop()

    def drop(self) -> None:
        """Forget a connection that failed; the next message opens a new one."""
        if self.client is not None:
            with contextlib.suppress(OSError):
                self.client.close()
        self.client = None

    def close(self) -> None:
        """Say QUIT and close the connection."""
        if self.client is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self.client.quit()
            self.drop()


def body(data: bytes) -> bytes:
    """The message as DATA sends it: CRLF lines, leading dots doubled, no final '.' yet."""
    lines = data.replace(b"\r\n", b"\n").split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return b"".join((b"." + line if line.startswith(b".") else line) + b"\r\n" for line in lines)


def describe(error: BaseException) -> str:
    """An error in a few words, for the log and the report."""
    if isinstance(error, socket.timeout | TimeoutError):
        return "no answer in time"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return "the server closed the connection"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
