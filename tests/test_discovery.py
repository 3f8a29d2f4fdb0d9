"""File discovery like ruff's (checker/input/discover.py): ignore files, hidden and build
folders, exclude patterns, globs, explicit paths, and the nearest config per folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import main
from checker.core.config import Config, load_config
from checker.input.discover import Discovery, discover_files
from checker.input.load import InputError

RESIDUE = "# 標題\n\n好的，以下是整理後的文稿：\n\n正文內容。\n"
RULE = "text.llm-residue"


@pytest.fixture(autouse=True)
def _no_global_gitignore(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the machine's own ~/.config/git/ignore must not decide what these tests see
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))


def _write(root: Path, rel: str, text: str = "# Title\n\nHello.\n") -> Path:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def _found(paths: list[str], cfg: Config | None = None, **kw: object) -> list[str]:
    disc = Discovery(**kw)  # type: ignore[arg-type]
    return [inp.path for inp, _ in discover_files(paths, cfg or Config(), disc)]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)  # a repository root: .gitignore counts only inside one
    for rel in (
        "a.md",
        "content/b.md",
        "content/sub/c.md",
        "content/gen/g.md",
        "content/gen/keep.md",
        "content/notes.log.md",
        "content/keep.log.md",
        "node_modules/pkg/readme.md",
        ".hidden/h.md",
        "content/.drafts/x.md",
        "content/.dot.md",
        "build/out.md",
        "dist/out.md",
        "_site/index.html",
        "scratch/s.md",
        "private.md",
    ):
        _write(root, rel)
    (root / ".gitignore").write_text("*.log.md\n!keep.log.md\n", encoding="utf-8")
    (root / "content" / ".gitignore").write_text("gen/*\n!gen/keep.md\n", encoding="utf-8")
    (root / ".ignore").write_text("scratch/\n", encoding="utf-8")
    (root / ".git" / "info").mkdir()
    (root / ".git" / "info" / "exclude").write_text("/private.md\n", encoding="utf-8")
    return root


def test_walk_respects_ignore_files_hidden_names_and_build_output(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    assert _found(["."]) == [
        "a.md",
        "content/b.md",
        "content/gen/keep.md",  # re-included by the nested .gitignore's negation
        "content/keep.log.md",  # re-included by the root .gitignore's negation
        "content/sub/c.md",
    ]


def test_respect_gitignore_false_reads_what_ignore_files_leave_out(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    got = _found(["."], Config(root=repo, respect_gitignore=False))
    assert {"content/gen/g.md", "content/notes.log.md", "scratch/s.md", "private.md"} <= set(got)
    # hidden names and build output stay out: they are not the ignore files' doing
    assert not any(p.startswith((".hidden", "node_modules", "build", "dist", "_site")) for p in got)
    assert "content/.dot.md" not in got


def test_gitignore_outside_a_repository_is_not_read_but_ignore_is(tmp_path: Path) -> None:
    _write(tmp_path, "t/a.md")
    _write(tmp_path, "t/b.md")
    _write(tmp_path, "t/c.md")
    (tmp_path / "t" / ".gitignore").write_text("a.md\n", encoding="utf-8")
    (tmp_path / "t" / ".ignore").write_text("b.md\n", encoding="utf-8")
    assert [Path(p).name for p in _found([str(tmp_path / "t")])] == ["a.md", "c.md"]


def test_explicit_paths_are_read_unless_force_exclude(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    named = ["content/notes.log.md", "build/out.md", "node_modules/pkg/readme.md", "private.md"]
    assert _found(named) == named
    assert _found(named, force_exclude=True) == []
    # a named folder is walked even when a pattern leaves it out, and its files with it
    assert _found(["build"]) == ["build/out.md"]
    assert _found(["scratch"]) == ["scratch/s.md"]  # .ignore leaves scratch/ out
    # but `gen/*` leaves out the files themselves, not the folder: as git and ripgrep read it
    assert _found(["content/gen"]) == ["content/gen/keep.md"]
    assert _found(["build"], force_exclude=True) == []


def test_exclude_replaces_and_extend_exclude_adds(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    got = _found(["."], exclude=("content/sub",))
    # the default list is replaced: build output is read again, content/sub is not
    assert "build/out.md" in got and "node_modules/pkg/readme.md" in got
    assert "content/sub/c.md" not in got
    got = _found(["."], extend_exclude=("content/sub", "a.md"))
    assert got == ["content/b.md", "content/gen/keep.md", "content/keep.log.md"]


def test_config_exclude_is_anchored_at_the_config_folder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "checker.toml").write_text('extend-exclude = ["content/sub/*.md", "/a.md"]\n', encoding="utf-8")
    for cwd in (repo, repo / "content", repo.parent):
        monkeypatch.chdir(cwd)
        cfg = load_config(None, cwd) if cwd != repo.parent else load_config(str(repo / "checker.toml"))
        got = {Path(p).resolve() for p in _found([str(repo)], cfg)}
        assert repo / "content" / "b.md" in got
        assert repo / "content" / "sub" / "c.md" not in got, cwd
        assert repo / "a.md" not in got, cwd


def test_glob_arguments_are_expanded_and_filtered(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    assert _found(["content/**/*.md"]) == [
        "content/b.md",
        "content/gen/keep.md",
        "content/keep.log.md",
        "content/sub/c.md",
    ]
    assert _found(["*.md"]) == ["a.md"]  # as the shell reads it: the top folder only
    assert _found(["content/s*"]) == ["content/sub/c.md"]
    with pytest.raises(InputError, match="no file matches"):
        _found(["content/**/*.rst.md"])
    with pytest.raises(InputError, match="no such file"):
        _found(["missing/*.md"])


def test_stdin_and_fifo_behaviour_is_kept(tmp_path: Path) -> None:
    import os

    _write(tmp_path, "a.md")
    os.mkfifo(tmp_path / "pipe.md")
    notes: list[str] = []
    got = [i.path for i, _ in discover_files(["-", str(tmp_path), "-"], Config(), Discovery(), notes=notes)]
    assert got == ["-", str(tmp_path / "a.md")]
    assert any("pipe.md: skipped, not a regular file" in n for n in notes)


def test_unreadable_folder_is_an_error(tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root reads every folder")
    locked = tmp_path / "locked"
    _write(locked, "a.md")
    locked.chmod(0)
    try:
        with pytest.raises(InputError, match="cannot list"):
            _found([str(tmp_path)])
    finally:
        locked.chmod(0o755)


# --- the nearest config per folder, through the command line ----------------------------------


def _check(tmp_path: Path, *args: str) -> tuple[int, dict]:
    out = tmp_path / "report.json"
    code = main(["check", "--format", "json", "--today", "2026-01-01", "-q", "-o", str(out), *args])
    return code, json.loads(out.read_text(encoding="utf-8"))


def _severities(report: dict) -> dict[str, str]:
    return {f["path"]: f["severity"] for f in report["findings"] if f["rule"] == RULE}


@pytest.fixture
def nested(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / ".git").mkdir(parents=True)
    for rel in ("top.md", "news/a.md", "news/deep/b.md", "quiet/c.md", "py/d.md"):
        _write(root, rel, RESIDUE)
    (root / "checker.toml").write_text(f'[severity]\n"{RULE}" = "error"\n', encoding="utf-8")
    (root / "news" / "checker.toml").write_text(f'[severity]\n"{RULE}" = "info"\n', encoding="utf-8")
    (root / "quiet" / "checker.toml").write_text(f'ignore = ["{RULE}"]\n', encoding="utf-8")
    (root / "py" / "pyproject.toml").write_text(
        f'[project]\nname = "x"\n\n[tool.checker]\n[tool.checker.severity]\n"{RULE}" = "warning"\n',
        encoding="utf-8",
    )
    return root


def test_each_file_takes_its_nearest_config(nested: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(nested)
    code, report = _check(tmp_path, ".")
    assert _severities(report) == {
        "top.md": "error",
        "news/a.md": "info",
        "news/deep/b.md": "info",  # the nearest config above it is news/checker.toml
        "py/d.md": "warning",  # [tool.checker] in a pyproject.toml
    }  # quiet/c.md: its config ignores the rule
    assert code == 1  # fail-on error: top.md


def test_nearest_config_holds_from_another_working_directory(
    nested: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(nested / "news")
    _, report = _check(tmp_path, "deep/b.md", "../quiet", "../top.md")
    assert _severities(report) == {"deep/b.md": "info", "../top.md": "error"}


def test_explicit_config_governs_every_file(nested: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(nested)
    _, report = _check(tmp_path, "--config", "news/checker.toml", ".")
    assert set(_severities(report).values()) == {"info"}
    assert "quiet/c.md" in _severities(report)


def test_nested_config_exclude_applies_below_it(nested: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (nested / "news" / "checker.toml").write_text('exclude = ["deep"]\n', encoding="utf-8")
    monkeypatch.chdir(nested)
    _, report = _check(tmp_path, ".")
    paths = {d["path"] for d in report["documents"]}
    assert "news/a.md" in paths and "news/deep/b.md" not in paths


def test_nested_config_run_wide_keys_give_a_note(
    nested: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (nested / "news" / "checker.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    monkeypatch.chdir(nested)
    out = tmp_path / "r.json"
    code = main(["check", "--format", "json", "--today", "2026-01-01", "-o", str(out), "."])
    assert code == 1  # the run's fail-on (error) holds
    assert "fail-on apply to the whole run" in capsys.readouterr().err


def test_command_line_exclude_flags(nested: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(nested)
    _, report = _check(tmp_path, "--extend-exclude", "news/deep", "--extend-exclude", "py", ".")
    assert {d["path"] for d in report["documents"]} == {"top.md", "news/a.md", "quiet/c.md"}
    _, report = _check(tmp_path, "--force-exclude", "--exclude", "top.md", "top.md", "news/a.md")
    assert {d["path"] for d in report["documents"]} == {"news/a.md"}


def test_bad_patterns_exit_2(nested: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(nested)
    assert main(["check", "-q", "-o", str(tmp_path / "r.txt"), "--exclude", "!", "."]) == 2
    (nested / "checker.toml").write_text('extend-exclude = ["\\\\"]\n', encoding="utf-8")
    assert main(["check", "-q", "-o", str(tmp_path / "r.txt"), "."]) == 2


def test_bad_nested_config_exits_2(nested: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (nested / "quiet" / "checker.toml").write_text("respect-gitignore = 3\n", encoding="utf-8")
    monkeypatch.chdir(nested)
    assert main(["check", "-q", "-o", str(tmp_path / "r.txt"), "."]) == 2


def test_per_file_ignores_match_from_the_config_folder_too(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = Config(root=repo, per_file_ignores={"content/sub/*.md": [RULE]})
    monkeypatch.chdir(repo.parent)  # the path as shown is repo/content/sub/c.md
    assert cfg.ignored_for_path(RULE, str(Path("repo") / "content" / "sub" / "c.md"))
    assert not cfg.ignored_for_path(RULE, str(Path("repo") / "content" / "b.md"))


def test_readme_configuration_example_loads() -> None:
    import re
    import tomllib

    from checker.core.config import parse_config

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Configuration", 1)[1]
    block = re.search(r"```toml\n(.*?)```", section, re.DOTALL)
    assert block is not None
    cfg = parse_config(tomllib.loads(block.group(1)), "README.md", Path("."))
    assert cfg.extend_exclude == ["drafts/old/"] and cfg.respect_gitignore and not cfg.force_exclude
