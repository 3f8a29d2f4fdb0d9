"""Reporter golden files: the exact output of each format over tests/golden/input.

Regenerate after an intended change with:  UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from checker.reports import FORMATS

from .clihelp import ROOT, run

GOLDEN = Path(__file__).parent / "golden"
# the golden file's suffix per format; the HTML page is tested in tests/test_html_report.py
GOLDEN_SUFFIX = {
    "terminal": "txt",
    "json": "json",
    "sarif": "sarif",
    "github": "txt",
    "markdown": "md",
    "concise": "txt",
}


def test_every_format_but_html_has_a_golden_file() -> None:
    assert set(GOLDEN_SUFFIX) == set(FORMATS) - {"html"}


@pytest.mark.parametrize("fmt", sorted(GOLDEN_SUFFIX))
def test_reporter_output_matches_golden(fmt: str) -> None:
    res = run(
        "check",
        "--format",
        fmt,
        "--today",
        "2026-01-01",
        "--select",
        "markdown,text",
        "--show-suppressed",
        "tests/golden/input",
        cwd=ROOT,
    )
    assert res.code == 1, res.err
    out = re.sub(r'"elapsed_s": [0-9.e-]+', '"elapsed_s": 0', res.out)
    out = re.sub(r'"(semanticVersion|version)": "\d+\.\d+\.\d+[^"]*"', r'"\1": "X"', out)
    golden = GOLDEN / f"{fmt}.{GOLDEN_SUFFIX[fmt]}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run with UPDATE_GOLDEN=1"
    assert out == golden.read_text(encoding="utf-8")


def test_the_problem_matcher_reads_every_concise_line() -> None:
    """docs/checker-problem-matcher.json turns `--format concise` lines into annotations."""
    import json
    import re

    matcher = json.loads((Path(__file__).parent.parent / "docs" / "checker-problem-matcher.json").read_text())
    pattern = matcher["problemMatcher"][0]["pattern"][0]
    rx = re.compile(pattern["regexp"])
    lines = (GOLDEN / "concise.txt").read_text(encoding="utf-8").splitlines()
    assert lines
    for line in lines:
        m = rx.match(line)
        assert m, line
        assert m.group(pattern["severity"]) in ("error", "warning", "info")
        assert m.group(pattern["file"]).startswith("tests/golden/input/")
