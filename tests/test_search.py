"""The search index: records made from the model, the Pagefind stage that indexes them, and
the names the search page recognises. test_browser.py types real queries into the page."""

from __future__ import annotations

import base64
import json
import re
import shutil
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SAMPLE, read, snapshot

from briefing import BuildFailed, build, load_site
from briefing.outputs import SearchRecord
from briefing.render import search_records
from briefing.render.formats import searchplan
from briefing.render.formats.searchnames import Mentions, names_table, normalise
from briefing.render.formats.searchplan import plan_search
from briefing.render.keys import Keys
from briefing.write.indexer import index_records
from briefing.write.search import index_for_search, pagefind_command
from briefing.write.shards import arrange, plans_of

BLOCKS = {"p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "div", "blockquote", "tr"}


class Text(HTMLParser):
    """The text of some HTML, one line per block, without scripts, styles or the head."""

    def __init__(self, start: str | None = None) -> None:
        super().__init__()
        self.start, self.depth, self.skip = start, 0 if start else 1, 0
        self.lines: list[str] = [""]

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == self.start:
            self.depth += 1
        if tag in ("script", "style", "head"):
            self.skip += 1
        if tag in BLOCKS:
            self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self.skip -= 1
        if tag in BLOCKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.lines[-1] += data


def text_of(html: str, start: str | None = None) -> Text:
    parser = Text(start)
    parser.feed(html)
    return parser


def squeeze(text: str) -> str:
    """Letters and digits only: Pagefind joins blocks with full stops of its own."""
    return re.sub(r"[\W_]+", "", text)


def card(record: SearchRecord) -> dict:
    (encoded,) = re.findall(r'data-pagefind-meta="card\[content\]" content="([^"]+)"', html(record))
    return json.loads(base64.b64decode(encoded))


def html(record: SearchRecord) -> str:
    return record.html.decode("utf-8")


def body(record: SearchRecord) -> str:
    return html(record).split("<main data-pagefind-body>", 1)[1].rsplit("</main>", 1)[0]


@pytest.fixture(scope="module")
def site():  # type: ignore[no-untyped-def]
    return load_site(SAMPLE)[0]


@pytest.fixture(scope="module")
def records(site) -> tuple[SearchRecord, ...]:  # type: ignore[no-untyped-def]
    return search_records(site)


def test_every_article_item_issue_document_and_page_is_a_result(site, records) -> None:
    kinds = [card(r)["kind"] for r in records if not r.bundle]
    items = sum(len(s.items) for issue in site.issues for s in issue.noteworthy)
    assert kinds.count("article") == sum(len(issue.articles) for issue in site.issues) == 14
    assert kinds.count("item") == items
    assert kinds.count("issue") == len(site.issues)
    assert kinds.count("document") == len(site.documents)
    assert kinds.count("page") == len(site.pages)
    assert len({r.path for r in records if not r.bundle}) == len(kinds)


def test_each_record_indexes_only_text_its_page_shows(sample: Path, records) -> None:
    for record in records:
        url = card(record)["url"].partition("#")[0]
        shown = squeeze("".join(text_of(read(sample, url), "main").lines))
        for line in text_of(body(record)).lines:
            assert squeeze(line) in shown, (record.path, line)


def test_no_record_shows_a_title_tag_list_citation_or_hidden_text(site, records) -> None:
    by_url = {card(r)["url"]: r for r in records if not r.bundle}
    for issue in site.issues:
        for article in issue.articles:
            text = "\n".join(text_of(body(by_url[article.path])).lines)
            assert text.strip() and article.title not in text
            chips = " ".join(term.name for term in (*article.sectors, *article.bodies))
            assert chips not in text and "Cite this" not in text and "Sectors:" not in text
    for record in records:
        assert "<title>" not in html(record) and "data-search-terms" not in html(record)


def test_every_name_of_a_term_is_metadata_of_what_names_it(site, records) -> None:
    by_url = {card(r)["url"]: r for r in records if not r.bundle}
    # Tagged with MIIT through its document; and an article whose text links MIIT.
    plan = html(by_url[f"{site.issues[-1].path}basic-materials/"])
    private = html(by_url[f"{site.issues[1].path}private-economy/"])
    for page in (plan, private):
        assert 'data-pagefind-filter="names[content]" content="bodies/miit"' in page
        names = re.search(r'data-pagefind-meta="names\[content\]" content="([^"]+)"', page)
        assert "MIIT" in names[1] and "Ministry of Industry and Information Technology" in names[1]
        assert not re.search(r"[\u3400-\u9fff]", names[1])  # Chinese names: see names_table
    assert 'data-pagefind-filter="body[content]" content="miit"' not in private  # not a tag


def test_a_result_card_says_kind_date_issue_and_where_it_links(site, records) -> None:
    issue = site.issues[0]
    item = issue.noteworthy[0].items[0]
    url = f"{issue.path}#{item.anchor}"
    (found,) = [card(r) for r in records if not r.bundle and card(r)["url"] == url]
    assert found == {
        "title": item.source_title,
        "url": url,
        "kind": "item",
        "date": item.date.isoformat(),
        "when": f"{item.date:%B} {item.date.day}, {item.date.year}",
        "issue": issue.title,
        "issue_url": issue.path,
    }


def test_chinese_titles_are_records_of_their_own_language(site, records) -> None:
    chinese = [r for r in records if r.bundle]
    assert {r.bundle for r in chinese} == {"zh-hans"}
    assert all('<html lang="zh-Hans">' in html(r) for r in chinese)
    searched = ('data-pagefind-meta="names', 'data-pagefind-meta="title')
    assert not any(meta in html(r) for meta in searched for r in chinese)
    titles = {text_of(body(r)).lines[1] for r in chinese}
    assert titles == {d.title_zh for d in site.documents if d.title_zh}
    documents = [r for r in chinese if card(r)["kind"] == "document"]
    assert len(documents) == sum(1 for d in site.documents if d.title_zh)
    assert len({r.path for r in chinese}) == len(chinese)


def test_the_built_site_has_a_bundle_per_language(sample: Path) -> None:
    main = json.loads((sample / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    chinese = json.loads((sample / "pagefind" / "zh-hans" / "pagefind-entry.json").read_text())
    assert list(main["languages"]) == ["en"] and list(chinese["languages"]) == ["zh-hans"]
    assert main["version"] == chinese["version"]
    page = read(sample, "search/")
    assert 'data-merge="zh-hans:zh-Hans "' in page


def test_names_are_normalised_as_the_page_normalises_a_query(site) -> None:
    table = json.loads(names_table(page.term for page in site.bodies))
    (miit,) = [term for term in table if term["key"] == "bodies/miit"]
    assert miit["names"] == [
        "miit",
        "ministry of industry and information technology",
        "工业和信息化部",
        "工信部",
    ]
    assert normalise("  CCP-Central_Committee ") == "ccp central committee"
    assert normalise("ＭＩＩＴ") == "miit"  # full-width letters, as a Chinese keyboard types them


def test_the_indexer_is_pagefind_1_6_from_npm_where_make_installed_it(tmp_path: Path) -> None:
    assert pagefind_command(tmp_path) == (*pagefind_command(tmp_path / "none"),)
    binary = tmp_path / "linux-x64" / "bin" / "pagefind_extended"
    binary.parent.mkdir(parents=True)
    binary.write_bytes(b"")
    assert pagefind_command(tmp_path) == (str(binary),)
    assert pagefind_command(tmp_path / "none")[1:] == ("-m", "pagefind")


def test_any_set_of_records_makes_a_bundle_of_its_own(records, tmp_path: Path) -> None:
    subset = [r for r in records if not r.bundle][:3]
    index_records(subset, tmp_path / "part", pagefind_command())
    entry = json.loads((tmp_path / "part" / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["en"]["page_count"] == 3


def test_a_failing_search_stage_stops_the_build_with_a_message(records, tmp_path: Path) -> None:
    with pytest.raises(BuildFailed) as failure:
        failing = ["python3", "-c", "import sys; sys.exit('boom')"]
        index_for_search(tmp_path, plans_of(records), command=failing)
    assert str(failure.value) == (
        "pagefind: search index: pagefind failed (boom); install it with `make` "
        "(Pagefind 1.6 from npm) or pip install 'pagefind[extended]', or build with --no-search"
    )
    with pytest.raises(BuildFailed) as failure:
        plans, missing = plans_of(records), [str(tmp_path / "no-such-program")]
        index_for_search(tmp_path, plans, command=missing)
    assert "search index: cannot run pagefind" in str(failure.value)
    assert "build with --no-search to skip it" in str(failure.value)


def test_an_updated_site_keeps_no_bundle_it_no_longer_makes(content: Path, tmp_path: Path) -> None:
    cache, out = tmp_path / "cache", tmp_path / "site"
    build(content, out, cache=cache)
    stale = out / "pagefind" / "xx" / "pagefind.js"
    stale.parent.mkdir()
    stale.write_text("old")
    article = content / "issues" / "2022-09-29-materials-shipping" / "02-ai-captain.md"
    article.write_text(article.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    build(content, out, cache=cache)  # file by file, into the published folder
    assert (out / "pagefind" / "zh-hans" / "pagefind.js").is_file() and not stale.exists()


def test_titles_and_items_name_the_terms_they_mention(site) -> None:
    mentions = Mentions(page.term for page in (*site.sectors, *site.bodies))
    title = "商务部 海关总署公告 关于对镓、锗相关物项实施出口管制的公告"
    assert [t.slug for t in mentions.find(title)] == ["mofcom", "gacc", "trade-economic-security"]
    found = mentions.find("NDRC and the NEA decided, as did the Ministry of Transport.")
    assert [t.slug for t in found] == ["ndrc", "nea", "mot"]
    assert mentions.find("Ministry of Industry") == ()  # a name is found whole or not at all


def test_an_edit_re_indexes_only_the_shard_of_its_year(content: Path, tmp_path: Path) -> None:
    cache, out = tmp_path / "cache", tmp_path / "site"
    build(content, out, cache=cache)
    shards = json.loads((out / "pagefind" / "shards.json").read_text("utf-8"))
    assert shards["merge"][""][:2] == ["2023", "2022"]  # newest first, the first in pagefind/
    entries = {name: out / "pagefind" / name / "pagefind-entry.json" for name in ("", "2022")}
    before = {name: entry.stat().st_ino for name, entry in entries.items()}
    article = content / "issues" / "2022-09-29-materials-shipping" / "02-ai-captain.md"
    article.write_text(article.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    build(content, out, cache=cache)
    after = json.loads((out / "pagefind" / "shards.json").read_text("utf-8"))
    made = after["made"].items()
    changed = {key for key, made in made if made["digest"] != shards["made"][key]["digest"]}
    assert changed == {":2022"}
    assert entries[""].stat().st_ino == before[""]  # linked from the site it replaced
    assert entries["2022"].stat().st_ino != before["2022"]  # indexed again


def test_shards_go_newest_first_with_undated_records_last(records) -> None:
    dated = [replace(r, year=year) for r, year in zip(records[:3], (2021, 2023, 2022), strict=True)]
    undated = replace(records[3], year=None)
    chinese = replace(records[4], bundle="zh-hans", year=2020)
    shards = arrange(plans_of([undated, *dated, chinese]))
    found = [(s.plan.bundle, s.plan.name, s.folder) for s in shards]
    assert found == [
        ("", "2023", ""),
        ("", "2022", "2022"),
        ("", "2021", "2021"),
        ("", "undated", "undated"),
        ("zh-hans", "2020", "zh-hans"),
    ]


def test_a_shard_missing_from_the_site_it_replaces_is_indexed_again(
    content: Path, tmp_path: Path
) -> None:
    cache, out = tmp_path / "cache", tmp_path / "site"
    build(content, out, cache=cache)
    shutil.rmtree(out / "pagefind" / "2022")  # lost, though shards.json still names it
    article = content / "issues" / "2023-07-20-ai-rules" / "01-shanghai-ai.md"
    article.write_text(article.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    build(content, out, cache=cache)
    entry = json.loads((out / "pagefind" / "2022" / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["en"]["page_count"] > 0


def test_the_planned_shards_make_the_records_of_the_whole_site(site) -> None:
    keys = Keys()
    plans = plan_search(site, keys, "base")
    made = [record for plan in plans for record in plan.make()]
    assert sorted(made, key=lambda r: (r.bundle, r.path)) == sorted(
        search_records(site), key=lambda r: (r.bundle, r.path)
    )
    assert {(plan.bundle, plan.name) for plan in plans} == {
        (r.bundle, str(r.year) if r.year else "undated") for r in made
    }
    assert len({plan.key for plan in plans}) == len(plans)


def test_an_edit_makes_the_records_of_its_shards_only(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache, out = tmp_path / "cache", tmp_path / "site"
    build(content, out, cache=cache)
    made: list[str] = []
    real = searchplan.shard_records

    def recorded(members, lookup, language, bundle, name):
        made.append(f"{bundle}:{name}")
        return real(members, lookup, language, bundle, name)

    monkeypatch.setattr(searchplan, "shard_records", recorded)
    article = content / "issues" / "2022-09-29-materials-shipping" / "02-ai-captain.md"
    article.write_text(article.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    build(content, out, cache=cache)
    assert sorted(made) == [":2022", "zh-hans:2022"]  # the issue's year, in both bundles
    made.clear()
    build(content, tmp_path / "cold", cache=cache)  # no site to lend shards: all made
    assert len(made) > 2
    monkeypatch.undo()
    index = out / "pagefind" / "pagefind-entry.json"
    assert (
        index.read_bytes() == (tmp_path / "cold" / "pagefind" / "pagefind-entry.json").read_bytes()
    )


def test_the_standby_copy_keeps_the_shards_it_holds_already(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefing.write.search as search

    cache, out = tmp_path / "cache", tmp_path / "site"
    build(content, out, cache=cache)
    article = content / "issues" / "2022-09-29-materials-shipping" / "02-ai-captain.md"
    text = article.read_text("utf-8")
    article.write_text(text + "\nOne more line.\n", "utf-8")
    build(content, out, cache=cache)  # the standby: the first build's whole copy
    linked: list[Path] = []
    real = search.link_shard
    monkeypatch.setattr(search, "link_shard", lambda s, t, n: (linked.append(t), real(s, t, n)))
    article.write_text(text + "\nAnother line.\n", "utf-8")
    build(content, out, cache=cache)
    # The standby held every shard of the first build: only 2022's changed since, and it
    # is indexed anew, so nothing is linked.
    assert linked == []
    made = json.loads((out / "pagefind" / "shards.json").read_text("utf-8"))["made"]
    for key, shard in made.items():
        bundle, name = key.split(":")
        folder = out / "pagefind" / bundle / ("" if name == made_first(made, bundle) else name)
        assert all((folder / n).exists() for n in shard["names"]), key
    monkeypatch.undo()
    article.write_text(text, "utf-8")  # back as the first build had it
    build(content, out, cache=cache)
    build(content, tmp_path / "clean", cache=None)
    assert snapshot(out / "pagefind") == snapshot(tmp_path / "clean" / "pagefind")


def made_first(made: dict, bundle: str) -> str:
    """The newest shard of a bundle: the one in the bundle's own folder."""
    return max(key.split(":")[1] for key in made if key.split(":")[0] == bundle)


def test_a_build_failing_while_its_shards_are_indexed_stops_them_and_keeps_the_site(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.folders import BUNDLED_TEMPLATES
    from briefing.write import indexer

    templates = content.parent / "templates"
    shutil.copytree(BUNDLED_TEMPLATES, templates)
    cache, out = tmp_path / "cache", tmp_path / "site"
    build(content, out, cache=cache)
    before = snapshot(out)
    stopped: list[indexer.Indexing] = []
    cancel, start = indexer.Indexing.cancel, indexer.Indexing.start
    monkeypatch.setattr(
        indexer.Indexing, "cancel", lambda self: (stopped.append(self), cancel(self))
    )
    scratches: list[Path] = []  # where each run's records were written

    def started(self: indexer.Indexing) -> indexer.Indexing:
        start(self)
        scratches.extend([self.scratch] if self.scratch else [])
        return self

    monkeypatch.setattr(indexer.Indexing, "start", started)
    article = content / "issues" / "2022-09-29-materials-shipping" / "02-ai-captain.md"
    article.write_text(article.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    term = templates / "term.html"
    main = "{% block main %}"
    term.write_text(term.read_text().replace(main, main + "{{ 1 / 0 }}", 1))  # fails when made
    with pytest.raises(ZeroDivisionError):
        build(content, out, cache=cache)
    assert stopped and all(s.process is not None and s.process.poll() is not None for s in stopped)
    # Each scratch folder was beside the site, named as its staging folders are (which a
    # build killed meanwhile leaves for the next to remove), and is gone.
    assert scratches and {s.parent for s in scratches} == {tmp_path}
    assert all(s.name.startswith(".site.tmp-search-") and not s.exists() for s in scratches)
    assert not list(tmp_path.glob(".site.tmp-*"))
    assert snapshot(out) == before
