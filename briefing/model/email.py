"""How the site sends email: the newsletter's addresses and the SMTP server (site.yaml)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SmtpSettings:
    """Where `send` delivers (email.smtp); the password itself stays in the environment."""

    host: str
    port: int
    security: str  # "starttls", "ssl" or "none" (a local relay)
    username: str | None = None
    password_env: str | None = None  # the NAME of the variable holding the password


@dataclass(frozen=True)
class EmailSettings:
    """How each issue's newsletter email is addressed."""

    sender: str  # the From header
    reply_to: str | None
    # Every List-Unsubscribe address: a mailto:, an https: URL, or both, the https: first.
    unsubscribe_urls: tuple[str, ...]
    smtp: SmtpSettings | None = None  # None: `send` needs --smtp-host

    @property
    def unsubscribe(self) -> str:
        """The link readers see: the https: page if there is one (it works in one click)."""
        return self.unsubscribe_urls[0]

    @property
    def one_click(self) -> str | None:
        """The https: address that takes an RFC 8058 one-click POST, if any."""
        return next((url for url in self.unsubscribe_urls if url.startswith("https:")), None)
