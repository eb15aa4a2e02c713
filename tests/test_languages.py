"""A site in two languages: the German edition under /de/, translations laid over their
originals, every page linking its translations, and what an untranslated item does.

The content is the minimal site with tests/sites/bilingual/ laid over it: the 2022 issue
has a German index.de.md and one of its two articles translated; the 2023 issue has none;
the About page is translated, the Contact page is not.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from conftest import MINIMAL, read, snapshot, write

from briefing import build
from briefing.check import check
from briefing.release import utc_now

BILINGUAL = Path(__file__).parent / "sites" / "bilingual" / "content"
ROOT = "https://example.org/"
ISSUE = "issues/2022-09-29-materials-shipping/"
UNTRANSLATED_ISSUE = "issues/2023-07-20-ai-rules/"
NOTE = "Noch nicht übersetzt: in der Originalsprache wiedergegeben."  # the German catalogue's


def bilingual_content(folder: Path) -> Path:
    """The minimal site with the bilingual overlay, copied into `folder`."""
    content = folder / "content"
    shutil.copytree(MINIMAL, content)
    shutil.copytree(BILINGUAL, content, dirs_exist_ok=True)
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bilingual site built once, search index included."""
    root = tmp_path_factory.mktemp("bilingual")
    out = root / "site"
    build(bilingual_content(root), out)
    return out


