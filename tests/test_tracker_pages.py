"""Document facts as readers get them: facts boxes, badges, the index, the calendar page and
its iCalendar feeds, the feeds of one document, JSON-LD, open data, and rebuilds when the
clock passes a date. The sample is built at fixed clocks, so nothing here reads the time."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import pytest

from briefing import build, load_site
from briefing.cli.arguments import main
from briefing.release import Release
from tests.conftest import read, snapshot

CONTENT = Path(__file__).parent.parent / "content"
FINAL = "cac-generative-ai-interim-measures-2023"
DRAFT = "cac-generative-ai-measures-draft-2023"
STANDARD = "tc260-generative-ai-security-requirements-draft-2023"
GALLIUM = "mofcom-gallium-germanium-export-controls-2023"
GRAPHITE = "mofcom-graphite-export-controls-2023"
OLD_GRAPHITE = "mofcom-graphite-temporary-controls-2006"
JULY = "issues/2023-07-27-generative-ai-gallium-controls-private-firms/"
NOVEMBER = "issues/2023-11-30-humanoid-robots-driverless-pilots-computing-power/"
OCTOBER_20 = dt.datetime(2023, 10, 20, 12, tzinfo=dt.UTC)
DECEMBER_1 = dt.datetime.fromisoformat("2023-12-01T09:00:00+08:00")


def built_at(tmp_path_factory: pytest.TempPathFactory, now: dt.datetime) -> Path:
    out = tmp_path_factory.mktemp("tracker") / "site"
    build(CONTENT, out, now=now, search=False)
    return out


@pytest.fixture(scope="module")
def october(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_at(tmp_path_factory, OCTOBER_20)


@pytest.fixture(scope="module")
def december(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_at(tmp_path_factory, DECEMBER_1)


def badge(html: str) -> list[str]:
    """The text of every status badge on a page, tags removed."""
    found = re.findall(r'<span class="status status-[a-z-]+">(.*?)</span>', html, re.S)
    return [re.sub(r"<[^>]+>", "", text) for text in found]


def json_ld(html: str) -> dict:
    """The page's main JSON-LD node (breadcrumbs sit beside it in an @graph)."""
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block)
    nodes = data.get("@graph", [data])
    return next(node for node in nodes if node.get("@type") != "BreadcrumbList")


def test_document_page_has_a_facts_box_with_a_status_badge(october: Path) -> None:
    html = read(october, f"documents/{FINAL}/")
    facts = html.split('<dl class="source document-facts">')[1].split("</dl>")[0]
    assert (
        "<dt>Type</dt>" in facts and 'Measures (<span lang="zh-Hans">办法/暂行办法</span>)' in facts
    )
    assert '<dd lang="zh-Hans">国家互联网信息办公室等七部门令第15号</dd>' in facts
    for label, day in (("Issued", "2023-07-10"), ("Published", "2023-07-13")):
        assert re.search(rf'<dt>{label}</dt>\s*<dd><time datetime="{day}">', facts)
    assert re.search(r'<dt>In force from</dt>\s*<dd><time datetime="2023-08-15">', facts)
    assert badge(facts) == ["In force since August 15, 2023"]
    assert 'href="/documents/cac-generative-ai-interim-measures-2023/feed.xml"' in html


def test_the_lineage_shows_every_date_as_a_step(october: Path) -> None:
    html = read(october, f"documents/{FINAL}/")
    timeline = html.split('<ol class="timeline">')[1].split("</section>")[0]
    steps = re.findall(r'<li class="timeline-fact">(.*?)</li>', timeline)
    words = [re.sub(r"<[^>]+>", "", step) for step in steps]
    assert words == [
        "Published April 11, 2023",
        "Comments until May 10, 2023",
        "Issued July 10, 2023",
        "Published July 13, 2023",
        "In force from August 15, 2023",
        "Published October 11, 2023",
        "Comments until October 25, 2023",
    ]


