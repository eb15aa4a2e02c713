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


def test_names_resolve_in_slug_form_too() -> None:
    sectors, problems = load_vocabulary(Path(__file__).parent.parent / "content", SECTORS)
    assert problems == []
    # The alias "Rare earths", written as a slug, as editors who copy URLs do.
    for spelling in ("rare-earths", "Rare-Earths", "rare_earths", "critical-raw-materials"):
        assert sectors.resolve(spelling).slug == "critical-minerals", spelling
    assert sectors.resolve("rare-earth") is None


def test_two_names_alike_in_slug_form_are_a_problem_at_the_vocabulary(tmp_path: Path) -> None:
    (tmp_path / "taxonomies").mkdir()
    (tmp_path / "taxonomies" / "sectors.yaml").write_text(
        "- slug: critical-minerals\n  name: Critical minerals\n  aliases: [Rare earths]\n"
        "- slug: rare-earth-magnets\n  name: Magnets\n  aliases: [Rare-earths, Chips]\n"
        "- slug: semiconductors\n  name: Semiconductors\n  aliases: [chips]\n",
        encoding="utf-8",
    )
    _, problems = load_vocabulary(tmp_path, SECTORS)
    assert [f"{p.line}: {p.message}" for p in problems] == [
        "4: 'Rare earths' and 'Rare-earths' are both 'rare-earths' in slug form, which names "
        "both 'critical-minerals' (line 1) and 'rare-earth-magnets'; each name or alias may "
        "belong to one term only",
        "7: 'chips' names both 'rare-earth-magnets' (line 4) and 'semiconductors'; each name "
        "or alias may belong to one term only",
    ]
