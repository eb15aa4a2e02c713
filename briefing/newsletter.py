"""Each issue as a ready-to-send newsletter: inlined-CSS HTML, plain text, and a MIME message.

The HTML follows what email clients can show: a 600 px table layout, every style inlined
(css-inline), no script, every URL absolute, a hidden preheader and a "view in browser"
link. The text part is made from the same HTML, so both always hold the same items.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit

import css_inline
import jinja2
from markupsafe import Markup

from .dates import long_date, month_day
from .model import Issue, SiteConfig
from .plaintext import to_text

URL_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')
TAGS = re.compile(r"<[^>]+>")
SEND_TIME = dt.time(6, 0, tzinfo=dt.UTC)  # the Date header: issue day, 06:00 UTC


@dataclass(frozen=True)
class Email:
    """One issue's email in its three forms."""

    subject: str
    html: bytes
    text: bytes
    eml: bytes


@dataclass(frozen=True)
class Note:
    """A line above the items saying what a cut issue or a digest holds, and a link."""

    text: str  # "This edition is cut to your topics: MIIT, Semiconductors."
    link: str  # the words before the URL: "Read the full issue"
    url: str


def issue_email(
    config: SiteConfig, issue: Issue, env: jinja2.Environment, *, note: Note | None = None
) -> Email:
    """The newsletter email of an issue, rendered with `environment(...)`'s templates."""
    assert config.email is not None
    subject = f"{issue.series}: {issue.title}" if issue.series else issue.title
    web_url = config.base_url + issue.path
    html = env.get_template("issue.html").render(
        issue=issue,
        subject=subject,
        preheader=preheader(issue),
        web_url=web_url,
        unsubscribe=config.email.unsubscribe,
        note=note,
    )
    inlined = css_inline.CSSInliner(keep_style_tags=False, keep_link_tags=False).inline(html)
    # css-inline writes its own DOCTYPE; every page of the site starts the same way.
    inlined = inlined.strip()
    if inlined[:15].lower() == "<!doctype html>":
        inlined = inlined[15:].lstrip()
    inlined = f"<!doctype html>\n{inlined}\n"
    text = to_text(html)
    eml = message(config, issue, subject, text, inlined)
    return Email(subject, inlined.encode("utf-8"), text.encode("utf-8"), eml)


def environment(
    templates: Path, config: SiteConfig, compiled: jinja2.BytecodeCache | None = None
) -> jinja2.Environment:
    """Jinja for email templates: escaping, strict, with absolute-URL helpers.

    Make it once per build: each new environment compiles the templates again."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates / "email"),
        bytecode_cache=compiled,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(config.base_url))
    env.globals.update(
        config=config,
        absolute_url=lambda path: config.base_url + path,
        absolute=lambda url: (
            origin + url if url.startswith("/") and not url.startswith("//") else url
        ),
        absolute_html=lambda html, page: Markup(absolute_html(html, origin, page)),
    )
    env.filters.update(long_date=long_date, month_day=month_day)
    return env


def absolute_html(html: str, origin: str, page_url: str) -> str:
    """HTML with every site link made absolute; in-page anchors point at the web page."""

    def absolute(match: re.Match[str]) -> str:
        attribute, url = match.groups()
        if url.startswith("/") and not url.startswith("//"):
            url = origin + url
        elif url.startswith("#"):
            url = page_url + url
        return f'{attribute}="{url}"'

    return URL_ATTRIBUTE.sub(absolute, html)


def preheader(issue: Issue) -> str:
    """The line inboxes show after the subject: the issue's summary, else its first item's."""
    html = issue.summary_html or (issue.articles[0].summary_html if issue.articles else "")
    return Markup(TAGS.sub("", html)).unescape()


def message(config: SiteConfig, issue: Issue, subject: str, text: str, html: str) -> bytes:
    """A multipart/alternative MIME message, byte-identical for the same issue."""
    assert config.email is not None
    host = urlsplit(config.base_url).hostname or "localhost"
    mail = EmailMessage(policy=policy.SMTP)
    mail["Subject"] = subject
    mail["From"] = config.email.sender
    if config.email.reply_to:
        mail["Reply-To"] = config.email.reply_to
    mail["Date"] = format_datetime(dt.datetime.combine(issue.date, SEND_TIME))
    mail["Message-ID"] = f"<{issue.slug}@{host}>"
    mail["List-Unsubscribe"] = f"<{config.email.unsubscribe}>"
    if config.email.unsubscribe.startswith("https:"):
        mail["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    mail.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    mail.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    digest = hashlib.blake2b((text + html).encode(), digest_size=12).hexdigest()
    mail.set_boundary(f"=_briefing_{digest}")
    # Bodies are already encoded in 76-column lines; a longer policy for the output only
    # keeps Python from folding a long Subject in a way its own parser reads back wrongly.
    return mail.as_bytes(policy=policy.SMTP.clone(max_line_length=998))
