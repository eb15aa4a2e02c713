"""The site configuration (content/site.yaml): a closed, typed schema."""

from __future__ import annotations

import re
from dataclasses import replace
from email.utils import parseaddr
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import Problem
from ..model import EmailSettings, SiteConfig, SmtpSettings
from . import schema
from .brand import brand_fields, make_brand
from .languages import site_languages
from .schema import Field, FieldError, Reader, Reported
from .text import Invalid, Node, load_yaml


def mailbox(node: Node, reader: Reader) -> str:
    """Coerce to an email address, optionally with a display name: Name <a@b.org>."""
    value = schema.text(node, reader)
    address = parseaddr(value)[1]
    if not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+", address):
        raise FieldError(f"'{value}' is not an email address such as Briefing <news@example.org>")
    return value


def unsubscribe_url(node: Node, reader: Reader) -> str:
    """Coerce to the List-Unsubscribe target: a mailto: or https: URL."""
    value = schema.text(node, reader)
    if not re.match(r"(mailto:[^@\s]+@[^@\s]+|https://\S+)$", value):
        raise FieldError(f"'{value}' is not a mailto: or https: URL")
    return value


def unsubscribe_urls(node: Node, reader: Reader) -> tuple[str, ...]:
    """Coerce to a mailto:, an https: URL, or a list of one of each; the https: one first."""
    urls = schema.list_of(unsubscribe_url, at_least=1)(node, reader)
    schemes = [url.split(":", 1)[0] for url in urls]
    for scheme in dict.fromkeys(schemes):
        if schemes.count(scheme) > 1:
            raise FieldError(
                "give one mailto: address, one https: address, or one of each, "
                f"not {schemes.count(scheme)} {scheme}: addresses"
            )
    return tuple(sorted(urls, key=lambda url: not url.startswith("https:")))


# email.smtp: where `send` delivers. -------------------------------------------------------
SMTP_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
PASSWORD_REFUSED = (
    "a password must never be written in a file: put it in an environment variable and give "
    "that variable's name instead, e.g. password_env: BRIEFING_SMTP_PASSWORD"
)


def variable_name(node: Node, reader: Reader) -> str:
    """Coerce to the name of an environment variable; the value is never echoed back."""
    value = schema.text(node, reader)
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
        raise FieldError(
            "must be the name of an environment variable (letters, digits and _), "
            "e.g. BRIEFING_SMTP_PASSWORD, never the password itself"
        )
    return value


SMTP_FIELDS = {
    # The provider's SMTP server or a local relay: smtp.example.org, 127.0.0.1.
    "host": Field(schema.text, required=True),
    # Default: 587 for starttls, 465 for ssl, 25 for none.
    "port": Field(schema.positive_int),
    # starttls (the default), ssl (TLS from the first byte), or none (a local relay only).
    "security": Field(schema.one_of("starttls", "ssl", "none"), default="starttls"),
    # The login, if the server wants one; it needs password_env.
    "username": Field(schema.text),
    # The NAME of the environment variable that holds the password.
    "password_env": Field(variable_name),
}


def smtp_section(node: Node, reader: Reader) -> dict[str, Any]:
    """Coerce email.smtp, refusing a password written into the file."""
    if isinstance(node.value, dict) and "password" in node.value:
        reader.report(node.value["password"].line, f"password: {PASSWORD_REFUSED}")
        rest = {key: child for key, child in node.value.items() if key != "password"}
        reader.mapping(Node(rest, node.line), SMTP_FIELDS, "the SMTP settings")
        raise Reported()
    values = reader.mapping(node, SMTP_FIELDS, "the SMTP settings")
    if values is None:
        raise Reported()
    if bool(values["username"]) != bool(values["password_env"]):
        missing = "password_env" if values["username"] else "username"
        raise FieldError(f"username and password_env go together: add '{missing}:'")
    return values


def smtp_settings(values: dict[str, Any] | None) -> SmtpSettings | None:
    """The SmtpSettings of a checked email.smtp section, with the port its security implies."""
    if values is None:
        return None
    security = values["security"]
    port = values["port"] or SMTP_PORTS[security]
    return SmtpSettings(values["host"], port, security, values["username"], values["password_env"])


