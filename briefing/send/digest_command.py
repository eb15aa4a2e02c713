"""The `digest` command: one email of the items on some topics across the issues of some days."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from ..errors import UsageError, display_path
from ..model import Term
from ..pipeline import check_content, find_templates, load_site
from ..render import environment
from .digest import Range, digest_issue, digest_note
from .message import compose, fill, host, render
from .topics import Topics, load_topics, split_topics, topic_names

EXIT_OK = 0


def run_digest(options: argparse.Namespace, now: dt.datetime) -> int:
    """Write the digest as .eml (or .html, .txt by --out's suffix), or print the .eml."""
    check_content(options.content)
    days = Range(options.since, options.until or now.date())
    if days.since > days.until:
        raise UsageError(f"--since {days.since} is after --until {days.until}")
    topics = resolve(load_topics(options.content), options.topics)
    site = load_site(options.content, drafts=options.drafts, now=now)[0]
    config = site.config
    assert config.email is not None
    digest = digest_issue(config, site.issues, topics, days)
    if digest is None:
        what = f"on {topic_names(topics)} " if topics else ""
        print(f"No items {what}in the issues dated {days}: no digest made.")
        return EXIT_OK
    env = environment(find_templates(options.content), config)
    rendered = render(config, digest, env, digest_note(config, digest, topics, days))
    unsubscribe = config.email.unsubscribe
    html, text = fill(rendered, unsubscribe)
    suffix = options.out.suffix.lower() if options.out else ".eml"
    if suffix in (".html", ".htm"):
        data = html.encode("utf-8")
    elif suffix == ".txt":
        data = text.encode("utf-8")
    else:
        mid = f"<{digest.slug}.{digest.key[:12]}@{host(config)}>"
        data = compose(config, rendered, to=None, unsubscribe=unsubscribe, message_id=mid, date=now)
    if options.out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return EXIT_OK
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_bytes(data)
    print(f"{display_path(options.out)}: {digest.title}, {len(digest.articles)} Top items")
    return EXIT_OK


def resolve(topics: Topics, text: str) -> tuple[Term, ...]:
    """The terms --topics names; a UsageError naming every unknown one."""
    terms: list[Term] = []
    unknown = []
    for name in split_topics(text):
        found = topics.resolve(name)
        if not found:
            unknown.append(topics.unknown(name))
        terms += found
    if unknown:
        raise UsageError("; ".join(unknown))
    return tuple(dict.fromkeys(terms))
