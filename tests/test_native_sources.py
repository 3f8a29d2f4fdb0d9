"""What a module compiled by mypyc (setup.py's COMPILED) must not use, because the compiled build
runs it differently from CPython, silently:
- functools.cached_property: a native class has no instance __dict__, so the value was rebuilt on
  every access (LineGates re-joined a document's lines per gate; a trial build of conversion.py
  made the seeds 3.9 s instead of 1.0 s);
- __file__: the extension's path (unchanged by a code change), or one naming the package folder
  twice when another compiled module of the package imports it (stored values keyed by it were
  never found); cachefiles.code_digest takes module names;
- sys._getframe: a compiled function has no frame (lazy_regex stays interpreted for this)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _compiled() -> list[str]:
    text = (ROOT / "setup.py").read_text(encoding="utf-8")
    start = text.index("COMPILED = [")
    return re.findall(r'"(checker/[\w/]+\.py)"', text[start : text.index("]", start)])


def test_the_compiled_list_names_existing_modules() -> None:
    paths = _compiled()
    assert len(paths) >= 30
    assert all((ROOT / p).is_file() for p in paths), [p for p in paths if not (ROOT / p).is_file()]


@pytest.mark.parametrize("path", _compiled())
def test_a_compiled_module_uses_nothing_mypyc_runs_differently(path: str) -> None:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    names |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    names |= {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
    assert not names & {"cached_property", "__file__", "_getframe"}
