"""The regex program cache: patterns rebuilt from saved programs are the patterns `re` compiles,
and a missing, corrupt or hostile file only costs a fresh compile."""

from __future__ import annotations

import json
import re
import types
from pathlib import Path
from typing import Any

import orjson
import pytest

from checker.text import regex_cache
from checker.text.regex_cache import ProgramCache

SOURCES = [
    (r"(?P<y>\d{4})年(?P<m>\d{1,2})月", 0),
    (r"(?<![A-Za-z])GPT-\d+(?:\.\d+)?(?![A-Za-z])", re.IGNORECASE),
    (r"(?:预计|預計|将于|將於)[^。\n]{0,20}发布", 0),
    (r"^\s*#{1,6}\s+(.+)$", re.MULTILINE),
    ("[\u4e00-\u9fff]{2,4}(?=公司)", 0),
]


def _stored(path: Path) -> dict[str, list[object]]:
    """The file's programs by key (its lines after the header: digest, space, JSON)."""
    rows = [json.loads(line[33:]) for line in path.read_bytes().split(b"\n")[1:] if line]
    return {row[0]: row[1:] for row in rows}


def _write(path: Path, table: dict[str, list[object]]) -> None:
    lines = [json.dumps({"format": 3}).encode()]
    lines += [regex_cache._digest(k) + b" " + json.dumps([k, *v]).encode() for k, v in table.items()]
    path.write_bytes(b"\n".join(lines) + b"\n")


def _filled(path: Path) -> None:
    cache = ProgramCache(path)
    for source, flags in SOURCES:
        cache.compile(source, flags)
    cache.save()


@pytest.mark.skipif(not regex_cache._AVAILABLE, reason="not CPython's re")
def test_rebuilt_patterns_equal_compiled_ones(tmp_path: Path) -> None:
    path = tmp_path / "programs.jsonl"
    _filled(path)
    stored = _stored(path)
    assert len(stored) == len(SOURCES)
    again = ProgramCache(path)
    for source, flags in SOURCES:
        assert f"{int(flags)}:{source}" in stored
        assert regex_cache._digest(f"{int(flags)}:{source}") in again._lines()
        rebuilt = again.compile(source, flags)
        assert rebuilt == re.compile(source, flags)  # same source, flags and program
        assert rebuilt.groupindex == re.compile(source, flags).groupindex
    assert again._new == {}  # nothing compiled afresh, nothing to write
    m = again.compile(*SOURCES[0]).search("发布于2025年8月7日")
    assert m is not None and (m.group("y"), m.group("m")) == ("2025", "8")


@pytest.mark.skipif(not regex_cache._AVAILABLE, reason="not CPython's re")
def test_a_source_asked_for_twice_is_served_again_not_compiled_as_new(tmp_path: Path) -> None:
    """Two modules declaring the same pattern (`\\d`) made every run rewrite the whole file."""
    path = tmp_path / "programs.jsonl"
    _filled(path)
    before = path.stat().st_mtime_ns
    again = ProgramCache(path)
    first = again.compile(*SOURCES[1])
    assert again.compile(*SOURCES[1]) is first
    assert again._new == {}
    again.save()
    assert path.stat().st_mtime_ns == before  # nothing new: the file is left alone


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff\xfe garbage",
        b'{"format": 1, "programs": []}',
        b'{"format": 99, "programs": {}}',
        b"[" * 100_000,
        b'{"format": 3}\n' + b"0" * 32 + b" " + b"[" * 100_000,  # a line nested too deep
        # the line found by the digest of the first source's key holds another key's program
        b'{"format": 3}\n' + regex_cache._digest(f"0:{SOURCES[0][0]}") + b' ["0:x", 0, "AAAAAA==", 1, {}]',
    ],
)
def test_an_unreadable_file_is_an_empty_cache(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "programs.jsonl"
    path.write_bytes(content)
    cache = ProgramCache(path)
    for source, flags in SOURCES:
        assert cache.compile(source, flags) == re.compile(source, flags)


@pytest.mark.skipif(not regex_cache._AVAILABLE, reason="not CPython's re")
def test_a_hostile_program_is_refused_and_compiled_afresh(tmp_path: Path) -> None:
    path = tmp_path / "programs.jsonl"
    source, flags = SOURCES[1]
    _filled(path)
    raw = _stored(path)
    key = f"{int(flags)}:{source}"
    bad = regex_cache._packed([17, 4, 999999, 1, 0])
    raw[key][1] = bad  # well-formed words, but not a valid engine program
    raw[f"{int(SOURCES[2][1])}:{SOURCES[2][0]}"] = [0, "not base64!", 1, {}]
    _write(path, raw)
    cache = ProgramCache(path)
    pattern = cache.compile(source, flags)
    assert pattern == re.compile(source, flags)
    assert pattern.search("the gpt-5 model") is not None
    assert cache.compile(*SOURCES[2]) == re.compile(*SOURCES[2])
    cache.save()  # the fresh programs replace the bad ones
    assert _stored(path)[key][1] != bad


@pytest.mark.skipif(not regex_cache._AVAILABLE, reason="not CPython's re")
def test_only_the_programs_asked_for_are_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A draft reads a file of a corpus run's programs: the others' JSON is never parsed."""
    path = tmp_path / "programs.jsonl"
    _filled(path)
    parsed: list[bytes] = []

    def loads(raw: bytes) -> Any:
        parsed.append(raw)
        return orjson.loads(raw)

    monkeypatch.setattr(regex_cache, "orjson", types.SimpleNamespace(loads=loads))
    cache = ProgramCache(path)
    assert cache.compile(*SOURCES[3]) == re.compile(*SOURCES[3])
    assert len(parsed) == 1 and cache._new == {}  # one line parsed, nothing compiled afresh


def test_an_invalid_pattern_still_raises(tmp_path: Path) -> None:
    with pytest.raises(re.error):
        ProgramCache(tmp_path / "programs.jsonl").compile("(unclosed")


def test_without_a_place_patterns_compile_as_usual(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKER_REGEX_CACHE", "0")
    assert regex_cache.cache_path() is None
    cache = ProgramCache(None)
    assert cache.compile(*SOURCES[0]) == re.compile(*SOURCES[0])
    cache.save()  # no file, no error
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_place_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    cache = ProgramCache(blocker / "programs.json")  # its folder is a file
    assert cache.compile(*SOURCES[3]) == re.compile(*SOURCES[3])
    cache.save()
    assert blocker.read_text(encoding="utf-8") == "x"


def test_cache_info_and_clear_name_the_programs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from checker import cli

    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("CHECKER_REGEX_CACHE", "1")
    path = regex_cache.cache_path()
    assert path is not None and path.parent == tmp_path
    _filled(path)
    assert cli.main(["cache", "info"]) == 0
    assert f"regex programs: {path}" in capsys.readouterr().out
    assert cli.main(["cache", "clear"]) == 0
    assert "removed the compiled regex programs" in capsys.readouterr().out
    assert not path.exists()


@pytest.mark.skipif(not regex_cache._AVAILABLE, reason="not CPython's re")
def test_an_old_format_file_unused_for_a_week_goes_when_programs_are_saved(tmp_path: Path) -> None:
    import os
    import time

    old = tmp_path / "regex-programs-cpython3117-20220615.json"  # format 2, before the lines
    old.write_bytes(b'{"format": 2, "programs": {}}')
    week_ago = time.time() - 8 * 24 * 3600
    os.utime(old, (week_ago, week_ago))
    path = tmp_path / "regex-programs-cpython3117-20220615.jsonl"
    _filled(path)
    assert path.is_file() and not old.exists()
