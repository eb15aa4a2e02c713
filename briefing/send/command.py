"""The `send` command: find the issue or digest, check the list, then deliver and report."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from ..errors import Problem, UsageError, display_path
from ..model import Issue, Site, editions
from ..pipeline import check_content, find_templates, load_site
from ..render import environment
from .deliver import Pace, send_letters
from .digest import Range
from .log import DROPPED, OPEN, QUEUED, SENDING, Entry, Round, SendLog, locked, open_log, read_log
from .message import envelope_sender
from .plan import Parcel, entries, letters, plan_digest, plan_issue
from .progress import progress_for
from .report import dry_run, report, totals
from .smtp import Relay, Server, find_server
from .subscribers import Subscriber, read_subscribers
from .topics import load_topics

EXIT_OK, EXIT_FAILED = 0, 1


def local_now() -> dt.datetime:
    """The current moment in the local time zone."""
    return dt.datetime.now().astimezone()


@dataclass(frozen=True)
class Runtime:
    """What a run touches outside itself, injected: environment, clock, pace and streams."""

    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    clock: Callable[[], dt.datetime] = local_now
    pace: Pace = field(default_factory=Pace)
    out: TextIO | None = None  # default: sys.stdout as it is when the run starts
    err: TextIO | None = None


@dataclass(frozen=True)
class Job:
    """One thing to send: an issue, or a digest across issues."""

    name: str  # the send log's name: the issue's slug, or digest-SINCE
    title: str  # for messages: "issue 2023-07-20-ai-rules"
    site: Site
    whole: Issue | None  # the issue; None for a digest
    since: dt.date | None = None


def run_send(options: argparse.Namespace, now: dt.datetime, runtime: Runtime | None = None) -> int:
    """Send an issue (or digests) to every subscriber once; exit 1 if anyone was not reached."""
    rt = runtime or Runtime()
    rt = replace(rt, pace=replace(rt.pace, per_minute=options.per_minute))
    check_content(options.content)
    job = find_job(options, now)
    subscribers, problems = read_subscribers(options.to, load_topics(options.content))
    if problems:
        print_problems(problems, options.to, rt.err or sys.stderr)
        return EXIT_FAILED
    path = options.log_dir / f"{job.name}.sqlite"
    if options.dry_run:
        return show_dry_run(options, job, subscribers, path, rt, now)
    server = server_for(job, options, rt.environ)
    with locked(path):
        log = open_log(path, rt.clock)
        try:
            chosen = choose_round(log, job, options, now)
            if chosen is None:
                say_done(log, job, subscribers, rt.out or sys.stdout)
                return EXIT_OK
            return send_round(log, chosen, job, subscribers, server, options, rt)
        finally:
            log.close()


def send_round(
    log: SendLog,
    chosen: Round,
    job: Job,
    subscribers: tuple[Subscriber, ...],
    server: Server,
    options: argparse.Namespace,
    rt: Runtime,
) -> int:
    """Queue the round's plan, send what is still open, finish the round if nothing is
    left, and report on the whole round."""
    out, err = rt.out or sys.stdout, rt.err or sys.stderr
    config = job.site.config
    parcels = plan(job, subscribers, chosen.scope)
    ids = queue(log, job, chosen, parcels, resend=options.resend_uncertain)
    mail = letters(
        config, environment(find_templates(options.content), config), parcels, ids, rt.clock
    )
    relay = Relay(server)
    try:
        run = send_letters(
            mail, len(ids), relay=relay, log=log, round_number=chosen.number,
            sender=envelope_sender(config), pace=rt.pace, progress=progress_for(out, rt.pace.clock),
        )  # fmt: skip
    finally:
        relay.close()
    final = log.entries(chosen.number)
    if not any(entry.state in OPEN for entry in final.values()):
        log.finish(chosen.number)
    return EXIT_OK if report(job.title, final, run, log.path, out, err) else EXIT_FAILED


def server_for(job: Job, options: argparse.Namespace, environ: Mapping[str, str]) -> Server:
    """The SMTP server of site.yaml, or of --smtp-host and --smtp-port."""
    smtp = job.site.config.email.smtp if job.site.config.email else None
    return find_server(smtp, environ, host=options.smtp_host, port=options.smtp_port)


def print_problems(problems: list[Problem], csv: Path, err: TextIO) -> None:
    """Every problem of the CSV, then that nothing was sent."""
    for problem in problems:
        print(problem, file=err)
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    print(f"{count} in {display_path(csv)}; nothing was sent.", file=err)


def find_job(options: argparse.Namespace, now: dt.datetime) -> Job:
    """The issue named on the command line, or the digest of --since; UsageError if neither."""
    if options.digest == (options.issue is not None):
        raise UsageError("name an issue folder, or pass --digest --since DATE, not both")
    if options.digest and options.since is None:
        raise UsageError("--digest needs --since DATE: the first day the digest covers")
    if not options.digest and (options.since or options.until):
        raise UsageError("--since and --until go with --digest")
    site = load_site(options.content, drafts=options.drafts, now=now, language=options.language)[0]
    # Each edition has its own send log: sending the German one is not sending the English.
    edition = "" if site.config.language == editions(site.config)[0] else f"-{site.config.language}"
    if options.digest:
        since = options.since
        name, title = f"digest-{since.isoformat()}{edition}", f"the digest from {since}"
        return Job(name, title, site, None, since)
    issue = find_issue(site, options, now)
    return Job(f"{issue.slug}{edition}", f"issue {options.issue}", site, issue)


def find_issue(site: Site, options: argparse.Namespace, now: dt.datetime) -> Issue:
    """The issue whose folder is named; a draft or scheduled one only with --drafts."""
    for issue in site.issues:
        if issue.source.parent.name == options.issue:
            return issue
    if not options.drafts:
        preview = load_site(options.content, drafts=True, now=now, language=options.language)[0]
        for issue in preview.issues:
            if issue.source.parent.name == options.issue:
                raise UsageError(unpublished(issue))
    names = "\n".join(f"  {issue.source.parent.name}" for issue in site.issues) or "  (none)"
    raise UsageError(f"no issue '{options.issue}'; the issues are:\n{names}")


def unpublished(issue: Issue) -> str:
    """Why an issue is refused without --drafts."""
    where = display_path(issue.source)
    if issue.draft:
        why = f"is a draft (draft: true in {where})"
    else:
        at = issue.publish_at.isoformat() if issue.publish_at else "later"
        why = f"is scheduled for {at} (publish_at: in {where})"
    return f"issue '{issue.source.parent.name}' {why}: it is not sent unless you pass --drafts"


def choose_round(
    log: SendLog, job: Job, options: argparse.Namespace, now: dt.datetime
) -> Round | None:
    """The round to send in: the unfinished one, a new one, or None when all was sent."""
    latest = log.latest()
    scope = (options.until or now.date()).isoformat() if job.whole is None else ""
    if latest is None or (latest.finished and options.again):
        return log.start(scope)
    if latest.finished is None:
        if options.again:
            raise UsageError(
                f"the last send of {job.title} did not finish: "
                "run send without --again to finish it first"
            )
        if options.until and scope != latest.scope:
            raise UsageError(
                f"the unfinished send of {job.title} covers the days up to {latest.scope}: "
                f"resume it without --until (or with --until {latest.scope})"
            )
        return latest
    if options.resend_uncertain and uncertain(log.entries(latest.number)):
        log.reopen(latest.number)
        return latest
    return None


def uncertain(entries: Mapping[str, Entry]) -> int:
    """How many recipients a run left in "sending": their message may or may not be there."""
    return sum(1 for entry in entries.values() if entry.state == SENDING)


def plan(job: Job, subscribers: tuple[Subscriber, ...], scope: str) -> tuple[Parcel, ...]:
    """Each subscriber's parcel of the job; a digest covers the days up to the round's scope."""
    if job.whole is not None:
        return plan_issue(job.site.config, job.whole, subscribers)
    assert job.since is not None
    days = Range(job.since, dt.date.fromisoformat(scope))
    return plan_digest(job.site.config, job.site.issues, subscribers, days)


def queue(
    log: SendLog, job: Job, chosen: Round, parcels: tuple[Parcel, ...], *, resend: bool
) -> dict[str, str]:
    """Log the plan, drop who left the CSV, requeue the uncertain if asked; return the
    Message-ID of everyone still to send, by address."""
    number = chosen.number
    log.plan(number, entries(job.site.config, job.name, number, parcels))
    wanted = {parcel.subscriber.key for parcel in parcels}
    for key, entry in log.entries(number).items():
        if entry.state in OPEN and key not in wanted:
            log.mark(number, key, DROPPED, "no longer in the subscribers CSV")
        elif resend and entry.state == SENDING and key in wanted:
            log.mark(number, key, QUEUED, "queued again by --resend-uncertain")
    current = log.entries(number)
    return {key: entry.message_id for key, entry in current.items() if entry.state in OPEN}


def say_done(log: SendLog, job: Job, subscribers: tuple[Subscriber, ...], out: TextIO) -> None:
    """Say that everything was sent already, and what would send it again."""
    latest = log.latest()
    assert latest is not None and latest.finished is not None
    done = log.entries(latest.number)
    when = latest.finished[:10]
    title = job.title[:1].upper() + job.title[1:]
    print(f"{title} was already sent on {when} ({totals(done)}); nothing sent.", file=out)
    new = sum(1 for subscriber in subscribers if subscriber.key not in done)
    if new:
        print(
            f"{new} of the addresses in the CSV were not in that send: to send to them "
            "alone, run send --again with a CSV of only them.",
            file=out,
        )
    if uncertain(done):
        print(f"{uncertain(done)} uncertain: see --resend-uncertain.", file=out)
    print("To send it to everyone again, add --again.", file=out)


def show_dry_run(
    options: argparse.Namespace,
    job: Job,
    subscribers: tuple[Subscriber, ...],
    path: Path,
    rt: Runtime,
    now: dt.datetime,
) -> int:
    """Print who would get what; send nothing, write nothing (not even the log)."""
    log = read_log(path, rt.clock)
    latest = log.latest() if log else None
    current = log.entries(latest.number) if log and latest else {}
    if log:
        log.close()
    out = rt.out or sys.stdout
    resuming = latest is not None and latest.finished is None
    scope = latest.scope if resuming and latest else (options.until or now.date()).isoformat()
    if latest is not None and latest.finished and not options.again:
        print(
            f"{job.title} was already sent ({totals(current)}): "
            "send would send nothing without --again.",
            file=out,
        )
        return EXIT_OK
    try:
        via = str(server_for(job, options, rt.environ))
    except UsageError as error:
        via = f"(a real send would stop: {error})"
    dry_run(
        job.title, plan(job, subscribers, scope), job.whole, current if resuming else {}, via, out
    )
    return EXIT_OK
