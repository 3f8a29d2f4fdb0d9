"""The collector's thresholds during a check run, and the caller's after it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from checker import cli
from checker.core import runner


def test_a_run_raises_the_threshold_and_restores_the_callers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: list[tuple[int, int, int]] = []
    real = runner.run_files

    def spy(*a: object, **kw: object) -> object:
        seen.append(gc.get_threshold())
        return real(*a, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "run_files", spy)
    draft = tmp_path / "draft.md"
    draft.write_text("# 今日 AI\n\nOpenAI 發布了新模型。\n", encoding="utf-8")
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        cli.main(["check", str(draft), "--format", "json", "-o", str(tmp_path / "r.json"), "--no-cache", "-q"])
    except SystemExit:
        pass
    finally:
        after = gc.get_threshold()
        gc.set_threshold(*before)
    assert seen == [runner.GC_THRESHOLD]
    assert after == (700, 10, 10)


def test_the_threshold_is_restored_when_a_run_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), runner.collections_for_a_run():
        assert gc.get_threshold() == runner.GC_THRESHOLD
        raise RuntimeError("boom")
    assert gc.get_threshold() == before
