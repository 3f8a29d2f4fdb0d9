"""pulldown-cmark (checker.input.blockscan) must cut Markdown into the same segments as
markdown-it-py did: compared on hand-written tricky cases and on the seeds read as Markdown.
benchmarks/segments_compare.py runs the same comparison over whole corpora."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checker.input import blockscan, segment
from checker.input.load import build_documents
from checker.input.source import SourceFile

CASES = {
    "nested lists": "- a\n  - b\n    - c\n      more\n  - d\n\n1. one\n2. two\n   1) inner\n",
    "loose list": "- a\n\n  second para\n\n- b\n\n  > quoted in item\n",
    "tight item then block": "- a\n  ```\n  code\n  ```\n- b\n  > q\n- c\n  <div>x</div>\n",
    "table": "| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 | 4 |\npara after\n\n| x |\n|---|\n",
    "table no pipes": "a | b\n--- | ---\n1 | 2\n\n",
    "table bad delimiter": "| a | b |\n|---|\n| 1 | 2 |\n",
    "fences": "```py\nx\n```\n\n~~~~\n```\nstill\n~~~~\n\n````\nunclosed\n",
    "indented code": "para\n\n    code 1\n\n    code 2\n\n\nafter\n",
    "html blocks": "<div>\n<p>x</p>\n</div>\n\n<!-- a\ncomment -->\n\n"
    "<details>\n<summary>s</summary>\n\ntext\n\n</details>\n",
    "html in list": "- <!-- c -->\n- <div>\n  x\n  </div>\n",
    "setext headings": "Title\n=====\n\nSub\ntitle\n---\n\npara\n***\n\n- item\n---\n",
    "atx headings": "# A #\n## B ##   \n###### C\n####### not\n#\tTab\n",
    "block quotes in lists": "- > a\n  > b\n\n  > c\n- d\n\n> - e\n>   f\n> 1. g\n",
    "lazy continuation": "> a\nb\n\n- c\nd\n",
    "CRLF": "# T\r\n\r\npara\r\nline\r\n\r\n- a\r\n- b\r\n\r\n| a |\r\n|---|\r\n| 1 |\r\n\r\n```\r\nx\r\n```\r\n",
    "CR": "# T\r\rpara\rline\r\r- a\r",
    "reference definitions": "[a]: /u\n[b]: /v 'title'\n\npara [a]\n\n[c]:\n/w\n",
    "emphasis and code": "*a* **b** `c` <span>d</span> [e](f) ![g](h)\n\n- `x`\n- *y*\n",
    "hr and breaks": "a\\\nb  \nc\n\n---\n\n* * *\n\n- - -\n",
    "cjk": "# 每日 AI 新聞\n\n## OpenAI 發布 GPT-5\n\n- 第一項：訓練成本約 5 億美元\n- 第二項\n\n> 引用\n",
    "empty items": "- \n- a\n-\n\n1.\n",
    "deep nesting": "".join("  " * i + "- x\n" for i in range(30)) + "> " * 30 + "q\n",
    "nul and bom": "\ufeff# T\n\npara\0x\n",
    "details entries": "<details>\n<summary>1. [2025-01-02] A</summary>\n\n- x\n\n</details>\n"
    "<details>\n<summary>2. B</summary>\n\ntext\n",
    "front matter": "---\ntitle: T\n---\n# H\n\ntext\n",
    "entity and escapes": "&amp; \\# not heading\n\n\\- not item\n",
    "tabs": "-\ta\n\t- b\n\n>\tq\n",
    # markdown-it ends the paragraph at the fence, CommonMark reads a lazy line: blockscan declines
    "wide item, indented fence": "  3. item text\n    ```\n    code\n\nafter\n",
    "wide item, indented heading": "  10. item\n     # h\n",
    "wide item, indented table": "   1. item\n    a | b\n    --|--\n",
    "indented inline html": "1.  item\n    <br/> ![x](y)\n    <div>\n",
}


def _shape(text: str) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for d in build_documents(SourceFile("a.md", text)):
        out += [(s.kind, s.span, s.containers, s.level, s.view.text) for s in d.segments]
        out += [(i.kind, i.span, i.detail) for i in d.structure_issues]
        out.append((d.title, d.title_span))
    return out


def _both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Any], list[Any]]:
    fast = _shape(text)
    with monkeypatch.context() as m:
        m.setattr(segment, "block_tokens", lambda _text: None)
        slow = _shape(text)
    return fast, slow


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_segments_as_markdown_it(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, slow = _both(CASES[name], monkeypatch)
    assert fast == slow


def test_fast_path_is_taken_and_deep_nesting_declines() -> None:
    assert blockscan.block_tokens("- a\n- b\n") is not None
    assert blockscan.block_tokens("> " * 30 + "q\n") is None  # markdown-it's maxNesting decides


def test_lazy_indented_starter_declines() -> None:
    assert blockscan.block_tokens("  3. item text\n    ```\n    code\n") is None
    assert blockscan.block_tokens("1.  item\n    <br/> text\n") is not None  # inline HTML: same in both


def test_tight_item_becomes_a_paragraph_token() -> None:
    toks = blockscan.block_tokens("- a\n  b\n- c\n")
    assert toks is not None
    paragraphs = [t.map for t in toks if t.type == "paragraph_open"]
    assert paragraphs == [[0, 2], [2, 3]]


SEEDS = Path(__file__).resolve().parents[2] / "shared/corpus/seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="no ../shared/corpus/seeds")
def test_seeds_read_as_markdown_give_the_same_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted(SEEDS.glob("*.*"))
    assert files
    differ = []
    for p in files:
        fast, slow = _both(p.read_text("utf-8", "replace"), monkeypatch)
        if fast != slow:
            differ.append(p.name)
    assert differ == []
