"""Authors as people readers can follow: declared in content/authors.yaml, named on issues
and articles, each with a page, feeds, bylines and structured data; bad input named."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from conftest import read, write
from PIL import Image as PillowImage

from briefing import BuildFailed, build

SEPTEMBER = "issues/2022-09-29-materials-shipping/"
JULY = "issues/2023-07-20-ai-rules/"
AUTHORS = """\
- slug: ada-analyst
  name: Ada Analyst
  name_zh: 艾达
  role: Senior analyst
  affiliation: Test Institute
  photo: {src: ada.png, alt: "Ada at her desk", credit: "Photo: Test Institute"}
  bio: |
    Ada reads *every* plan. <script>alert('bio')</script>[Sectors](/sectors/)
  links:
    - {title: Her site, url: "https://ada.example.org/"}
    - {title: Email, url: "mailto:ada@example.org"}
- slug: ben-writer
  name: Ben Writer
- slug: wang-xiaoming
  name: Wang Xiaoming
  name_zh: 王小明
  cite_as: "Wang, Xiaoming"
"""


@pytest.fixture
def authored(content: Path) -> Path:
    """The minimal site with three declared authors, one with a photo, and a July article
    written by a guest (named by his Chinese name), whose issue is signed by Ada."""
    write(content / "authors.yaml", AUTHORS)
    (content / "authors").mkdir()
    PillowImage.new("RGB", (640, 640), (120, 60, 30)).save(content / "authors" / "ada.png")
    index = content / JULY / "index.md"
    index.write_text(
        index.read_text().replace(
            "date: 2023-07-20\n", "date: 2023-07-20\nauthors: [ADA-ANALYST]\n"
        )
    )
    article = content / JULY / "02-more-ships.md"
    article.write_text(article.read_text().replace("rank: 1\n", "rank: 1\nauthors: [王小明]\n"))
    return content


@pytest.fixture
def site(authored: Path, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    build(authored, out, search=False)
    return out


def problems(content: Path, tmp_path: Path) -> list[str]:
    """Every problem a build of `content` reports, as `path:line: message`."""
    with pytest.raises(BuildFailed) as failure:
        build(content, tmp_path / "site", search=False)
    found = []
    for problem in failure.value.problems:
        where = problem.path.relative_to(content).as_posix()
        found.append(
            f"{where}{'' if problem.line is None else f':{problem.line}'}: {problem.message}"
        )
    return found


def test_an_author_page_shows_the_person_and_their_articles(site: Path) -> None:
    page = read(site, "authors/ada-analyst/")
    assert "<h1>Ada Analyst</h1>" in page
    assert '<p class="name-zh" lang="zh-Hans">艾达</p>' in page
    assert 'Senior analyst, <span class="affiliation">Test Institute</span>' in page
    assert "<em>every</em> plan" in page and "<script>alert" not in page
    assert '<a href="/sectors/">Sectors</a>' in page
    assert '<a href="https://ada.example.org/">Her site</a>' in page
    assert '<a href="mailto:ada@example.org">Email</a>' in page
    assert 'alt="Ada at her desk"' in page and "Photo: Test Institute" in page
    assert re.search(r'srcset="/authors/ada\.[0-9a-f]{8}-480\.webp 480w', page)
    assert (site / "authors" / "ada.png").is_file()
    assert list((site / "authors").glob("ada.*-640.png"))
    # Her articles, newest first: the July issue's first article (the second is a guest's),
    # then both September ones, which her issue there signs.
    titles = re.findall(r'class="entry-title" href="/([^"]+)"', page)
    assert titles == [
        f"{JULY}shanghai-ai/",
        f"{SEPTEMBER}materials-plan/",
        f"{SEPTEMBER}ai-captain/",
    ]
    assert "3 articles" in page
    assert page.count('class="author-issues"') == 1 and f'href="/{JULY}"' in page
    assert '<link rel="alternate" type="application/atom+xml" title="Ada Analyst (Atom)"' in page


def test_an_articles_own_authors_replace_its_issues(site: Path) -> None:
    guest = read(site, f"{JULY}more-ships/")
    meta = guest.split('<p class="meta">')[1].split("</p>")[0]
    assert '· By <a class="author" href="/authors/wang-xiaoming/">Wang Xiaoming</a>' in meta
    assert "Ada Analyst" not in meta
    other = read(site, f"{JULY}shanghai-ai/").split('<p class="meta">')[1].split("</p>")[0]
    assert 'By <a class="author" href="/authors/ada-analyst/">Ada Analyst</a>' in other
    issue = read(site, JULY)
    bylines = re.findall(r'<p class="byline">By (.*?)</p>', issue)
    assert bylines == ['<a class="author" href="/authors/wang-xiaoming/">Wang Xiaoming</a>']
    assert 'Authors: <a class="author" href="/authors/ada-analyst/">Ada Analyst</a>' in issue
    wang = read(site, "authors/wang-xiaoming/")
    assert re.findall(r'class="entry-title" href="/([^"]+)"', wang) == [f"{JULY}more-ships/"]
    assert 'class="author-issues"' not in wang  # he signed no issue
    ld = json.loads(guest.split('<script type="application/ld+json">')[1].split("</script>")[0])
    (person,) = ld["@graph"][0]["author"]
    assert person["url"] == "https://example.org/authors/wang-xiaoming/"
    assert person["alternateName"] == {"@language": "zh-Hans", "@value": "王小明"}
    citation = json.loads((site / JULY / "more-ships" / "cite.json").read_text())
    assert citation[0]["author"] == [{"family": "Wang", "given": "Xiaoming"}]
    articles = json.loads((site / "data" / "articles.json").read_text())["articles"]
    by_id = {article["id"]: article["authors"] for article in articles}
    assert by_id["2023-07-20-ai-rules/more-ships"] == [
        {
            "slug": "wang-xiaoming",
            "name": "Wang Xiaoming",
            "url": "https://example.org/authors/wang-xiaoming/",
        }
    ]
    assert [a["slug"] for a in by_id["2023-07-20-ai-rules/shanghai-ai"]] == ["ada-analyst"]


def test_bylines_link_to_authors_in_lists_and_the_email(site: Path) -> None:
    sector = read(site, "sectors/shipping/")
    assert '· By <a class="author" href="/authors/wang-xiaoming/">Wang Xiaoming</a></p>' in sector
    email = (site / JULY / "email.html").read_text()
    assert 'href="https://example.org/authors/ada-analyst/"' in email
    assert 'href="https://example.org/authors/wang-xiaoming/"' in email
    september = read(site, SEPTEMBER)
    assert (
        '<a class="author" href="/authors/ada-analyst/">Ada Analyst</a> and '
        '<a class="author" href="/authors/ben-writer/">Ben Writer</a>'
    ) in september
    assert '<li><a href="/authors/">Authors</a></li>' in september


def test_the_authors_index_feeds_and_sitemap(site: Path) -> None:
    index = read(site, "authors/")
    assert re.findall(r'<a href="/authors/([a-z-]+)/">', index) == [
        "ada-analyst",
        "ben-writer",
        "wang-xiaoming",
    ]
    assert (
        "2 articles" in index.split('<a href="/authors/ben-writer/">')[1] and "1 article<" in index
    )
    atom = feedparser.parse((site / "authors" / "ada-analyst" / "feed.xml").read_bytes())
    assert not atom.bozo and atom.feed.title == "Test Briefing: Ada Analyst"
    assert [entry.link for entry in atom.entries] == [
        f"https://example.org/{JULY}shanghai-ai/",
        f"https://example.org/{SEPTEMBER}materials-plan/",
        f"https://example.org/{SEPTEMBER}ai-captain/",
    ]
    assert atom.entries[0].author_detail.href == "https://example.org/authors/ada-analyst/"
    data = json.loads((site / "authors" / "wang-xiaoming" / "feed.json").read_text())
    assert data["items"][0]["authors"] == [
        {"name": "Wang Xiaoming", "url": "https://example.org/authors/wang-xiaoming/"}
    ]
    sitemap = (site / "sitemap.xml").read_text()
    for path in ("authors/", "authors/ada-analyst/", "authors/wang-xiaoming/"):
        assert f"<loc>https://example.org/{path}</loc>" in sitemap


def test_long_lists_of_articles_are_paginated(authored: Path, tmp_path: Path) -> None:
    folder = authored / "issues" / "2024-01-10-many"
    write(folder / "index.md", "---\ntitle: Many\ndate: 2024-01-10\nauthors: [ben-writer]\n---\n")
    for number in range(1, 32):
        write(
            folder / f"{number:02d}-item-{number}.md",
            f"---\ntitle: Item {number}\nsectors: [AI]\n---\nText.\n",
        )
    out = tmp_path / "site"
    build(authored, out, search=False)
    first, second = read(out, "authors/ben-writer/"), read(out, "authors/ben-writer/page/2/")
    assert "Articles by Ben Writer, page 1 of 2" in first
    assert first.count('class="entry-title"') == 30 and second.count('class="entry-title"') == 3
    assert '<a rel="next" href="/authors/ben-writer/page/2/">' in first
    assert '<a rel="prev" href="/authors/ben-writer/">' in second
    assert "Ben Writer (page 2)" in second
    assert second.count('class="bio') == 0


def test_editing_an_author_remakes_the_pages_that_show_them(authored: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(authored, out, search=False, cache=cache)
    yaml = authored / "authors.yaml"
    yaml.write_text(yaml.read_text().replace("role: Senior analyst", "role: Head of research"))
    build(authored, out, search=False, cache=cache)
    assert "Head of research" in read(out, "authors/ada-analyst/")
    assert '"jobTitle": "Head of research"' in read(out, f"{JULY}shanghai-ai/")
    yaml.write_text(yaml.read_text().replace("name: Ben Writer", "name: Ben Author"))
    build(authored, out, search=False, cache=cache)
    assert ">Ben Author</a>" in read(out, SEPTEMBER) and "Ben Writer" not in read(out, SEPTEMBER)


def test_a_site_without_authors_has_no_author_pages(content: Path, tmp_path: Path) -> None:
    (content / "authors.yaml").unlink()
    for index in (content / "issues").glob("*/index.md"):
        index.write_text(re.sub(r"authors: .*\n", "", index.read_text()))
    build(content, tmp_path / "site", search=False)
    assert not (tmp_path / "site" / "authors").exists()
    assert 'href="/authors/"' not in read(tmp_path / "site", SEPTEMBER)


def test_authors_are_named_by_slug_or_name_in_any_case(authored: Path, tmp_path: Path) -> None:
    index = authored / SEPTEMBER / "index.md"
    text = index.read_text().replace(
        "[Ada Analyst, Ben Writer]", "[ada analyst, BEN-WRITER, Ada-Analyst]"
    )
    index.write_text(text)
    build(authored, tmp_path / "site", search=False)
    meta = read(tmp_path / "site", SEPTEMBER).split('<p class="meta">')[1].split("</p>")[0]
    assert meta.count('class="author"') == 2  # Ada once, however often she is named


def test_unknown_authors_are_errors_with_a_suggestion(authored: Path, tmp_path: Path) -> None:
    index = authored / SEPTEMBER / "index.md"
    index.write_text(
        index.read_text().replace("[Ada Analyst, Ben Writer]", "[Ada Analist, Zoe Newcomer]")
    )
    article = authored / JULY / "01-shanghai-ai.md"
    article.write_text(
        article.read_text().replace(
            "sectors: [AI]\n", "sectors: [AI]\nauthors:\n  - Wang Xiaomin\n"
        )
    )
    declare = "'- {slug: zoe-newcomer, name: \"Zoe Newcomer\"}'"
    assert problems(authored, tmp_path) == [
        f"{SEPTEMBER}index.md:4: authors: unknown author 'Ada Analist': did you mean "
        "'Ada Analyst'? (see content/authors.yaml)",
        f"{SEPTEMBER}index.md:4: authors: unknown author 'Zoe Newcomer': declare them in "
        f"content/authors.yaml with the line {declare}",
        f"{JULY}01-shanghai-ai.md:5: authors: unknown author 'Wang Xiaomin': did you mean "
        "'Wang Xiaoming'? (see content/authors.yaml)",
    ]


def test_an_author_without_authors_yaml_says_how_to_declare_one(
    content: Path, tmp_path: Path
) -> None:
    (content / "authors.yaml").unlink()
    assert problems(content, tmp_path) == [
        f"{SEPTEMBER}index.md:4: authors: unknown author '{name}': authors are declared in "
        "content/authors.yaml, which this site does not have yet: create it with the line "
        f"'- {{slug: {slug}, name: \"{name}\"}}'"
        for name, slug in (("Ada Analyst", "ada-analyst"), ("Ben Writer", "ben-writer"))
    ]


BAD_AUTHORS = """\
- slug: ada-analyst
  name: Ada Analyst
