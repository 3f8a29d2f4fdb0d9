"""Which build runs: checker's hot modules compiled by mypyc, or pure Python.

`setup.py` compiles the modules listed in its `COMPILED` with mypyc (an install
with `CHECKER_PURE_PYTHON=1` compiles none). Each compiled module is a `.so` file beside its
`.py`, and Python's import prefers the `.so`. In an editable install that would hide an edit: a
developer changes `checker/text/view.py` and the old compiled code keeps running. So before any
of them is imported (`checker/__init__.py` calls `choose_build()`), each compiled module's
source is compared with what was compiled: the build records the SHA-256 of every source in
`checker/data/native-build.json`. A source newer than its `.so` whose digest differs means the
build is stale; then **no** compiled module is used (compiled modules call each other
natively, so one module read from source beside compiled callers would still be half old): a
warning on stderr names the module and the command to rebuild, and the run is pure Python,
correct but slower. `CHECKER_PURE_PYTHON=1` at run time does the same without a warning (the
test suite runs both builds this way).

The check stats two files per compiled module (~0.3 ms for all); a digest is computed only for a
source that is newer than its build (a checkout or a wheel's extraction order), ~0.1 ms each.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

_PACKAGE = Path(__file__).resolve().parent
_ROOT = _PACKAGE.parent
MANIFEST = _PACKAGE / "data" / "native-build.json"
REBUILD = "pip install -e . (or: python setup.py build_ext --inplace -j 2)"


@dataclass(frozen=True)
class Build:
    """What `choose_build` decided: the modules running compiled, and why the others are not."""

    compiled: tuple[str, ...]  # module names imported from their .so
    reason: str  # "" when every built module is used; else why the run is pure Python

    def describe(self) -> str:
        if self.compiled:
            return f"compiled (mypyc): {len(self.compiled)} modules"
        return "pure Python" + (f" ({self.reason})" if self.reason else "")


_BUILD: Build | None = None


def _module_file(name: str, suffix: str) -> Path:
    return _ROOT / (name.replace(".", "/") + suffix)


def _read_manifest(path: Path) -> dict[str, str]:
    """module name -> SHA-256 of the source compiled; {} when absent or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    modules = data.get("modules") if isinstance(data, dict) else None
    if not isinstance(modules, dict):
        return {}
    return {k: v for k, v in modules.items() if isinstance(k, str) and isinstance(v, str)}


def source_digest(path: Path) -> str:
    import hashlib  # only for a source newer than its build: not on every start

    return hashlib.sha256(path.read_bytes()).hexdigest()


def stale_modules(built: dict[str, str]) -> tuple[list[str], list[str]]:
    """(modules whose .so is present and current, modules whose source changed since the build)."""
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    present: list[str] = []
    stale: list[str] = []
    for name, digest in sorted(built.items()):
        so, py = _module_file(name, suffix), _module_file(name, ".py")
        library = _module_file(name.rsplit(".", 1)[0] + "._native__mypyc", suffix)
        try:
            # the package's library holds the code: a rebuild after an edit rewrites it, not the shim
            so_time = max(so.stat().st_mtime, library.stat().st_mtime)
        except OSError:
            continue  # not built (a compile failure leaves the module interpreted)
        try:
            newer = py.stat().st_mtime > so_time
            if newer and source_digest(py) != digest:
                stale.append(name)
                continue
        except OSError:
            pass  # no source beside it (a stripped install): the build is all there is
        present.append(name)
    return present, stale


class _SourceFirst:
    """A meta-path finder that imports the named modules from their .py, not their .so."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = frozenset(names)

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.names:
            return None
        return importlib.util.spec_from_file_location(fullname, _module_file(fullname, ".py"))


def choose_build() -> Build:
    """Decide once per process, before any compiled module is imported (see the module doc)."""
    global _BUILD
    if _BUILD is not None:
        return _BUILD
    built = _read_manifest(MANIFEST)
    present, stale = stale_modules(built) if built else ([], [])
    if not present and not stale:
        _BUILD = Build((), "")
    elif os.environ.get("CHECKER_PURE_PYTHON") == "1":
        _BUILD = Build((), "CHECKER_PURE_PYTHON=1")
    elif stale:
        shown = ", ".join(stale[:3]) + (f" and {len(stale) - 3} more" if len(stale) > 3 else "")
        sys.stderr.write(
            f"checker: warning: {shown} changed since the compiled build; running pure Python "
            f"(slower). Rebuild: {REBUILD}\n"
        )
        _BUILD = Build((), f"stale build: {shown}")
    else:
        _BUILD = Build(tuple(present), "")
    if not _BUILD.compiled and (present or stale):
        sys.meta_path.insert(0, _SourceFirst([*present, *stale]))
    return _BUILD
