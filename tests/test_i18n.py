"""Interface languages: a German and a Chinese site carry no English interface text, their
dates are written the local way, and the catalogues are complete and up to date."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from i18n_sites import FIRST, NOW, PAGES, PLAN, make_content

from briefing import build
from briefing.render.dates import long_date, month_day, month_year, number
from briefing.render.i18n import LOCALES, catalogue_name, translations

PLACEHOLDER = re.compile(r"%\(\w+\)s")
TAG = re.compile(r"<[^>]+>")
# Not read by anyone: scripts, styles, and og:type's keyword ("article").
HIDDEN = re.compile(r'<(script|style)\b.*?</\1>|<meta property="og:type"[^>]*>', re.S)
# Attribute values a reader meets: labels, tooltips, placeholders, descriptions, and the
# interface text the scripts read.
SHOWN = re.compile(r'\s(?:aria-label|title|placeholder|alt|content)="([^"]*)"')
SCRIPT_TEXT = re.compile(r"data-text='([^']*)'")


def catalogue(name: str):
    """A language's catalogue as Babel reads it."""
    with (LOCALES / name / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)


def english_phrases(name: str) -> set[str]:
    """The English catalogue's words that must not appear in a site in language `name`:
    every run of words of every msgid (placeholders and markup cut out), except those its
    own translations also use (a "PDF" or "Top 3" that a language keeps as it is)."""
    translated = catalogue(name)
    kept = " ".join(
        text for m in translated if m.id for text in (m.string if m.pluralizable else [m.string])
    )
    phrases = set()
    for message in catalogue("en"):
        for msgid in message.id if message.pluralizable else [message.id]:
            for part in PLACEHOLDER.split(TAG.sub("\n", msgid)):
                for phrase in part.split("\n"):
                    phrase = phrase.strip(' ,.:;()“”"')
                    if re.search("[A-Za-z]{2}", phrase) and not contains(kept, phrase):
                        phrases.add(phrase)
    return phrases


def contains(text: str, phrase: str) -> bool:
    """Whether a phrase stands in a text as words of their own (not inside other words)."""
    return re.search(rf"(?<![\w./-]){re.escape(phrase)}(?![\w/-]|\.\w)", text) is not None


def reader_text(page: str) -> str:
    """What a reader of a page meets: its text and the attribute values shown or read out."""
    page = HIDDEN.sub("", page.replace("\r\n ", ""))  # .ics lines are folded
    shown = SHOWN.findall(page)
    shown += [text for data in SCRIPT_TEXT.findall(page) for text in strings(json.loads(data))]
    body = TAG.sub(" \n ", SCRIPT_TEXT.sub("", page))
    return html.unescape(body + " \n " + " \n ".join(shown))


def strings(data: object) -> list[str]:
    """The strings of a JSON value (not its keys)."""
    if isinstance(data, dict):
        return [s for value in data.values() for s in strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in strings(value)]
    return [data] if isinstance(data, str) else []


