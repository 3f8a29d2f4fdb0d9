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