- slug: hal
  name: Hal
  role_zh: 分析师
- slug: ben-writer
- slug: ada-analyst
  name: Ada Again
- slug: Ben_Writer
  name: Ben Writer
- slug: ada-twin
  name: ada analyst
- slug: cat
  name: Cat
  cite_as: Cat Smith
  links:
    - {title: Mine, url: "javascript:alert(1)"}
    - {title: Nothing}
- slug: dan
  name: Dan
  bio: "A [link](javascript:alert(1)) in the bio."
- slug: eve
  name: Eve
  photo: eve.jpg
- slug: fay
  name: Fay
  photo: {src: ../site.yaml, alt: Fay}
- slug: gus
  name: Gus
  photo: {src: gus.jpg, alt: Gus}
"""


def test_bad_author_declarations_are_named_at_their_lines(content: Path, tmp_path: Path) -> None:
    write(content / "authors.yaml", BAD_AUTHORS)
    write(content / "authors" / "gus.jpg", "not a picture")
    found = [line for line in problems(content, tmp_path) if line.startswith("authors.yaml")]
    assert found == [
        "authors.yaml:5: unknown key 'role_zh': did you mean 'role'?",
        "authors.yaml:6: this author is missing the required key 'name'",
        "authors.yaml:7: slug 'ada-analyst' is declared twice: keep one",
        "authors.yaml:9: slug 'Ben_Writer' must be lowercase ASCII words joined by hyphens",
        "authors.yaml:11: 'ada analyst' names both 'ada-analyst' (line 1) and "
        "'ada-twin': give each author a name of their own",
        "authors.yaml:15: cite_as: 'Cat Smith' is not 'Family, Given': write it as e.g. "
        "'Wang, Xiaoming'",
        "authors.yaml:17: url: 'javascript:alert(1)' is not an absolute http:// or "
        "https:// URL or a mailto: address",
        "authors.yaml:18: this link is missing the required key 'url'",
        "authors.yaml:21: bio: link to 'javascript:alert(1)' refused: only http, https, "
        "mailto and site links are allowed",
        "authors.yaml:24: photo: no file 'eve.jpg' in content/authors/: put the photo there",
        "authors.yaml:27: photo: '../site.yaml' is not a file name of letters, digits, '.', "
        "'-' and '_' in content/authors/: rename the file or give its name",
        "authors.yaml:30: photo: 'gus.jpg' is not an image: use a JPEG, PNG, WebP, GIF or SVG file",
    ]


def test_authors_yaml_must_be_a_list(content: Path, tmp_path: Path) -> None:
    write(content / "authors.yaml", "ada-analyst: Ada Analyst\n")
    found = [line for line in problems(content, tmp_path) if line.startswith("authors.yaml")]
    assert found == ["authors.yaml:1: must be a list of authors (each starts with '- slug:')"]


def test_the_german_edition_has_pages_for_its_own_authors_only(sample: Path) -> None:
    """An author page in German shows the bio marked as written in English, and authors
    who signed nothing in German get no German page (it would say they wrote nothing)."""
    german = (sample / "de" / "authors" / "lena-hartmann" / "index.html").read_text("utf-8")
    assert '<div class="bio prose" lang="en">' in german
    assert "Autorinnen und Autoren" in german
    english = (sample / "authors" / "lena-hartmann" / "index.html").read_text("utf-8")
    assert '<div class="bio prose">' in english
    assert (sample / "authors" / "clara-ostrowski" / "index.html").is_file()
    signed_in_german = {p.parent.name for p in (sample / "de" / "authors").glob("*/index.html")}
    assert signed_in_german and "clara-ostrowski" not in signed_in_german
