"""What each command does and prints, and which exit code it returns.

Each command imports what only it needs (checking, sending, scaffolding, the email) when
it runs, as the pipeline does its stages: a build that finds nothing changed imports none.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..errors import BuildFailed, UsageError, crash_problem, display_path
from ..model import Issue, language_folder
from ..pipeline import Rendered, build, check_content, edition_in, find_templates, make_site
from ..release import Release
from ..write import add_files, check_output, write_site
from .progress import reporter_for

if TYPE_CHECKING:
    from ..read import Snapshot

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def run(options: argparse.Namespace, *, now: dt.datetime) -> int:
    """Run the parsed command at `now`, turning failures into messages and exit codes."""
    command: Callable[[argparse.Namespace, dt.datetime], int] = {
        "build": run_build,
        "serve": run_serve,
        "new": run_new,
        "schedule": run_schedule,
        "check": run_check,
        "email": run_email,
        "send": run_sending,
        "digest": run_digesting,
    }[options.command]
    try:
        return command(options, now)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BuildFailed as failure:
        print_problems(failure.problems)
        return EXIT_CONTENT
    except Exception as error:
        if not template_error(error):
            raise
        templates = find_templates(options.content)
        print_problems([crash_problem(error, templates)], "; the templates need fixing")
        return EXIT_CONTENT


def template_error(error: Exception) -> bool:
    """True for an error of Jinja's (which only a command that loaded it can raise)."""
    jinja2 = sys.modules.get("jinja2")
    return jinja2 is not None and isinstance(error, jinja2.TemplateError)


def run_sending(options: argparse.Namespace, now: dt.datetime) -> int:
    """Send an issue by email (send/)."""
    from ..send import run_send

    return run_send(options, now)


def run_digesting(options: argparse.Namespace, now: dt.datetime) -> int:
    """Send the topic digests (send/)."""
    from ..send import run_digest

    return run_digest(options, now)


def print_problems(problems: list, suffix: str = "") -> None:
    """Every problem, then the count, on stderr."""
    for problem in problems:
        print(problem, file=sys.stderr)
    count = len(problems)
    print(f"{count} problem{'s' if count != 1 else ''} found{suffix}.", file=sys.stderr)


def plural(count: int, word: str) -> str:
    """'1 issue', '2 issues'."""
    return f"{count} {word}{'s' if count != 1 else ''}"


def run_build(options: argparse.Namespace, now: dt.datetime) -> int:
    """Build and report: a summary line, or every problem and the count."""
    started = time.perf_counter()
    out = options.out
    try:
        summary = build(
            options.content,
            out,
            drafts=options.drafts,
            now=now,
            cache=options.cache,
            jobs=max(1, options.jobs),
            search=options.search,
            reporter=reporter_for(sys.stdout),
        )
    except BuildFailed as failure:
        print_problems(failure.problems, f"; {out} was left as it was")
        return EXIT_CONTENT
    seconds = time.perf_counter() - started
    counts = (
        f"{plural(summary.issues, 'issue')}, {summary.articles} articles, {summary.files} files"
    )
    if summary.unchanged:
        print(f"Nothing changed since the last build of {out} ({counts}); {seconds:.2f} s.")
    else:
        print(
            f"Built {counts} into {out} in {seconds:.2f} s "
            f"({summary.converted} of {summary.read} content files converted)."
        )
    return EXIT_OK


