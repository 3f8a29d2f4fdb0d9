"""checker/core/baseline.py: the one reader and writer of baseline files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.core.baseline import BaselineError, BaselineFile, read_baseline, read_entries, write_baseline
from tests.report_fixture import run_demo, write_report


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_report(tmp_path)


def test_written_baseline_reads_back_in_a_stable_order(report: Path, tmp_path: Path) -> None:
    findings = run_demo(tmp_path).findings
    target = tmp_path / "baseline.json"
    assert write_baseline(str(target), reversed(findings)) == len(findings)
    assert read_baseline(str(target)) == {f.fingerprint for f in findings}
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["tool"] == "checker"
    keys = [(e["path"], e["line"], e["rule"], e["fingerprint"]) for e in data["fingerprints"]]
    assert keys == sorted(keys)
    assert not (tmp_path / "baseline.json.tmp").exists()  # written then renamed


def test_a_whole_report_is_a_baseline(report: Path) -> None:
    saved = json.loads(report.read_text(encoding="utf-8"))
    entries = read_entries(str(report))
    assert {e["fingerprint"] for e in entries} == {f["fingerprint"] for f in saved["findings"]}
    assert all(set(e) <= {"fingerprint", "rule", "path", "line", "text"} for e in entries)


@pytest.mark.parametrize(
    ("body", "message"),
    [("{not json", "not a readable JSON baseline"), ('{"other": []}', "no 'fingerprints' or 'findings' list")],
)
def test_bad_baselines_are_errors(tmp_path: Path, body: str, message: str) -> None:
    bad = tmp_path / "b.json"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(BaselineError, match=message):
        read_baseline(str(bad))
    with pytest.raises(ValueError, match=message):  # the viewer catches ValueError
        BaselineFile(str(bad))
    with pytest.raises(BaselineError, match=r"b\.json"):
        read_baseline(str(tmp_path / "missing" / "b.json"))


def test_baseline_file_toggles_and_keeps_other_entries(report: Path, tmp_path: Path) -> None:
    first, second, *_ = run_demo(tmp_path).findings
    target = tmp_path / "accepted.json"
    target.write_text(json.dumps({"fingerprints": ["kept-by-hand"]}), encoding="utf-8")
    accepted = BaselineFile(str(target))
    assert accepted.toggle(first) and accepted.toggle(second)
    assert read_baseline(str(target)) == {"kept-by-hand", first.fingerprint, second.fingerprint}
    assert not accepted.toggle(first)
    assert read_baseline(str(target)) == {"kept-by-hand", second.fingerprint}
    with pytest.raises(ValueError, match="--baseline"):
        BaselineFile(None).toggle(first)
