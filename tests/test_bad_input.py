"""Bad input gets a clear error naming the file and the reason (exit 2) or is read as
text; never a traceback, never a modified input file."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from .clihelp import run

RESIDUE = "好的，以下是整理後的文稿：\n\n正文內容。\n"


def _digest(folder: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def _no_traceback(err: str) -> None:
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("bad.md", b"ok\n\xff\xfe\x00broken \xc3\x28\n", "not valid UTF-8"),
        ("image.md", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "not valid UTF-8"),
        ("zeros.txt", b"\x00" * 4096, "binary file"),
        ("utf16.md", "好的".encode("utf-16"), "UTF-16"),
    ],
)
def test_undecodable_files_exit_2_naming_file_and_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    (tmp_path / name).write_bytes(data)
    before = _digest(tmp_path)
    res = run("check", str(tmp_path / name), "--today", "2026-01-01")
    assert res.code == 2
    assert name in res.err and reason in res.err
    assert res.out == ""  # nothing else is written
    _no_traceback(res.err)
    assert _digest(tmp_path) == before


def test_missing_path_exits_2(tmp_path: Path) -> None:
    res = run("check", str(tmp_path / "nope.md"))
    assert res.code == 2 and "nope.md" in res.err and "no such file" in res.err


def test_one_bad_file_in_a_folder_is_named_and_nothing_is_reported(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(RESIDUE, encoding="utf-8")
    (tmp_path / "bad.md").write_bytes(b"\xff\xff")
    res = run("check", str(tmp_path), "--format", "json")
    assert res.code == 2 and "bad.md" in res.err and res.out == ""


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.md", b""),
        ("only-bom.md", b"\xef\xbb\xbf"),
        ("blank.txt", b"\n\n   \n"),
        ("nul.md", "# 標題\n\nSora \x00及其社交應用，Claude Sonnet \x00.\x00 發布。\n".encode()),
        ("crlf.md", b"---\r\ntitle: x\r\ndate: 2025-01-01\r\n---\r\n\r\n" + RESIDUE.replace("\n", "\r\n").encode()),
        ("bom.md", b"\xef\xbb\xbf" + RESIDUE.encode()),
        ("broken-fm.md", b"---\ntitle: [unclosed\ndate: 2025-01-01\n---\nbody\n"),
        ("unclosed-fm.md", b"---\ntitle: x\nbody without end\n"),
        ("fm-not-mapping.md", b"---\n- a\n- b\n---\nbody\n"),
        ("-leading-dash.md", RESIDUE.encode()),
        ("name with spaces 週記.md", RESIDUE.encode()),
        ("deep.md", (b"> " * 3000) + b"deep\n" + (b"- " * 3000) + b"list\n" + b"[" * 50000 + b"\n"),
        (
            "hostile.html",
            b"<html><body>" + b"<div>" * 5000 + b"<p>x &amp; &#x1F600; &bogus; <scr<script>ipt>alert(1)</script>"
            b"<!-- unclosed comment <p>\xe5\xa5\xbd</p>" + b"</span>" * 100 + b"<a href='javascript:x'>",
        ),
        ("long-line.md", ("字" * 700_000).encode()),
        # one name run of thousands of words: the run splitter once recursed per maker name
        # (RecursionError) and joined every prefix (quadratic)
        ("makers.md", ("# T\n\n" + " ".join(["OpenAI Sam Altman Google"] * 800) + "\n").encode()),
        ("title-case.md", ("# T\n\n" + " ".join(f"Alpha{chr(65 + i % 26)}" for i in range(3000)) + "\n").encode()),
        # thousands of figures, dates and links on one line: no sentence break bounds the look-backs
        (
            "figures.md",
            ("# T\n\n" + "，".join(f"訓練成本為 {500 + i % 97} 萬美元" for i in range(1500)) + "\n").encode(),
        ),
        (
            "dates.md",
            ("# T\n\n" + "，".join(f"2025年{1 + i % 12}月{1 + i % 28}日 星期三" for i in range(1500)) + "\n").encode(),
        ),
        (
            "links.md",
            (
                "# T\n\n" + " ".join(f"[x](https://e{i}.com/{i}) arXiv:2501.{i:05d}" for i in range(1500)) + "\n"
            ).encode(),
        ),
    ],
)
def test_odd_but_readable_files_run_without_error(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    before = _digest(tmp_path)
    res = run("check", "--format", "json", "--today", "2026-01-01", "--fail-on", "never", "--", str(path))
    _no_traceback(res.err)
    assert res.code == 0, res.err
    report = json.loads(res.out)
    assert report["summary"]["documents"] >= 1
    assert _digest(tmp_path) == before
    from .positions import text_at

    for f in report["findings"]:
        assert text_at(path, f) == f["text"]


def test_too_large_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "checker.toml").write_text("max-file-size = 1000\n", encoding="utf-8")
    (tmp_path / "big.md").write_text("x" * 2000, encoding="utf-8")
    res = run("check", "big.md", cwd=tmp_path)
    assert res.code == 2 and "big.md" in res.err and "too large" in res.err


def test_stdin_is_read_and_named(tmp_path: Path) -> None:
    res = run("check", "-", "--stdin-filename", "draft.md", "--format", "json", stdin=RESIDUE.encode())
    report = json.loads(res.out)
    assert res.code == 1
    assert report["findings"][0]["path"] == "draft.md"
    assert report["findings"][0]["rule"] == "text.llm-residue"


def test_output_refuses_to_overwrite_a_checked_file(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_text(RESIDUE, encoding="utf-8")
    before = _digest(tmp_path)
    res = run("check", str(target), "--output", str(target))
    assert res.code == 2 and "refusing" in res.err
    assert _digest(tmp_path) == before


def test_a_fifo_in_a_folder_is_skipped_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(RESIDUE, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.md")  # reading it would block the run forever
    res = run("check", str(tmp_path), "--today", "2026-01-01", "--format", "json")
    assert res.code == 1  # the residue in a.md is still found
    assert "pipe.md: skipped, not a regular file" in res.err
    assert len(json.loads(res.out)["documents"]) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root can list any folder")
def test_an_unreadable_folder_is_an_input_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.md").write_text(RESIDUE, encoding="utf-8")
    locked.chmod(0)
    try:
        res = run("check", str(tmp_path), "--today", "2026-01-01")
    finally:
        locked.chmod(0o755)
    assert res.code == 2 and "locked" in res.err and "cannot list this folder" in res.err


def test_report_and_baseline_targets_are_replaced_whole(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(RESIDUE, encoding="utf-8")
    report, baseline = tmp_path / "out" / "report.json", tmp_path / "out" / "baseline.json"
    report.parent.mkdir()
    report.write_text("old report", encoding="utf-8")
    res = run("check", str(tmp_path / "a.md"), "--today", "2026-01-01", "--format", "json",
              "--output", str(report), "--write-baseline", str(baseline))  # fmt: skip
    assert res.code == 1
    assert json.loads(report.read_text(encoding="utf-8"))["findings"]
    assert json.loads(baseline.read_text(encoding="utf-8"))["fingerprints"]
    assert sorted(p.name for p in report.parent.iterdir()) == ["baseline.json", "report.json"]  # no temp left


def test_an_unwritable_report_target_is_exit_2_naming_it(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(RESIDUE, encoding="utf-8")
    target = tmp_path / "no" / "such" / "folder" / "report.json"
    res = run("check", str(tmp_path / "a.md"), "--today", "2026-01-01", "--output", str(target))
    assert res.code == 2
    assert "--output" in res.err and str(target) in res.err
    _no_traceback(res.err)


@pytest.mark.parametrize(
    ("front", "reason"),
    [
        ("date: 2025-02-30", "day is out of range"),
        ("date: 2025-13-01T10:00:00", "month must be in 1..12"),
        ("title: " + "9" * 5000, "4300 digits"),
    ],
)
def test_impossible_front_matter_values_are_findings(tmp_path: Path, front: str, reason: str) -> None:
    (tmp_path / "a.md").write_text(f"---\n{front}\n---\n\n# 標題\n\n正文 {'8' * 5000} 元。\n", encoding="utf-8")
    res = run("check", str(tmp_path / "a.md"), "--today", "2026-01-01", "--format", "json")
    _no_traceback(res.err)
    assert res.code in (0, 1) and "internal error" not in res.err
    broken = [f for f in json.loads(res.out)["findings"] if f["rule"] == "markdown.broken"]
    assert len(broken) == 1 and reason in broken[0]["message"] and broken[0]["line"] == 2


def test_html_numeric_references_out_of_range_are_read_not_crashed(tmp_path: Path) -> None:
    page = "<html><body><p>a &#0; b &#xD800; c &#1114112; d &#x110000; e</p></body></html>"
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    res = run("check", str(tmp_path / "p.html"), "--today", "2026-01-01", "--format", "json")
    _no_traceback(res.err)
    assert res.code in (0, 1) and "failed on" not in res.err
    damaged = [f for f in json.loads(res.out)["findings"] if f["rule"] == "text.damaged"]
    assert damaged and "U+FFFD" in damaged[0]["message"]


@pytest.mark.parametrize(
    ("config", "reason"),
    [
        ('fail-on = "error"\n'.encode("utf-16"), "not UTF-8"),
        (("x = " + "[" * 50000 + "]" * 50000 + "\n").encode(), "nested too deeply"),
        (b"max-file-size = 99999999999999999999999\n", "max-file-size"),
        (b'[rules."name.typo"]\nmax-distance = 99999999999999999999999\n', "max-distance"),
    ],
)
def test_broken_configs_are_exit_2_naming_the_file(tmp_path: Path, config: bytes, reason: str) -> None:
    (tmp_path / "a.md").write_text("# hi\n", encoding="utf-8")
    (tmp_path / "broken.toml").write_bytes(config)
    res = run("check", str(tmp_path / "a.md"), "--config", str(tmp_path / "broken.toml"))
    assert res.code == 2
    assert "broken.toml" in res.err and reason in res.err
    assert "internal error" not in res.err
    _no_traceback(res.err)
