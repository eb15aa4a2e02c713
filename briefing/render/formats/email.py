"""Each issue as a ready-to-send newsletter: inlined-CSS HTML, plain text, and a MIME message.

The HTML follows what email clients can show: a 600 px table layout, every style inlined
(css-inline), no script, every URL absolute, no SVG, a hidden preheader and a "view in
browser" link. The text part is made from the same HTML, so both always hold the same items.
"""

from __future__ import annotations

import binascii
import hashlib
import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage, MIMEPart
from email.utils import format_datetime
from urllib.parse import urlsplit

import css_inline
import jinja2
from markupsafe import Markup

from ...model import Image, Issue, SiteConfig
from ..dates import published
from ..i18n import translations
from ..urls import absolute
from .plaintext import to_text

TAGS = re.compile(r"<[^>]+>")
# RFC 2045 allows 76 characters a line of quoted-printable (binascii's own limit); Python's
# SMTP policy would write 78.
QP_LINE = 76


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
    """The newsletter email of an issue, rendered with templates/email/issue.html."""
    assert config.email is not None
    _ = translations(config.language).gettext
    subject = f"{issue.series}: {issue.title}" if issue.series else issue.title
    marker = preview_marker(issue, config.language)
    if marker:
        subject = _("[DRAFT] %(subject)s") % {"subject": subject}
    web_url = absolute(config, issue.path)
    html = env.get_template("email/issue.html").render(
        issue=issue,
        subject=subject,
        preheader=preheader(issue),
        web_url=web_url,
        unsubscribe=config.email.unsubscribe,
        image=issue.image if shows_in_email(issue.image) else None,
        marker=marker,
        note=note,
    )
    html = html.removesuffix("\n")  # the site's Jinja keeps a template's last newline
    inlined = css_inline.CSSInliner(keep_style_tags=False, keep_link_tags=False).inline(html)
    # css-inline writes its own DOCTYPE; every page of the site starts the same way.
    inlined = inlined.strip()
    if inlined[:15].lower() == "<!doctype html>":
        inlined = inlined[15:].lstrip()
    inlined = f"<!doctype html>\n{inlined}\n"
    text = to_text(html, links=_("Links"))
    eml = message(config, issue, subject, text, inlined)
    return Email(subject, inlined.encode("utf-8"), text.encode("utf-8"), eml)


def preheader(issue: Issue) -> str:
    """The line inboxes show after the subject: the issue's summary, else its first item's."""
    html = issue.summary_html or (issue.articles[0].summary_html if issue.articles else "")
    return Markup(TAGS.sub("", html)).unescape()


def preview_marker(issue: Issue, language: str = "en") -> str | None:
    """What marks an email built with --drafts as not what subscribers get, if anything."""
    _ = translations(language).gettext
    if issue.draft:
        return _('DRAFT: this issue is not published until "draft: true" is removed.')
    if issue.scheduled and issue.publish_at:
        moment = issue.publish_at.isoformat()
        return _("SCHEDULED: this issue is published from %(moment)s.") % {"moment": moment}
    if any(article.draft or article.scheduled for article in issue.articles):
        return _("DRAFT: this email holds Top items that are not published yet.")
    return None


def shows_in_email(image: Image | None) -> bool:
    """False for an SVG image: Gmail and Outlook do not show SVG (the caption stays)."""
    return image is not None and not urlsplit(image.src).path.lower().endswith(".svg")


def message(config: SiteConfig, issue: Issue, subject: str, text: str, html: str) -> bytes:
    """A multipart/alternative MIME message, byte-identical for the same issue."""
    assert config.email is not None
    host = urlsplit(config.base_url).hostname or "localhost"
    mail = EmailMessage(policy=policy.SMTP)
    mail["Subject"] = subject
    mail["From"] = config.email.sender
    if config.email.reply_to:
        mail["Reply-To"] = config.email.reply_to
    mail["Date"] = format_datetime(published(issue.date, issue.publish_at))
    mail["Message-ID"] = f"<{issue.slug}@{host}>"
    mail["List-Unsubscribe"] = ", ".join(f"<{url}>" for url in config.email.unsubscribe_urls)
    if config.email.one_click:  # RFC 8058: only an https: address takes the one-click POST
        mail["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    mail["MIME-Version"] = "1.0"
    mail.make_alternative()
    mail.attach(quoted_printable(text, "plain"))
    mail.attach(quoted_printable(html, "html"))
    digest = hashlib.blake2b((text + html).encode(), digest_size=12).hexdigest()
    mail.set_boundary(f"=_briefing_{digest}")
    # A long line policy for the output only keeps Python from folding a long Subject in a
    # way its own parser reads back wrongly; the bodies are already in lines of QP_LINE.
    return mail.as_bytes(policy=policy.SMTP.clone(max_line_length=998))


def quoted_printable(text: str, subtype: str) -> MIMEPart:
    """A UTF-8 text part in quoted-printable, encoded by binascii in C (the email package's
    own encoder is pure Python, and was half the cost of an issue's email); its lines are
    at most QP_LINE characters, as RFC 2045 asks."""
    part = MIMEPart(policy=policy.SMTP)
    part["Content-Type"] = f'text/{subtype}; charset="utf-8"'
    part["Content-Transfer-Encoding"] = "quoted-printable"
    encoded = binascii.b2a_qp(text.encode("utf-8"), istext=True)
    part.set_payload(encoded.decode("ascii"))
    return part
