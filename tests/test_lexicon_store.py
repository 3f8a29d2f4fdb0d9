"""The lexicon's built lists and alternations kept between runs (checker/lexicon/built.py)."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

from .clihelp import python_snippet

_PRINT = """
from checker.lexicon import alternation, entries, latin_alternation, plain_alternation, words
print(alternation("mood", "plan", "forecast"))
print(latin_alternation("mood", "plan"))
print(plain_alternation("mood", "plan", start=True, script="han"))
print(sorted(words("mood", "plan")))
print(entries("mood", "plan")[:5])
"""


def _run(cache: Path, script: str = _PRINT, **env: str) -> str:
    """What `script` prints in a fresh interpreter with `cache` as the cache folder."""
    got = python_snippet(script, cache, **env)
    assert got.returncode == 0, got.stderr
    return got.stdout


def test_stored_lists_give_what_building_gives(tmp_path: Path) -> None:
    built = _run(tmp_path / "off", CHECKER_LEXICON_CACHE="0")
    assert not (tmp_path / "off" / "lexicon-lists").exists()
    first = _run(tmp_path / "on")
    (path,) = (tmp_path / "on" / "lexicon-lists").glob("lists-*.json")
    stored = json.loads(path.read_bytes())["values"]
    assert any(k.startswith("alternation\x1fmood") for k in stored)
    assert any(k.startswith("entries\x1fmood\x1fplan") for k in stored)
    assert _run(tmp_path / "on") == first == built
    # the alternation (first line) matches both spellings of OpenCC's conversion
    first_line = built.splitlines()[0]
    assert re.fullmatch(first_line, "預計") and re.fullmatch(first_line, "预计")


def test_a_store_of_the_wrong_shape_is_built_afresh(tmp_path: Path) -> None:
    built = _run(tmp_path / "off", CHECKER_LEXICON_CACHE="0")
    _run(tmp_path / "on")
    (path,) = (tmp_path / "on" / "lexicon-lists").glob("lists-*.json")
    data = json.loads(path.read_bytes())
    for k in data["values"]:
        # entries must be rows of three strings, alternations strings: neither is used
        data["values"][k] = [["x", "y"]] if k.startswith("entries") else ["(?:x)"]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert _run(tmp_path / "on") == built
    path.write_bytes(b"\xff not json")
    assert _run(tmp_path / "on") == built


def test_the_store_is_named_by_its_data_and_code(tmp_path: Path) -> None:
    import shutil

    from checker.lexicon import built

    src = Path(built.__file__).resolve().parent
    copy = tmp_path / "checker"
    shutil.copytree(src, copy / "lexicon")
    (copy / "text").mkdir()
    shutil.copy(src.parent / "text" / "script.py", copy / "text" / "script.py")
    same = built._digest(copy / "lexicon")
    assert same == built._digest(src)
    mood = copy / "lexicon" / "data" / "mood.toml"
    mood.write_text(mood.read_text(encoding="utf-8") + "\n# a new word\n", encoding="utf-8")
    assert built._digest(copy / "lexicon") != same
    mood.write_text((src / "data" / "mood.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (copy / "lexicon" / "__init__.py").write_text("# another builder\n", encoding="utf-8")
    assert built._digest(copy / "lexicon") != same


_SCRIPT_AND_WORDS = """
from checker.extract.kb import load_kb
from checker.extract.names.words import _kb_vocabulary
from checker.extract.script_mix import _script_classes
simp, trad = _script_classes()
print(simp.pattern, trad.pattern)
vocab = _kb_vocabulary(load_kb())
print([(w, s, e.name) for w, (s, e) in vocab.words.items()])
print(sorted(vocab.blocks.items())[:50])
"""


def test_stored_script_classes_and_kb_vocabulary_give_what_building_gives(tmp_path: Path) -> None:
    built = _run(tmp_path / "off", _SCRIPT_AND_WORDS, CHECKER_LEXICON_CACHE="0")
    assert not (tmp_path / "off" / "lexicon-lists").exists()
    assert "'OpenAI', 'OpenAI'" in built or "('openai', 'OpenAI'" in built
    assert _run(tmp_path / "on", _SCRIPT_AND_WORDS) == built
    (path,) = (tmp_path / "on" / "lexicon-lists").glob("lists-*.json")
    stored = json.loads(path.read_bytes())["values"]
    kinds = {k.split("\x1f")[0] for k in stored}
    assert {"script-classes", "kb-vocabulary"} <= kinds
    assert _run(tmp_path / "on", _SCRIPT_AND_WORDS) == built  # read back from the store
    # wrong shapes are built afresh: a class with a non-Han character (it would change the
    # character class), a row pointing past the names, a spelling of another word
    data = json.loads(path.read_bytes())
    for k, v in data["values"].items():
        if k.startswith("script-classes"):
            data["values"][k] = [v[0] + "a-z", v[1]]
        elif k.startswith("kb-vocabulary"):
            data["values"][k] = [*v[:-2], [v[-2][0], v[-2][1], 10**9], [v[-1][0], "other", v[-1][2]]]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert _run(tmp_path / "on", _SCRIPT_AND_WORDS) == built


def test_a_stored_file_in_use_is_marked_so_the_week_old_clean_up_keeps_it(tmp_path: Path) -> None:
    from checker.cachefiles import mark_used

    path = tmp_path / "lists-x.json"
    path.write_text("{}", encoding="utf-8")
    week_old = time.time() - 8 * 24 * 3600
    os.utime(path, (week_old, week_old))
    mark_used(path)
    assert path.stat().st_mtime > time.time() - 60
    recent = time.time() - 3600  # touched within the day: left alone (no write per run)
    os.utime(path, (recent, recent))
    mark_used(path)
    assert abs(path.stat().st_mtime - recent) < 1
