"""The bundled sample briefings build cleanly and hold what the reference issue holds."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import broken_links, read

REFERENCE = "issues/2022-09-29-basic-materials-sme-clusters-autonomous-shipping/"


def test_sample_has_no_broken_links(sample: Path) -> None:
    assert broken_links(sample, "/") == []


def test_reference_issue_has_all_its_items(sample: Path) -> None:
    html = read(sample, REFERENCE)
    assert "Basic materials + SME clusters + autonomous shipping" in html
    assert len(re.findall(r'<li id="top-\d+"', html)) == 5
    assert len(re.findall(r'<li id="noteworthy-policy-\d+"', html)) == 8
    assert len(re.findall(r'<li id="noteworthy-corporate-\d+"', html)) == 6
    assert '<span class="caption">Alternative basic materials</span>' in html


def test_tag_pages_overlap_across_issues(sample: Path) -> None:
    for page in ("bodies/miit/", "bodies/cac/", "sectors/artificial-intelligence/"):
        issues = set(re.findall(r'href="/(issues/[^/"#]+/)#', read(sample, page)))
        assert len(issues) >= 2, page
