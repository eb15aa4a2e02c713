"""Pending renders: made one at a time, over a pool when there are many, errors kept."""

from __future__ import annotations

import gc
import os
import time
from functools import partial
from pathlib import Path

import pytest

from briefing import parallel
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


def pid_file(folder: Path, name: str) -> tuple[bytes]:
    """Record this process's id in `folder`/`name` (created last) and return it."""
    (folder / f"{name}.tmp").write_text(str(os.getpid()))
    (folder / f"{name}.tmp").rename(folder / name)
    return (str(os.getpid()).encode(),)


def after(folder: Path, name: str) -> tuple[bytes]:
    """Wait for another render to record `name` in `folder` (so it was started first and
    runs at the same time); then record this one."""
    for _ in range(3000):  # a deadlock guard, no timing: at most 30 s
        if (folder / name).exists():
            return pid_file(folder, f"after-{name}")
        time.sleep(0.01)
    raise AssertionError(f"{name} was not started before this render ended waiting")


def test_a_slow_render_among_few_is_started_first_in_a_worker(tmp_path: Path) -> None:
    out = Outputs()
    out.pending(("page",), partial(after, tmp_path, "slow"), "page")
    out.pending(("x.pdf",), partial(pid_file, tmp_path, "slow"), "issue", slow=True)
    out.pending(("other",), partial(pid_and_number, 1), "page")
    made = list(produce(out.files, jobs=2))
    here = str(os.getpid()).encode()
    assert made[:2] == [("page", here), ("other", f"{os.getpid()}:1".encode())]
    assert made[2][0] == "x.pdf" and made[2][1] != here  # made beside, yielded last


def test_with_one_job_a_slow_render_is_made_here_in_order(tmp_path: Path) -> None:
    out = Outputs()
    out.pending(("x.pdf",), partial(pid_file, tmp_path, "slow"), "issue", slow=True)
    out.pending(("page",), partial(after, tmp_path, "slow"), "page")
    here = str(os.getpid()).encode()
    assert list(produce(out.files, jobs=1)) == [("x.pdf", here), ("page", here)]


def slow_fails() -> tuple[bytes]:
    raise OddError("layout broke", 3)


def test_a_slow_render_failing_in_its_worker_raises_its_own_error_here() -> None:
    out = Outputs()
    out.pending(("page",), partial(pid_and_number, 1), "page")
    out.pending(("x.pdf",), slow_fails, "issue", slow=True)
    with pytest.raises(OddError, match="layout broke at line 3"):
        list(produce(out.files, jobs=2))


def test_frozen_blocks_nest_and_what_a_pause_inside_one_makes_is_frozen_too() -> None:
    # A build freezes what it holds for its whole length; the pool's own freeze inside it
    # must not unfreeze that, and what a pause makes there (a snapshot loaded, a site
    # assembled) joins it rather than being scanned again once collection is back on.
    assert gc.get_freeze_count() == 0
    with parallel.frozen():
        with parallel.frozen():
            pass
        held = gc.get_freeze_count()
        assert held > 0
        with parallel.paused():
            assert not gc.isenabled()
            made = [[number] for number in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() >= held + len(made)
    assert gc.get_freeze_count() == 0
    with parallel.paused():  # outside a frozen block a pause freezes nothing
        made = [[number] for number in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() == 0


readied_in: list[int] = []  # the processes a render's `ready` ran in


def ready_here() -> None:
    readied_in.append(os.getpid())


def readied_pids() -> tuple[bytes]:
    return (",".join(map(str, readied_in)).encode(),)


def test_a_pool_is_forked_ready_once_for_each_kind_of_render(monkeypatch) -> None:
    # A PDF's render readies the build (WeasyPrint imported, fonts found) before a pool
    # is forked: every worker of every pool starts with it, and the build does it once.
    monkeypatch.setattr("briefing.render.pending.BATCH", POOL_THRESHOLD + 6)
    monkeypatch.setattr(__name__ + ".readied_in", [])
    out = Outputs()
    for number in range(3 * POOL_THRESHOLD):
        slow = number % 10 == 0
        ready = ready_here if slow else None
        out.pending((f"{number}",), readied_pids, "issue", slow=slow, ready=ready)
    made = dict(produce(out.files, jobs=2))
    here = str(os.getpid()).encode()
    assert readied_in == [os.getpid()] and set(made.values()) == {here}


def test_a_render_ready_for_nothing_is_made_unreadied() -> None:
    out = Outputs()
    for number in range(2 * POOL_THRESHOLD):
        out.pending((f"{number}",), readied_pids, "page")
    assert set(dict(produce(out.files, jobs=2)).values()) == {b""}


def test_trimming_the_heap_is_nothing_where_the_c_library_has_no_malloc_trim(
    monkeypatch,
) -> None:
    class NoTrim:
        def __init__(self, name: object) -> None:
            pass

    parallel.trim()  # glibc here: gives memory back, and returns
    monkeypatch.setattr("ctypes.CDLL", NoTrim)
    parallel.trim()  # no attribute malloc_trim: nothing, and no error
