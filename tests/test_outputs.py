"""Pending renders: made one at a time, over a pool when there are many, errors kept."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import pytest

from briefing.outputs import REUSED, Pending
from briefing.render.outputs import Outputs
from briefing.render.pending import POOL_THRESHOLD, produce


def square(number: int) -> tuple[bytes, bytes]:
    return str(number * number).encode(), f"{number}".encode()


def planned(count: int) -> Outputs:
    out = Outputs()
    out.add("copied.css", Path("static/site.css"), "asset")
    out.add("kept/index.html", REUSED, "page")
    for number in range(count):
        out.pending((f"{number}/a", f"{number}/b"), partial(square, number), "page")
    return out


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_file_comes_out_once_with_its_own_bytes(jobs: int) -> None:
    count = POOL_THRESHOLD * 2
    made = dict(produce(planned(count).files, jobs))
    assert len(made) == 2 * count + 2
    assert made["copied.css"] == Path("static/site.css") and made["kept/index.html"] is REUSED
    assert all(made[f"{n}/a"] == str(n * n).encode() for n in range(count))
    assert all(made[f"{n}/b"] == str(n).encode() for n in range(count))


def test_many_renders_are_spread_over_worker_processes() -> None:
    out = Outputs()
    for number in range(POOL_THRESHOLD * 2):
        out.pending((f"{number}",), lambda: (str(os.getpid()).encode(),), "page")
    makers = {content for _, content in produce(out.files, jobs=2)}
    assert str(os.getpid()).encode() not in makers and len(makers) >= 1


def test_few_renders_stay_in_this_process() -> None:
    out = Outputs()
    out.pending(("one",), lambda: (str(os.getpid()).encode(),), "page")
    assert dict(produce(out.files, jobs=2)) == {"one": str(os.getpid()).encode()}


class OddError(Exception):
    """An exception that cannot travel back from a worker (its __init__ wants two args)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"{message} at line {line}")


def fails(number: int) -> tuple[bytes]:
    if number == 70:
        raise OddError("template broke", 7)
    return (b"fine",)


def test_a_render_failing_in_a_worker_raises_its_own_error_here() -> None:
    out = Outputs()
    for number in range(POOL_THRESHOLD * 2):
        out.pending((f"{number}",), partial(fails, number), "page")
    with pytest.raises(OddError, match="template broke at line 7"):
        list(produce(out.files, jobs=2))


def test_a_path_planned_twice_is_a_problem_naming_both() -> None:
    out = Outputs()
    out.pending(("feed.xml", "feed.json"), lambda: (b"", b""), "site feed")
    out.add("feed.xml", b"", Path("content/pages/feed.md"))
    (problem,) = out.problems
    assert "writes /feed.xml, which site feed writes too: rename one" in problem.message
    assert problem.path == Path("content/pages/feed.md")
    assert isinstance(out.files["feed.xml"], Pending)


def test_renders_past_one_batch_come_from_fresh_pools_in_order(monkeypatch) -> None:
    monkeypatch.setattr("briefing.render.pending.BATCH", POOL_THRESHOLD + 6)
    count = 3 * POOL_THRESHOLD
    out = Outputs()
    for number in range(count):
        out.pending((f"{number}",), partial(pid_and_number, number), "page")
    made = list(produce(out.files, jobs=2))
    assert [path for path, _ in made] == [str(n) for n in range(count)]
    workers = {content.split(b":")[0] for _, content in made}
    assert len(workers) >= 3  # at least one new worker per pool, none of them this process
    assert str(os.getpid()).encode() not in workers


def pid_and_number(number: int) -> tuple[bytes]:
    return (f"{os.getpid()}:{number}".encode(),)


def test_large_renders_are_made_here_after_the_pool() -> None:
    out = Outputs()
    for number in range(POOL_THRESHOLD * 2):
        out.pending((f"{number}",), partial(pid_and_number, number), "page")
    out.pending(("data/all.json",), partial(pid_and_number, -1), "open data", large=True)
    made = list(produce(out.files, jobs=2))
    assert made[-1] == ("data/all.json", f"{os.getpid()}:-1".encode())
    assert all(not content.startswith(f"{os.getpid()}:".encode()) for _, content in made[:-1])
