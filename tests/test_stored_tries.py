"""The word tries of quantities (attribute.trie_pattern) kept between runs in the lexicon store."""

from __future__ import annotations

import json
from pathlib import Path

from .clihelp import python_snippet

_TRIES = """
from checker.extract.quantities import attribute as at
print(at._MEASURE_CJK.compiled.pattern)
print(at._MEASURE_EN.compiled.pattern)
print(at._cjk_name_re().pattern)
print(at.trie_pattern(["ab", "abc", "b.d"]))
"""


def _run(cache: Path, **env: str) -> str:
    got = python_snippet(_TRIES, cache, **env)
    assert got.returncode == 0, got.stderr
    return got.stdout


def test_stored_tries_give_what_building_gives(tmp_path: Path) -> None:
    built = _run(tmp_path / "off", CHECKER_LEXICON_CACHE="0")
    assert built.splitlines()[-1] == "(?:ab(?:c)?|b\\.d)"
    assert _run(tmp_path / "on") == built
    (path,) = (tmp_path / "on" / "lexicon-lists").glob("lists-*.json")
    data = json.loads(path.read_bytes())
    tries = [k for k in data["values"] if k.startswith("trie\x1f")]
    assert len(tries) == 4
    assert _run(tmp_path / "on") == built  # read back
    for k in tries:  # read back, not rebuilt: what is stored under the words and the code is used
        data["values"][k] = "x"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert _run(tmp_path / "on").splitlines()[-1] == "x"


def test_a_trie_is_stored_under_one_key_whatever_the_order_of_its_words() -> None:
    # lists read from a set come in another order in each process: one key, stored once
    from checker.extract.quantities import attribute

    words = ["亿美元", "美元", "parameters", "tokens", "万"]
    key = attribute._trie_key(words)
    assert key is not None
    assert key == attribute._trie_key(list(reversed(words))) == attribute._trie_key(sorted(words))
    assert attribute._trie(words) == attribute._trie(list(reversed(words)))
    assert attribute._trie_key(words) != attribute._trie_key(words[:-1])
