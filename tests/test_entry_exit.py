"""checker/entry.py: the process ends without the interpreter's teardown, after flushing its
output and running the atexit handlers (the lexicon store and the regex programs are saved there)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

DRAFT = "# 今日要闻\n\nOpenAI 于 2025年8月7日发布了 GPT-5，称错误率下降 45%。\n"


def _run(tmp_path: Path, *extra: str, text: str = DRAFT) -> subprocess.CompletedProcess[bytes]:
    draft = tmp_path / "draft.md"
    draft.write_text(text, encoding="utf-8")
    env = {**os.environ, "CHECKER_CACHE_DIR": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "checker", "check", str(draft), "--today", "2026-12-06", "--no-cache", *extra]
    return subprocess.run(cmd, capture_output=True, env=env, check=False)


def test_the_output_is_whole_and_the_exit_handlers_ran(tmp_path: Path) -> None:
    res = _run(tmp_path, "--format", "json", "--fail-on", "never")
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)  # flushed to its end before the process ended
    assert report["summary"]["documents"] == 1
    saved = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert saved, "the caches that atexit handlers write must be there after the run"


def test_the_exit_code_is_the_runs(tmp_path: Path) -> None:
    assert _run(tmp_path, "--format", "json").returncode == 0  # no finding in the draft
    assert _run(tmp_path, "--format", "json", "--today", "not-a-date").returncode == 2
    residue = _run(tmp_path, "--format", "json", text="As an AI language model, I cannot browse the internet.\n")
    assert residue.returncode == 1, residue.stderr  # a finding: the run fails
    assert json.loads(residue.stdout)["findings"][0]["rule"] == "text.llm-residue"
