"""Start-up: what a run imports, and the regex and lexicon stores kept between runs."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from array import array
from pathlib import Path

import pytest

HEAVY = ("textual", "requests", "urllib3", "dateparser", "checker.viewer", "checker.references.services")


def _python(code: str, cache: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "CHECKER_CACHE_DIR": str(cache), **env}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=full_env, timeout=120, check=False
    )


def test_importing_the_cli_loads_no_viewer_network_or_dateparser(tmp_path: Path) -> None:
    got = _python(
        f"import sys, checker.cli; print([m for m in {HEAVY!r} if m in sys.modules])",
        tmp_path,
    )
    assert got.returncode == 0, got.stderr
    assert got.stdout.strip() == "[]"


def test_an_offline_check_loads_no_viewer_or_network(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("# OpenAI 发布 GPT-5\n\nOpenAI 于 2025年8月7日发布了 GPT-5。\n", encoding="utf-8")
    code = (
        "import sys\nfrom checker.cli import main\n"
        f"main(['check', {str(draft)!r}, '--today', '2025-09-01', '--format', 'json', "
        f"'--output', {str(tmp_path / 'r.json')!r}, '--quiet'])\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules])"
    )
    got = _python(code, tmp_path)
    assert got.returncode == 0, got.stderr
    assert got.stdout.strip().splitlines()[-1] == "[]"
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["summary"]["documents"] == 1


# Patterns of several shapes: named groups, lookbehind, IGNORECASE, Han classes, a lexicon cue.
_PROBE = """
import re, json
from checker import regex_cache
from checker.lexicon import cue_pattern
pats = [
    re.compile(r"(?P<y>\\d{4})年(?:(?P<m>1[0-2]|0?[1-9])月)?(?![0-9])"),
    re.compile(r"(?<![A-Za-z])GPT-\\d(?:\\.\\d)?", re.IGNORECASE),
    re.compile(r"[\\u3400-\\u9fff]{2,4}$", re.MULTILINE),
    cue_pattern("mood", "plan", "forecast"),
]
text = "OpenAI 预计于 2025年8月 发布 gpt-5，預計 will release GPT-4.5 其後上线\\n下周上线"
print(json.dumps([[m.span() for m in p.finditer(text)] + [dict(p.groupindex)] for p in pats]))
print(regex_cache._compiler.compile is regex_cache._compile)
"""


def test_stored_regex_programs_match_as_re_does(tmp_path: Path) -> None:
    plain = _python(_PROBE, tmp_path / "off", CHECKER_REGEX_CACHE="0")
    first = _python(_PROBE, tmp_path / "on")  # compiles and stores
    stored = list((tmp_path / "on" / "regex").glob("*.json"))
    second = _python(_PROBE, tmp_path / "on")  # builds from the stored programs
    assert plain.returncode == first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert plain.stdout.splitlines()[1] == "False" and second.stdout.splitlines()[1] == "True"
    assert plain.stdout.splitlines()[0] == first.stdout.splitlines()[0] == second.stdout.splitlines()[0]
    assert len(stored) == 1 and json.loads(stored[0].read_text(encoding="utf-8"))["entries"]


@pytest.mark.parametrize("damage", ["garbage", "wrong-code", "wrong-types", "directory"])
def test_a_damaged_regex_store_is_compiled_around(tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "c"
    assert _python(_PROBE, cache).returncode == 0
    (path,) = (cache / "regex").glob("*.json")
    want = _python(_PROBE, tmp_path / "off", CHECKER_REGEX_CACHE="0").stdout.splitlines()[0]
    if damage == "garbage":
        path.write_bytes(b"\x00\xff{not json")
    elif damage == "directory":
        path.unlink()
        path.mkdir()
    else:
        data = json.loads(path.read_text(encoding="utf-8"))
        for entry in data["entries"].values():
            if damage == "wrong-code":
                # no valid program (words 99999, 1, 2, 3): _sre.compile refuses it
                entry[2] = base64.b64encode(array("I", [99999, 1, 2, 3]).tobytes()).decode()
            else:
                entry[2] = "not a list"
        path.write_text(json.dumps(data), encoding="utf-8")
    got = _python(_PROBE, cache)
    assert got.returncode == 0, got.stderr
    assert got.stdout.splitlines()[0] == want


_WORDS = """
from checker.lexicon import words
print(sorted(words("mood", "plan", "forecast")))
"""


def test_stored_lexicon_spellings_equal_opencc_and_a_poisoned_store_is_ignored(tmp_path: Path) -> None:
    plain = _python(_WORDS, tmp_path / "off", CHECKER_LEXICON_CACHE="0")
    first = _python(_WORDS, tmp_path / "on")
    (path,) = (tmp_path / "on" / "lexicon").glob("*.json")
    second = _python(_WORDS, tmp_path / "on")
    assert plain.stdout == first.stdout == second.stdout and "预计" in plain.stdout and "預計" in plain.stdout
    data = json.loads(path.read_text(encoding="utf-8"))
    data["预计"] = ["坏"]  # a list without the word itself is not a spelling list: recomputed
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert _python(_WORDS, tmp_path / "on").stdout == plain.stdout
