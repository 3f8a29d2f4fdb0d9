"""`--format json --output FILE` writes orjson's UTF-8 bytes straight to the file (no decode,
copy and encode of the report): the file holds exactly what stdout gets, and files.py's
atomic_write_bytes replaces a file whole, as atomic_write_text does."""

from __future__ import annotations

import os
import re
import stat
import threading
from pathlib import Path

import pytest

from checker.core.files import atomic_write_bytes

from .clihelp import ROOT, run

_ELAPSED = re.compile(r'"elapsed_s": [0-9.e-]+')


def test_the_report_file_holds_the_bytes_stdout_gets(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    # a wrong weekday and a future event (CJK text, fullwidth brackets), and chatter residue
    draft.write_text(
        "---\ndate: 2025-06-01\n---\n\n# 標題\n\n好的，以下是整理後的文稿：\n\n"
        '2025年9月14日（星期三）發布，2025年5月12日 星期三 發布了 "模型" \\ 說明。\n',
        encoding="utf-8",
    )
    out = tmp_path / "report.json"
    common = ("check", "--format", "json", "--today", "2026-01-01", "--fail-on", "never", "--no-cache")
    to_file = run(*common, "--output", str(out), str(draft), str(ROOT / "examples"))
    to_stdout = run(*common, str(draft), str(ROOT / "examples"))
    assert to_file.code == to_stdout.code == 0, (to_file.err, to_stdout.err)
    written = out.read_bytes()
    assert b'"rule": "date.weekday"' in written and "星期三".encode() in written
    assert _ELAPSED.sub('"elapsed_s": 0', written.decode("utf-8")) == _ELAPSED.sub('"elapsed_s": 0', to_stdout.out)
    assert written.endswith(b"}\n")


def test_bytes_are_written_whole_in_their_pieces(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    atomic_write_bytes(target, '{\n  "a": "星期三"\n}'.encode(), b"\n")
    assert target.read_bytes() == '{\n  "a": "星期三"\n}\n'.encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the mode a user gave the file is kept
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_pipe_gets_the_bytes_and_stays_a_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    atomic_write_bytes(fifo, b"report", b"\n")
    reader.join(timeout=10)
    assert got == [b"report\n"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
