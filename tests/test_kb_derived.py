"""checker.kb.derived: KB-derived structures stored with the compiled KB, read back the same."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.extract.kb import Entry, KnowledgeBase, PartialDate, load_kb
from checker.extract.names.candidates import _build_versioned_prefixes, _versioned_prefixes
from checker.extract.names.kb_phrases import _build_kb_phrases, _kb_phrases
from checker.kb import derived
from checker.kb.lines import _line_rows, claim, lines_of

SRC = "https://example.org/"


def _kb() -> KnowledgeBase:
    def model(name: str, date: str) -> Entry:
        return Entry(name, "model", SRC, "Acme", None, (), PartialDate.parse(date), None, None, "models.dev")

    kb = KnowledgeBase(
        [
            model("Zeta 3 Opus", "2024-03-04"),
            model("Zeta Opus 4", "2025-05-22"),
            model("Zeta Opus 4.1", "2025-08-05"),
            model("Zeta Sonnet 4", "2025-05-22"),
            Entry("Kepler", "architecture", SRC, "Chipco", origin="chips.toml"),
            *(
                Entry(n, "chip", SRC, "Chipco", "Kepler", (), PartialDate.parse(d), None, None, "chips.toml")
                for n, d in (("K10", "2022-03"), ("K20", "2022-09"), ("K40", "2023-01"))
            ),
        ]
    )
    kb.content_key = "0123456789abcdef0123"  # as load_kb sets it for the compiled index
    return kb


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CHECKER_LEXICON_CACHE", raising=False)
    return tmp_path


def _calls() -> tuple[list[int], Callable[[], list[str]]]:
    built: list[int] = []

    def build() -> list[str]:
        built.append(1)
        return ["a", "b"]

    return built, build


def test_a_value_is_built_once_then_read_back(_cache: Path) -> None:
    built, build = _calls()
    kb = _kb()
    for _ in range(2):
        got = derived.stored("t", kb, "code", build, lambda v: v, derived.str_list)
        assert got == ["a", "b"]
    assert built == [1]
    assert len(list((_cache / "kb").glob("derived-t-*.json"))) == 1


def test_a_malformed_file_is_built_afresh(_cache: Path) -> None:
    built, build = _calls()
    kb = _kb()
    derived.stored("t", kb, "code", build, lambda v: v, derived.str_list)
    (path,) = (_cache / "kb").glob("derived-t-*.json")
    for bad in (b"\x00garbage", json.dumps({"format": 1, "value": {"data": [1, 2]}}).encode()):
        path.write_bytes(bad)
        assert derived.stored("t", kb, "code", build, lambda v: v, derived.str_list) == ["a", "b"]
    assert len(built) == 3


def test_nothing_is_stored_for_a_kb_with_added_entries(_cache: Path) -> None:
    built, build = _calls()
    kb = _kb()
    kb.add(Entry("Extra", "model", SRC))  # the config's own KB files: no content key
    assert kb.content_key is None
    for _ in range(2):
        derived.stored("t", kb, "code", build, lambda v: v, derived.str_list)
    assert built == [1, 1] and not (_cache / "kb").exists()


def test_lines_phrases_and_prefixes_read_back_equal_to_built(_cache: Path) -> None:
    first, second = _kb(), _kb()  # two runs: the second reads what the first stored
    for kb in (first, second):
        lines = lines_of(kb)
        assert set(lines) == {"zeta", "kepler"}
        zeta = ["Zeta 3 Opus", "Zeta Opus 4", "Zeta Opus 4.1", "Zeta Sonnet 4"]
        assert [m.name for m in lines["zeta"].members] == zeta
        assert lines["kepler"].is_chip_line and [m.name for m in lines["kepler"].members] == ["K10", "K20", "K40"]
        c = claim("Zeta Opus 3.5", kb, None)
        assert c is not None and "no 3.5" in c.evidence
        assert _versioned_prefixes(kb) == _build_versioned_prefixes(kb)
        phrases, built = _kb_phrases(kb), _build_kb_phrases(kb)
        for key, found in built.items():
            assert list(phrases.get(key, ())) == found
        assert phrases.get(("no", "such"), ()) == ()
    assert {p.name.split("-")[1] for p in (_cache / "kb").glob("derived-*.json")} >= {"lines", "kb", "versioned"}
    assert _line_rows(second) == _line_rows(first)


def test_the_bundled_kb_reads_its_lines_back_unchanged() -> None:
    kb = load_kb()
    assert kb.content_key is not None
    built = {row[1] if row[0] == "b" else "arch" for row in _line_rows(kb)}
    lines = lines_of(kb)
    again = lines_of.__wrapped__(kb)  # a second run: from the stored rows
    assert len(lines) == len(again) and list(lines) == list(again) and len(built) >= 2
    for key in lines:
        assert lines[key] == again[key]
