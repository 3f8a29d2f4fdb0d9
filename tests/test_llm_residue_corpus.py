"""text.llm-residue on the shared corpus: recall on seed 003, silence on the traps.

Seed 003 is an index of 100 dated entries (video summaries). 57 of them have a body, and
every one of those bodies is an assistant's answer that opens with "好的，…" (read by hand);
the other 43 are a title only. The traps are the ones named in the corpus README.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import pytest
from checker.rules.text.llm_residue import LlmResidue

from checker.core.config import Config
from checker.core.engine import Engine, RunOptions, load_inputs
from checker.core.model import Finding
from checker.input.documents import Document, SegmentKind

RULE = "text.llm-residue"
SEED_003 = "corpus/seeds/003_ac231d0ff860caab.txt"


def _run(paths: Iterable[Path]) -> tuple[list[Document], list[Finding]]:
    cfg = Config(root=Path.cwd(), select=[RULE])
    docs, errors = load_inputs([str(p) for p in paths], cfg)
    assert not errors, errors
    report = Engine(cfg, RunOptions(today=dt.date(2026, 11, 23))).run(docs)
    assert not report.crashes, report.crashes[0].trace
    return docs, [f for f in report.findings if f.rule == RULE]


def _flagged_lines(findings: list[Finding]) -> set[tuple[str, int]]:
    return {(f.path, n) for f in findings for n in range(f.location.line, f.location.end_line + 1)}


def _lines_with(path: Path, needle: str) -> list[int]:
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [n for n, line in enumerate(lines, 1) if needle in line]
    assert found, f"{needle!r} not in {path.name}: the test data changed"
    return found


@pytest.fixture(scope="module")
def seed_003(shared: Path) -> tuple[Path, list[Document], list[Finding]]:
    path = shared / SEED_003
    docs, findings = _run([path])
    return path, docs, findings


def test_every_seed_003_entry_with_chatter_is_flagged(seed_003: tuple[Path, list[Document], list[Finding]]) -> None:
    _, docs, findings = seed_003
    with_body = {d.id for d in docs if any(s.kind is SegmentKind.PARAGRAPH for s in d.segments)}
    assert len(docs) == 100 and len(with_body) == 57
    flagged = {f.document for f in findings}
    assert flagged == with_body
    openers = {f.document for f in findings if "(opener)" in f.message}
    assert openers == with_body  # each answer opens with its acknowledgement
    assert all(f.severity.label == "error" for f in findings)


def test_seed_003_residue_lines_are_flagged_and_content_is_not(
    seed_003: tuple[Path, list[Document], list[Finding]],
) -> None:
    path, _, findings = seed_003
    flagged = _flagged_lines(findings)
    residue = [
        "**整理說明:**",  # notes on the edit and their list
        "*   **標題優化：** 標題更具吸引力，點明核心內容。",
        "**建議修改：**",
        "**其他建議：**",
        "以上整理基於您提供的文本內容",  # words to the requester in the middle
        "**我可以提供以下進一步協助：**",  # an offer of more help
        "這個整理後的版本，將原始文稿分成了更小的",  # the draft talking about itself
        "希望这个版本更简洁、更易于阅读和理解。",  # a weak closer, backed by the entry's opener
        "**整理後的文稿：**",  # the end of an opener's preface
    ]
    for needle in residue:
        for n in _lines_with(path, needle):
            assert (str(path), n) in flagged, f"line {n} ({needle}) not flagged"
    content = [
        "感謝大家的觀看，我們下期再見。",  # the host's own sign-offs
        "感謝大家收看本期視頻，我們下期再見！",
        "好了，以上就是本期影片的內容了。",
        "希望今天的分享能讓大家對AI的現狀和未來有更加清晰的認識。",
        "**結語：**",
    ]
    for needle in content:
        for n in _lines_with(path, needle):
            assert (str(path), n) not in flagged, f"content line {n} ({needle}) flagged"
    # a closing line that mixes both: only the residue sentence is flagged
    mixed = next(f for f in findings if f.text.startswith("希望以上整理对大家有所帮助"))
    assert mixed.text == "希望以上整理对大家有所帮助。"


def test_seeds_without_chatter_give_nothing(shared: Path) -> None:
    seeds = sorted(p for p in (shared / "corpus/seeds").glob("*.txt") if not p.name.startswith("003_"))
    assert len(seeds) == 4
    _, findings = _run(seeds)
    assert findings == []


def test_about_page_closing_line_passes(shared: Path) -> None:
    path = shared / "corpus/real/SunZhi-Will__sunzhi-will.github.io/2025-12-02-164303/article.zh-TW.mdx"
    assert _lines_with(path, "希望這裡的內容能為你帶來一些啟發或幫助") == [84]
    _, findings = _run([path])
    assert findings == []


def test_heres_in_english_prose_passes(shared: Path) -> None:
    folder = shared / "corpus/real/Rebornbugkiller__Hextra-AI-Insight-Daily"
    files = sorted(p for p in folder.rglob("*.md") if "Here's" in p.read_text(encoding="utf-8"))
    assert len(files) >= 15
    _, findings = _run(files)
    assert findings == []


def test_promotional_chatter_to_readers_passes(shared: Path) -> None:
    # "家人们！", "为您提供一站式 AI 账号解决方案": addressed to readers, not to a requester
    folder = shared / "corpus/real/dongyu19920904__Hextra-AI-Insight-Daily"
    files = sorted(
        p for p in folder.rglob("*.md") if any(w in p.read_text(encoding="utf-8") for w in ("家人们", "为您提供"))
    )
    assert len(files) >= 10
    _, findings = _run(files)
    # 2025-12-23.md also carries a model's English reasoning trace: residue, but not chatter to readers
    assert [f for f in findings if "(reasoning trace)" not in f.message] == []


def test_requester_residue_in_a_weekly_report_is_flagged(shared: Path) -> None:
    folder = shared / "corpus/real/lazyjerry__lazyjerry.github.io"
    path = folder / "2026-01/2026-01-10/2026-01-10 科技服務資訊週記.md"
    _, findings = _run([path])
    assert len(findings) == 1
    assert findings[0].text.startswith("本週技術報告涵蓋")
    assert findings[0].text.endswith("並根據您的要求進行了全面補充與更新。")  # the sentence, not the paragraph
    assert findings[0].location.line == 35


def test_docstring_examples_behave_as_stated(tmp_path: Path) -> None:
    flagged = [line.strip() for line in LlmResidue.doc_section("Flagged").splitlines() if line.strip()]
    passes = [line.strip() for line in LlmResidue.doc_section("Passes").splitlines() if line.strip()]
    assert flagged and passes
    doc = tmp_path / "flagged.md"
    doc.write_text("\n\n".join(flagged) + "\n", encoding="utf-8")
    _, findings = _run([doc])
    assert sorted(f.text for f in findings) == sorted(flagged)
    for k, line in enumerate(passes):
        one = tmp_path / f"passes{k}.md"
        one.write_text(line + "\n", encoding="utf-8")
        _, findings = _run([one])
        assert findings == [], line
