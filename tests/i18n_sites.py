"""A small content folder written in German or Chinese, for the interface language tests.

Its content is in the site's language throughout, so any English left on a built page is
interface text that was not translated.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

# The build's day: the draft is open for comment, the measures are not yet in force.
NOW = dt.datetime(2022, 10, 20, 12, 0, tzinfo=dt.UTC)
FIRST = "2022-09-14-werkstoffe-schifffahrt"
SECOND = "2022-10-12-schifffahrt"
PLAN = "miit-werkstoffe-plan-2022"
DRAFT = "miit-werkstoffe-entwurf-2022"

WORDS = {
    "de": {
        "title": "China-Industriebriefing",
        "description": "Monatliche Analyse der chinesischen Industriepolitik.",
        "series": "China-Industrien",
        "publisher": "Institut für chinesische Industriepolitik",
        "materials": "Grundstoffe",
        "shipping": "Schifffahrt",
        "miit": "Ministerium für Industrie und Informationstechnologie",
        "issue1": "Werkstoffe + Schifffahrt",
        "issue2": "Schifffahrt im Wandel",
        "summary": "Peking will bessere Grundstoffe.",
        "plan": "Plan für hochwertige Grundstoffe",
        "draft": "Entwurf des Plans für Grundstoffe",
        "article1": "Grundstoffe: Qualität statt Menge",
        "article2": "Autonome Schiffe",
        "article3": "Der Plan tritt in Kraft",
        "body": "Das Ministerium legt einen Plan vor.",
        "section": "Politiknachrichten",
        "item": "Der Staatsrat beschließt neue Leitlinien.",
        "source": "Xinhua-Meldung",
        "page": "Impressum",
        "page_body": "Verantwortlich ist das Institut.",
        "relation": "Endfassung von",
        "author": "Lena Hartmann",
        "measures": "Maßnahmen",
        "for_comment": "Entwurf zur Stellungnahme",
    },
    "zh-Hans": {
        "title": "中国产业简报",
        "description": "每月分析中国产业政策。",
        "series": "中国产业",
        "publisher": "中国产业政策研究所",
        "materials": "原材料",
        "shipping": "航运",
        "miit": "工业和信息化部",
        "issue1": "原材料与航运",
        "issue2": "航运新动向",
        "summary": "北京希望提升原材料质量。",
        "plan": "原材料工业高质量发展方案",
        "draft": "原材料工业方案征求意见稿",
        "article1": "原材料：重质不重量",
        "article2": "无人驾驶船舶",
        "article3": "方案正式施行",
        "body": "工信部发布了一项方案。",
        "section": "政策要闻",
        "item": "国务院通过新的指导意见。",
        "source": "新华社报道",
        "page": "关于我们",
        "page_body": "本简报由研究所编辑。",
        "relation": "正式版本",
        "author": "王丽",
        "measures": "办法",
        "for_comment": "征求意见稿",
    },
}


def q(text: str) -> str:
    """A YAML string: JSON's quoting is YAML's too."""
    return json.dumps(text, ensure_ascii=False)


def write(path: Path, text: str) -> None:
    """Write a content file, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def make_content(root: Path, language: str) -> Path:
    """The content folder of a two-issue site in `language` ("de" or "zh-Hans")."""
    w = WORDS[language]
    content = root / "content"
    write(
        content / "site.yaml",
        f"title: {q(w['title'])}\ndescription: {q(w['description'])}\n"
        f"base_url: https://example.org/\nlanguage: {language}\nseries: {q(w['series'])}\n"
        "email:\n  from: Briefing <news@example.org>\n"
        "  unsubscribe: https://example.org/abbestellen\n"
        f"brand:\n  publisher: {q(w['publisher'])}\n",
    )
    write(
        content / "taxonomies" / "sectors.yaml",
        f"- slug: werkstoffe\n  name: {q(w['materials'])}\n"
        f"- slug: schifffahrt\n  name: {q(w['shipping'])}\n",
    )
    write(
        content / "taxonomies" / "issuing-bodies.yaml",
        f"- slug: miit\n  name: MIIT\n  full_name: {q(w['miit'])}\n  name_zh: 工业和信息化部\n"
        "  level: central\n",
    )
    write(
        content / "taxonomies" / "document-types.yaml",
        f"- slug: measures\n  name: {q(w['measures'])}\n  name_zh: [办法]\n"
        f"- slug: draft-for-comment\n  name: {q(w['for_comment'])}\n  name_zh: [征求意见稿]\n"
        "  group: draft\n",
    )
    write(
        content / "authors.yaml",
        f"- slug: author\n  name: {q(w['author'])}\n  role: {q(w['series'])}\n",
    )
    first = content / "issues" / FIRST
    write(
        first / "index.md",
        f"---\ntitle: {q(w['issue1'])}\ndate: 2022-09-14\nauthors: [{q(w['author'])}]\n"
        f"summary: {q(w['summary'])}\nnoteworthy:\n  - section: {q(w['section'])}\n"
        f"    date: 2022-09-13\n    text: {q(w['item'])}\n"
        f"    source: {{title: {q(w['source'])}, url: 'https://example.org/x'}}\n"
        "    issuing_bodies: [MIIT]\n    sectors: [werkstoffe]\n"
        "    documents: [" + PLAN + "]\n---\n",
    )
    write(
        first / "01-plan.md",
        f"---\ntitle: {q(w['article1'])}\nsectors: [werkstoffe]\ndocuments:\n"
        f"  - id: {PLAN}\n    title: {q(w['plan'])}\n    title_zh: 原材料工业高质量发展方案\n"
        "    issuing_bodies: [MIIT]\n    type: measures\n    number: 工信部联原〔2022〕118号\n"
        "    issued: 2022-09-01\n    effective: 2022-11-01\n    expires: 2025-12-31\n"
        f"    follows: {DRAFT}\n    relation: {q(w['relation'])}\n"
        f"  - id: {DRAFT}\n    title: {q(w['draft'])}\n    issuing_bodies: [MIIT]\n"
        "    type: draft-for-comment\n    published: 2022-08-01\n"
        f"    comment_until: 2022-11-30\n---\n{q(w['body'])}\n",
    )
    write(
        first / "02-schiffe.md",
        f"---\ntitle: {q(w['article2'])}\nsectors: [schifffahrt, werkstoffe]\n"
        f"issuing_bodies: [MIIT]\n---\n{q(w['body'])}\n",
    )
    write(
        content / "issues" / SECOND / "index.md",
        f"---\ntitle: {q(w['issue2'])}\ndate: 2022-10-12\n---\n",
    )
    write(
        content / "issues" / SECOND / "01-plan.md",
        f"---\ntitle: {q(w['article3'])}\nsectors: [werkstoffe]\ndocuments:\n"
        f"  - id: {PLAN}\n    title: {q(w['plan'])}\n---\n{q(w['body'])}\n",
    )
    write(
        content / "pages" / "impressum.md",
        f"---\ntitle: {q(w['page'])}\n---\n{q(w['page_body'])}\n",
    )
    return content