# --------------------------------------------------------------------------------------------

EMAIL_FIELDS = {
    # The sender: "China Industries Briefing <briefing@example.org>".
    "from": Field(mailbox),
    "reply_to": Field(mailbox),
    # Where the unsubscribe link and List-Unsubscribe header lead: a mailto:, an https:
    # URL, or a list of one of each (List-Unsubscribe carries both); `send` puts each
    # recipient's address, URL-encoded, in place of {email}.
    "unsubscribe": Field(unsubscribe_urls),
    "smtp": Field(smtp_section),
}

SITE_FIELDS = {
    # The site's name, shown in the header and feeds.
    "title": Field(schema.text, required=True),
    # One sentence for search engines and feed readers.
    "description": Field(schema.text, default=""),
    # Absolute URL the site is served from; internal links use its path.
    "base_url": Field(schema.web_url, required=True),
    # Language of the content, as a BCP 47 tag (en, de, zh-Hans).
    "language": Field(schema.text),
    # The languages of a site in several editions, the default first: [en, de]. The
    # default edition is at /, the others under /<lang>/ (see read/languages.py).
    "languages": Field(schema.list_of(schema.text, at_least=1)),
    # Per language: title and description where they differ from the default's.
    "translations": Field(schema.anything),
    # The series an issue belongs to unless its front matter says otherwise.
    "series": Field(schema.text),
    # Publish raw HTML in Markdown as written. Off by default: content arrives through
    # pull requests, so raw HTML is sanitized to an allow-list unless this is true.
    "trust_raw_html": Field(schema.boolean, default=False),
    # The newsletter email of each issue; every key has a default made from base_url.
    "email": Field(schema.mapping_of(EMAIL_FIELDS, "the email settings"), default={}),
    # Free-form data for templates.
    "extra": Field(schema.anything, default={}),
}


def site_fields(content: Path) -> dict[str, Field]:
    """site.yaml's schema; `brand:` names files in the content folder."""
    # Logo, accent colour, publisher, postal address, footer: see read/brand.py.
    brand = Field(schema.mapping_of(brand_fields(content), "the brand settings"), default={})
    return {**SITE_FIELDS, "brand": brand}


def footer_line(root: Node) -> int | None:
    """The line of `brand: footer:` in site.yaml, for problems with its links."""
    brand = root.value.get("brand") if isinstance(root.value, dict) else None
    footer = brand.value.get("footer") if brand and isinstance(brand.value, dict) else None
    return footer.line if footer is not None else None


def load_config(content: Path) -> tuple[SiteConfig | None, list[Problem]]:
    """Read content/site.yaml; None (with problems) if it is missing or wrong."""
    path = content / "site.yaml"
    if not path.is_file():
        message = "missing: create it with at least 'title:' and 'base_url:'"
        return None, [Problem(path, None, message)]
    try:
        root = load_yaml(path)
    except Invalid as error:
        return None, [error.problem]
    reader = Reader(path)
    values = reader.mapping(root, site_fields(content), "site.yaml")
    if values is None:
        return None, reader.problems
    base_url = values["base_url"]
    if not base_url.endswith("/"):
        base_url += "/"
    values["base_url"] = base_url
    languages, translations = site_languages(root, values, reader)
    if reader.problems:
        return None, reader.problems
    values.update(languages=languages, translations=translations, language=languages[0])
    host = urlsplit(base_url).hostname or "localhost"
    email = values.pop("email")
    values["email"] = EmailSettings(
        sender=email.get("from") or f"{values['title']} <briefing@{host}>",
        reply_to=email.get("reply_to"),
        unsubscribe_urls=email.get("unsubscribe")
        or (f"mailto:unsubscribe@{host}?subject=Unsubscribe",),
        smtp=smtp_settings(email.get("smtp")),
    )
    brand = make_brand(values.pop("brand"), urlsplit(base_url).path or "/")
    config = SiteConfig(**values, brand=replace(brand, footer_line=footer_line(root)))
    return config, []