def test_badges_say_what_each_status_means(october: Path, december: Path) -> None:
    draft = read(october, f"documents/{DRAFT}/")
    assert badge(draft) == ["Comments closed May 10, 2023"]
    assert f'Final version: <a href="/documents/{FINAL}/">' in draft
    assert badge(read(october, f"documents/{STANDARD}/")) == [
        "Open for comment until October 25, 2023"
    ]
    assert badge(read(october, f"documents/{GRAPHITE}/")) == [
        "Not yet in force: takes effect December 1, 2023"
    ]
    assert badge(read(october, f"documents/{OLD_GRAPHITE}/")) == []  # nothing known yet
    old = read(december, f"documents/{OLD_GRAPHITE}/")
    assert badge(old) == [
        "Superseded by Announcement on Optimising and Adjusting Temporary Export Control "
        "Measures on Graphite Items (MOFCOM and GAC Announcement No. 39 of 2023) on December 1, "
        "2023"
    ]
    assert f'Superseded by <a href="/documents/{GRAPHITE}/">' in old
    assert badge(read(december, f"documents/{STANDARD}/")) == ["Comments closed October 25, 2023"]


def test_source_boxes_show_type_number_and_status(october: Path) -> None:
    for page in (f"{JULY}generative-ai/", JULY):
        html = read(october, page)
        box = html.split('<dl class="source">')[1].split("</dl>")[0]
        number = '<span lang="zh-Hans">国家互联网信息办公室等七部门令第15号'
        assert f'<span class="doc-kind">Measures · {number}' in box
        assert badge(box) == ["In force since August 15, 2023"]
    feed = (october / "feed.xml").read_text(encoding="utf-8")
    assert "国家互联网信息办公室等七部门令第15号" in feed and "In force since" not in feed


def test_the_index_filters_by_status_and_type_and_sorts_by_dates(october: Path) -> None:
    html = read(october, "documents/")
    for name in ("status", "type", "body", "sector", "year", "sort"):
        assert f'name="{name}"' in html
    assert '<option value="in-force">In force</option>' in html
    assert '<option value="measures">Measures</option>' in html
    assert '<option value="-effective">In force from, oldest first</option>' in html
    link = f'<a class="entry-title" href="/documents/{FINAL}/"'
    item = re.search(rf'<li class="doc-item"[^>]*>\s*<p class="doc-meta">[^\n]*\n\s*{link}', html)
    assert item is not None
    tag = item.group(0).split(">")[0]
    for attribute in (
        'data-status="in-force"',
        'data-type="measures"',
        'data-effective="2023-08-15"',
        'data-published="2023-07-13"',
    ):
        assert attribute in tag
    assert 'data-comment-until="2023-10-25"' in html
    assert "In force since August 15, 2023" in badge(html)


def test_the_calendar_lists_what_is_ahead_then_the_past_by_month(october: Path) -> None:
    html = read(october, "calendar/")
    upcoming = html.split('id="upcoming-title"')[1].split("</section>")[0]
    assert re.findall(r'href="/documents/([^/]+)/"', upcoming) == [STANDARD, GRAPHITE]
    assert "Comments close" in upcoming and "Takes effect" in upcoming
    past = html.split('id="past-title"')[1].split("</section>")[0]
    months = re.findall(r'<h3 class="calendar-month">([^<]+)</h3>', past)
    assert months == ["August 2023", "May 2023", "October 2022"]
    assert re.findall(r'href="/documents/([^/]+)/"', past)[:2] == [FINAL, GALLIUM]
    assert 'href="/calendar.ics"' in html and 'href="/bodies/cac/calendar.ics"' in html
    assert 'href="/calendar/"' in read(october, "documents/")
    assert "/calendar/</loc>" in (october / "sitemap.xml").read_text(encoding="utf-8")


def events_of(path: Path) -> list:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    return list(calendar.walk("VEVENT"))


