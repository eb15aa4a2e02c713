"""One MIME message per recipient, from an email rendered once for all who get the same cut."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from html import escape
from urllib.parse import quote, urlsplit

import jinja2

from ..model import Issue, SiteConfig
from ..render.formats.email import Note, issue_email
from ..slugs import slug

# Rendered in place of the unsubscribe URL, then replaced by each recipient's own.
PLACEHOLDER = "https://unsubscribe.briefing.invalid/"
# The bodies are encoded with this policy: quoted-printable lines of at most 76 characters
# (RFC 2045). Python's SMTP policy would give 78, which is right for headers only.
BODY_POLICY = policy.SMTP.clone(max_line_length=76)
# Python folds a header that fits on the next line as "Subject:" CRLF " value", which is
# valid but which its own parser (and others) reads back with a leading space.
BARE_NAME = re.compile(rb"^([A-Za-z-]+):\r\n[ \t]+", re.MULTILINE)


@dataclass(frozen=True)
class Rendered:
    """An issue's email with the unsubscribe URL still to fill in."""

    subject: str
    html: str
    text: str


@dataclass(frozen=True)
class Letter:
    """One recipient's message, ready to hand to SMTP."""

    address: str  # the envelope recipient
    message_id: str
    data: bytes


def render(
    config: SiteConfig, issue: Issue, env: jinja2.Environment, note: Note | None
) -> Rendered:
    """The email of an issue (whole, cut or digest) for every recipient of that variant."""
    assert config.email is not None
    placeholder = replace(config, email=replace(config.email, unsubscribe_urls=(PLACEHOLDER,)))
    mail = issue_email(placeholder, issue, env, note=note)
    return Rendered(mail.subject, mail.html.decode("utf-8"), mail.text.decode("utf-8"))


def fill(rendered: Rendered, unsubscribe: str) -> tuple[str, str]:
    """The HTML and the text of a rendered email with one recipient's unsubscribe URL."""
    html = rendered.html.replace(PLACEHOLDER, escape(unsubscribe))
    return html, rendered.text.replace(PLACEHOLDER, unsubscribe)


def unsubscribe_url(template: str, email: str, own: str | None = None) -> str:
    """A recipient's unsubscribe URL: their own, else the template with {email} filled in."""
    return own or template.replace("{email}", quote(email, safe=""))


def message_id(config: SiteConfig, name: str, round_number: int, email: str) -> str:
    """A Message-ID unique to the issue, the round and the recipient, the same on a retry.

    Keeping it on a retry lets a relay's log (and inboxes that drop repeats) spot a copy."""
    token = hashlib.blake2b(f"{name}\0{round_number}\0{email.casefold()}".encode(), digest_size=9)
    return f"<{name}.{round_number}.{token.hexdigest()}@{host(config)}>"


def list_id(config: SiteConfig) -> str:
    """The List-Id header (RFC 2919): the site's title and a label under its host."""
    label = slug(config.series or config.title)
    return f"{config.title} <{label}.{host(config)}>"


def host(config: SiteConfig) -> str:
    """The host of the site's base URL."""
    return urlsplit(config.base_url).hostname or "localhost"


def envelope_sender(config: SiteConfig) -> str:
    """The address MAIL FROM gives: the From header's address."""
    assert config.email is not None
    return parseaddr(config.email.sender)[1]


def compose(
    config: SiteConfig,
    rendered: Rendered,
    *,
    to: Address | None,
    unsubscribe: str,
    message_id: str,
    date: dt.datetime,
) -> bytes:
    """The MIME message of one recipient: their address, their unsubscribe link."""
    assert config.email is not None
    mail = EmailMessage(policy=BODY_POLICY)
    mail["Subject"] = rendered.subject
    mail["From"] = config.email.sender
    if to is not None:
        mail["To"] = to
    if config.email.reply_to:
        mail["Reply-To"] = config.email.reply_to
    mail["Date"] = format_datetime(date)
    mail["Message-ID"] = message_id
    mail["List-Id"] = list_id(config)
    mail["List-Unsubscribe"] = f"<{unsubscribe}>"
    if unsubscribe.startswith("https:"):
        mail["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    mail["Precedence"] = "bulk"
    html, text = fill(rendered, unsubscribe)
    mail.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    mail.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    return unfold_bare_names(mail.as_bytes(policy=policy.SMTP))


def unfold_bare_names(message: bytes) -> bytes:
    """Put a folded header's first words back beside its name (lines stay far below 998)."""
    head, blank, body = message.partition(b"\r\n\r\n")
    return BARE_NAME.sub(rb"\1: ", head) + blank + body