# Every kind of page the site has, by its path in the output folder.
PAGES = {
    "home": "index.html",
    "issue": f"issues/{FIRST}/index.html",
    "article": f"issues/{FIRST}/plan/index.html",
    "later article": f"issues/{SECOND}/plan/index.html",
    "document": f"documents/{PLAN}/index.html",
    "draft document": f"documents/{DRAFT}/index.html",
    "documents index": "documents/index.html",
    "term": "sectors/werkstoffe/index.html",
    "body": "bodies/miit/index.html",
    "sectors index": "sectors/index.html",
    "bodies index": "bodies/index.html",
    "archive": "archive/index.html",
    "calendar": "calendar/index.html",
    "search": "search/index.html",
    "404": "404.html",
    "author": "authors/author/index.html",
    "authors index": "authors/index.html",
    "author feed": "authors/author/feed.xml",
    "free page": "impressum/index.html",
    "email": f"issues/{FIRST}/email.html",
    "plain-text email": f"issues/{FIRST}/email.txt",
    "site feed": "feed.xml",
    "term feed": "sectors/werkstoffe/feed.xml",
    "document feed": f"documents/{PLAN}/feed.xml",
    "JSON feed": f"documents/{PLAN}/feed.json",
    "calendar feed": "calendar.ics",
    "term calendar feed": "bodies/miit/calendar.ics",
}
