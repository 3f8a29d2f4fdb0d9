"""`checker view` outside a terminal, the report fields the viewer needs, --statistics,
--quiet and the progress bars."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import sys
from pathlib import Path

import pytest

from checker.cli import main
from checker.core.reporting import source_sha256
from checker.progress import RunProgress
from checker.viewer.report_io import CHANGED, MISSING, load_report
from tests.report_fixture import render, run_demo, write_articles, write_report

DRAFT = "# 测试\n\n好的，以下是修改后的版本：\n\nNVIDIA 发布了新产品。\n"


@pytest.fixture
def draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    return tmp_path / "draft.md"


def check(*args: str) -> int:
    return main(["check", "--today", "2025-03-20", "--select", "text.llm-residue", *args])


# --- the report the viewer reads ---------------------------------------------------------------


def test_json_report_carries_file_hashes_and_stays_valid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared: Path
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    monkeypatch.chdir(tmp_path)
    write_articles(tmp_path)
    first = render(run_demo(tmp_path), "json")
    data = json.loads(first)
    schema = json.loads((shared / "contracts" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    for doc in data["documents"]:
        text = (tmp_path / doc["path"]).read_text(encoding="utf-8")
        assert doc["sha256"] == source_sha256(text)
    # byte-identical across runs but for elapsed_s
    again = render(run_demo(tmp_path), "json")
    strip = re.compile(r'"elapsed_s": [0-9.e-]+')
    assert strip.sub("", first) == strip.sub("", again)


def test_load_report_tells_changed_and_missing_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = write_report(tmp_path)
    saved = load_report(str(report))
    assert saved.stale_paths == set()
    assert all(saved.source(f.path) is not None for f in saved.findings)
    # an edit that keeps every flagged span in place is still a change: the hash says so
    a = tmp_path / "articles" / "2025-03-13-digest.md"
    a.write_text(a.read_text(encoding="utf-8") + "\nappended line\n", encoding="utf-8")
    (tmp_path / "articles" / "2025-03-14-digest.md").unlink()
    saved = load_report(str(report))
    assert saved.stale_reasons == {"articles/2025-03-13-digest.md": CHANGED, "articles/2025-03-14-digest.md": MISSING}
    assert saved.source("articles/2025-03-13-digest.md") is None


def test_load_report_finds_files_beside_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = write_report(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    saved = load_report(str(report))
    assert saved.stale_paths == set()


# --- checker view without a terminal -------------------------------------------------------------


def test_view_prints_the_static_report_when_not_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    report = write_report(tmp_path)
    assert main(["view", str(report), "--color", "never"]) == 0
    out = capsys.readouterr().out
    assert "articles/2025-03-14-digest.md" in out
    assert "NVIDIA 的 Hoppe-Eco 芯片开始出货。" in out and "suggestion: Hopper-Eco" in out
    assert "\x1b[" not in out  # no escape sequences in a pipe


def test_view_html_writes_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = write_report(tmp_path)
    assert main(["view", str(report), "--html", "out.html"]) == 0
    page = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "Hoppe-Eco" in page


# --- --statistics, --quiet, progress ----------------------------------------------------------------


def test_statistics_counts_per_rule(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(str(draft.name), "--statistics") == 1
    lines = capsys.readouterr().out.splitlines()
    count, rule, severity, summary = lines[0].split("\t")
    assert (count, rule, severity.strip()) == ("1", "text.llm-residue", "error") and summary
    assert lines[-1] == "1 finding in 1 document"
    assert check(str(draft.name), "--statistics", "--format", "json") == 1
    rows = json.loads(capsys.readouterr().out)
    assert rows == [{"rule": "text.llm-residue", "severity": "error", "count": 1, "summary": summary}]


def test_quiet_drops_notes(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    check(draft.name, "--write-baseline", "base.json", "--format", "json", "-o", "r.json")
    assert "wrote 1 fingerprint to" in capsys.readouterr().err
    check(draft.name, "--write-baseline", "base.json", "--format", "json", "-o", "r.json", "--quiet")
    assert capsys.readouterr().err == ""


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_and_after_a_delay() -> None:
    pipe = io.StringIO()
    progress = RunProgress.for_terminal(pipe, quiet=False)
    progress("documents", 1, 2)
    progress.close()
    assert not progress.enabled and pipe.getvalue() == ""

    assert not RunProgress.for_terminal(FakeTerminal(), quiet=True).enabled

    slow = FakeTerminal()
    late = RunProgress(slow, enabled=True, delay_s=60)
    late("documents", 1, 2)
    late.close()
    assert slow.getvalue() == ""  # a quick run shows nothing

    tty = FakeTerminal()
    bars = RunProgress(tty, enabled=True, delay_s=0)
    bars("files", 3, 3)
    bars("documents", 1, 4)
    lookups = bars.lookups("PyPI", 2)
    lookups.advance()
    bars.close()
    shown = tty.getvalue()
    assert "files read" in shown and "documents checked" in shown and "look-ups done: PyPI" in shown


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_view_on_a_terminal_opens_the_interactive_viewer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pty
    import select
    import time

    monkeypatch.chdir(tmp_path)
    report = write_report(tmp_path)
    checker = str(Path(sys.executable).parent / "checker")
    pid, fd = pty.fork()
    if pid == 0:  # the child: `checker view` with a terminal for stdin and stdout
        os.environ["TERM"] = "xterm-256color"
        os.execv(checker, [checker, "view", str(report)])
    seen = b""
    deadline = time.monotonic() + 60
    try:
        while b"evidence (" not in seen and time.monotonic() < deadline:
            if select.select([fd], [], [], 0.1)[0]:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
        assert b"evidence (" in seen, seen[-300:]
        assert b"\x1b[" in seen  # drawn with escape sequences: the Textual app, not the static text
        os.write(fd, b"q")
        while time.monotonic() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                assert os.waitstatus_to_exitcode(status) == 0
                return
            if select.select([fd], [], [], 0.1)[0]:
                with contextlib.suppress(OSError):
                    os.read(fd, 65536)
        pytest.fail("checker view did not quit on q")
    finally:
        with contextlib.suppress(ChildProcessError, ProcessLookupError):
            if not os.waitpid(pid, os.WNOHANG)[0]:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
        os.close(fd)
