"""What a benchmark's child runs of checker see: a user's installation, with bytecode.

A developer's shell may set PYTHONDONTWRITEBYTECODE=1; a child run would then compile every
checker module from source on every start (~0.2 s on a draft) that no installed copy pays. So the
benchmarks drop it for their children and compile the modules once before timing anything.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def user_env(**extra: str) -> dict[str, str]:
    """This process's environment without PYTHONDONTWRITEBYTECODE, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def warm_bytecode() -> None:
    """Write the bytecode of checker's own modules (site-packages have theirs from pip)."""
    folders = [str(ROOT / d) for d in ("checker", "rules", "reports") if (ROOT / d).is_dir()]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *folders], env=user_env(), check=False)
