"""A small stand-in for the GitHub runner, enough to run action.yml's steps in a test.

It walks the composite action's steps in order, evaluates the `${{ }}` expressions of their
`env:`, `with:` and `if:` (dotted context names, string literals, == != && || ! and
parentheses: all that action.yml uses; anything else is an error, not a guess), runs each
`run:` step as the runner does (`bash --noprofile --norc -eo pipefail`), collects
$GITHUB_OUTPUT, and stops the job at the first failed step that does not continue on error.
The steps that are GitHub's own actions are stood in for: setup-python reports a Python, the
cache "restores" an environment holding this venv's checker, the SARIF upload succeeds or
fails as the test says.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent

GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return data


def step(name: str) -> dict[str, Any]:
    """A step by id or name."""
    for s in action()["runs"]["steps"]:
        if name in (s.get("id"), s.get("name")):
            return dict(s)
    raise KeyError(name)


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, check=False, capture_output=True, text=True
    )
    assert done.returncode == 0, f"git {' '.join(args)} in {repo}: {done.stderr}"
    return done.stdout


def checkout(origin: Path, ref: str, dest: Path) -> Path:
    """What actions/checkout does by default: fetch one commit (depth 1) of `ref`, detached."""
    dest.mkdir(parents=True)
    git(dest, "init", "-q")
    git(dest, "remote", "add", "origin", origin.as_uri())
    git(dest, "fetch", "-q", "--no-tags", "--depth=1", "origin", f"+{ref}:refs/remotes/checkout")
    git(dest, "checkout", "-q", "--detach", "refs/remotes/checkout")
    return dest


def _outputs(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return dict(line.split("=", 1) for line in lines if "=" in line)


def _bash(script: str, cwd: Path, env: dict[str, str], scratch: Path) -> subprocess.CompletedProcess[str]:
    file = scratch / "step.sh"
    file.write_text(script, encoding="utf-8")
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(file)],
        cwd=cwd,
        env={**os.environ, **GIT_ENV, "NO_COLOR": "1", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def run_script(step_id: str, cwd: Path, env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    """One `run:` step of action.yml with the given environment (as its `env:` would give it)."""
    scratch = cwd.parent / f".step-{step_id}"
    scratch.mkdir(exist_ok=True)
    outputs = scratch / "outputs.txt"
    outputs.write_text("", encoding="utf-8")
    env = {"ACTION_PATH": str(ROOT), "GITHUB_OUTPUT": str(outputs), **env}
    done = _bash(step(step_id)["run"], cwd, env, scratch)
    return done, _outputs(outputs)


# --- expressions ---------------------------------------------------------------------

_TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||!|\(|\))|(?P<name>[A-Za-z_][\w.-]*))")
_LITERALS = {"true": "True", "false": "False", "null": "None"}


def _lookup(context: dict[str, Any], name: str) -> Any:
    value: Any = context
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return ""  # GitHub's null, which compares equal to ''
        value = value[part]
    return value


def evaluate(expr: str, context: dict[str, Any]) -> Any:
    expr = expr.strip()
    if expr.startswith("${{") and expr.endswith("}}"):
        expr = expr[3:-2].strip()
    parts: list[str] = []
    pos = 0
    while pos < len(expr):
        m = _TOKEN.match(expr, pos)
        if m is None or m.end() == pos:
            raise ValueError(f"expression not understood by the test runner: {expr!r}")
        pos = m.end()
        if m["str"] is not None:
            parts.append(repr(m["str"][1:-1].replace("''", "'")))
        elif m["op"] is not None:
            parts.append({"&&": " and ", "||": " or ", "!": " not "}.get(m["op"], m["op"]))
        else:
            name = m["name"]
            parts.append(_LITERALS.get(name) or repr(_lookup(context, name)))
    return eval("".join(parts), {"__builtins__": {}})  # only the tokens above reach here


def _text(value: Any) -> str:
    if value is True or value is False:
        return str(value).lower()
    return "" if value is None else str(value)


def substitute(text: str, context: dict[str, Any]) -> str:
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: _text(evaluate(m[1], context)), str(text))


# --- the job ---------------------------------------------------------------------------


@dataclass
class Result:
    code: int
    log: str
    outputs: dict[str, str]
    uploaded: bool
    summary: str
    steps: dict[str, dict[str, Any]]


@dataclass
class Job:
    tmp: Path
    workspace: Path
    event: str
    repository: str
    pull_request: dict[str, Any] | None = None
    upload_fails: bool = False
    context: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        event: dict[str, Any] = {"pull_request": self.pull_request} if self.pull_request else {}
        self.context = {
            "github": {
                "event_name": self.event,
                "event": event,
                "repository": self.repository,
                "action_path": str(ROOT),
            },
            "runner": {"temp": str(self.tmp / "runner-temp"), "os": "Linux"},
        }

    def run(self, **inputs: str) -> Result:
        data = action()
        unknown = set(inputs) - set(data["inputs"])
        assert not unknown, f"not inputs of the action: {unknown}"
        ctx = dict(self.context)
        ctx["inputs"] = {k: str(v.get("default", "")) for k, v in data["inputs"].items()} | inputs
        ctx["steps"] = {}
        (self.tmp / "runner-temp").mkdir(exist_ok=True)
        home = self.tmp / "home"
        home.mkdir(exist_ok=True)
        summary = self.tmp / "step-summary.md"
        summary.write_text("", encoding="utf-8")
        log: list[str] = []
        failed_code = 0
        uploaded = False
        for n, s in enumerate(data["runs"]["steps"]):
            sid = s.get("id") or f"step{n}"
            record: dict[str, Any] = {"outputs": {}, "outcome": "skipped"}
            ctx["steps"][sid] = record
            if failed_code or ("if" in s and not evaluate(str(s["if"]), ctx)):
                continue
            if "uses" in s:
                with_ = {k: substitute(v, ctx) for k, v in (s.get("with") or {}).items()}
                record["outcome"], record["outputs"] = self._uses(s["uses"], with_)
                uploaded = uploaded or s["uses"].startswith("github/codeql-action/upload-sarif@")
            else:
                scratch = self.tmp / f".job-{sid}"
                scratch.mkdir(exist_ok=True)
                outputs = scratch / "outputs.txt"
                outputs.write_text("", encoding="utf-8")
                env = {k: substitute(v, ctx) for k, v in (s.get("env") or {}).items()}
                env |= {
                    "GITHUB_OUTPUT": str(outputs),
                    "GITHUB_STEP_SUMMARY": str(summary),
                    "HOME": str(home),
                    "RUNNER_TEMP": str(self.tmp / "runner-temp"),
                    "RUNNER_OS": "Linux",
                    "RUNNER_ARCH": "X64",
                }
                done = _bash(s["run"], self.workspace, env, scratch)
                log += [f"## step {s.get('name', sid)} (exit {done.returncode})", done.stdout, done.stderr]
                record["outputs"] = _outputs(outputs)
                record["outcome"] = "success" if done.returncode == 0 else "failure"
                if done.returncode and not s.get("continue-on-error"):
                    failed_code = done.returncode
        outputs_ = {k: substitute(v["value"], ctx) for k, v in data.get("outputs", {}).items()}
        return Result(
            failed_code, "\n".join(log), outputs_, uploaded, summary.read_text(encoding="utf-8"), ctx["steps"]
        )

    def _uses(self, uses: str, with_: dict[str, str]) -> tuple[str, dict[str, str]]:
        if uses.startswith("actions/setup-python@"):
            # a Python that cannot run: the environment must come from the cache below
            return "success", {"python-path": str(self.tmp / "no-python"), "python-version": platform.python_version()}
        if uses.startswith("actions/cache@"):
            real = Path(sys.executable).parent / "checker"
            if not real.exists():
                real = Path(shutil.which("checker") or "checker")
            bin_dir = Path(with_["path"]) / "bin"
            bin_dir.mkdir(parents=True, exist_ok=True)
            if not (bin_dir / "checker").exists():
                (bin_dir / "checker").symlink_to(real)
            return "success", {"cache-hit": "true"}
        if uses.startswith("github/codeql-action/upload-sarif@"):
            assert Path(with_["sarif_file"]).is_file()
            return ("failure" if self.upload_fails else "success"), {}
        raise AssertionError(f"no stand-in for {uses}")