class Links(HTMLParser):
    """A page's <html lang>, its hreflang alternates and its language switcher's links."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.alternates: dict[str, str] = {}
        self.switcher: list[dict[str, str | None]] = []
        self.in_switcher = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        elif tag == "link" and values.get("rel") == "alternate" and "hreflang" in values:
            self.alternates[values["hreflang"] or ""] = values["href"] or ""
        elif tag == "nav" and values.get("class") == "languages":
            self.in_switcher = True
        elif self.in_switcher and tag in ("a", "span"):
            self.switcher.append(values)

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self.in_switcher = False


def links_of(out: Path, file: Path) -> Links:
    parser = Links()
    parser.feed(file.read_text(encoding="utf-8"))
    return parser


def pages(out: Path) -> list[Path]:
    return sorted(out.rglob("index.html"))


def file_of(out: Path, url: str) -> Path:
    """The output file a URL (absolute or from the root) is served from."""
    path = urlsplit(url).path.lstrip("/")
    return out / path / "index.html" if path == "" or path.endswith("/") else out / path


def test_every_page_says_its_language(site: Path) -> None:
    for file in pages(site):
        german = file.relative_to(site).parts[0] == "de"
        assert links_of(site, file).lang == ("de" if german else "en"), file


def test_the_german_edition_has_the_same_paths_below_de(site: Path) -> None:
    for path in ("", "archive/", "search/", "sectors/", "bodies/", "documents/", ISSUE):
        assert (site / "de" / path / "index.html").is_file(), path
    assert (site / "de" / "404.html").is_file()
    assert '<h1 class="issue-title">Grundstoffe + autonome Schifffahrt</h1>' in read(
        site, f"de/{ISSUE}"
    )
    assert "Test-Briefing" in read(site, "de/") and "Test-Briefing" not in read(site, "")


def test_alternates_link_both_ways_with_x_default(site: Path) -> None:
    checked = 0
    for file in pages(site):
        alternates = links_of(site, file).alternates
        if not alternates:
            continue
        assert set(alternates) == {"en", "de", "x-default"}, file
        assert alternates["x-default"] == alternates["en"]
        for url in alternates.values():
            other = file_of(site, url)
            assert other.is_file(), url
            assert links_of(site, other).alternates == alternates  # the same set, both ways
            checked += 1
    assert checked > 30
    assert links_of(site, site / ISSUE / "index.html").alternates["de"] == f"{ROOT}de/{ISSUE}"


def test_a_page_in_one_language_has_no_alternates(site: Path) -> None:
    assert links_of(site, site / UNTRANSLATED_ISSUE / "index.html").alternates == {}


def test_the_switcher_goes_to_the_same_page_or_that_languages_home(site: Path) -> None:
    for file in pages(site):
        parser = links_of(site, file)
        current = [item for item in parser.switcher if "aria-current" in item]
        others = [item for item in parser.switcher if "href" in item]
        assert [item["lang"] for item in current] == [parser.lang], file
        assert len(others) == 1, file
        assert file_of(site, others[0]["href"] or "").is_file(), others[0]
    switch = links_of(site, site / ISSUE / "index.html").switcher
    assert switch[1] == {"href": f"/de/{ISSUE}", "hreflang": "de", "lang": "de"}
    untranslated = links_of(site, site / UNTRANSLATED_ISSUE / "index.html")
    (home,) = [item for item in untranslated.switcher if "href" in item]
    assert home["href"] == "/de/" and home["title"]
    back = links_of(site, site / "de" / ISSUE / "index.html").switcher
    assert back[0] == {"href": f"/{ISSUE}", "hreflang": "en", "lang": "en"}


def test_the_switcher_is_an_accessible_navigation(site: Path) -> None:
    page = read(site, "")
    assert '<nav class="languages" aria-label="Language">' in page
    assert '<span aria-current="true" lang="en">English</span>' in page
    assert '<a href="/de/" hreflang="de" lang="de">Deutsch</a>' in page


def test_an_untranslated_issue_is_not_in_the_german_edition(site: Path) -> None:
    assert not (site / "de" / UNTRANSLATED_ISSUE).exists()
    archive = read(site, "de/archive/")
    assert f'href="/de/{ISSUE}"' in archive and UNTRANSLATED_ISSUE not in archive
    assert UNTRANSLATED_ISSUE not in read(site, "de/feed.xml")


def test_an_untranslated_article_is_shown_in_english_with_a_note(site: Path) -> None:
    page = read(site, f"de/{ISSUE}ai-captain/")
    assert '<article class="article" lang="en">' in page
    assert f'<p class="untranslated" lang="de">{NOTE}</p>' in page
    assert "AI captain" in page
    issue = read(site, f"de/{ISSUE}")
    assert '<li id="top-2" class="top-item" lang="en">' in issue
    assert '<li id="top-1" class="top-item">' in issue  # translated: in German, no note
    assert issue.count(NOTE) == 1
    # Not a translation: no hreflang either way, but the switcher goes there.
    english = links_of(site, site / ISSUE / "ai-captain" / "index.html")
    assert english.alternates == {}
    assert [i["href"] for i in english.switcher if "href" in i] == [f"/de/{ISSUE}ai-captain/"]
    translated = read(site, f"de/{ISSUE}materials-plan/")
    assert "<h1>" in translated and "Grundstoffe: ein Plan zur Modernisierung" in translated
    assert NOTE not in translated and 'lang="en"' not in translated.split("<main", 1)[1]


def test_an_untranslated_page_is_shown_in_english_with_a_note(site: Path) -> None:
    assert "Wir schreiben über Industriepolitik." in read(site, "de/about/")
    contact = read(site, "de/contact/")
    assert '<article class="page" lang="en">' in contact and NOTE in contact


def test_a_translation_shares_its_originals_identity(site: Path) -> None:
    english, german = read(site, ISSUE), read(site, f"de/{ISSUE}")
    for shared in ("top-1", "top-2", "noteworthy-policy-1", "noteworthy-corporate-1"):
        assert f'id="{shared}"' in english and f'id="{shared}"' in german
    assert "Nr. 1" in german and "2022-09-29" in german
    assert "Eine Werft erhielt einen Auftrag." in german and "A shipyard won" not in german
    assert ">Politik<" in german and ">Unternehmen<" in german
    assert (site / "de" / "documents").is_dir()
    documents = {p.name for p in (site / "documents").iterdir() if p.is_dir()}
    german_documents = {p.name for p in (site / "de" / "documents").iterdir() if p.is_dir()}
    assert german_documents and german_documents <= documents


def test_terms_are_named_in_the_editions_language(site: Path) -> None:
    assert "Grundstoffe" in read(site, "de/sectors/basic-materials/")
    assert "Stahl, Zement und Chemie." in read(site, "de/sectors/basic-materials/")
    assert "Grundstoffe" not in read(site, "sectors/basic-materials/")
    assert "Ministerium für Industrie und Informationstechnik" in read(site, "de/bodies/miit/")
    # No German name given: the English one.
    assert "Shipping and shipbuilding" in read(site, "de/sectors/shipping/")


def test_feeds_per_language_parse(site: Path) -> None:
    german = feedparser.parse((site / "de" / "feed.xml").read_bytes())
    assert not german.bozo and german.feed.title == "Test-Briefing"
    assert german.feed.language == "de" or german.feed.get("language") == "de"
    assert [entry.title for entry in german.entries] == ["Grundstoffe + autonome Schifffahrt"]
    assert german.entries[0].link == f"{ROOT}de/{ISSUE}"
    english = feedparser.parse((site / "feed.xml").read_bytes())
    assert len(english.entries) == 2
    data = json.loads((site / "de" / "feed.json").read_text(encoding="utf-8"))
    assert data["language"] == "de" and data["home_page_url"] == f"{ROOT}de/"
    term = feedparser.parse((site / "de" / "sectors" / "basic-materials" / "feed.xml").read_bytes())
    assert not term.bozo and term.entries


def test_each_edition_has_its_own_email(site: Path) -> None:
    german = (site / "de" / ISSUE / "email.html").read_text(encoding="utf-8")
    assert "Grundstoffe + autonome Schifffahrt" in german and 'lang="de"' in german
    assert not (site / "de" / UNTRANSLATED_ISSUE / "email.html").exists()


def words_of(bundle: Path) -> bytes:
    """Every word of a Pagefind bundle's index (its chunks, decompressed), in every shard."""
    return b"".join(gzip.decompress(p.read_bytes()) for p in bundle.rglob("index/*.pf_index"))


