"""Every bad-input scenario under tests/bad/ reports exactly its expected problems."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import MINIMAL

from briefing import BuildFailed, build
from briefing.cli import main

BAD = Path(__file__).parent / "bad"
SCENARIOS = sorted(path.name for path in BAD.iterdir() if path.is_dir())


def problems_of(scenario: str, tmp_path: Path) -> list[str]:
    """Build the minimal site with the scenario's files laid over it; the problems found."""
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    shutil.copytree(BAD / scenario / "content", content, dirs_exist_ok=True)
    with pytest.raises(BuildFailed) as failure:
        build(content, tmp_path / "site")
    lines = []
    for problem in failure.value.problems:
        where = problem.path.relative_to(content).as_posix()
        line = "" if problem.line is None else f":{problem.line}"
        lines.append(f"{where}{line}: {problem.message}")
    return lines


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario_reports_expected_problems(scenario: str, tmp_path: Path) -> None:
    expected = (BAD / scenario / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert sorted(problems_of(scenario, tmp_path)) == sorted(expected)


def test_every_problem_is_reported_in_one_run(tmp_path: Path, capsys) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    for scenario in ("bad-date", "unknown-term", "no-index", "non-utf8", "bad-site-config"):
        shutil.copytree(BAD / scenario / "content", content, dirs_exist_ok=True)
    code = main(["build", "--content", str(content), "--out", str(tmp_path / "site")])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert len(err) == 2 + 3 + 1 + 1 + 2 + 1  # the problems, then the count line
    assert err[-1].startswith("9 problems found;")
    assert any(":9: date: '2022-13-45'" in line for line in err)
    assert any(
        line.endswith(
            "03-latin1.md:5: the file is not valid UTF-8 (byte 0xe9); save it with UTF-8 encoding"
        )
        for line in err
    )
    assert not (tmp_path / "site").exists()