def test_the_calendar_feed_parses_with_one_all_day_event_per_date(
    october: Path, december: Path
) -> None:
    site = load_site(CONTENT, release=Release(OCTOBER_20))[0]
    events = events_of(october / "calendar.ics")
    assert len(events) == len(site.events) == 6
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)
    first = {str(e["UID"]): e for e in events}[f"{FINAL}-effective@briefing.example.org"]
    assert first.decoded("DTSTART") == dt.date(2023, 8, 15)
    assert first.decoded("DTEND") == dt.date(2023, 8, 16)
    assert str(first["SUMMARY"]).startswith("Takes effect: Interim Measures for the Management")
    assert str(first["URL"]) == f"https://briefing.example.org/documents/{FINAL}/"
    assert "国家互联网信息办公室等七部门令第15号" in str(first["DESCRIPTION"])
    assert all(event.get("DTSTAMP") for event in events)
    # Content, not the clock, makes the file: the same bytes on another day.
    assert (october / "calendar.ics").read_bytes() == (december / "calendar.ics").read_bytes()


def test_each_body_and_sector_has_its_own_calendar(october: Path) -> None:
    cac = events_of(october / "bodies" / "cac" / "calendar.ics")
    assert {str(e["UID"]).split("@")[0] for e in cac} == {
        f"{FINAL}-effective",
        f"{DRAFT}-comment-until",
    }
    minerals = events_of(october / "sectors" / "critical-minerals" / "calendar.ics")
    assert {str(e["URL"]).rsplit("/", 2)[1] for e in minerals} == {GALLIUM, GRAPHITE}
    assert 'href="/bodies/cac/calendar.ics"' in read(october, "bodies/cac/")
    assert not (october / "bodies" / "sasac" / "calendar.ics").exists()
    assert "calendar.ics" not in read(october, "bodies/sasac/")


def test_a_document_has_feeds_that_follow_it_from_draft_to_force(october: Path) -> None:
    parsed = feedparser.parse((october / "documents" / FINAL / "feed.xml").read_bytes())
    assert not parsed.bozo
    links = [entry.link for entry in parsed.entries]
    base = "https://briefing.example.org/"
    assert f"{base}{JULY}generative-ai/" in links
    assert f"{base}{NOVEMBER}genai-security-standard/" not in links  # about the standard
    lineage = [f"{base}documents/{doc}/" for doc in (STANDARD, FINAL, DRAFT)]
    assert [link for link in links if "/documents/" in link] == lineage  # newest first
    gallium = feedparser.parse((october / "documents" / GALLIUM / "feed.xml").read_bytes())
    assert f"{base}{NOVEMBER}#noteworthy-policy-1" in [e.link for e in gallium.entries]
    data = json.loads((october / "documents" / FINAL / "feed.json").read_text(encoding="utf-8"))
    assert [item["url"] for item in data["items"]] == links
    assert data["feed_url"] == f"{base}documents/{FINAL}/feed.json"


def test_document_pages_describe_the_facts_as_legislation(october: Path, december: Path) -> None:
    final = json_ld(read(october, f"documents/{FINAL}/"))
    assert final["legislationType"] == "Measures"
    assert final["legislationIdentifier"] == "国家互联网信息办公室等七部门令第15号"
    assert final["legislationDate"] == "2023-07-10" and final["datePublished"] == "2023-07-13"
    assert final["legislationLegalForce"] == "https://schema.org/InForce"
    draft = json_ld(read(october, f"documents/{DRAFT}/"))
    assert draft["legislationLegalForce"] == "https://schema.org/NotInForce"
    assert draft["creativeWorkStatus"] == "Draft"
    graphite = json_ld(read(october, f"documents/{GRAPHITE}/"))
    assert graphite["legislationLegalForce"] == "https://schema.org/NotInForce"  # not yet
    assert graphite["legislationChanges"].endswith(f"/documents/{OLD_GRAPHITE}/")
    assert json_ld(read(december, f"documents/{GRAPHITE}/"))["legislationLegalForce"] == (
        "https://schema.org/InForce"
    )
    assert "legislationLegalForce" not in json_ld(read(october, f"documents/{OLD_GRAPHITE}/"))