def test_search_finds_a_german_word_only_in_the_german_index(site: Path) -> None:
    assert 'data-bundle="/de/pagefind/"' in read(site, "de/search/")
    assert 'data-bundle="/pagefind/"' in read(site, "search/")
    german, english = words_of(site / "de" / "pagefind"), words_of(site / "pagefind")
    assert b"donaudampfschifffahrt" in german
    assert b"donaudampfschifffahrt" not in english
    assert b"shipyard" in english


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_the_sitemap_lists_every_page_with_its_alternates(site: Path) -> None:
    root = ElementTree.fromstring((site / "sitemap.xml").read_bytes())
    urls = {}
    for url in root.iter(f"{SITEMAP}url"):
        loc = url.findtext(f"{SITEMAP}loc") or ""
        links = url.findall(f"{XHTML}link")
        urls[loc] = {link.get("hreflang"): link.get("href") for link in links}
        assert all(link.get("rel") == "alternate" for link in links)
    pages_built = {f"{ROOT}{p.relative_to(site).parent.as_posix()}/" for p in pages(site)}
    assert set(urls) == {url.replace(f"{ROOT}./", ROOT) for url in pages_built}
    both = {"en": f"{ROOT}{ISSUE}", "de": f"{ROOT}de/{ISSUE}", "x-default": f"{ROOT}{ISSUE}"}
    assert urls[f"{ROOT}{ISSUE}"] == both and urls[f"{ROOT}de/{ISSUE}"] == both
    assert urls[f"{ROOT}{UNTRANSLATED_ISSUE}"] == {}
    for alternates in urls.values():
        assert set(alternates.values()) <= set(urls)


