"""Units of routing in the preview: an issue, a term or a document whose inputs are the same
as in the last rebuild is not routed again, its files reused by their fingerprints, and
whatever the preview skips, it serves the bytes of a clean build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import clean, recorded, resident_preview, served, write
from test_languages import ISSUE, UNTRANSLATED_ISSUE, bilingual_content

import briefing.render.document_routes as document_routes
import briefing.render.routes as routes
from briefing.cli.serve import Preview
from briefing.folders import BUNDLED_TEMPLATES
from briefing.outputs import REUSED
from briefing.render.outputs import Outputs
from briefing.render.units import Planned

LATER = "issues/2023-07-20-ai-rules/"
ARTICLE = f"{LATER}01-shanghai-ai.md"
FRESH = "issues/2024-01-01-fresh/index.md"


@pytest.fixture
def routed(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """What each rebuild routes from here on, by kind: issue, document and term paths."""
    seen: dict[str, list[str]] = {"issue": [], "document": [], "term": []}

    def counting(kind, module, name, path):
        route = getattr(module, name)

        def counted(r, unit, *inputs):
            seen[kind].append(path(unit))
            return route(r, unit, *inputs)

        monkeypatch.setattr(module, name, counted)

    counting("issue", routes, "route_issue", lambda issue: issue.path)
    counting("document", document_routes, "route_document", lambda record: record.path)
    counting("term", routes, "route_term", lambda page: page.term.path)
    return seen


def save(preview: Preview, *paths: Path) -> None:
    assert preview.rebuild(frozenset(os.path.abspath(path) for path in paths))
    assert not preview.outcome.problems, preview.outcome.problems


def test_an_edit_routes_only_the_units_it_changes(
    content: Path, preview: Preview, routed: dict[str, list[str]]
) -> None:
    # An issue none of whose articles shows the edited one: those of the 2022 issue do,
    # in their lists of other coverage.
    save(preview, write(content / FRESH, "---\ntitle: Fresh\ndate: 2024-01-01\n---\n"))
    made = recorded(preview)
    routed["issue"].clear(), routed["document"].clear(), routed["term"].clear()
    article = content / ARTICLE
    article.write_text(article.read_text().replace("A provincial-level first.", "A first."))
    save(preview, article)
    site = made[-1].site
    assert sorted(routed["issue"]) == ["issues/2022-09-29-materials-shipping/", LATER]
    edited = next(issue for issue in site.issues if issue.path == LATER)
    named = {doc.id for a in edited.articles for doc in a.documents}
    changed = {record.path for record in site.documents if record.id in named}
    assert routed["document"] and set(routed["document"]) == changed
    assert len(changed) < len(site.documents)
    showing = {
        page.term.path
        for page in (*site.sectors, *site.bodies)
        if any(entry.issue.path == LATER for entry in page.entries)
    }
    assert routed["term"] and set(routed["term"]) == showing
    assert len(showing) < len(site.sectors) + len(site.bodies)
    assert served(preview) == clean(content, preview.templates)


def test_a_save_that_changes_no_input_routes_no_unit(
    content: Path, preview: Preview, routed: dict[str, list[str]]
) -> None:
    assert preview.rebuild(frozenset()) is False
    assert routed == {"issue": [], "document": [], "term": []}
    assert served(preview) == clean(content, preview.templates)


def test_a_new_page_routes_every_unit_again(
    content: Path, preview: Preview, routed: dict[str, list[str]]
) -> None:
    # Every page links its translations, found from the site's set of pages: replayed
    # pages would link those of the last rebuild.
    save(preview, write(content / FRESH, "---\ntitle: Fresh\ndate: 2024-01-01\n---\n"))
    routed["issue"].clear()
    save(preview, write(content / LATER / "03-new.md", "---\ntitle: New\nsectors: [ai]\n---\nX\n"))
    assert FRESH.removesuffix("index.md") in routed["issue"]  # its inputs are the same
    assert served(preview) == clean(content, preview.templates)


def test_a_template_edit_routes_every_unit_again(
    content: Path, preview: Preview, routed: dict[str, list[str]]
) -> None:
    base = content.parent / "templates" / "base.html"
    base.write_text(base.read_text().replace("</footer>", "<p>Edited</p></footer>"))
    save(preview, base)
    assert len(routed["issue"]) == 2 and routed["document"] and routed["term"]
    assert served(preview) == clean(content, preview.templates)


def test_after_a_failed_save_units_are_routed_again_where_their_files_differ(
    content: Path, preview: Preview, routed: dict[str, list[str]]
) -> None:
    template = content.parent / "templates" / "base.html"
    good = template.read_text()
    template.write_text(good.replace("</footer>", "{{ 1 / 0 }}</footer>"))
    assert preview.rebuild(frozenset({os.path.abspath(template)}))
    assert preview.outcome.problems
    template.write_text(good)
    save(preview, template)
    assert served(preview) == clean(content, preview.templates)


@pytest.mark.parametrize("edit", ["translation", "original", "new translation", "delete"])
def test_a_bilingual_preview_equals_a_clean_build(tmp_path: Path, edit: str) -> None:
    content = bilingual_content(tmp_path)
    shutil.copytree(BUNDLED_TEMPLATES, tmp_path / "templates")
    preview = resident_preview(content, tmp_path)
    translation = content / ISSUE / "01-materials-plan.de.md"
    original = content / ISSUE / "01-materials-plan.md"
    if edit == "translation":
        translation.write_text(translation.read_text("utf-8").replace("Vier", "Fünf"), "utf-8")
        touched = [translation]
    elif edit == "original":
        original.write_text(original.read_text("utf-8") + "\nOne more line.\n", "utf-8")
        touched = [original]
    elif edit == "new translation":
        index = write(content / UNTRANSLATED_ISSUE / "index.de.md", "---\ntitle: KI-Regeln\n---\n")
        touched = [index]
    else:
        translation.unlink()
        touched = [translation]
    save(preview, *touched)
    assert served(preview) == clean(content, preview.templates)


def replaying(previous: dict[str, str]) -> tuple[Planned, SimpleNamespace]:
    """A unit's plan of a page and a copied file, and the renderer's parts it replays into
    (an edition's, under de/)."""
    planned = Planned(
        ["de/a/index.html"], ["fp-a"], ["a.md"], [("de/a/x.svg", Path("x.svg"), "x")], {"a/": True}
    )
    into = SimpleNamespace(out=Outputs("de/"), previous=previous, fingerprints={}, page_paths={})
    return planned, into


def test_a_unit_is_replayed_as_it_planned_its_files() -> None:
    planned, into = replaying({"de/a/index.html": "fp-a"})
    assert planned.replay(into) is True
    assert into.out.files == {"de/a/index.html": REUSED, "de/a/x.svg": Path("x.svg")}
    assert into.out.origins == {"de/a/index.html": "a.md", "de/a/x.svg": "x"}
    assert into.fingerprints == {"de/a/index.html": "fp-a"} and into.page_paths == {"a/": True}


@pytest.mark.parametrize("previous", [{}, {"de/a/index.html": "another"}, {"a/index.html": "fp-a"}])
def test_a_unit_whose_files_the_last_good_build_wrote_otherwise_is_not_replayed(
    previous: dict[str, str],
) -> None:
    planned, into = replaying(previous)
    assert planned.replay(into) is False
    assert into.out.files == {} and into.fingerprints == {} and into.page_paths == {}


def test_a_replayed_file_that_another_unit_writes_too_is_a_problem() -> None:
    planned, into = replaying({"de/a/index.html": "fp-a"})
    into.out.add("a/x.svg", Path("y.svg"), "y")
    assert planned.replay(into) is True
    assert into.out.files["de/a/x.svg"] == Path("y.svg")
    assert [problem.message for problem in into.out.problems] == [
        "writes /de/a/x.svg, which y writes too: rename one"
    ]


def test_the_sitemap_is_made_again_only_when_the_sites_pages_change(
    content: Path, preview: Preview
) -> None:
    made = recorded(preview)
    article = content / ARTICLE
    article.write_text(article.read_text().replace("A provincial-level first.", "A first."))
    save(preview, article)
    article.write_text(article.read_text().replace("A first.", "The first."))
    save(preview, article)
    assert made[1].files["sitemap.xml"] is made[0].files["sitemap.xml"]
    save(preview, write(content / LATER / "03-new.md", "---\ntitle: New\nsectors: [ai]\n---\nX\n"))
    assert b"ai-rules/new/" not in made[1].files["sitemap.xml"]
    assert b"ai-rules/new/" in made[2].files["sitemap.xml"]
    assert served(preview) == clean(content, preview.templates)