def test_open_data_carries_the_facts_and_status_and_meets_its_schema(october: Path) -> None:
    data = json.loads((october / "data" / "documents.json").read_text(encoding="utf-8"))
    schema = json.loads((october / "data" / "schema" / "documents.schema.json").read_text())
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    final = next(doc for doc in data["documents"] if doc["id"] == FINAL)
    assert final["type"] == {"slug": "measures", "name": "Measures", "name_zh": "办法/暂行办法"}
    assert final["number"] == "国家互联网信息办公室等七部门令第15号"
    assert (final["issued"], final["published"], final["effective"]) == (
        "2023-07-10",
        "2023-07-13",
        "2023-08-15",
    )
    assert final["expires"] is None and final["status"] == "in-force"
    raw = (october / "data" / "documents.csv").read_bytes().decode("utf-8-sig")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(raw))}
    assert rows[STANDARD]["status"] == "open-for-comment"
    assert rows[STANDARD]["comment_until"] == "2023-10-25"
    assert rows[FINAL]["type"] == "Measures"
    assert rows[OLD_GRAPHITE]["status"] == ""


def test_a_cached_rebuild_after_the_effective_date_changes_every_badge(tmp_path: Path) -> None:
    content, out, cache = tmp_path / "content", tmp_path / "site", tmp_path / "cache"
    shutil.copytree(CONTENT, content)
    evening = dt.datetime.fromisoformat("2023-08-14T23:00:00+08:00")
    build(content, out, cache=cache, now=evening, search=False)
    pages = (f"documents/{FINAL}/", f"{JULY}generative-ai/", JULY, "documents/")
    for page in pages:
        assert "Not yet in force: takes effect August 15, 2023" in badge(read(out, page)), page
    later = build(content, out, cache=cache, now=evening + dt.timedelta(minutes=59), search=False)
    assert later.unchanged  # nothing changes before midnight in Beijing
    midnight = dt.datetime.fromisoformat("2023-08-15T00:00:30+08:00")
    assert not build(content, out, cache=cache, now=midnight, search=False).unchanged
    for page in pages:
        assert "In force since August 15, 2023" in badge(read(out, page)), page
    assert "Not yet in force" not in read(out, f"documents/{FINAL}/")
    build(content, tmp_path / "clean", now=midnight, search=False)
    assert snapshot(out) == snapshot(tmp_path / "clean")
    # A preview of an earlier day is never taken for the build that is there.
    assert not build(content, out, cache=cache, now=evening, search=False).unchanged
    assert "Not yet in force" in read(out, f"documents/{FINAL}/")


def test_schedule_names_the_next_status_change(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schedule", "--content", str(CONTENT), "--now", "2023-08-01T12:00:00Z"]) == 0
    assert capsys.readouterr().out == (
        "2023-08-02T00:00:00+08:00 "
        "content/issues/2023-07-27-generative-ai-gallium-controls-private-firms/"
        f"02-gallium-germanium.md (document '{GALLIUM}' moves to the calendar's past)\n"
    )
    assert main(["schedule", "--content", str(CONTENT), "--now", "2023-12-02T12:00:00Z"]) == 0
    assert capsys.readouterr().out.startswith("No scheduled items")


def test_build_now_sets_the_clock_and_must_name_a_time_zone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    args = ["build", "--content", str(CONTENT), "--out", str(out), "--no-search", "--no-cache"]
    assert main([*args, "--now", "2023-08-15T00:00:00+08:00"]) == 0
    assert badge(read(out, f"documents/{FINAL}/")) == ["In force since August 15, 2023"]
    for value, message in (
        ("2023-08-15", "'2023-08-15' is not a date-time: write YYYY-MM-DDTHH:MM:SS+HH:MM"),
        ("2023-08-15T08:00:00", "'2023-08-15T08:00:00' has no time zone, so the moment is"),
    ):
        with pytest.raises(SystemExit) as exit_code:
            main([*args, "--now", value])
        assert exit_code.value.code == 2
        assert message in capsys.readouterr().err
