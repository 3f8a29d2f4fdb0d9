"""The GitHub Action (action.yml): its shell steps run here as a runner would run them.

The steps read everything from environment variables (the `${{ }}` expressions are only in
their `env:` blocks), so they are executed with bash against a git repository made in the
test, with this venv's `checker` on PATH. setup-python and the SARIF upload are GitHub's own
actions and are not run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

if shutil.which("git") is None or shutil.which("bash") is None:
    pytest.skip("git and bash are needed", allow_module_level=True)


def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return data


def step(name: str) -> dict[str, Any]:
    for s in action()["runs"]["steps"]:
        if s.get("name") == name or s.get("id") == name:
            return s
    raise KeyError(name)


def git(repo: Path, *args: str) -> str:
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
    return done.stdout


def run_step(name: str, cwd: Path, env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    outputs = cwd.parent / f"{name}-outputs.txt"
    outputs.write_text("")
    full = {
        **os.environ,
        **env,
        "GITHUB_OUTPUT": str(outputs),
        "NO_COLOR": "1",
        "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
    }
    # how the runner runs `shell: bash`: bash --noprofile --norc -eo pipefail {0}
    script = cwd.parent / f"{name}.sh"
    script.write_text(step(name)["run"], encoding="utf-8")
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
    )
    values = dict(line.split("=", 1) for line in outputs.read_text().splitlines() if "=" in line)
    return done, values


@pytest.fixture
def pull_request(tmp_path: Path) -> tuple[Path, str, str]:
    repo = tmp_path / "site"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "old.md").write_text("# old\n\nfine\n", encoding="utf-8")
    (repo / "gone.txt").write_text("to be deleted\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    base = git(repo, "rev-parse", "HEAD").strip()
    (repo / "old.md").write_text("# old\n\n好的，以下是修改后的版本：\n\nfine\n", encoding="utf-8")
    (repo / "new page.html").write_text("<p>new</p>\n", encoding="utf-8")
    (repo / "script.py").write_text("print(1)\n", encoding="utf-8")
    (repo / "gone.txt").unlink()
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "head")
    head = git(repo, "rev-parse", "HEAD").strip()
    return repo, base, head


def test_action_is_composite_with_the_documented_inputs() -> None:
    data = action()
    assert data["runs"]["using"] == "composite"
    assert {"paths", "changed-only", "fail-on", "args", "today", "sarif"} <= set(data["inputs"])
    uses = [s["uses"] for s in data["runs"]["steps"] if "uses" in s]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    for s in data["runs"]["steps"]:
        if "run" in s:
            assert s["shell"] == "bash"
            assert "${{" not in s["run"], "expressions belong in env:, not in the script (injection)"


def test_pull_request_selects_changed_content_files(pull_request: tuple[Path, str, str]) -> None:
    repo, base, head = pull_request
    listing = repo.parent / "files.txt"
    env = {
        "EVENT": "pull_request",
        "BASE_SHA": base,
        "HEAD_SHA": head,
        "CHANGED_ONLY": "true",
        "PATHS": ".",
        "LIST": str(listing),
    }
    done, out = run_step("select", repo, env)
    assert done.returncode == 0, done.stderr
    assert listing.read_text(encoding="utf-8").splitlines() == ["new page.html", "old.md"]
    assert out["count"] == "2"


def test_other_events_check_the_given_paths(pull_request: tuple[Path, str, str]) -> None:
    repo, _, _ = pull_request
    listing = repo.parent / "files.txt"
    done, out = run_step(
        "select", repo, {"EVENT": "push", "CHANGED_ONLY": "true", "PATHS": "old.md docs", "LIST": str(listing)}
    )
    assert done.returncode == 0, done.stderr
    assert listing.read_text(encoding="utf-8").splitlines() == ["old.md", "docs"]
    assert out["count"] == "2"


def test_sarif_and_annotation_steps(pull_request: tuple[Path, str, str]) -> None:
    repo, _, _ = pull_request
    listing = repo.parent / "files.txt"
    listing.write_text("old.md\nnew page.html\n", encoding="utf-8")
    common = {"LIST": str(listing), "ARGS": "--select text.llm-residue", "TODAY": "2025-03-20"}
    sarif = repo.parent / "checker.sarif"
    done, out = run_step("sarif", repo, {**common, "OUT": str(sarif)})
    assert done.returncode == 0, done.stderr
    assert out["file"] == str(sarif)
    log = json.loads(sarif.read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0" and log["runs"][0]["results"][0]["ruleId"] == "text.llm-residue"

    done, out = run_step("annotate", repo, {**common, "FAIL_ON": "error"})
    assert done.returncode == 1
    assert out["exit-code"] == "1"
    assert done.stdout.startswith("::error file=old.md,line=3,")

    done, out = run_step("annotate", repo, {**common, "FAIL_ON": "never"})
    assert done.returncode == 0 and out["exit-code"] == "0"
