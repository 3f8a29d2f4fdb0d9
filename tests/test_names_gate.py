"""The gate that skips a segment before any work (`_may_hold_names`): a segment it skips holds no
name, so what it lets through must include every character the extractor starts a name at,
also after the reader view's folds (full-width letters)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.core.config import Config
from checker.core.engine import load_inputs
from checker.extract.kb import KnowledgeBase, load_kb
from checker.extract.names.extract import _may_hold_names, extract_names


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def _names(tmp_path: Path, text: str, kb: KnowledgeBase) -> list[tuple[str, str]]:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    docs, errors = load_inputs([str(path)], Config(root=tmp_path))
    assert not errors
    return [(m.text, m.shape) for m in extract_names(docs[0], kb)]


def test_full_width_latin_is_read(tmp_path: Path, kb: KnowledgeBase) -> None:
    # no ASCII letter in the text: the view folds Ｈ１００ to H100, a versioned name
    assert _may_hold_names("發布Ｈ１００晶片", kb)
    assert _names(tmp_path, "發布Ｈ１００晶片。\n", kb) == [("Ｈ１００", "kb")]


def test_cjk_kb_name_and_title_quote_are_read(tmp_path: Path, kb: KnowledgeBase) -> None:
    assert _names(tmp_path, "百度发布了文心一言。\n\n他读了《三体》。\n", kb) == [
        ("百度", "cjk"),
        ("文心一言", "cjk"),
        ("三体", "bracketed"),
    ]


def test_segment_without_name_characters_is_skipped(kb: KnowledgeBase) -> None:
    assert not _may_hold_names("今天天气很好，我们去公园散步。", kb)
    assert not _may_hold_names("今天天气很好", None)
    assert _may_hold_names("用了 x", None)
    assert _may_hold_names("用了百度", kb)  # a KB CJK name, no Latin
    assert not _may_hold_names("用了百度", None)
