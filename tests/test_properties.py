"""Property tests: loading, slugging and term resolution never fail with a stray exception."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.read.taxonomy import BODIES, load_vocabulary
from briefing.read.text import Invalid, Node, load_markdown, parse_yaml
from briefing.slugs import article_slug, slug

MINIMAL = Path(__file__).parent / "sites" / "minimal" / "content"
BODIES_VOCABULARY, _ = load_vocabulary(MINIMAL, BODIES)
YAML_ALPHABET = st.sampled_from(list("ab: -[]{}'\"\n\t#&*!|>%@`,?~0123456789.\\中\u2028\x00"))


def nodes_are_well_formed(node: Node) -> bool:
    if isinstance(node.value, dict):
        return all(isinstance(k, str) and nodes_are_well_formed(v) for k, v in node.value.items())
    if isinstance(node.value, list):
        return all(nodes_are_well_formed(item) for item in node.value)
    return node.value is None or isinstance(node.value, str)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), st.text(YAML_ALPHABET, max_size=80)))
def test_parse_yaml_gives_nodes_or_our_error(text: str) -> None:
    try:
        node = parse_yaml(text, Path("f.yaml"), first_line=1)
    except Invalid as error:
        assert error.problem.path == Path("f.yaml")
        assert error.problem.line is None or error.problem.line >= 1
        return
    assert nodes_are_well_formed(node)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_load_markdown_gives_a_source_or_our_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"---\n" + data)
    try:
        source = load_markdown(path)
    except Invalid as error:
        assert error.problem.path == path
        return
    assert isinstance(source.meta.value, dict)


@given(st.text())
def test_slugs_are_safe_ascii_and_stable(text: str) -> None:
    result = slug(text)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", result), result
    assert result == slug(text)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", article_slug(text))


@given(st.text())
def test_term_resolution_gives_a_term_or_a_message(name: str) -> None:
    term = BODIES_VOCABULARY.resolve(name)
    if term is None:
        message = BODIES_VOCABULARY.unknown(name)
        assert message.startswith(f"unknown issuing body '{name}'")
    else:
        assert term.taxonomy == "bodies"
