"""Run the installed command line in a subprocess, as editors and CI do."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Result:
    code: int
    out: str
    err: str


def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None, env: dict[str, str] | None = None) -> Result:
    full_env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8", **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "checker", *args],
        cwd=cwd or ROOT,
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env=full_env,
        timeout=300,
    )
    return Result(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def python_snippet(code: str, cache: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`code` run in a fresh interpreter with `cache` as checker's cache folder (start-up and
    the stores kept between runs are only seen from a new process)."""
    full_env = {**os.environ, "CHECKER_CACHE_DIR": str(cache), **env}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=full_env, timeout=120, check=False
    )
