from __future__ import annotations

import os
from pathlib import Path

from setuptools import setup

ROOT = Path(__file__).resolve().parent
COMPILED = [l.strip() for l in (ROOT / "compiled_modules.txt").read_text().splitlines() if l.strip() and not l.startswith("#")]

def groups(paths):
    by = {}
    for p in paths:
        pkg = p.rsplit("/", 1)[0].replace("/", ".")
        by.setdefault(pkg, []).append(p)
    return [(files, pkg + "._native") for pkg, files in sorted(by.items())]

ext = []
if os.environ.get("CHECKER_PURE_PYTHON") != "1":
    from mypyc.build import mypycify

    ext = mypycify(COMPILED, separate=groups(COMPILED), opt_level=os.environ.get("MYPYC_OPT_LEVEL", "3"))
setup(ext_modules=ext)
