"""The compiled (mypyc) build and the pure one: which runs, a stale build refused, the same findings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker import native
from checker.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def test_version_says_which_build_runs(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    out = capsys.readouterr().out.strip()
    build = native.choose_build()
    import checker.text.view as view

    assert out.startswith("checker ")
    if view.__file__ and view.__file__.endswith(".so"):
        assert out.endswith(f", compiled (mypyc): {len(build.compiled)} modules")
        assert "checker.text.view" in build.compiled
    else:
        assert ", pure Python" in out and build.compiled == ()


def _fake_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str) -> dict[str, str]:
    pkg = tmp_path / "checker" / "text"
    pkg.mkdir(parents=True)
    (pkg / "mod.py").write_text(source, encoding="utf-8")
    so = pkg / ("mod" + native.importlib.machinery.EXTENSION_SUFFIXES[0])
    so.write_bytes(b"")
    so.with_name("_native__mypyc" + native.importlib.machinery.EXTENSION_SUFFIXES[0]).write_bytes(b"")
    monkeypatch.setattr(native, "_ROOT", tmp_path)
    return {"checker.text.mod": native.source_digest(pkg / "mod.py")}


def test_a_source_changed_after_its_build_is_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = _fake_build(tmp_path, monkeypatch, "x = 1\n")
    py = tmp_path / "checker" / "text" / "mod.py"
    so_time = (py.with_name("mod" + native.importlib.machinery.EXTENSION_SUFFIXES[0])).stat().st_mtime
    os.utime(py, (so_time + 10, so_time + 10))
    assert native.stale_modules(built) == (["checker.text.mod"], [])  # newer, same text: a checkout
    py.write_text("x = 2\n", encoding="utf-8")
    os.utime(py, (so_time + 20, so_time + 20))
    assert native.stale_modules(built) == ([], ["checker.text.mod"])  # an edit the .so does not hold
    os.utime(py, (so_time - 10, so_time - 10))
    assert native.stale_modules(built) == (["checker.text.mod"], [])  # older than the build: trusted


def test_a_module_that_was_not_built_is_not_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = _fake_build(tmp_path, monkeypatch, "x = 1\n")
    (tmp_path / "checker" / "text" / ("mod" + native.importlib.machinery.EXTENSION_SUFFIXES[0])).unlink()
    assert native.stale_modules(built) == ([], [])


def test_a_stale_build_runs_pure_python_with_a_warning(tmp_path: Path) -> None:
    """In a child process: the manifest says view.py had another digest, so no .so is imported."""
    code = (
        "import json, sys\n"
        "import checker.native as n\n"
        "built = n._read_manifest(n.MANIFEST)\n"
        "if not built: print('no build'); sys.exit(0)\n"
        "n.MANIFEST = n.Path(sys.argv[1])\n"
        "n.MANIFEST.write_text(json.dumps({'modules': {**built, 'checker.text.view': '0' * 64}}))\n"
        "n._BUILD = None\n"
        "print(n.choose_build().describe())\n"
        "import checker.text.view as v, checker.extract.names.extract as e\n"
        "print(v.__file__, e.__file__)\n"
    )
    view_py = ROOT / "checker" / "text" / "view.py"
    if not view_py.with_name("view" + native.importlib.machinery.EXTENSION_SUFFIXES[0]).exists():
        pytest.skip("no compiled build")
    # the child's manifest gives view.py another digest; the check reads a digest only for a
    # source newer than its .so, so view.py looks newer for the child's run
    env = {**os.environ, "CHECKER_PURE_PYTHON": "0"}
    stat = view_py.stat()
    os.utime(view_py, (stat.st_atime, stat.st_mtime + 3600))
    try:
        res = subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / "m.json")], capture_output=True, text=True, env=env, check=False
        )
    finally:
        os.utime(view_py, (stat.st_atime, stat.st_mtime))
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0].startswith("pure Python (stale build: ") and "checker.text.view" in lines[0]
    assert lines[1].split() == [str(view_py), str(ROOT / "checker" / "extract" / "names" / "extract.py")]
    assert "checker.text.view changed since the compiled build" in res.stderr and "Rebuild:" in res.stderr


def _seeds_report(tmp_path: Path, name: str, pure: bool) -> dict[str, object]:
    out = tmp_path / name
    env = {**os.environ, "CHECKER_PURE_PYTHON": "1" if pure else "0", "CHECKER_CACHE_DIR": str(tmp_path / "c")}
    cmd = [sys.executable, "-m", "checker", "check", str(SEEDS), "--today", "2026-12-06", "--format", "json"]
    cmd += ["--output", str(out), "--fail-on", "never", "--jobs", "1", "--no-cache", "-q"]
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    assert res.returncode == 0, res.stderr
    report: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    summary = report["summary"]
    assert isinstance(summary, dict)
    summary.pop("elapsed_s")  # the one field that differs by the clock
    return report


def test_compiled_and_pure_builds_find_the_same_on_the_seeds(tmp_path: Path) -> None:
    if not native.choose_build().compiled:
        pytest.skip("pure build: nothing to compare")
    compiled = _seeds_report(tmp_path, "compiled.json", pure=False)
    pure = _seeds_report(tmp_path, "pure.json", pure=True)
    assert compiled["findings"], "the seeds must give findings for the comparison to mean anything"
    assert json.dumps(compiled, sort_keys=True) == json.dumps(pure, sort_keys=True)
