"""Vocabularies: resolving every spelling of a term, and suggestions for unknown ones."""

from __future__ import annotations

from pathlib import Path

from briefing.read.taxonomy import BODIES, SECTORS, load_vocabulary

MINIMAL = Path(__file__).parent / "sites" / "minimal" / "content"


def test_bodies_resolve_by_slug_name_full_name_chinese_name_and_alias() -> None:
    bodies, problems = load_vocabulary(MINIMAL, BODIES)
    assert problems == []
    for spelling in (
        "miit",
        "MIIT",
        "Miit",
        "ministry of industry and information technology",
        "工业和信息化部",
        "Ministry of Industry and IT",
        "  MIIT  ",
    ):
        term = bodies.resolve(spelling)
        assert term is not None and term.slug == "miit", spelling
    assert bodies.resolve("Shanghai Municipal People’s Congress").slug == "shanghai-congress"
    assert bodies.resolve("MITT") is None


def test_unknown_term_suggests_the_closest_with_full_names() -> None:
    bodies, _ = load_vocabulary(MINIMAL, BODIES)
    assert bodies.unknown("SASA") == (
        "unknown issuing body 'SASA': did you mean 'SASAC' (State-owned Assets Supervision "
        "and Administration Commission of the State Council)? "
        "(see content/taxonomies/issuing-bodies.yaml)"
    )


def test_term_urls_and_names() -> None:
    sectors, _ = load_vocabulary(MINIMAL, SECTORS)
    term = sectors.resolve("ai")
    assert term.path == "sectors/artificial-intelligence/"
    assert term.full_name == term.name and not term.abbreviated


def test_missing_taxonomy_file_is_a_problem(tmp_path: Path) -> None:
    vocabulary, problems = load_vocabulary(tmp_path, SECTORS)
    assert vocabulary.terms == ()
    assert [p.message for p in problems] == ["missing: declare the sectors here"]


def test_taxonomy_must_be_a_list(tmp_path: Path) -> None:
    (tmp_path / "taxonomies").mkdir()
    (tmp_path / "taxonomies" / "sectors.yaml").write_text("slug: a\nname: A\n")
    _, problems = load_vocabulary(tmp_path, SECTORS)
    assert [str(p).split("sectors.yaml")[1] for p in problems] == [
        ":1: must be a list of sectors (each item starts with '- ')"
    ]
