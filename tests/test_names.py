"""The name-mention extractor and the normalised keys."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

from checker.core.config import Config
from checker.core.engine import load_inputs
from checker.extract.kb import KnowledgeBase, load_kb
from checker.extract.names.extract import Mention, extract_names, names_of
from checker.extract.names.keys import digit_signature, name_key, name_tokens


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def mentions(tmp_path: Path, text: str, kb: KnowledgeBase | None, name: str = "doc.md") -> list[Mention]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    docs, errors = load_inputs([str(path)], Config(root=tmp_path))
    assert not errors
    return extract_names(docs[0], kb)


def texts(tmp_path: Path, text: str, kb: KnowledgeBase | None) -> list[str]:
    return [m.text for m in mentions(tmp_path, text, kb) if not m.quoted]


# --- keys ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("DeepSeek R1", "DeepSeek-R1"),
        ("deepseek_r1", "DeepSeek-R1"),
        ("英伟达", "英偉達"),
        ("通义千问", "通義千問"),
        ("ＧＰＴ－４ｏ", "GPT-4o"),
        ("Claude 3.7 Sonnet", "claude-3.7-sonnet"),
        ("llama.cpp", "llamacpp"),
    ],
)
def test_same_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_dots_between_digits_are_kept() -> None:
    assert name_key("GPT-4.1") != name_key("GPT-41")
    assert digit_signature("Claude 3.5 Sonnet") == ("3.5",)
    assert digit_signature("H100") != digit_signature("H200")
    assert name_tokens("Qwen2.5-VL-72B") == ["Qwen", "2.5", "VL", "72", "B"]


# --- Latin names in CJK prose --------------------------------------------------------------------


def test_issue_examples(tmp_path: Path, kb: KnowledgeBase) -> None:
    got = texts(
        tmp_path,
        "Google DeepMind 發布 Gemini Ultra 2.0，OpenAI 推出 GPT-4o 與 o3-mini。"
        "DeepSeek-R1、DeepSeek R1、Claude 3.7 Sonnet、H100/H200、GB300 NVL72、RTX 5090、"
        "Snapdragon 8 Gen 3 和 Hub-Vision-Pro 都在列。\n",
        kb,
    )
    for name in (
        "Google DeepMind",
        "Gemini Ultra 2.0",
        "GPT-4o",
        "o3-mini",
        "DeepSeek-R1",
        "DeepSeek R1",
        "Claude 3.7 Sonnet",
        "H100",
        "H200",
        "GB300 NVL72",
        "RTX 5090",
        "Snapdragon 8 Gen 3",
        "Hub-Vision-Pro",
    ):
        assert name in got, name
    assert "H100/H200" not in got


def test_boundaries_exclude_particles_and_emphasis(tmp_path: Path, kb: KnowledgeBase) -> None:
    got = texts(tmp_path, "我們用了**Claude Code**的功能，GPT-4o的效果和 Llama 3 呢？\n", kb)
    assert got == ["Claude Code", "GPT-4o", "Llama 3"]


def test_leading_maker_is_split_off(tmp_path: Path, kb: KnowledgeBase) -> None:
    got = texts(tmp_path, "AMD MI300X 與 OpenAI GPT-5 以及 Meta Llama 4 Scout，還有 NVIDIA H100。\n", kb)
    # "NVIDIA H100" stays whole: the KB lists it as an alias of H100
    assert got == ["AMD", "MI300X", "OpenAI", "GPT-5", "Meta", "Llama 4 Scout", "NVIDIA H100"]


def test_urls_emails_handles_code_are_not_mentions(tmp_path: Path, kb: KnowledgeBase) -> None:
    got = texts(
        tmp_path,
        "見 https://github.com/Foo-Bar/Baz-Qux 與 [連結](https://x.org/GPT-9) ，"
        "寫信到 team@Acme-Labs.com，關注 @OpenAI_Dev，執行 `Zorblax-7 --fast`，"
        "官網 huggingface.co/Zeta-2 #Kortexa9 <span class='Hopper-X'>文字</span>\n",
        kb,
    )
    assert got == []


def test_cjk_kb_names_in_both_scripts(tmp_path: Path, kb: KnowledgeBase) -> None:
    found = mentions(tmp_path, "百度的文心一言、阿里的通義千問、字节跳动的豆包，還有輝達和英伟达。\n", kb)
    cjk = {m.text: m for m in found if m.shape == "cjk"}
    assert {"文心一言", "通義千問", "豆包", "輝達", "英伟达", "百度", "字节跳动"} <= set(cjk)
    assert cjk["輝達"].key != cjk["英伟达"].key  # two aliases of one entry, each with its own key
    assert kb.lookup(cjk["輝達"].text) is kb.lookup(cjk["英伟达"].text)


def test_bracketed_names_and_quoted_sentences(tmp_path: Path, kb: KnowledgeBase) -> None:
    found = mentions(
        tmp_path,
        "新晶片「神經元處理器NP-5」發表，論文《聯邦學習加速器》上線。他說：「用cursur，又何必是Cursorx」。\n",
        kb,
    )
    by_text = {m.text: m for m in found}
    assert by_text["NP-5"].quoted is False
    assert by_text["神經元處理器NP-5"].shape == "bracketed"
    assert by_text["聯邦學習加速器"].shape == "bracketed"
    assert by_text["Cursorx"].quoted is True  # inside a quoted sentence


def test_units_years_and_generic_tails(tmp_path: Path, kb: KnowledgeBase) -> None:
    got = texts(tmp_path, "H300 GPU 於 2025 年推出，記憶體 144GB，速度提升 40%，GitHub 上有 3k Star。\n", kb)
    assert "H300" in got and "H300 GPU" not in got
    assert not any(t in got for t in ("144GB", "40", "3k Star", "2025"))


def test_generic_nouns_and_number_formats_before_a_name_are_not_part_of_it(tmp_path: Path, kb: KnowledgeBase) -> None:
    got = texts(
        tmp_path, "开源搜索 Agent MiroThinker 1.5。Hopper 推出 FP8 Transformer Engine。我們用 INT4 Llama 3。\n", kb
    )
    assert "MiroThinker 1.5" in got and "Transformer Engine" in got and "Llama 3" in got
    assert not any(t.startswith(("Agent ", "FP8 ", "INT4 ")) for t in got)


# --- English prose -------------------------------------------------------------------------------


def test_english_sentence_starts_and_words(tmp_path: Path, kb: KnowledgeBase) -> None:
    found = mentions(
        tmp_path,
        "The new model is here. Today Google released Gemini 2.5 Pro and it beats o3 on SWE-bench.\n",
        kb,
        name="en.md",
    )
    got = [m.text for m in found]
    assert got == ["Google", "Gemini 2.5 Pro", "o3", "SWE-bench"]
    assert not any(m.text in ("The", "Today", "It") for m in found)


def test_lowercase_words_are_names_only_when_known(tmp_path: Path, kb: KnowledgeBase) -> None:
    got = texts(tmp_path, "we run vllm and ollama, then deploy the model with some agent.\n", kb)
    assert got == ["vllm", "ollama"]


def test_offsets_point_at_the_source(tmp_path: Path, kb: KnowledgeBase) -> None:
    text = "---\ntitle: t\n---\n\n# 標題\n\n- 今日 **Qwen3-Coder** 開源。\n"
    path = tmp_path / "o.md"
    path.write_text(text, encoding="utf-8")
    docs, _ = load_inputs([str(path)], Config(root=tmp_path))
    (m,) = [m for m in names_of(docs[0], kb) if m.text == "Qwen3-Coder"]
    assert docs[0].source.slice(m.span) == "Qwen3-Coder"
    assert m.in_kb and m.shape == "kb"
    assert names_of(docs[0], kb) is names_of(docs[0], kb)  # cached per document


def test_html_view_offsets(tmp_path: Path, kb: KnowledgeBase) -> None:
    path = tmp_path / "p.html"
    path.write_text("<html><body><p>今日發布 <b>JADE-1</b> &amp; GPT-5。</p></body></html>", encoding="utf-8")
    docs, _ = load_inputs([str(path)], Config(root=tmp_path))
    got = {m.text: m for m in names_of(docs[0], kb)}
    assert docs[0].source.slice(got["JADE-1"].span) == "JADE-1"
    assert "GPT-5" in got


# --- name.typo's vetoes ----------------------------------------------------------------------------


def _silenced(tmp_path: Path, text: str | dict[str, str], caplog: pytest.LogCaptureFixture) -> list[str]:
    """Run name.typo over one text (or several documents by file name), assert it reports
    nothing, and return what the name vetoes logged."""
    from checker.core.engine import Engine, RunOptions

    texts = {"doc.md": text} if isinstance(text, str) else text
    for name, body in texts.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    cfg = Config(root=tmp_path, select=["name.typo"])
    docs, errors = load_inputs([str(tmp_path / n) for n in texts], cfg)
    assert not errors
    with caplog.at_level(logging.DEBUG, logger="checker.names"):
        report = Engine(cfg, RunOptions(today=dt.date(2026, 12, 6))).run(docs)
    assert not [f for f in report.findings if f.rule == "name.typo"]
    return [r.getMessage() for r in caplog.records if r.name == "checker.names"]


def test_a_coined_camelcase_name_is_silenced_by_the_word_part_veto(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # a should-pass case of tests/rules/name.typo.toml
    logged = _silenced(tmp_path, "WeUI 是微信的設計系統，WebUI 是另一回事。\n", caplog)
    assert "name.typo: 'WeUI' for 'WebUI' silenced by veto 'english-word-part'" in logged


def test_a_short_word_with_a_replaced_letter_is_silenced_by_the_short_substitute_veto(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    logged = _silenced(tmp_path, "根據 Stord 的一份報告，74% 的電商領導者認為 AI 是主要驅動力。\n", caplog)
    assert "name.typo: 'Stord' for 'Store' silenced by veto 'short-substitute'" in logged


def test_an_english_word_is_silenced_by_the_english_word_veto(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    logged = _silenced(tmp_path, "The Clause in the contract mentions Claude.\n", caplog)
    assert any("'Clause' for 'Claude' silenced by veto 'english-word'" in line for line in logged)


def test_the_kb_word_pass_names_its_vetoes(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    logged = _silenced(tmp_path, "Geminal 3 今天也发布了。Penai Sora 同日推出。\n", caplog)
    assert "name.typo: 'Geminal 3' silenced by veto 'english-word'" in logged
    assert "name.typo: 'Penai' for 'OpenAI' silenced by veto 'letters-added-or-dropped-at-edge'" in logged


def test_the_veto_tables_are_named_and_documented() -> None:
    from checker.extract.names.vetoes import (
        KB_NAME_VETOES,
        KB_WORD_VETOES,
        PAIR_VETOES,
        SLIP_VETOES,
        WORD_VETOES,
    )

    for table in (KB_NAME_VETOES, KB_WORD_VETOES, SLIP_VETOES, WORD_VETOES, PAIR_VETOES):
        names = [v.name for v in table]
        assert len(names) == len(set(names))
        assert all(v.example and "\n" not in v.example for v in table)


def test_names_are_read_on_the_reader_view_copied_back_to_segment_offsets() -> None:
    from checker.extract.names.extract import masked_segment
    from checker.text.view import MASK

    text = "[6] 發布 **Claude Opus 4.6** [[1. Anthropic]](#ref-1) 見 https://x.com/a"
    masked = masked_segment(text)
    assert len(masked) == len(text)
    assert masked.startswith(MASK * 3)  # markup deleted at the very start keeps offsets too
    assert masked[text.index("Claude") : text.index("Claude") + 15] == "Claude Opus 4.6"
    assert "x.com" not in masked
    # a footnote mark breaks the name run: no "Claude Opus 4.6 1"
    assert masked[text.index("4.6") + 3 : text.index("4.6") + 6] == MASK * 2 + " "


# --- real names one letter away (issue 15): each class silenced by its named veto --------------------


@pytest.mark.parametrize(
    ("text", "veto"),
    [
        # a capital suffix makes a variant: the base name is real
        (
            "ScaleMix 是一種量化方法，ScaleMixV 2 與 ScaleMixV 3 是它的後繼。\n",
            "'ScaleMix' for 'ScaleMixV' silenced by veto 'variant-letter'",
        ),
        # a three-letter acronym alone is somebody's handle or another acronym
        (
            "GPT-5 與 GPT-4 都很強，GPT 很紅。另一位用戶 GTP 表示同意。\n",
            "'GTP' for 'GPT' silenced by veto 'short-acronym-alone'",
        ),
        # a letter added to an English word makes a one-word name of its own
        (
            "Vertex 推出了新平台。Vertex 很強。Vertex 也開源了。網路公司 Vertiex 被收購。\n",
            "'Vertiex' for 'Vertex' silenced by veto 'letter-added-to-english-word'",
        ),
        # a word English uses, in English prose, is a name of its own
        (
            "OpenAI Codex writes code. Codex is fast. A new Codec handles audio.\n",
            "silenced by veto 'english-used-word'",
        ),
        # two acronyms one letter apart are two things
        ("美國海軍的 KQRTV 載具與 KQRATV 載具同日亮相。\n", "silenced by veto 'acronyms'"),
    ],
)
def test_real_names_one_letter_away_are_silenced_by_their_veto(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, text: str, veto: str
) -> None:
    logged = _silenced(tmp_path, text, caplog)
    assert any(veto in line for line in logged), logged


def test_a_lowercase_product_one_letter_from_an_english_title_word_is_no_lost_capital(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    texts = {
        "a.md": "飛書升級 eekly 智能體，企業用戶可以試用。\n",
        "b.md": "## AI Weekly 第 1 期\n",
        "c.md": "## AI Weekly 第 2 期\n",
        "d.md": "## AI Weekly 第 3 期\n",
    }
    logged = _silenced(tmp_path, texts, caplog)
    assert any("'eekly' for 'Weekly' silenced by veto 'english-title-word'" in m for m in logged), logged


def test_the_new_veto_tables_are_named_and_documented() -> None:
    from checker.extract.names.vetoes import CASE_VETOES, LONE_VETOES, LOST_CAPITAL_VETOES

    for table in (LONE_VETOES, LOST_CAPITAL_VETOES, CASE_VETOES):
        names = [v.name for v in table]
        assert len(names) == len(set(names))
        assert all(v.example and "\n" not in v.example for v in table)


def test_another_languages_word_one_letter_from_an_english_name_word_is_no_slip(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # corpus/real lazyjerry 2026-03-28:143: a contest's theme in Latin, "Imagination" in other documents' names
    texts = {
        "a.md": "Reply 再度舉辦國際競賽，本屆主題為「Imaginatio Nova」（新的想像）。\n",
        "b.md": "Imagination Technologies 發布新 GPU。\n",
        "c.md": "Imagination Technologies 的財報出爐。\n",
        "d.md": "Imagination Technologies 與 Google 合作。\n",
    }
    logged = _silenced(tmp_path, texts, caplog)
    assert any(
        "'Imaginatio' for 'Imagination' silenced by veto 'english-word-without-document'" in m for m in logged
    ), logged


def test_a_kept_kb_word_verdict_is_logged_again_for_each_name(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # the KB-word vetoes' verdict on "Geminal" is kept for the document; the second name replays it
    logged = _silenced(tmp_path, "Geminal 3 今天發布。Geminal 4 明天發布。\n", caplog)
    assert "name.typo: 'Geminal 3' silenced by veto 'english-word'" in logged
    assert "name.typo: 'Geminal 4' silenced by veto 'english-word'" in logged


def test_the_pair_word_vetoes_read_the_two_words_alone() -> None:
    # name.typo keeps their verdict per pair of words: none may read where the name stands
    from checker.extract.names.vetoes import PAIR_CONTEXT_VETOES, PAIR_VETOES, PAIR_WORD_VETOES, PairCase

    assert PAIR_VETOES == PAIR_WORD_VETOES + PAIR_CONTEXT_VETOES

    def no_context() -> bool:
        raise AssertionError("a word veto read the context")

    pairs = [("Gemni", "Gemini"), ("Clause", "Claude"), ("Nvidai", "Nvidia"), ("GEMM", "Gemma"), ("Kosmos", "Cosmos")]
    for written, intended in pairs:
        case = PairCase(written, intended, 5, 1, None, True, no_context, False)  # type: ignore[arg-type]
        for veto in PAIR_WORD_VETOES:
            veto.silences(case)
