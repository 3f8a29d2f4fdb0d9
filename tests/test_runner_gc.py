"""The collector during a check run (off, thresholds raised), and the caller's state after it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from checker import cli
from checker.core import runner


def test_a_run_turns_the_collector_off_and_restores_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: list[tuple[int, int, int]] = []
    enabled: list[bool] = []
    real = runner.run_files

    def spy(*a: object, **kw: object) -> object:
        seen.append(gc.get_threshold())
        enabled.append(gc.isenabled())
        return real(*a, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "run_files", spy)
    draft = tmp_path / "draft.md"
    draft.write_text("# 今日 AI\n\nOpenAI 發布了新模型。\n", encoding="utf-8")
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    assert gc.isenabled()
    try:
        cli.main(["check", str(draft), "--format", "json", "-o", str(tmp_path / "r.json"), "--no-cache", "-q"])
    except SystemExit:
        pass
    finally:
        after = gc.get_threshold()
        enabled_after = gc.isenabled()
        gc.set_threshold(*before)
        gc.enable()
    assert seen == [runner.GC_THRESHOLD]
    assert enabled == [False]  # the collector is off while the run lasts
    assert after == (700, 10, 10)
    assert enabled_after


def test_a_caller_with_the_collector_off_keeps_it_off() -> None:
    gc.disable()
    try:
        with runner.collections_for_a_run():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_threshold_is_restored_when_a_run_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), runner.collections_for_a_run():
        assert gc.get_threshold() == runner.GC_THRESHOLD
        assert not gc.isenabled()
        raise RuntimeError("boom")
    assert gc.get_threshold() == before
    assert gc.isenabled()


def test_what_the_run_left_is_not_counted_as_young_after_it() -> None:
    """Turned on with every survivor of the run counted as young, the collector's next step
    would walk them all at once (0.3 s after corpus/real)."""
    with runner.collections_for_a_run():
        kept = [[i] for i in range(200_000)]  # containers that outlive the block
    assert gc.isenabled()
    assert gc.get_count()[0] < 10_000
    assert len(kept) == 200_000
