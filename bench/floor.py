"""The floor of a cold build: bare Python-Markdown with the extensions briefing uses, plus
Jinja rendering the same pages, spread over every core, with no I/O besides reading the
corpus. No Python generator of these pages can do less; briefing's cold build is reported
as a ratio to it.

Run as a whole process, like the builds: `python -m bench.floor CONTENT-FOLDER`.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

import jinja2
import markdown
import yaml
from markdown.extensions.toc import slugify_unicode

# briefing's extensions with the stock `smarty` in place of its one-pass typographer.
EXTENSIONS = ["extra", "admonition", "toc", "smarty", "sane_lists"]
PAGE = jinja2.Template(
    """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title>
</head><body><header><a href="/">Benchmark</a><nav>{% for link in nav %}<a href="{{ link }}">
{{ link }}</a>{% endfor %}</nav></header><main><h1>{{ title }}</h1>
{% for item in items %}<article><h2>{{ item.title }}</h2><p>{{ item.summary }}</p>
{{ item.html | safe }}<p>{% for tag in item.tags %}<a href="/t/{{ tag }}/">{{ tag }}</a>
{% endfor %}</p></article>{% endfor %}</main></body></html>""",
    autoescape=True,
)
NAV = ["/archive/", "/sectors/", "/bodies/", "/about/"]


def split(text: str) -> tuple[dict, str]:
    """Front matter and body of a Markdown file."""
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front) or {}, body


def convert(file: str) -> dict:
    """One article read and converted, with what its pages show of it."""
    meta, body = split(Path(file).read_text(encoding="utf-8"))
    md = converter()
    html = md.reset().convert(body)
    summary = md.reset().convert(meta.get("summary", ""))
    tags = [*meta.get("sectors", []), *meta["documents"][0].get("issuing_bodies", [])]
    return {"title": meta["title"], "summary": summary, "html": html, "tags": tags}


_md: markdown.Markdown | None = None


def converter() -> markdown.Markdown:
    """One reused Markdown instance per process."""
    global _md
    if _md is None:
        _md = markdown.Markdown(
            extensions=EXTENSIONS, extension_configs={"toc": {"slugify": slugify_unicode}}
        )
    return _md


def render(page: tuple[str, list[dict]]) -> int:
    """One page rendered in memory; its length, so nothing is optimised away."""
    title, items = page
    return len(PAGE.render(title=title, items=items, nav=NAV).encode("utf-8"))


def pages(articles: list[tuple[str, dict]]) -> list[tuple[str, list[dict]]]:
    """The pages a briefing site makes of the articles: each article, each issue with its
    articles in full, and each tag with the articles it names (title and summary)."""
    made = [(item["title"], [item]) for _, item in articles]
    issues: dict[str, list[dict]] = {}
    tags: dict[str, list[dict]] = {}
    for issue, item in articles:
        issues.setdefault(issue, []).append(item)
        for tag in item["tags"]:
            tags.setdefault(tag, []).append({**item, "html": ""})
    made += list(issues.items()) + list(tags.items())
    return made


def floor(content: Path, jobs: int) -> int:
    """Convert and render the corpus over `jobs` processes; the number of pages made."""
    files = sorted(str(f) for f in (content / "issues").glob("*/*.md") if f.name != "index.md")
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        converted = pool.map(convert, files, chunksize=16)
        articles = [(Path(f).parent.name, item) for f, item in zip(files, converted, strict=True)]
        made = pages(articles)
        sizes = pool.map(render, made, chunksize=16)
    return len(sizes)


def main(argv: list[str] | None = None) -> int:
    """Run the floor on a content folder."""
    args = sys.argv[1:] if argv is None else argv
    count = floor(Path(args[0]), os.cpu_count() or 1)
    print(f"{count} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
