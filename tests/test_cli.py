"""The command line: exit codes, the summary line and the default folders."""

from __future__ import annotations

import email
import re
import shutil
import subprocess
import sys
from email import policy
from pathlib import Path

import pytest
from conftest import MINIMAL, write

from briefing.cli import main

ROOT = Path(__file__).parent.parent


def test_build_prints_one_summary_line(content: Path, tmp_path: Path, capsys) -> None:
    code = main(["build", "--content", str(content), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out.strip().splitlines()
    assert code == 0
    assert len(out) == 1
    assert out[0].startswith("Built 2 issues, 4 articles, ")
    assert (tmp_path / "out" / "index.html").is_file()


def test_options_without_a_command_mean_build(content: Path, tmp_path: Path) -> None:
    assert main(["--content", str(content), "--out", str(tmp_path / "out")]) == 0


def test_bad_content_exits_1_and_lists_problems(content: Path, tmp_path: Path, capsys) -> None:
    write(content / "issues" / "2023-07-20-ai-rules" / "03-x.md", "---\ntitle: X\n---\n")
    code = main(["build", "--content", str(content), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert err[0].endswith(
        "03-x.md:1: the article front matter is missing the required key 'sectors'"
    )
    assert err[-1] == f"1 problem found; {tmp_path / 'out'} was left as it was."


def test_unknown_option_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["build", "--colour"])
    assert exit_.value.code == 2
    assert "unrecognized arguments: --colour" in capsys.readouterr().err


def test_a_folder_that_is_not_content_is_a_usage_error(tmp_path: Path, capsys) -> None:
    code = main(["build", "--content", str(tmp_path), "--out", str(tmp_path / "out")])
    assert code == 2
    assert "is not a content folder" in capsys.readouterr().err


def test_refused_output_folder_is_a_usage_error(content: Path, tmp_path: Path, capsys) -> None:
    write(tmp_path / "mine" / "notes.txt", "keep")
    code = main(["build", "--content", str(content), "--out", str(tmp_path / "mine")])
    assert code == 2
    assert "did not create it" in capsys.readouterr().err


def test_build_py_builds_content_into_site_by_default(tmp_path: Path) -> None:
    shutil.copytree(MINIMAL, tmp_path / "content")
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Built 2 issues" in result.stdout
    assert (tmp_path / "site" / "index.html").is_file()


def test_a_template_error_names_the_template_line(content: Path, tmp_path: Path, capsys) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "briefing" / "templates", templates)
    base = templates / "base.html"
    lines = base.read_text().splitlines()
    number = next(n for n, line in enumerate(lines, 1) if line.startswith("<main"))
    lines[number - 1] += "{{ nothing.here }}"
    base.write_text("\n".join(lines) + "\n")
    code = main(["build", "--content", str(content), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert err == [
        f"{base}:{number}: template error: UndefinedError: 'nothing' is undefined",
        "1 problem found; the templates need fixing.",
    ]


ISSUE = "2023-07-20-ai-rules"


def test_email_writes_the_three_files_and_prints_their_paths(
    content: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "out"
    code = main(["email", ISSUE, "--content", str(content), "--out", str(out)])
    printed = capsys.readouterr().out.splitlines()
    folder = out / "issues" / ISSUE
    assert code == 0
    assert printed == [str(folder / f"email.{suffix}") for suffix in ("html", "txt", "eml")]
    assert (folder / "email.html").read_text(encoding="utf-8").lower().startswith("<!doctype html>")
    assert b"multipart/alternative" in (folder / "email.eml").read_bytes()


def test_email_to_stdout_prints_the_message(content: Path, tmp_path: Path, capfdbinary) -> None:
    code = main(["email", ISSUE, "--content", str(content), "--to-stdout"])
    printed = capfdbinary.readouterr().out
    assert code == 0
    message = email.message_from_bytes(printed, policy=policy.default)
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == [
        "text/plain",
        "text/html",
    ]
    assert not (tmp_path / "site").exists()


def test_email_text_prints_the_plain_text_to_read(
    content: Path, tmp_path: Path, capfdbinary
) -> None:
    # The .eml is quoted-printable (=E2=80=99 for ’): --text is the one to pipe to less.
    code = main(["email", ISSUE, "--content", str(content), "--text"])
    printed = capfdbinary.readouterr().out
    assert code == 0
    assert not (tmp_path / "site").exists()
    main(["email", ISSUE, "--content", str(content), "--out", str(tmp_path / "site")])
    assert printed == (tmp_path / "site" / "issues" / ISSUE / "email.txt").read_bytes()
    assert printed.startswith(b"View in your browser [1]\n")


def test_email_text_and_to_stdout_exclude_each_other(content: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["email", ISSUE, "--content", str(content), "--text", "--to-stdout"])
    assert exit_.value.code == 2
    assert "argument --to-stdout: not allowed with argument --text" in capsys.readouterr().err


def test_email_for_an_unknown_issue_lists_the_issues(content: Path, capsys) -> None:
    code = main(["email", "2023-07-21-nope", "--content", str(content), "--to-stdout"])
    err = capsys.readouterr().err
    assert code == 2
    assert err == (
        "error: no issue '2023-07-21-nope' (drafts and scheduled issues need --drafts); "
        "the issues are:\n  2023-07-20-ai-rules\n  2022-09-29-materials-shipping\n"
    )


def test_email_with_bad_content_exits_1_and_lists_problems(content: Path, capsys) -> None:
    write(content / "issues" / ISSUE / "03-x.md", "---\ntitle: X\n---\n")
    code = main(["email", ISSUE, "--content", str(content), "--to-stdout"])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert err[0].endswith(
        "03-x.md:1: the article front matter is missing the required key 'sectors'"
    )
    assert err[-1] == "1 problem found."


def test_email_refuses_to_write_into_the_content(content: Path, capsys) -> None:
    code = main(["email", ISSUE, "--content", str(content), "--out", str(content)])
    assert code == 2
    assert capsys.readouterr().err == (
        f"error: refusing to write the email into {content}: choose another --out\n"
    )


def test_build_py_outside_the_venv_says_how_to_get_the_dependencies(
    content: Path, tmp_path: Path
) -> None:
    # -S leaves out every site-packages folder, .venv's too: a Python as bare as a system
    # one without jinja2. build.py's own folder stays on the path, so briefing is found;
    # the build (of ./content) then needs its dependencies, whichever it imports first.
    result = subprocess.run(
        [sys.executable, "-S", "-E", "-s", str(ROOT / "build.py"), "build"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == "" and "Traceback" not in result.stderr
    # Whichever dependency briefing happens to import first is the one named.
    missing = re.fullmatch(r"error: (.+) cannot import '(\w+)', which (.+)\n", result.stderr)
    assert missing and missing[1] == sys.executable
    assert missing[2] in ("jinja2", "markdown", "frontmatter", "yaml", "slugify", "nh3", "orjson")
    assert missing[3] == (
        "briefing needs: run `make site` once (it creates .venv with every dependency), "
        "then use `.venv/bin/python build.py …` (or activate .venv first)"
    )


# What a build finding nothing changed never needs: importing it was half of such a build.
HEAVY = ("jinja2", "markdown", "yaml", "frontmatter", "babel", "PIL", "citeproc", "icalendar")
STAGES = ("briefing.read", "briefing.assemble", "briefing.render", "briefing.send")
LOADED = """
import sys
from briefing.cli import main
code = main(sys.argv[1:])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r} or m.startswith({stages!r}))
print(code, " ".join(heavy) or "-")
"""


def test_a_build_finding_nothing_changed_imports_no_stage_it_skips(
    content: Path, tmp_path: Path
) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    arguments = ["build", "--content", str(content), "--out", str(out), "--cache", str(cache)]
    assert main([*arguments, "--no-search"]) == 0
    program = LOADED.format(heavy=HEAVY, stages=STAGES)
    again = subprocess.run(
        [sys.executable, "-c", program, *arguments, "--no-search"],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    )  # fmt: skip
    assert again.stdout.splitlines()[-1] == "0 -"
    assert "Nothing changed since the last build" in again.stdout
    # An edit then needs them all, loaded as it goes.
    write(content / "issues" / "2023-07-20-ai-rules" / "index.md", "---\ntitle: X\n---\n")
    edited = subprocess.run(
        [sys.executable, "-c", program, *arguments, "--no-search"],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    code, loaded = edited.stdout.splitlines()[-1].split(" ", 1)
    assert code == "1" and {"jinja2", "markdown", "yaml"} <= set(loaded.split())
    assert "index.md:1:" in edited.stderr
