"""The pre-commit hook (.pre-commit-hooks.yaml), run by pre-commit itself.

Offline, the hook definition is run through `pre-commit run` as a local hook with
`language: system` (checker from this venv): that exercises the entry, the file types,
serial running and the exit code, without installing anything. The full
`pre-commit try-repo` builds a virtualenv and pip-installs checker's dependencies from
PyPI, which tests must not reach; it runs only with CHECKER_LIVE_TESTS=1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
CONTENT = {
    "draft.md": "# 测试\n\n好的，以下是修改后的版本：\n\nNVIDIA 发布了新产品。\n",
    "clean.txt": "A clean plain-text note.\n",
    "page.html": "<html><body><p>A clean page.</p></body></html>\n",
    # not a content file: the hook must not be given it, whatever it says
    "tool.py": "# 好的，以下是修改后的版本：\n",
}

pre_commit = pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install pre-commit)")
if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)


def manifest() -> list[dict[str, Any]]:
    from pre_commit.clientlib import load_manifest

    hooks: list[dict[str, Any]] = load_manifest(str(MANIFEST))
    return hooks


def git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    done = subprocess.run(["git", *args], cwd=repo, env=env, check=False, capture_output=True, text=True)
    assert done.returncode == 0, f"git {' '.join(args)} in {repo} (exists: {repo.exists()}): {done.stderr}"


def sample_repo(root: Path) -> Path:
    repo = root / "content"
    repo.mkdir()
    git(repo, "init", "-q")
    for name, text in CONTENT.items():
        (repo / name).write_text(text, encoding="utf-8")
    return repo


def run_pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    bindir = str(Path(sys.executable).parent)  # where this venv's `checker` script is
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "PATH": bindir + os.pathsep + os.environ.get("PATH", ""),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "NO_COLOR": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=600
    )


def test_manifest_is_valid_and_selects_content_files() -> None:
    from identify import identify

    (hook,) = manifest()
    assert hook["id"] == "checker" and hook["language"] == "python"
    assert hook["entry"].split()[:2] == ["checker", "check"]
    assert hook["require_serial"] is True  # corpus rules must see all files in one run
    wanted = set(hook["types_or"])
    for name in ("a.md", "a.markdown", "a.mdx", "a.txt", "a.html", "a.htm"):
        assert identify.tags_from_filename(name) & wanted, name
    for name in ("a.py", "a.json", "a.yaml"):
        assert not identify.tags_from_filename(name) & wanted, name


def test_hook_through_pre_commit_offline(tmp_path: Path) -> None:
    (hook,) = manifest()
    local = {**hook, "language": "system"}
    # only the stable text.llm-residue rule: this tests the hook, not the rules
    local["args"] = [*hook["args"], "--select", "text.llm-residue"]
    for key in ("minimum_pre_commit_version",):
        local.pop(key, None)
    repo = sample_repo(tmp_path)
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    git(repo, "add", "-A")

    dirty = run_pre_commit(repo, tmp_path / "home", "run", "--all-files", "--verbose")
    assert dirty.returncode == 1, dirty.stdout + dirty.stderr
    assert "Failed" in dirty.stdout and "exit code: 1" in dirty.stdout
    assert "draft.md" in dirty.stdout and "text.llm-residue" in dirty.stdout
    assert "tool.py" not in dirty.stdout  # not a content type: never passed to checker

    clean = run_pre_commit(repo, tmp_path / "home", "run", "--files", "clean.txt", "page.html")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout


@pytest.mark.network
@pytest.mark.skipif(
    not os.environ.get("CHECKER_LIVE_TESTS"),
    reason="pre-commit try-repo pip-installs checker's dependencies from PyPI (not all are in a local "
    "mirror here); set CHECKER_LIVE_TESTS=1 to run it",
)
def test_try_repo_installs_and_runs_the_hook(tmp_path: Path) -> None:
    # a clean copy of the project as a git repository (try-repo clones what is committed)
    project = tmp_path / "checker-src"
    project.mkdir()
    for name in ("checker", "rules", "reports"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, project / name)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "snapshot")
    repo = sample_repo(tmp_path)
    git(repo, "add", "-A")
    result = run_pre_commit(repo, tmp_path / "home", "try-repo", str(project), "checker", "--all-files", "--verbose")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "draft.md" in result.stdout and "text.llm-residue" in result.stdout
    assert "tool.py" not in result.stdout
