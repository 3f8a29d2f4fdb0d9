"""Plain-name exclude patterns (the default list) matched as a set of names, as pathspec matches them."""

from __future__ import annotations

import itertools
from pathlib import Path

import pathspec

from checker.input.ignore import DEFAULT_EXCLUDE, Patterns, _NameSpec

from .clihelp import python_snippet

_NAMES = ["build", "node_modules", ".venv", "a.b", "x-y", "_site"]
_PARTS = ["build", "builds", "xbuild", "node_modules", ".venv", "venv", "a.b", "aXb", "x-y", "_site", "docs", "b"]


def _keys() -> list[str]:
    keys = []
    for n in range(1, 4):
        for parts in itertools.product(_PARTS, repeat=n):
            rel = "/".join(parts)
            keys += [rel, rel + "/"]
    return keys


def test_plain_names_match_as_pathspec_matches_them(tmp_path: Path) -> None:
    fast = Patterns.of(list(_NAMES), tmp_path)
    assert isinstance(fast.spec, _NameSpec) and isinstance(fast.names, _NameSpec)
    slow = pathspec.GitIgnoreSpec.from_lines(_NAMES)
    for key in _keys():
        assert fast.spec.check_file(key).include == slow.check_file(key).include, key
    # outside the anchor: the name alone
    for name in _PARTS:
        for is_dir in (False, True):
            path = tmp_path.parent / "elsewhere" / name
            want = slow.check_file(name + ("/" if is_dir else "")).include
            assert fast.check(path, is_dir) == want, (name, is_dir)


def test_a_folder_named_by_the_user_keeps_the_other_names(tmp_path: Path) -> None:
    fast = Patterns.of(list(_NAMES), tmp_path).without_matches_of(tmp_path / "a" / "build")
    assert isinstance(fast.spec, _NameSpec)
    assert [p.name for p in fast.spec.patterns] == [n for n in _NAMES if n != "build"]
    assert fast.check(tmp_path / "a" / "build" / "x.md", False) is None
    assert fast.check(tmp_path / "a" / "node_modules", True) is True


def test_any_other_pattern_goes_to_pathspec(tmp_path: Path) -> None:
    for lines in (["*.tmp"], ["build", "!keep"], ["docs/old"], ["#comment"], ["a\\ b"], ["."], ["build/"]):
        assert not isinstance(Patterns.of(lines, tmp_path).spec, _NameSpec), lines
    assert not Patterns.of([], tmp_path).spec.patterns  # nothing to match: left out by the walker


def test_a_folder_walked_with_the_default_excludes_does_not_load_pathspec(tmp_path: Path) -> None:
    assert all(isinstance(p, str) for p in DEFAULT_EXCLUDE)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# Title\\n\\nText.\\n", encoding="utf-8")
    (tmp_path / "docs" / "build").mkdir()
    (tmp_path / "docs" / "build" / "b.md").write_text("# Built\\n", encoding="utf-8")
    script = f"""
import sys
from pathlib import Path
from checker.input.discover import Discovery, discover_files
from checker.core.config import Config
found = discover_files([{str(tmp_path / "docs")!r}], Config(), Discovery(cwd=Path({str(tmp_path)!r})))
print([f.path for f, _conf in found])
print("pathspec" in sys.modules)
"""
    got = python_snippet(script, tmp_path / "cache")
    assert got.returncode == 0, got.stderr
    out = got.stdout.splitlines()
    assert out[-1] == "False"
    assert "b.md" not in out[0] and "a.md" in out[0]