@pytest.fixture(scope="module", params=["de", "zh-Hans"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The small site built in German and in Chinese, as (language, output folder)."""
    root = tmp_path_factory.mktemp(request.param)
    build(make_content(root, request.param), root / "site", now=NOW, search=False)
    return request.param, root / "site"


def test_no_english_interface_text_on_any_page(site) -> None:
    language, out = site
    phrases = english_phrases(catalogue_name(language))
    assert {"Archive", "Noteworthy", "Skip to content", "Issuing bodies"} <= phrases
    left = {}
    for kind, path in PAGES.items():
        text = reader_text((out / path).read_bytes().decode("utf-8"))
        found = sorted(phrase for phrase in phrases if contains(text, phrase))
        if found:
            left[kind] = found
    assert left == {}


LOCAL = {
    "de": {
        "index.html": ["Neueste Ausgabe", "Frühere Ausgaben", "14. September 2022"],
        f"issues/{FIRST}/index.html": [
            "In dieser Ausgabe",
            "Kurz notiert",
            "13. September:",
            "Nr. 1</span> · ",
            "Min. Lesezeit",
            "Herausgebende Behörde",
            "Noch nicht in Kraft: tritt am",
        ],
        f"documents/{PLAN}/index.html": ["Entstehungsgeschichte", "Erlassen", "1. November 2022"],
        "documents/index.html": ["2 Dokumente", "Politikdokumente"],
        "sectors/werkstoffe/index.html": ["3 Artikel, 1 Kurzmeldung", "September 2022: 3 Einträge"],
        "bodies/index.html": ["Herausgebende Behörden"],
        "calendar/index.html": ["Fristenkalender", "Demnächst", "Tritt in Kraft"],
        "404.html": ["Seite nicht gefunden"],
        f"issues/{FIRST}/email.txt": ["Im Web lesen", "\nLinks\n-----\n", "Abbestellen"],
        "calendar.ics": ["SUMMARY:Tritt in Kraft:", "Herausgegeben von"],
    },
    "zh-Hans": {
        "index.html": ["最新一期", "往期简报", "2022年9月14日"],
        f"issues/{FIRST}/index.html": ["本期内容", "其他要闻", "9月13日：", "第 1 期", "发文机关"],
        f"documents/{PLAN}/index.html": ["沿革", "印发日期", "2022年11月1日"],
        "documents/index.html": ["2 份文件", "政策文件"],
        "sectors/werkstoffe/index.html": ["3 篇文章，1 条简讯", "2022年9月: 3 条"],
        "bodies/index.html": ["发文机关"],
        "calendar/index.html": ["政策日历", "即将到来", "开始施行"],
        "404.html": ["页面未找到"],
        f"issues/{FIRST}/email.txt": ["在网页上阅读", "\n链接\n----\n", "退订"],
        "calendar.ics": ["SUMMARY:开始施行:", "发文机关："],
    },
}


def test_pages_speak_the_language_with_its_dates(site) -> None:
    language, out = site
    missing = {
        path: [words for words in expected if words not in (out / path).read_text("utf-8")]
        for path, expected in LOCAL[language].items()
    }
    assert {path: words for path, words in missing.items() if words} == {}
    for path in PAGES.values():
        if path.endswith(".html") and "email" not in path:
            assert f'<html lang="{language}">' in (out / path).read_text("utf-8"), path
    assert f'xml:lang="{language}"' in (out / "feed.xml").read_text("utf-8")


def test_the_nu_checker_passes_the_pages(site) -> None:
    from test_quality import nu_errors

    errors, pages = nu_errors(site[1])
    assert errors == []
    assert len(pages) >= 15


def test_dates_and_numbers_per_language() -> None:
    day = dt.date(2022, 9, 14)
    assert [long_date(day), month_day(day), month_year(day)] == [
        "September 14, 2022",
        "September 14",
        "September 2022",
    ]
    assert [long_date(day, "de"), month_day(day, "de"), month_year(day, "de")] == [
        "14. September 2022",
        "14. September",
        "September 2022",
    ]
    assert [long_date(day, "zh-Hans"), month_day(day, "zh-Hans")] == ["2022年9月14日", "9月14日"]
    assert [number(12345), number(12345, "de"), number(12345, "zh-Hans")] == [
        "12,345",
        "12.345",
        "12,345",
    ]
    # A tag Babel does not know is written as English; one it knows uses its own months.
    assert long_date(day, "xx-unknown") == "September 14, 2022"
    assert long_date(day, "fr") == "14 septembre 2022"


def test_languages_find_their_catalogue_or_fall_back_to_english() -> None:
    assert [catalogue_name(tag) for tag in ("de", "de-AT", "DE-de", "zh-Hans", "zh", "zh-CN")] == [
        "de",
        "de",
        "de",
        "zh_Hans",
        "zh_Hans",
        "zh_Hans",
    ]
    assert [catalogue_name(tag) for tag in ("en", "en-GB")] == ["en", "en"]
    assert [catalogue_name(tag) for tag in ("fr", "zh-TW", "zh-Hant")] == [None] * 3
    assert catalogue_name("not a tag") == "en"  # Babel cannot read it: English
    assert translations("fr").gettext("Archive") == "Archive"
    assert translations("de").gettext("Archive") == "Archiv"
    assert translations("zh-CN").ngettext("%(n)s article", "%(n)s articles", 5) == "%(n)s 篇文章"


ROOT = Path(__file__).parent.parent
NAMES = ("en", "de", "zh_Hans")


def extracted() -> list[tuple[str | None, str | tuple[str, ...]]]:
    """Every marked string of the templates and code, extracted as `make messages` does."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = extract_from_dir(str(ROOT), method_map, options_map)
    return [(context, message) for _, _, message, _, context in found]


def keys(messages) -> set[tuple[str | None, str]]:
    """Each message as (context, singular msgid)."""
    return {(context, m if isinstance(m, str) else m[0]) for context, m in messages}


def test_catalogues_hold_exactly_the_marked_strings() -> None:
    marked = extracted()
    assert len(marked) > 200
    wanted = keys(marked)
    with (LOCALES / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    # `make messages` brings the catalogues up to date with the templates.
    assert {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in template if m.id} == (
        wanted
    )
    for name in NAMES:
        entries = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalogue(name)}
        assert entries - {(None, "")} == wanted, name


def test_no_msgid_is_both_plain_and_plural() -> None:
    # One catalogue entry per msgid: gettext("X") never finds an entry made for ngettext.
    plain = {(c, m) for c, m in extracted() if isinstance(m, str)}
    plural = {(c, m[0]) for c, m in extracted() if not isinstance(m, str)}
    assert plain & plural == set()


@pytest.mark.parametrize("name", ["de", "zh_Hans"])
def test_every_message_is_translated_with_its_plurals_and_placeholders(name: str) -> None:
    translated = catalogue(name)
    forms = translated.num_plurals
    assert forms == {"de": 2, "zh_Hans": 1}[name]
    problems = []
    for message in translated:
        if not message.id:
            continue
        ids = message.id if message.pluralizable else (message.id,)
        strings = message.string if message.pluralizable else (message.string,)
        if (
            message.fuzzy
            or not all(strings)
            or len(strings) != (forms if message.pluralizable else 1)
        ):
            problems.append(("untranslated", ids[0]))
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            if set(PLACEHOLDER.findall(text)) != wanted and not message.pluralizable:
                problems.append(("placeholders", ids[0], text))
            if message.pluralizable and not set(PLACEHOLDER.findall(text)) <= wanted:
                problems.append(("placeholders", ids[0], text))
            if TAG.findall(text) and sorted(re.findall(r"<(/?\w+)", text)) != sorted(
                re.findall(r"<(/?\w+)", ids[0])
            ):
                problems.append(("markup", ids[0], text))
    assert problems == []


def test_a_german_digest_says_what_it_gathers_in_german(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from briefing.cli import main

    content = make_content(tmp_path, "de")
    monkeypatch.chdir(tmp_path)
    argv = ["digest", "--content", str(content), "--since", "2022-09-01", "--until", "2022-10-31"]
    assert main([*argv, "--topics", "MIIT", "--out", "miit.txt"]) == 0
    assert capsys.readouterr().out == "miit.txt: Digest zu MIIT, 2 Top items\n"
    text = " ".join((tmp_path / "miit.txt").read_text(encoding="utf-8").split())
    assert (
        "Dieser Digest versammelt die Beiträge zu Ihren Themen (MIIT), die vom 1. September 2022 "
        "bis zum 31. Oktober 2022 erschienen sind. Alles zu MIIT: https://example.org/bodies/miit/"
    ) in text
    assert main([*argv, "--out", "all.txt"]) == 0
    text = " ".join((tmp_path / "all.txt").read_text(encoding="utf-8").split())
    assert "Dieser Digest versammelt alle Beiträge, die vom 1. September 2022" in text
    assert "Das Archiv: https://example.org/archive/" in text
