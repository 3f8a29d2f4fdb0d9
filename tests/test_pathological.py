"""Small versions of every hostile shape of benchmarks/pathological.py (issue 17): one run over
all of them ends without a crash, and every finding points at text that is there.

Timing is the benchmark's job (CPU seconds at N, 2N, 4N); this test keeps each shape working.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from .clihelp import ROOT, run
from .positions import text_at


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pathological", ROOT / "benchmarks" / "pathological.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, (suffix, make) in _benchmark().shapes().items():
        text = make(4000)
        assert len(text) >= 4000
        (folder / (name.replace(" ", "-") + suffix)).write_text(text, encoding="utf-8")
    return folder


def test_every_issue_17_shape_is_generated() -> None:
    names = set(_benchmark().shapes())
    for shape in (
        "markdown links", "real article x k", "backtick runs", "details closed", "details open",
        "unknown directives", "html entities", "dates", "iso dates", "numbers", "wan chains",
        "percent chains", "comma digit runs", "one long line", "links lines", "directive pairs", "year list",
        "hyphen run", "dotted labels",
    ):  # fmt: skip
        assert shape in names


def test_small_hostile_inputs_give_sane_reports(hostile: Path) -> None:
    res = run("check", str(hostile), "--format", "json", "--today", "2026-12-06", "--fail-on", "never")
    assert res.code == 0, res.err
    assert "internal error" not in res.err and "failed on" not in res.err and "Traceback" not in res.err
    report = json.loads(res.out)
    files = sorted(hostile.iterdir())
    assert report["summary"]["documents"] >= len(files)
    assert {Path(f["path"]).name for f in report["findings"]} <= {p.name for p in files}
    for f in report["findings"]:
        assert text_at(Path(f["path"]), f) == f["text"], f
    by_file = {Path(f["path"]).name: f["rule"] for f in report["findings"]}
    # thousands of unknown directives are each reported (text.directive), not silently dropped
    assert by_file.get("unknown-directives.md") == "text.directive"
