"""The cache of unchanged runs (core/runcache.py): a rerun over the same inputs reads the
corpus phase's findings instead of running both phases, with the same report."""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
from pathlib import Path

import pytest

from checker import cli
from checker.core import phases

TODAY = "2026-12-06"


@pytest.fixture(scope="module")
def seeds(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("seeds") / "seeds"
    shutil.copytree(shared / "corpus" / "seeds", root)
    return root


def _check(folder: Path, out: Path, *extra: str) -> str:
    """The report's text with the timing field (the only one that may differ) taken out."""
    code = cli.main(["check", str(folder), "--today", TODAY, "-o", str(out), "-q", "--fail-on", "never", *extra])
    assert code == 0, code
    lines = out.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if '"elapsed_s"' not in line)


def _no_phase_one(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    checked: list[str] = []
    real = phases.FilePhase.check_file

    def spy(self: phases.FilePhase, task: phases.FileTask) -> phases.FileResult:
        checked.append(task.path)
        return real(self, task)

    monkeypatch.setattr(phases.FilePhase, "check_file", spy)
    return checked


@pytest.mark.parametrize("fmt", ["json", "sarif", "concise"])
def test_a_warm_run_gives_the_cold_report_byte_for_byte(
    fmt: str, seeds: Path, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = _check(seeds, tmp_path / "cold", "--format", fmt, "--no-cache")
    first = _check(seeds, tmp_path / "first", "--format", fmt)  # fills the cache
    checked = _no_phase_one(monkeypatch)
    warm = _check(seeds, tmp_path / "warm", "--format", fmt)
    assert checked == []  # nothing was loaded, segmented or checked again
    assert '"findings"' in cold or fmt != "json"
    assert len(cold) > 2000, "the seeds must give findings for the comparison to mean anything"
    assert first == cold
    assert warm == cold


def test_the_baseline_is_applied_to_a_warm_run(seeds: Path, tmp_path: Path, cache_dir: Path) -> None:
    baseline = tmp_path / "baseline.json"
    _check(seeds, tmp_path / "a.json", "--format", "json", "--write-baseline", str(baseline))
    cold = _check(seeds, tmp_path / "cold.json", "--format", "json", "--no-cache", "--baseline", str(baseline))
    warm = _check(seeds, tmp_path / "warm.json", "--format", "json", "--baseline", str(baseline))
    assert warm == cold
    data = json.loads((tmp_path / "warm.json").read_text(encoding="utf-8"))
    assert data["findings"] == []
    assert data["suppressed"] and all(f["suppressed_by"] == "baseline" for f in data["suppressed"])
    # and without the baseline the same cached run gives every finding again
    _check(seeds, tmp_path / "again.json", "--format", "json")
    again = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert len(again["findings"]) == len(data["suppressed"])


def test_any_changed_input_runs_again(
    seeds: Path, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    work = tmp_path / "work"
    shutil.copytree(seeds, work)
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "old.md").write_text("# Old\n\nGPT-4o was released.\n", encoding="utf-8")
    _check(work, tmp_path / "a.json", "--format", "json", "--archive", str(archive))
    checked = _no_phase_one(monkeypatch)
    _check(work, tmp_path / "b.json", "--format", "json", "--archive", str(archive))
    assert checked == []
    # an archived file is an input too: its change reruns the corpus phase
    (archive / "old.md").write_text("# Old\n\nGPT-4o was released in May.\n", encoding="utf-8")
    caplog.set_level(logging.INFO, logger="checker.cache")
    _check(work, tmp_path / "c.json", "--format", "json", "--archive", str(archive))
    assert len(checked) == 6
    assert "5 read, 0 checked, 0 written" in caplog.text  # the checked files' hits still come from the cache
    checked.clear()
    target = sorted(work.iterdir())[0]
    target.write_text(target.read_text(encoding="utf-8") + "\nGPT-9 今日發布。\n", encoding="utf-8")
    changed = _check(work, tmp_path / "d.json", "--format", "json", "--archive", str(archive))
    assert len(checked) == 6
    assert changed == _check(work, tmp_path / "e.json", "--format", "json", "--archive", str(archive), "--no-cache")


@pytest.mark.parametrize(
    "value",
    [
        '{"v": 1, "documents": 5, "findings": []}',
        '{"v": 1, "documents": [], "findings": [{"path": "/nowhere.md"}]}',
        '{"v": 1, "documents": [{"id": "x", "path": "nowhere.md", "span": [0, 1]}], "findings": []}',
        "[" * 100_000,
        "\x80\x04not json",
    ],
)
def test_a_stored_run_of_the_wrong_shape_is_a_miss(
    value: str, seeds: Path, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = _check(seeds, tmp_path / "cold.json", "--format", "json", "--no-cache")
    _check(seeds, tmp_path / "fill.json", "--format", "json")
    with sqlite3.connect(cache_dir / "results.sqlite") as conn:
        assert conn.execute("update runs set value = ?", (value,)).rowcount == 1
    checked = _no_phase_one(monkeypatch)
    assert _check(seeds, tmp_path / "got.json", "--format", "json") == cold
    assert len(checked) == 5  # read as a miss: the run went through both phases


def test_cache_info_counts_the_runs(
    seeds: Path, tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _check(seeds, tmp_path / "a.json", "--format", "json")
    capsys.readouterr()
    assert cli.main(["cache", "info"]) == 0
    assert "5 files, 1 unchanged runs" in capsys.readouterr().out
