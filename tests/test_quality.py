"""Quality bars measured on the built sample site: valid HTML, light assets, clean feeds."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest

CSS_BUDGET = 21 * 1024  # one stylesheet for every page, authors and languages included


# The current Nu HTML Checker from npm (package.json pins it; `make test` installs it).
# Today's checker turns some warnings of older ones into errors (aria-label on <pre>).
VNU_JAR = Path(__file__).parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_errors(site: Path) -> tuple[list[str], list[str]]:
    """The Nu HTML Checker's errors on every HTML page of a site, and the pages checked."""
    if shutil.which("java") is None:
        pytest.skip("the Nu HTML Checker needs Java")
    if not VNU_JAR.is_file():
        pytest.skip("no node_modules/vnu-jar: `make test` installs it (npm ci)")
    pages = sorted(str(p) for p in site.rglob("*.html") if "pagefind" not in p.parts)
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages]
    return errors, pages


def test_every_page_is_valid_html(sample: Path) -> None:
    errors, pages = nu_errors(sample)
    assert errors == []
    assert len(pages) > 40
    assert (
        sum(page.endswith("/email.html") for page in pages) == 4
    )  # the newsletter too (en: 3, de: 1)


def test_hostile_content_still_makes_valid_html(hostile: Path) -> None:
    errors, pages = nu_errors(hostile)
    assert errors == []
    assert any(page.endswith("/2024-06-01-hostile/email.html") for page in pages)


def test_the_checker_is_the_current_one() -> None:
    # An older checker only warns where today's reports errors: pin the one CI runs.
    if shutil.which("java") is None or not VNU_JAR.is_file():
        pytest.skip("the Nu HTML Checker needs Java and node_modules/vnu-jar (make test)")
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--version"], capture_output=True, text=True, check=True
    )
    assert int(result.stdout.split(".")[0]) >= 26


def test_css_is_small(sample: Path) -> None:
    (css,) = (sample / "static").glob("style.*.css")
    assert css.stat().st_size < CSS_BUDGET


def test_pages_load_nothing_from_other_hosts(sample: Path) -> None:
    # Links may point anywhere; what a browser fetches by itself must come from the site.
    fetched = re.compile(r'<(?:script|img|link|source|iframe)\b[^>]*?\b(?:src|href)="([^"]+)"')
    for page in sample.rglob("*.html"):
        if "pagefind" in page.parts:
            continue
        for url in fetched.findall(page.read_text(encoding="utf-8")):
            assert url.startswith(("/", "data:", "https://briefing.example.org/")), (page, url)


def test_every_page_has_parseable_structured_data(sample: Path) -> None:
    for page in sample.rglob("index.html"):
        if "pagefind" in page.parts:
            continue
        html = page.read_text(encoding="utf-8")
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            assert json.loads(block)["@context"] == "https://schema.org"


def test_every_feed_reads_cleanly(sample: Path) -> None:
    atom = sorted(sample.rglob("feed.xml"))
    assert len(atom) > 20
    for path in atom:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        assert parsed.entries, path
        for entry in parsed.entries:
            assert entry.link.startswith("https://briefing.example.org/")
            assert entry.content[0].value
    for path in sorted(sample.rglob("feed.json")):
        feed = json.loads(path.read_text(encoding="utf-8"))
        assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["title"]
        assert all(item["id"] and item["content_html"] for item in feed["items"])


SCHEMAS = Path(__file__).parent / "schemas"
ATOM = {"atom": "http://www.w3.org/2005/Atom"}
SCHEMATRON = {"s": "http://www.ascc.net/xml/schematron"}


def atom_problems(feed: bytes) -> list[str]:
    """What RFC 4287's RELAX NG schema (Appendix B) and its Schematron rules find wrong."""
    from lxml import etree

    schema_doc = etree.parse(str(SCHEMAS / "atom.rng"))
    schema = etree.RelaxNG(schema_doc)
    doc = etree.fromstring(feed)
    problems = [] if schema.validate(doc) else [str(e) for e in schema.error_log]
    # RELAX NG ignores the appendix's Schematron rules; their tests are plain XPath.
    for rule in schema_doc.iterfind(".//s:rule", SCHEMATRON):
        for context in doc.xpath(f"//{rule.get('context')}", namespaces=ATOM):
            for check in rule.iterfind("s:assert", SCHEMATRON):
                if not context.xpath(f"boolean({check.get('test')})", namespaces=ATOM):
                    problems.append(check.text)
    return problems


@pytest.mark.parametrize("which", ["sample", "hostile"])
def test_every_feed_is_valid_by_rfc_4287s_schema(which: str, request) -> None:
    site = request.getfixturevalue(which)
    feeds = sorted(site.rglob("feed.xml"))
    assert len(feeds) > 5
    assert {str(path.relative_to(site)): atom_problems(path.read_bytes()) for path in feeds} == {
        str(path.relative_to(site)): [] for path in feeds
    }


def test_the_atom_schema_refuses_what_rfc_4287_refuses() -> None:
    head = '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
    entry = "<entry><id>urn:e</id><title>E</title><updated>2024-01-01T00:00:00Z</updated>"
    no_id = f"{head}<updated>2024-01-01T00:00:00Z</updated></feed>"
    assert atom_problems(no_id.encode())  # atom:id is required
    bare_date = f"{head}<id>urn:f</id><updated>2024-01-01</updated></feed>"
    assert atom_problems(bare_date.encode())  # a date-time, not a date
    nobody = f"{head}<id>urn:f</id><updated>2024-01-01T00:00:00Z</updated>{entry}</entry></feed>"
    assert atom_problems(nobody.encode()) == [
        "An atom:feed must have an atom:author unless all of its atom:entry children have an "
        "atom:author.",
        "An atom:entry must have at least one atom:link element with a rel attribute of "
        "'alternate' or an atom:content.",
        "An atom:entry must have an atom:author if its feed does not.",
    ]


def test_site_feed_has_one_entry_per_issue(sample: Path) -> None:
    parsed = feedparser.parse((sample / "feed.xml").read_bytes())
    issues = [p for p in (sample / "issues").iterdir() if p.is_dir()]
    assert len(parsed.entries) == len(issues)