def test_check_notes_what_has_no_translation(tmp_path: Path) -> None:
    content = bilingual_content(tmp_path)
    report = check(content, now=utc_now(), cache=None)
    assert report.problems == []
    untranslated = [note for note in report.notes if "no de translation" in note]
    assert sorted(re.sub(r"^note: .*?content/", "", note) for note in untranslated) == [
        "issues/2022-09-29-materials-shipping/02-ai-captain.md: no de translation: "
        "the de edition shows it in en",
        "issues/2023-07-20-ai-rules/index.md: no de translation (index.de.md): "
        "the issue is not in the de edition",
        "pages/contact.md: no de translation: the de edition shows it in en",
    ]
    (names,) = [note for note in report.notes if "have no de name" in note]
    assert names == (
        "note: 4 terms have no de name and show the default language's in the de edition: "
        "bodies/mot, bodies/sasac, sectors/artificial-intelligence, sectors/shipping "
        "(give them translations: de: name: in content/taxonomies/)"
    )


def test_one_language_keeps_working(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    out = tmp_path / "site"
    build(content, out, search=False)
    assert not (out / "de").exists()
    page = read(out, ISSUE)
    assert "hreflang" not in page and 'class="languages"' not in page
    assert "xhtml" not in (out / "sitemap.xml").read_text(encoding="utf-8")


TRANSLATION = f"{ISSUE}01-materials-plan.de.md"


@pytest.mark.parametrize(
    "edit",
    ["edit a translation", "add a translation", "delete a translation", "rename a term in German"],
)
def test_an_incremental_build_after_a_change_of_translation_equals_a_clean_one(
    tmp_path: Path, edit: str
) -> None:
    content = bilingual_content(tmp_path)
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache=cache, search=False)
    if edit == "edit a translation":
        file = content / TRANSLATION
        file.write_text(file.read_text(encoding="utf-8").replace("Vier", "Fünf"), "utf-8")
    elif edit == "add a translation":
        write(content / ISSUE / "02-ai-captain.de.md", "---\ntitle: KI-Kapitän\n---\nText.\n")
        write(content / UNTRANSLATED_ISSUE / "index.de.md", "---\ntitle: KI-Regeln\n---\n")
    elif edit == "delete a translation":
        (content / TRANSLATION).unlink()
        (content / "pages" / "about.de.md").unlink()
    else:
        file = content / "taxonomies" / "sectors.yaml"
        file.write_text(file.read_text("utf-8").replace("Grundstoffe", "Rohstoffe"), "utf-8")
    summary = build(content, out, cache=cache, search=False)
    assert not summary.unchanged
    build(content, tmp_path / "clean", search=False)
    assert snapshot(out) == snapshot(tmp_path / "clean")
    if edit == "add a translation":
        assert "KI-Kapitän" in read(out, f"de/{ISSUE}ai-captain/")
        assert links_of(out, out / UNTRANSLATED_ISSUE / "index.html").alternates
    if edit == "delete a translation":
        assert NOTE in read(out, f"de/{ISSUE}materials-plan/")
        assert NOTE in read(out, "de/about/")
        assert links_of(out, out / "about" / "index.html").alternates == {}


def test_check_names_the_translation_a_broken_link_is_written_in(tmp_path: Path) -> None:
    content = bilingual_content(tmp_path)
    file = content / TRANSLATION
    file.write_text(file.read_text("utf-8") + "\nSiehe [hier](/de/nirgends/).\n", "utf-8")
    report = check(content, now=utc_now(), cache=None)
    (problem,) = report.problems
    assert problem.path == file
    assert problem.message.startswith(f"broken link to /de/nirgends/ on /de/{ISSUE}materials-plan/")


def test_an_untranslated_articles_structured_data_says_its_language(site: Path) -> None:
    page = read(site, f"de/{ISSUE}ai-captain/")
    assert '"inLanguage": "en"' in page or '"inLanguage":"en"' in page
    translated = read(site, f"de/{ISSUE}materials-plan/")
    assert '"inLanguage": "de"' in translated or '"inLanguage":"de"' in translated
