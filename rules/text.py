"""The text family: leftover assistant chatter, mixed Chinese scripts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from checker.documents import Document, Segment, SegmentKind
from checker.model import Evidence, Hit, Severity, Span, Verdict
from checker.rule import DocumentRule, RuleMeta, RunContext

# --- lines of prose ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProseLine:
    text: str  # stripped of list/quote markers and surrounding space
    span: Span  # in the source
    segment: Segment


_LEAD = re.compile(r"^[ \t]*(?:(?:[*+-]|\d{1,3}[.)])[ \t]+|>[ \t]?|#{1,6}[ \t]+)*")


def prose_lines(doc: Document, kinds: frozenset[SegmentKind]) -> list[ProseLine]:
    out: list[ProseLine] = []
    for seg in doc.segments:
        if seg.kind not in kinds:
            continue
        pos = 0
        for raw in seg.text.splitlines(keepends=True):
            body = raw.rstrip("\r\n")
            lead = _LEAD.match(body)
            start = lead.end() if lead else 0
            stripped = body[start:].rstrip()
            if stripped.strip():
                s = pos + start
                out.append(ProseLine(stripped, seg.to_source(s, s + len(stripped)), seg))
            pos += len(raw)
    return out


# --- text.llm-residue ---------------------------------------------------------------------------

# Words by which an assistant talks about the text it has just produced.
_DRAFT = (
    r"(?:文稿|稿件|稿子|初稿|版本|整理|修改|修訂|修订|潤飾|润饰|潤色|润色|改寫|改写|重寫|重写|優化|优化|翻譯|翻译|"
    r"精簡|精简|調整|调整|編輯|编辑|排版)"
)
_ADDRESS = r"(?:您|妳們|您們|您们)"
_OPEN_WORD = r"(?:好的|好滴|當然|当然|沒問題|没问题|明白了?|收到|了解|OK|Ok|ok|好)"
_MARK = r"[*_「“\"'\s]*"
_OPENER_ZH = re.compile(
    rf"^{_MARK}(?:{_OPEN_WORD}[，,！!。.~～\s]+.{{0,60}}?(?:{_DRAFT}|{_ADDRESS}|以下|如下)"
    rf"|(?:以下|下面|這|这)(?:是|為|为|就是).{{0,30}}?{_DRAFT}.{{0,40}}?[：:]\s*\**$"
    rf"|(?:我|我們|我们)(?:已經|已经|已|將|将|來|来|會|会|幫|帮|為|为)(?:您|你)?.{{0,20}}?{_DRAFT})"
)
_OPENER_EN = re.compile(
    r"^[*_\s\"']*(?:(?:Sure|Certainly|Of course|Absolutely|Okay|OK|Alright|Great)[!,.]\s+.{0,80}?"
    r"(?:revised|rewritten|polished|improved|edited|updated|cleaned[- ]up|refined|reformatted)\s+"
    r"(?:version|draft|text|article|summary)"
    r"|(?:Here(?:'s| is)|Below is)\s+(?:the|a|your|an)\s+(?:revised|rewritten|polished|improved|edited|refined|"
    r"reformatted|cleaned[- ]up|updated)\s+(?:version|draft|text|article|summary)[^\n]{0,80}?:\s*\**$)",
    re.IGNORECASE,
)
_CLOSER_ZH = re.compile(
    rf"(?:希望|但願|但愿|祝)[^。！!\n]{{0,40}}?(?:{_ADDRESS}[^。！!\n]{{0,20}}?(?:幫助|帮助|有用|滿意|满意|需求|需要|喜歡|喜欢)"
    rf"|(?:這個|这个|這份|这份|此|以上|上述|本次)[^。！!\n]{{0,10}}?{_DRAFT}[^。！!\n]{{0,20}}?(?:幫助|帮助|有用|滿意|满意|需求))"
    rf"|(?:如果|如需|若|如有)[^。！!\n]{{0,30}}?(?:需要|有任何|還有|还有|想要|要)[^。！!\n]{{0,30}}?"
    rf"(?:{_DRAFT}|{_ADDRESS}|調整|调整)[^。！!\n]{{0,30}}?(?:告訴我|告诉我|隨時|随时|提出|聯繫我|联系我)"
    rf"|(?:請|请)?隨時告訴我|(?:請|请)?随时告诉我"
)
_CLOSER_EN = re.compile(
    r"(?:I hope (?:this|these|the (?:revised|new|updated|above))[^.!\n]{0,40}(?:helps|helpful|useful|meets your)"
    r"|Let me know if (?:you(?:'d| would)? (?:like|need|want)|there(?:'s| is| are)) (?:any )?"
    r"(?:further |more |other )?(?:changes|adjustments|edits|revisions|modifications|tweaks|help)"
    r"|Feel free to (?:ask|let me know)[^.!\n]{0,40}(?:changes|adjustments|edits|revisions)"
    r"|If you(?:'d like| would like| need| want)[^.!\n]{0,40}(?:further |more |any )?"
    r"(?:changes|adjustments|edits|revisions|modifications),? (?:just )?(?:let me know|feel free))",
    re.IGNORECASE,
)
_META_HEADING = re.compile(
    r"^[*_#\s]*(?:(?:主要)?(?:改進|改进|修改|修訂|修订|調整|调整|優化|优化|潤飾|润饰|潤色|润色|編輯|编辑)"
    r"(?:說明|说明|要點|要点|重點|重点|之處|之处|內容|内容|如下|事項|事项|摘要|總結|总结)"
    r"|主要(?:的)?(?:改進|改进|修改|調整|调整|優化|优化)(?:包括|有)?"
    r"|(?:Changes made|Key changes|Summary of changes|Improvements made|Key improvements|Edits made|Notes on (?:the )?edits))"
    r"[\s*_]*[：:]?[\s*_]*$",
    re.IGNORECASE,
)
_SELF_AI = re.compile(
    r"As an AI(?: language)? model|as a large language model|I(?:'m| am) an AI(?: language model| assistant)\b"
    r"|(?:作為|作为)(?:一個|一个|一名)?(?:AI|人工智能|人工智慧)(?:語言|语言)?(?:模型|助手|助理)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LlmResidueOptions:
    edge_lines: int = 4  # how many prose lines at each end of a document count as its edges


class LlmResidue(DocumentRule):
    """
    What it flags
        Leftover assistant chatter in an AI-assisted draft: openers that answer a
        request ("好的，以下是整理後的文稿：", "好的，我來為您整理這篇文稿…", "Sure! Here's the
        revised version:"), closers addressed to the requester ("希望這個版本對您有幫助！",
        "如果您需要進一步的修改，請隨時告訴我", "Let me know if you'd like further changes"),
        meta sections about the edit ("改進說明", "主要調整如下", "Changes made:"), and an
        assistant talking about itself ("As an AI language model").

    Why it matters
        Published chatter tells every reader the article was pasted from a chatbot
        without a read; it is the most embarrassing defect a digest can ship.

    Flagged
        好的，以下是整理後的文稿：
        希望這個版本對您有幫助！如果您需要進一步的修改，請隨時告訴我。

    Passes
        感謝你的到訪，希望這裡的內容能為你帶來一些啟發或幫助。
        Here's the project link: https://example.org/project

    Options
        edge-lines: how many prose lines at the start and at the end of a document or
        entry are searched for openers and closers (default 4). Meta headings and
        self-references are searched everywhere.

    Known limits
        Openers and closers are recognised by their shape (who is addressed, talk
        about the draft, where the line stands), not by an exhaustive phrase list, so
        an unusual wording in the middle of an article is missed. Quoted chatter inside
        an article about chatbots is flagged unless suppressed.
    """

    meta = RuleMeta(
        "text.llm-residue",
        Severity.ERROR,
        "leftover assistant chatter from an AI-assisted draft (openers, closers, edit notes)",
    )
    Options = LlmResidueOptions

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        lines = prose_lines(doc, frozenset({SegmentKind.HEADING, SegmentKind.PARAGRAPH}))
        n = self.options.edge_lines
        for i, line in enumerate(lines):
            at_start = i < n
            at_end = i >= len(lines) - n
            kind = classify_residue(line.text, at_start=at_start, at_end=at_end)
            if kind is None:
                continue
            where = "first" if at_start else "last" if at_end else "a"
            yield Hit(
                line.span,
                f"leftover assistant chatter ({kind}): delete the line before publishing",
                evidence=(
                    Evidence(
                        "pattern",
                        f"{kind} in {where} line{'s' if where != 'a' else ''} of the "
                        f"{'entry' if doc.entry_number is not None else 'document'}",
                    ),
                ),
                verdict=Verdict.SUSPICIOUS,
                confidence=0.95 if kind in ("opener", "self-reference") else 0.9,
            )


def classify_residue(text: str, *, at_start: bool, at_end: bool) -> str | None:
    if _SELF_AI.search(text):
        return "self-reference"
    if len(text) <= 40 and _META_HEADING.match(text):
        return "edit notes"
    if at_start and (_OPENER_ZH.search(text) or _OPENER_EN.search(text)):
        return "opener"
    if at_end and (_CLOSER_ZH.search(text) or _CLOSER_EN.search(text)):
        return "closer"
    return None


# --- text.script-mix --------------------------------------------------------------------------


@lru_cache(maxsize=2)
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
# Characters OpenCC converts although Traditional writing (Taiwan, Hong Kong) uses them
# as they are (台灣, 宣布, 才, 周, 系統, 制度, 准許, 著名, ...): they say nothing about the script.
_SHARED_IN_PRACTICE = frozenset("台布着著里后干只面周系范才冲松征余准制了么彩借托游岩峰群咨汇恒凶")


@lru_cache(maxsize=1)
def _script_classes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Character classes of the characters OpenCC converts one way, character by character."""
    chars = [chr(c) for c in range(0x3400, 0x4DC0)] + [chr(c) for c in range(0x4E00, 0xA000)]
    joined = "\n".join(chars)
    to_trad = _converter("s2t.json").convert(joined).split("\n")
    to_simp = _converter("t2s.json").convert(joined).split("\n")
    simp = "".join(c for c, t in zip(chars, to_trad, strict=True) if t != c and c not in _SHARED_IN_PRACTICE)
    trad = "".join(c for c, t in zip(chars, to_simp, strict=True) if t != c and c not in _SHARED_IN_PRACTICE)
    return re.compile(f"[{simp}]"), re.compile(f"[{trad}]")


