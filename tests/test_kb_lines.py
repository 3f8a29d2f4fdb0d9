"""checker.kb.lines: which lines a KB knows well, and what a name claims against one."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.extract.kb import Entry, KnowledgeBase, PartialDate
from checker.kb.lines import claim, lines_of, parse

SRC = "https://example.org/"
DAY = dt.date(2025, 12, 15)


def _model(name: str, date: str | None, maker: str = "Acme") -> Entry:
    return Entry(
        name, "model", SRC, maker, None, (), PartialDate.parse(date) if date else None, None, None, "models.dev"
    )


@pytest.fixture
def kb() -> KnowledgeBase:
    entries = [
        _model("Zeta 3 Opus", "2024-03-04"),
        _model("Zeta 3.5 Sonnet", "2024-06-20"),
        _model("Zeta Opus 4", "2025-05-22"),
        _model("Zeta Opus 4.1", "2025-08-05"),
        _model("Zeta Sonnet 4", "2025-05-22"),
        _model("Zeta 2.5 Flash TTS", "2025-09-30"),
        _model("Zeta 2.5 Flash", "2025-06-17"),
        _model("Zeta 1.5 Flash", "2024-05-10"),
        # a brand with one dated member is no release history
        _model("Lonely 1", "2024-01-01", maker="Solo"),
        _model("Lonely 2", None, maker="Solo"),
        Entry("Kepler", "architecture", SRC, "Chipco", origin="chips.toml"),
        *(
            Entry(n, "chip", SRC, "Chipco", "Kepler", (), PartialDate.parse(d), None, None, "chips.toml")
            for n, d in (("K10", "2022-03"), ("K20", "2022-09"), ("K40", "2023-01"))
        ),
    ]
    return KnowledgeBase(entries)


def test_parse_splits_brand_version_and_words() -> None:
    p = parse("Claude 3.5 Sonnet Preview")
    assert p is not None and (p.brand, p.version, p.words) == ("claude", "3.5", frozenset({"sonnet"}))
    glued = parse("Qwen3.6-Plus")
    assert glued is not None and (glued.brand, glued.version, glued.words) == ("qwen", "3.6", frozenset({"plus"}))
    two = parse("Gemini 2.0 Flash")
    assert two is not None and two.version == "2" and two.version_text == "2.0"  # "2.0" is version 2
    assert parse("2025 Report") is None


def test_only_lines_with_a_dated_history_are_known_well(kb: KnowledgeBase) -> None:
    lines = lines_of(kb)
    assert "zeta" in lines and "kepler" in lines
    assert "lonely" not in lines  # one dated member


def test_a_missing_tier_member_is_claimed_with_the_listed_members(kb: KnowledgeBase) -> None:
    c = claim("Zeta Opus 3.5", kb, DAY)
    assert c is not None
    assert (
        "Zeta Opus line in the KB (models.dev): 3 (2024-03-04), 4 (2025-05-22), 4.1 (2025-08-05); no 3.5" in c.evidence
    )
    assert "version 3.5 is listed only as Zeta 3.5 Sonnet" in c.evidence
    assert c.suggestion == "Zeta 3 Opus" and not c.beyond


def test_listed_members_modifiers_and_new_words_pass(kb: KnowledgeBase) -> None:
    assert claim("Zeta Opus 4.1", kb, DAY) is None
    assert claim("Zeta 4 Sonnet", kb, DAY) is None  # word order is free
    assert claim("Zeta 2.5 Flash TTS", kb, DAY) is None
    assert claim("Zeta Opus 4 Thinking", kb, DAY) is None  # a stage word
    assert claim("Zeta Robotics 1.6", kb, DAY) is None  # a word the line never used: a new sub-line
    assert claim("Nimbus 7", kb, DAY) is None  # no line the KB knows


def test_a_newer_version_is_beyond_and_a_run_together_version_is_suggested(kb: KnowledgeBase) -> None:
    c = claim("Zeta Opus 5", kb, DAY)
    assert c is not None and c.beyond and c.suggestion == "Zeta Opus 4.1"
    typo = claim("Zeta 15 Flash", kb, DAY)
    assert typo is not None and typo.suggestion == "Zeta 1.5 Flash"


def test_a_finished_chip_line_rejects_new_words_an_active_one_does_not(kb: KnowledgeBase) -> None:
    c = claim("Kepler-Eco", kb, DAY)
    assert c is not None and "K10 (2022-03), K20 (2022-09), K40 (2023-01); no 'Kepler-Eco'" in c.evidence
    assert claim("Kepler-Eco", kb, dt.date(2023, 6, 1)) is None  # five months after K40: still active
    assert claim("Kepler", kb, DAY) is None  # the architecture itself


def test_brand_of_is_the_brand_parse_gives() -> None:
    from checker.kb.lines import brand_of

    names = ["Claude Opus 3.5", "Qwen3.6-Plus", "AlphaFold2", " -GPT-5", "gpt_oss/120b", "4o mini", "", "  ", "--"]
    names += ["Gemini  2.0 Flash", "H100", "o3-mini", "Llama.cpp 2", "DeepSeek-R1", "X", "Zorvex-12", "中文 模型"]
    for name in names:
        parsed = parse(name)
        assert brand_of(name) == (parsed.brand if parsed is not None else None), name
    assert brand_of("Qwen3.6-Plus") == "qwen"
    assert brand_of("4o mini") is None