def run_serve(options: argparse.Namespace, now: dt.datetime) -> int:
    """Preview the site on http://HOST:PORT/ until interrupted."""
    from ..carry import Carry
    from .serve import Preview, serve  # livereload and tornado load only for the preview

    content, out = options.content, options.out
    templates = find_templates(content)
    check_content(content)
    if out is not None:
        check_output(out, protected=[content, templates])
    carry = Carry()  # what each rebuild made, for the next one to keep where unchanged

    def rebuild(
        previous: Mapping[str, str], last: Snapshot | None, changed: frozenset[str] | None
    ) -> Rendered:
        # The clock is read at each rebuild, so a scheduled item appears when its time comes
        # (unless --now stops it, to preview the site as it will be on that day).
        release = Release(options.now or dt.datetime.now().astimezone(), options.drafts)
        # Pages the last build made with the same fingerprint are reused, not rendered (but
        # not when every build is also written out: that needs every page's bytes).
        reuse = previous if out is None else None
        made = make_site(
            content, templates, release, cache=options.cache, jobs=options.jobs,
            previous=reuse, last=last, changed=changed, carry=carry,
        )  # fmt: skip
        if out is not None:
            made = replace(made, files=dict(made.produce()))  # rendered once, for both
            write_site(made.files.items(), out)
        return made

    preview = Preview(rebuild, templates, sys.stdout)
    preview.rebuild()
    print(f"Starting the preview on http://{options.host}:{options.port}/", flush=True)
    serve(preview, [content, templates], host=options.host, port=options.port)
    return EXIT_OK


def run_new(options: argparse.Namespace, now: dt.datetime) -> int:
    """Create a new issue or article and print its path."""
    from .scaffold import new_article, new_issue

    content = options.content
    check_content(content)
    if options.kind == "issue":
        path = new_issue(content, options.title, options.date or now.date())
    else:
        path = new_article(content, options.issue, options.title, now.date())
    print(display_path(path))
    return EXIT_OK


def run_schedule(options: argparse.Namespace, now: dt.datetime) -> int:
    """Print the next scheduled change (ISO 8601 time, then the file), or say there is none."""
    content = options.content
    check_content(content)
    made = make_site(content, find_templates(content), Release(now), cache=None)
    change = made.next_change
    if change is None:
        print("No scheduled items: nothing will change until content does.")
    else:
        what = f" ({change.what})" if change.what else ""
        print(f"{change.at.isoformat()} {display_path(change.path)}{what}")
    return EXIT_OK


def run_check(options: argparse.Namespace, now: dt.datetime) -> int:
    """Check everything strictly; list each problem and exit 1 if there is any."""
    from ..check import check

    report = check(options.content, now=now, external=options.external, cache=options.cache)
    for note in report.notes:
        print(note)
    if report.problems:
        print_problems(report.problems, "; check failed")
        return EXIT_CONTENT
    fetched = f", {report.fetched} external links fetched" if options.external else ""
    print(f"Check passed: no problems in {display_path(options.content)}{fetched}.")
    return EXIT_OK


def run_email(options: argparse.Namespace, now: dt.datetime) -> int:
    """Write one issue's email.html, email.txt and email.eml, or print the .eml or the plain
    text to stdout."""
    from ..render import environment, issue_email

    content = options.content
    check_content(content)
    templates = find_templates(content)
    made = make_site(content, templates, Release(now, options.drafts), cache=None)
    site = edition_in(options.language, (made.site, *made.editions))
    issue = find_issue(site.issues, options.issue, drafts=options.drafts)
    mail = issue_email(site.config, issue, environment(templates, site.config))
    if options.to_stdout or options.text:
        sys.stdout.buffer.write(mail.eml if options.to_stdout else mail.text)
        sys.stdout.flush()
        return EXIT_OK
    out = options.out
    for protected in (content, templates):
        if (out / issue.path).resolve().is_relative_to(protected.resolve()):
            raise UsageError(f"refusing to write the email into {protected}: choose another --out")
    parts = (("html", mail.html), ("txt", mail.text), ("eml", mail.eml))
    folder = "" if site is made.site else language_folder(site.config.language)
    files = [(f"{folder}{issue.path}email.{suffix}", body) for suffix, body in parts]
    for path in add_files(files, out):
        print(display_path(path))
    return EXIT_OK


def find_issue(issues: Sequence[Issue], name: str, *, drafts: bool) -> Issue:
    """The issue whose folder is `name`, or a UsageError listing the folders there are."""
    for issue in issues:
        if issue.source.parent.name == name:
            return issue
    names = "\n".join(f"  {issue.source.parent.name}" for issue in issues) or "  (none)"
    hint = "" if drafts else " (drafts and scheduled issues need --drafts)"
    message = f"no issue '{name}'{hint}; the issues are:\n{names}"
    raise UsageError(message)
