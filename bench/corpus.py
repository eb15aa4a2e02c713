"""A deterministic generator of realistic briefing corpora, in briefing, Pelican and Hugo form.

Each article is about 1,000 words with headings, lists, links, quotes and a Chinese document
title; it names 1-3 sectors and 1-4 issuing bodies; five articles make an issue, which also
carries Noteworthy items. The same seed always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TAXONOMIES = ROOT / "content" / "taxonomies"
ARTICLES_PER_ISSUE = 5
WORDS = (
    "policy plan industry ministry capacity standards supply chain investment market "
    "innovation technology firms local officials targets growth output subsidies pilot "
    "province enterprises foreign export control regulation data security digital "
    "manufacturing materials energy vehicles batteries semiconductors research funding "
    "competition overcapacity reform provinces cities clusters platform measures guidance "
    "implementation support development strategic emerging capabilities self-reliance"
).split()
ZH = "工业 信息化 发展 实施 方案 关于 促进 产业 高质量 通知 意见 办法 暂行 加快 推动 创新".split()
HUGO_LAYOUTS = Path(__file__).resolve().parent / "hugo-layouts"
KICKERS = ["Overcoming bottlenecks", "AI captain", "Green steel", "Chip push", "Data rules"]


@dataclass(frozen=True)
class Article:
    """One generated article, in a form each generator can write."""

    issue: str
    slug: str
    date: dt.date
    title: str
    summary: str
    sectors: tuple[str, ...]
    bodies: tuple[str, ...]
    document_title: str
    document_zh: str
    body: str


def sentence(rng: random.Random, words: int) -> str:
    """A sentence of random briefing words."""
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random) -> str:
    """A paragraph of five sentences, with a link now and then."""
    parts = [sentence(rng, rng.randint(12, 22)) for _ in range(5)]
    if rng.random() < 0.3:
        parts[2] = f"See [the notice](https://www.example.gov.cn/{rng.randint(1, 99999)}.html)."
    return " ".join(parts)


def article_body(rng: random.Random) -> str:
    """About 1,000 words in the shape of a briefing item."""
    blocks = [f"**At a glance:** {paragraph(rng)}", "Key targets include:", ""]
    blocks += [f"- {sentence(rng, rng.randint(10, 18))}" for _ in range(4)]
    for heading in ("What the plan says", "Why it matters"):
        blocks += ["", f"## {heading}", "", paragraph(rng), "", paragraph(rng)]
    blocks += ["", f"> {sentence(rng, 20)}", ""]
    blocks += [f"**Comment:** {paragraph(rng)}", "", paragraph(rng), "", paragraph(rng)]
    return "\n".join(blocks) + "\n"


def articles(count: int, seed: int = 1) -> list[Article]:
    """`count` articles in issues of five, newest issue last, deterministic for a seed."""
    rng = random.Random(seed)
    sectors = [term["slug"] for term in yaml.safe_load((TAXONOMIES / "sectors.yaml").read_text())]
    bodies = [
        term["slug"] for term in yaml.safe_load((TAXONOMIES / "issuing-bodies.yaml").read_text())
    ]
    start = dt.date(2010, 1, 4)
    result = []
    for number in range(count):
        index = number // ARTICLES_PER_ISSUE
        date = start + dt.timedelta(days=7 * index)
        words = " ".join(rng.choice(WORDS) for _ in range(6))
        result.append(
            Article(
                issue=f"{date.isoformat()}-issue-{index + 1}",
                slug=f"{number % ARTICLES_PER_ISSUE + 1:02d}-article-{number + 1}",
                date=date,
                title=f"{rng.choice(KICKERS)}: {words} {number + 1}",
                summary=sentence(rng, 20),
                sectors=tuple(rng.sample(sectors, rng.randint(1, 3))),
                bodies=tuple(rng.sample(bodies, rng.randint(1, 4))),
                document_title=f"Plan on {words}",
                document_zh="".join(rng.sample(ZH, 6)) + "的通知",
                body=article_body(rng),
            )
        )
    return result


def write_briefing(folder: Path, items: list[Article]) -> None:
    """The corpus as a briefing content folder."""
    content = folder / "content"
    shutil.copytree(TAXONOMIES, content / "taxonomies")
    (content / "site.yaml").write_text(
        "title: Benchmark\nbase_url: https://bench.example.org/\nseries: China Industries\n"
    )
    for issue, members in group(items).items():
        date = members[0].date
        news = "".join(
            f"  - section: {'Policy news' if n % 2 else 'Corporate news'}\n"
            f"    date: {date.isoformat()}\n    text: {sentence(random.Random(n), 15)}\n"
            f"    source: {{title: Source {n}, url: 'https://example.com/{issue}/{n}'}}\n"
            f"    issuing_bodies: [{members[0].bodies[0]}]\n"
            for n in range(6)
        )
        write(
            content / "issues" / issue / "index.md",
            f"---\ntitle: Issue of {date}\ndate: {date}\nnoteworthy:\n{news}---\n",
        )
        for item in members:
            front = (
                f'title: "{item.title}"\nsectors: [{", ".join(item.sectors)}]\n'
                f'summary: "{item.summary}"\ndocuments:\n'
                f'  - title: "{item.document_title}"\n    title_zh: "{item.document_zh}"\n'
                f"    url: https://www.example.gov.cn/{item.slug}.html\n"
                f"    date: {item.date}\n    issuing_bodies: [{', '.join(item.bodies)}]\n"
            )
            write(content / "issues" / issue / f"{item.slug}.md", f"---\n{front}---\n{item.body}")


def write_pelican(folder: Path, items: list[Article]) -> None:
    """The corpus as a Pelican project with the default theme and our Markdown extensions."""
    (folder / "pelicanconf.py").parent.mkdir(parents=True, exist_ok=True)
    (folder / "pelicanconf.py").write_text(PELICANCONF)
    for item in items:
        tags = ", ".join(item.sectors + item.bodies)
        write(
            folder / "content" / f"{item.issue}-{item.slug}.md",
            f"Title: {item.title}\nDate: {item.date}\nCategory: {item.issue}\nTags: {tags}\n"
            f"Slug: {item.issue}-{item.slug}\nSummary: {item.summary}\n\n{item.body}",
        )


def write_hugo(folder: Path, items: list[Article]) -> None:
    """The corpus as a Hugo site with minimal layouts for pages, lists and taxonomies."""
    write(folder / "hugo.toml", HUGO_CONFIG)
    shutil.copytree(HUGO_LAYOUTS, folder / "layouts")
    for issue, members in group(items).items():
        write(
            folder / "content" / "issues" / issue / "_index.md",
            f"---\ntitle: Issue of {members[0].date}\ndate: {members[0].date}\n---\n",
        )
        for item in members:
            front = (
                f'title: "{item.title}"\ndate: {item.date}\nsummary: "{item.summary}"\n'
                f"sectors: [{', '.join(item.sectors)}]\nbodies: [{', '.join(item.bodies)}]\n"
            )
            write(
                folder / "content" / "issues" / issue / f"{item.slug}.md",
                f"---\n{front}---\n{item.body}",
            )


def group(items: list[Article]) -> dict[str, list[Article]]:
    """Articles by issue folder, in order."""
    issues: dict[str, list[Article]] = {}
    for item in items:
        issues.setdefault(item.issue, []).append(item)
    return issues


def write(path: Path, text: str) -> None:
    """Write a file, making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


PELICANCONF = """\
SITENAME = "Benchmark"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
FEED_DOMAIN = "https://bench.example.org"
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.admonition": {},
        "markdown.extensions.toc": {},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}
"""

HUGO_CONFIG = """\
baseURL = "https://bench.example.org/"
title = "Benchmark"
disableKinds = []
[taxonomies]
  sector = "sectors"
  body = "bodies"
[markup.goldmark.extensions]
  typographer = true
"""
