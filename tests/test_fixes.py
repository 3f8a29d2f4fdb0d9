"""`checker check --fix / --diff / --unsafe-fixes`: round trips on the seeds, bytes kept outside the
fixed spans (BOM, CRLF), the patch equal to the fix, unsafe fixes only on request, overlaps,
read-only files, stdin and HTML."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from checker.cli import main
from checker.core.fixes import apply_edits, plan_fixes, unified_diff
from checker.core.model import Applicability, Finding, Fix, Location, Severity, Span
from checker.input.source import SourceFile

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "seeds"
TODAY = "2026-01-01"


def _json(args: list[str], out: Path) -> dict[str, object]:
    main(["check", *args, "--today", TODAY, "--format", "json", "-o", str(out), "-q"])
    data: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return data


def _writable_copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    for p in dst.rglob("*"):
        p.chmod(p.stat().st_mode | stat.S_IWUSR)
    return dst


@pytest.fixture(scope="module")
def seeds_fixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, object], dict[str, object]]:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not present")
    base = tmp_path_factory.mktemp("seeds")
    original = _writable_copy(SEEDS, base / "original")
    fixed = _writable_copy(SEEDS, base / "fixed")
    before = _json([str(fixed)], base / "before.json")
    code = main(["check", str(fixed), "--today", TODAY, "--fix", "-q", "--format", "json", "-o", str(base / "x.json")])
    assert code in (0, 1)
    after = _json([str(fixed)], base / "after.json")
    return original, fixed, before, after


def _safe_fixes(report: dict[str, object]) -> list[dict[str, object]]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return [f for f in findings if f.get("fix") and f["fix"]["applicability"] == "safe"]


def test_seed_round_trip_leaves_only_the_fixed_spans_changed(
    seeds_fixed: tuple[Path, Path, dict[str, object], dict[str, object]],
) -> None:
    original, fixed, before, _after = seeds_fixed
    fixes = _safe_fixes(before)
    assert len(fixes) > 10  # the seeds carry residue, casing and conversion slips
    by_file: dict[str, list[dict[str, object]]] = {}
    for f in fixes:
        by_file.setdefault(Path(str(f["path"])).name, []).append(f)
    changed = 0
    for path in sorted(original.iterdir()):
        text = path.read_bytes().decode("utf-8")
        src = SourceFile(str(path), text)
        chosen = plan_fixes([_finding(str(path), f) for f in by_file.get(path.name, [])], {str(path): src}).files
        expected = chosen[0].fixed_text if chosen else text
        got = (fixed / path.name).read_bytes().decode("utf-8")
        assert got == expected, path.name  # every byte outside the applied spans is as it was
        changed += got != text
    assert changed >= 1


def test_seed_recheck_has_none_of_the_fixed_findings(
    seeds_fixed: tuple[Path, Path, dict[str, object], dict[str, object]],
) -> None:
    _original, _fixed, before, after = seeds_fixed
    findings = after["findings"]
    assert isinstance(findings, list)
    fixed_texts = {(f["rule"], f["text"]) for f in _safe_fixes(before)}
    again = [f for f in findings if (f["rule"], f["text"]) in fixed_texts and f.get("fix")]
    # a fix that overlapped another is left for the next run; nothing else comes back
    assert len(again) <= 3, again
    assert len(findings) < len(before["findings"])  # type: ignore[arg-type]


def _finding(path: str, f: dict[str, object]) -> Finding:
    fx = f["fix"]
    assert isinstance(fx, dict)
    return Finding(
        rule=str(f["rule"]),
        severity=Severity.WARNING,
        path=path,
        document=path,
        span=Span(0, 0),
        location=Location(1, 1, 1, 1),
        text="",
        message="",
        fix=Fix(Span(fx["start"], fx["end"]), fx["replacement"], Applicability(fx["applicability"])),
    )


def _run(args: list[str], cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    exe = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "checker"
    cmd = [str(exe)] if exe.exists() else ["python", "-m", "checker"]
    return subprocess.run(
        [*cmd, "check", *args, "--today", TODAY], cwd=cwd, capture_output=True, text=True, input=stdin, check=False
    )


# (the residue opener stands after the heading: a BOM on the opener's own line hides it from
# text.llm-residue today, which is that rule's matter, not the fixer's)
CASE = "# 標題\n\n好的，以下是整理後的文稿：\n\nDeepseek 今天更新了模型。\n"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_fix_keeps_bom_and_line_breaks(tmp_path: Path, newline: str, bom: bytes) -> None:
    target = tmp_path / "a.md"
    raw = bom + CASE.replace("\n", newline).encode("utf-8")
    target.write_bytes(raw)
    r = _run(["a.md", "--fix"], tmp_path)
    assert r.returncode in (0, 1), r.stderr
    assert "Fixed 2 findings" in r.stderr
    want = bom + f"# 標題{newline}{newline}{newline}DeepSeek 今天更新了模型。{newline}".encode()
    assert target.read_bytes() == want


def test_diff_changes_nothing_and_patch_gives_the_fix(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(CASE.replace("\n", "\r\n").encode("utf-8"))
    (tmp_path / "b.md").write_text("No slips here at all.", encoding="utf-8")
    before = (tmp_path / "a.md").read_bytes()
    exe = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "checker"
    cmd = [str(exe)] if exe.exists() else ["python", "-m", "checker"]
    # bytes, not text: text mode would turn the patch's CR LF into LF
    r = subprocess.run([*cmd, "check", "a.md", "b.md", "--diff", "--today", TODAY], cwd=tmp_path, capture_output=True)
    assert r.returncode == 1, r.stderr
    assert (tmp_path / "a.md").read_bytes() == before
    assert r.stdout.startswith(b"--- a.md\n+++ a.md\n") and b"\r\n" in r.stdout
    patched = tmp_path / "patched"
    patched.mkdir()
    shutil.copy(tmp_path / "a.md", patched / "a.md")
    subprocess.run(["patch", "-p0", "--binary", "-s"], cwd=patched, input=r.stdout, check=True)
    assert _run(["a.md", "--fix"], tmp_path).returncode in (0, 1)
    assert (patched / "a.md").read_bytes() == (tmp_path / "a.md").read_bytes()
    assert _run(["a.md", "--diff"], tmp_path).returncode == 0  # nothing left to fix


def test_unsafe_fixes_only_with_the_flag(tmp_path: Path) -> None:
    text = "# 周報\n\nNVIDIA 發布 Hopper-Eco 晶片。Hopper-Eco 能耗更低。Hopper-Eco 已量產。推出 Hoppe-Eco 晶片。\n"
    target = tmp_path / "a.md"
    target.write_text(text, encoding="utf-8")
    r = _run(["a.md", "--fix"], tmp_path)
    assert target.read_text(encoding="utf-8") == text
    assert "1 unsafe fix available with --unsafe-fixes" in r.stderr
    assert "Hoppe-Eco" not in _run(["a.md", "--diff"], tmp_path).stdout
    assert "+# 周報" not in _run(["a.md", "--diff", "--unsafe-fixes"], tmp_path).stdout
    r = _run(["a.md", "--fix", "--unsafe-fixes"], tmp_path)
    assert "Fixed 1 finding" in r.stderr
    assert target.read_text(encoding="utf-8") == text.replace("Hoppe-Eco", "Hopper-Eco")


def _f(start: int, end: int, new: str, rule: str = "x.y") -> Finding:
    return Finding(
        rule, Severity.INFO, "p", "p", Span(start, end), Location(1, 1, 1, 1), "", "", fix=Fix(Span(start, end), new)
    )


def test_overlapping_fixes_take_the_first_and_report_the_others() -> None:
    src = SourceFile("p", "abcdefghij")
    plan = plan_fixes([_f(2, 5, "X"), _f(4, 7, "Y"), _f(7, 8, "Z"), _f(2, 5, "X", "z.z")], {"p": src})
    assert plan.files[0].fixed_text == "abXfgZij"
    assert [(f.span.start, why) for f, why in plan.left] == [(4, "overlaps another fix (run --fix again)")]
    assert plan.fixed_count == 3  # the same edit asked by two rules is made once, for both
    assert apply_edits("abc", []) == "abc"


def test_diff_marks_a_missing_final_newline() -> None:
    src = SourceFile("p", "one\ntwo")
    patch = unified_diff(plan_fixes([_f(4, 7, "TWO")], {"p": src}))
    assert patch.endswith("+TWO\n\\ No newline at end of file\n")


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_read_only_file_is_an_error_naming_it(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_text(CASE, encoding="utf-8")
    target.chmod(0o444)
    r = _run(["a.md", "--fix"], tmp_path)
    assert r.returncode == 2
    assert "a.md" in r.stderr and "read-only" in r.stderr
    assert target.read_text(encoding="utf-8") == CASE


def test_stdin_is_refused_with_fix_but_diffed(tmp_path: Path) -> None:
    r = _run(["-", "--fix"], tmp_path, stdin=CASE)
    assert r.returncode == 2 and "stdin" in r.stderr
    r = _run(["-", "--stdin-filename", "draft.md", "--diff"], tmp_path, stdin=CASE)
    assert r.returncode == 1, r.stderr  # the patch of what --fix would do to that text
    assert r.stdout.startswith("--- draft.md") and "\n+++ draft.md" in r.stdout and "\n-" in r.stdout


def test_html_is_not_fixed(tmp_path: Path) -> None:
    target = tmp_path / "a.html"
    html = "<html><body><p>Deepseek 今天更新了模型。</p></body></html>\n"
    target.write_text(html, encoding="utf-8")
    _run(["a.html", "--fix"], tmp_path)
    assert target.read_text(encoding="utf-8") == html


def test_suppressed_findings_are_not_fixed(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    text = "<!-- checker: ignore name.case -->\nDeepseek 今天更新了模型。\n"
    target.write_text(text, encoding="utf-8")
    _run(["a.md", "--fix"], tmp_path)
    assert target.read_text(encoding="utf-8") == text


def test_an_opener_at_the_top_takes_the_rule_under_it(tmp_path: Path) -> None:
    # a file that began "opener / --- / article / --- / end" must not begin with "---" after the
    # fix: the next tool would read the article as front matter
    target = tmp_path / "a.md"
    target.write_text("好的，以下是整理後的文稿：\n\n---\n\n# 標題\n\n正文內容。\n\n---\n\n結尾。\n", encoding="utf-8")
    _run(["a.md", "--fix"], tmp_path)
    assert target.read_text(encoding="utf-8") == "\n# 標題\n\n正文內容。\n\n---\n\n結尾。\n"