@dataclass(frozen=True)
class ScriptMixOptions:
    min_chars: int = 5  # fewer minority-script characters than this are ignored
    min_share: float = 0.03  # nor a minority below this share of all script-specific characters


class ScriptMix(DocumentRule):
    """
    What it flags
        A document that mixes Simplified and Traditional Chinese: characters that
        OpenCC converts in one direction only, counted in context (phrase
        dictionaries, so 皇后 is not Simplified). Reported once per document, at the
        first run of the minority script, with both counts and examples.

    Why it matters
        A digest in one script with paragraphs in the other was usually pasted from a
        machine translation or another source without conversion; readers notice.

    Flagged
        本期介紹最新的模型。这个模型由团队发布，开发者们可以下载使用，效果很好。

    Passes
        本期介紹最新的模型。這個模型由團隊發布。

    Options
        min-chars: fewest minority-script characters that count (default 5).
        min-share: smallest share of the minority among all script-specific
        characters (default 0.03), so one quoted mainland name in Traditional text
        is not reported.

    Known limits
        Characters used identically in both scripts say nothing; Japanese kanji may
        count as Traditional. Code, URLs and front matter are not read.
    """

    meta = RuleMeta(
        "text.script-mix",
        Severity.INFO,
        "Simplified and Traditional Chinese mixed within one document",
    )
    Options = ScriptMixOptions

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        runs: list[tuple[Segment, int, str]] = []
        for seg in doc.segments_in(self.meta.scope):
            for m in _HAN.finditer(seg.text):
                runs.append((seg, m.start(), m.group(0)))
        if not runs:
            return
        joined = "\n".join(r[2] for r in runs)
        # cheap pre-check by character class: most documents are in one script
        simp_re, trad_re = _script_classes()
        if min(len(simp_re.findall(joined)), len(trad_re.findall(joined))) < self.options.min_chars:
            return
        to_simp = _converter("t2s.json").convert(joined)
        if to_simp == joined:
            return
        to_trad = _converter("s2t.json").convert(joined)
        if to_trad == joined:
            return
        if len(to_simp) != len(joined) or len(to_trad) != len(joined):
            return  # conversions changed lengths: positions cannot be compared
        shared = _SHARED_IN_PRACTICE
        trad_pos = [i for i, (a, b) in enumerate(zip(joined, to_simp, strict=True)) if a != b and a not in shared]
        simp_pos = [i for i, (a, b) in enumerate(zip(joined, to_trad, strict=True)) if a != b and a not in shared]
        total = len(trad_pos) + len(simp_pos)
        minority, majority_name, minority_name = (
            (simp_pos, "Traditional", "Simplified")
            if len(trad_pos) >= len(simp_pos)
            else (trad_pos, "Simplified", "Traditional")
        )
        if len(minority) < self.options.min_chars or len(minority) / max(total, 1) < self.options.min_share:
            return
        # map the first minority character back to its run and segment
        first = minority[0]
        offset = 0
        for seg, start, run in runs:
            if first < offset + len(run):
                k = first - offset
                # flag the stretch of Han characters around it (at most 40), a readable example
                a, b = max(0, k - 20), min(len(run), k + 20)
                span = seg.to_source(start + a, start + b)
                break
            offset += len(run) + 1
        else:  # pragma: no cover - minority positions always fall in a run
            return
        examples = "".join(dict.fromkeys(joined[i] for i in minority))[:8]
        majority_n = total - len(minority)
        lines = sorted({doc.source.line_of(s.span.start) for s, _, _ in runs})
        yield Hit(
            span,
            f"{minority_name} Chinese in a {majority_name} document: {len(minority)} {minority_name}-only "
            f"and {majority_n} {majority_name}-only characters (e.g. {examples})",
            evidence=(
                Evidence(
                    "count",
                    f"{majority_n} {majority_name}-only, {len(minority)} {minority_name}-only characters "
                    f"(OpenCC t2s/s2t) in {len(lines)} lines",
                    value={"traditional": len(trad_pos), "simplified": len(simp_pos)},
                ),
            ),
            verdict=Verdict.INCONSISTENT,
            key=f"{minority_name}:{doc.id}",
        )
