"""The text family: leftover assistant chatter, mixed Chinese scripts."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from checker.core.model import Evidence, Hit, Severity, Span, Verdict
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.input.documents import Document, Segment, SegmentKind

# --- lines of prose ---------------------------------------------------------------------------

_LEAD = re.compile(r"[ \t]*(?:(?:[*+-]|\d{1,3}[.)])[ \t]+|>[ \t]?|#{1,6}[ \t]+)*")
_LEAD_CHARS = frozenset(" \t*+->#0123456789")
# A line that introduces what follows: all in bold, or short and ending in a colon.
_LABEL = re.compile(r"(?:\*\*|__)[^*\n]{1,80}(?:\*\*|__)[ \t]*[:：]?[ \t]*|[^\n]{1,40}[:：][*_ \t]*")
_LABEL_ENDS = frozenset(":：*_")


class ProseLine(NamedTuple):
    """One non-blank line of a heading or paragraph, without list, quote or heading markers.

    A named tuple rather than a dataclass: the real corpus has some 90,000 such lines and
    building them is most of this rule's time.
    """

    text: str
    segment: Segment
    start: int  # offsets of `text` in the segment's view
    end: int

    @property
    def span(self) -> Span:
        """The line in the source, mapped on demand (most lines are never flagged)."""
        return self.segment.to_source(self.start, self.end)

    @property
    def in_list(self) -> bool:
        return "list" in self.segment.containers

    @property
    def is_label(self) -> bool:
        """A heading, a line all in bold, or a short line ending in a colon."""
        t = self.text
        if t[-1] in _LABEL_ENDS and len(t) <= 90 and _LABEL.fullmatch(t) is not None:
            return True
        return self.segment.kind is SegmentKind.HEADING


def prose_lines(doc: Document, kinds: frozenset[SegmentKind]) -> list[ProseLine]:
    """The non-blank lines of the document's segments of `kinds`, in order."""
    out: list[ProseLine] = []
    for seg in doc.segments:
        if seg.kind not in kinds:
            continue
        text = seg.text
        # most segments are one line: skip splitting them
        raws = [text] if "\n" not in text and "\r" not in text else text.splitlines(keepends=True)
        pos = 0
        for raw in raws:
            body = raw.rstrip("\r\n")
            start = 0
            if body and body[0] in _LEAD_CHARS:
                start = _LEAD.match(body).end()  # type: ignore[union-attr]  # all-optional: always matches
            stripped = body[start:].rstrip()
            if stripped:
                s = pos + start
                out.append(_new_line(ProseLine, (stripped, seg, s, s + len(stripped))))
            pos += len(raw)
    return out


_new_line = tuple.__new__  # builds a ProseLine without the Python-level __new__ of named tuples


# --- text.llm-residue ---------------------------------------------------------------------------
#
# Residue is recognised by its shape, not by a list of sentences: where the line stands (first or
# last lines of a document or entry, a heading with a list under it), whom it addresses (您, the
# polite "you" of an assistant answering its requester; readers of these digests are 你/大家) and
# what it talks about (the draft itself: 文稿, 這個版本, 整理後的…, revised version). Each piece
# below is one of those ingredients; the classifiers combine them.
#
# Two strengths. A strong line is residue on its own. A weak line (a closer without 您, a "說明"
# heading whose list describes edits, "这个版本更易于理解") is residue only in a document that
# also has a strong line: an author may genuinely write "希望這份整理對大家有用", an assistant
# that opened with "好的，以下是整理後的文稿：" did not.

# what an assistant did to the text
_EDIT_VERB = (
    r"(?:整理|修改|修訂|修订|潤飾|润饰|潤色|润色|改寫|改写|重寫|重写|優化|优化|精簡|精简|簡化|简化|"
    r"調整|调整|編輯|编辑|排版|校對|校对|梳理|歸納|归纳|改進|改进)"
)
# what only an editor does to a text (優化/調整/改進 are also what engineers do to products)
_TEXT_EDIT_VERB = (
    r"(?:整理|修改|修訂|修订|潤飾|润饰|潤色|润色|改寫|改写|重寫|重写|精簡|精简|簡化|简化|編輯|编辑|排版|校對|校对)"
)
_EDITED = rf"(?:{_TEXT_EDIT_VERB}(?:後|后|過|过)的?|(?:經過|经过){_TEXT_EDIT_VERB}的?)"
# the requester's text (演示文稿 is a slide deck, 演講稿 a speech: not the draft)
_DRAFT_NOUN = r"(?:(?<!演示)(?<!演講)(?<!演讲)文稿|稿件|初稿|整理稿|逐字稿|原稿|草稿)"
# "this version / this tidy-up / the above": the assistant pointing at its own output
# 此/本 only at the start of a word: 因此整理出…, 基本整理 are not pointers
_THIS = r"(?:(?:這|这)(?:個|个|份|篇|樣的|样的)?|(?<![\u3400-\u9fff])(?:此|本)(?:個|个|份|篇)?|以上的?|上述的?)"
_DRAFT_SELF = re.compile(
    rf"(?:{_THIS})\s*(?P<edited>{_EDITED})?(?P<noun>整理(?:版本|版|稿|報告|报告|結果|结果)?|版本|{_DRAFT_NOUN}|文檔|文档)"
)
_EFFECT = re.compile(
    r"更(?:易|容易|方便|清晰|清楚|簡潔|简洁|精簡|精简|流暢|流畅|有條理|有条理|具|適合|适合|好地|貼近|贴近)|易於|易于|"
    r"可讀性|可读性|突出(?:了)?重[點点]|方便(?:您|讀者|读者|快速|閱讀|阅读)"
)
_YOU = re.compile(r"您")
_HAS_DRAFT_NOUN = re.compile(_DRAFT_NOUN)
_HAS_EDIT = re.compile(rf"{_EDIT_VERB}|{_DRAFT_NOUN}")
_WISH = re.compile(r"希望|但願|但愿|期望|盼望|願這|愿这")
_HELP = re.compile(
    r"幫助|帮助|幫到|帮到|有用|助益|滿意|满意|需求|啟發|启发|參考|参考|理解|掌握|了解|概覽|概览|呈現|呈现|提供"
)
_PRODUCT = re.compile(rf"{_EDITED}|(?:{_THIS})\s*整理|整理(?:版本|稿|報告|报告)")
_NOUN_OR_EDITED = re.compile(rf"{_DRAFT_NOUN}|{_EDITED}")

# openers: an acknowledgement, then talk about the draft or the requester
_ACK = r"(?:好的|好滴|好|當然|当然|沒問題|没问题|明白了?|收到|了解|OK|Ok|ok|Okay|您好|你好)"
_OPENER_ZH = re.compile(
    rf"^[*_「“\"'\s]*(?:{_ACK}[，,！!。.~～\s]+.{{0,60}}?"
    rf"(?:您|{_DRAFT_NOUN}|{_EDITED}|整理|我(?:來|来|將|将|已|幫|帮|為|为|會|会)|(?:以下|下面)(?:是|為|为).*[：:]\s*\**$)"
    rf"|(?:以下|下面|這|这)(?:是|為|为|就是).{{0,30}}?(?:{_EDITED}|{_DRAFT_NOUN}).{{0,40}}?[：:]\s*\**$)"
)
# an assistant says 我; a publisher says 我們 or 本報告 ("我們為您整理了本週新聞" is no residue)
_FIRST_PERSON = re.compile(r"我(?:已經|已经|已|將|将|把|來|来|會|会|幫|帮|為|为|盡力|尽力|主要|試著|试着)")
_ANNOUNCES_EDITS = re.compile(
    r"以下(?:[幾几兩两三四五六七]\s*[個个]?)?(?:點|点|方面|調整|调整|修改|改進|改进|優化|优化|處理|处理|變更|变更|工作)"
    r"|(?:目的|目標|目标)(?:是|為|为|在於|在于)?\s*[：:]\s*\**$"
)
_OPENER_EN = re.compile(
    r"^[*_\s\"']*(?:(?:Sure|Certainly|Of course|Absolutely|Okay|OK|Alright|Great)[!,.]\s+.{0,80}?"
    r"(?:revised|rewritten|polished|improved|edited|updated|cleaned[- ]up|refined|reformatted)\s+"
    r"(?:version|draft|text|article|summary)"
    r"|(?:Sure|Certainly|Of course|Absolutely)[!,.]?\s+(?:here(?:'s| is)|below is)\b[^\n]{0,120}:\s*\**$"
    r"|(?:Here(?:'s| is)|Below is)\s+(?:the|a|your|an)\s+(?:revised|rewritten|polished|improved|edited|refined|"
    r"reformatted|cleaned[- ]up|updated)\s+(?:version|draft|text|article|summary)[^\n]{0,80}?:\s*\**$"
    r"|I(?:'ve| have)? (?:revised|rewritten|rewrote|edited|polished|reworded|restructured|cleaned up|tightened)\b"
    r"[^\n]{0,60}?\b(?:your|the|this) (?:draft|text|article|summary|post|piece|transcript))",
    re.IGNORECASE,
)

# closers: the assistant asks to be told, or offers more
# "告訴我" but not "告訴我們" (a publisher's "如有問題，請告訴我們" is no assistant)
_TELL_ME = re.compile(r"(?:告訴我|告诉我|讓我知道|让我知道|告知我|跟我說|跟我说|聯繫我|联系我)(?![們们])")
_TELL_ME_CUE = re.compile(r"[請请]|隨時|随时|如果|如需|若|如有")
_ANYTIME = re.compile(r"(?:隨時|随时)(?:提出|告知|詢問|询问)")
# what the requester may want next: more edits, or "anything else"; plain 問題/需要 are a
# publisher's customer service ("如您有任何問題，歡迎隨時提出") and count only with other signs
_NEED_EDIT = re.compile(
    rf"{_EDIT_VERB}|闡述|阐述|討論|讨论|協助|协助|補充|补充|分析|摘要|格式|細化|细化|"
    r"其他(?:的)?(?:需求|需要|要求|問題|问题|文件)|還有什麼需要|还有什么需要|進一步|进一步"
)
_NEED = re.compile(r"需要|需求|要求|問題|问题")
_IF = re.compile(r"如果|如需|若|如有")
# a blogger ends a tutorial with "Hope this helps!" too: weak
_HOPE_EN = re.compile(r"\bhope (?:this|it|that) helps\b", re.IGNORECASE)
_CLOSER_EN = re.compile(
    r"(?:I hope (?:this|these|the (?:revised|new|updated|above))[^.!\n]{0,40}(?:helps|helpful|useful|meets your)"
    r"|Let me know if you(?:'d| would)? (?:like|want) me to"
    r"|Let me know if (?:you(?:'d| would)? (?:like|need|want)|there(?:'s| is| are)) (?:any )?"
    r"(?:further |more |other )?(?:changes|adjustments|edits|revisions|modifications|tweaks|help)"
    r"|Feel free to (?:ask|let me know)[^.!\n]{0,40}(?:changes|adjustments|edits|revisions)"
    r"|If you(?:'d like| would like| need| want)[^.!\n]{0,40}(?:further |more |any )?"
    r"(?:changes|adjustments|edits|revisions|modifications),? (?:just )?(?:let me know|feel free))",
    re.IGNORECASE,
)

# anywhere: the assistant talking about itself or about what the requester gave it
_SELF = re.compile(
    r"(?:As an AI(?: language)? model|as a large language model),? I\b"
    r"|I(?:'m| am) an AI(?: language model| assistant)\b"
    r"|(?:作為|作为)(?:一[個个名位])?(?:AI|人工智能|人工智慧)(?:語言|语言)?(?:模型|助手|助理)[，,\s]*我"
    r"|(?:作為|作为)您的(?:專業|专业)?的?(?:文件|文稿|內容|内容)?(?:整理員|整理员|助手|助理)"
    r"|您的(?:專業|专业)?的?(?:文件|文稿|內容|内容)?(?:整理員|整理员)"
    r"|(?:專業|专业)的?(?:文件|文稿)整理(?:員|员|師|师)",
    re.IGNORECASE,
)
_GIVEN = re.compile(
    rf"您(?:所)?(?:提供|上傳|上传|貼上|贴上|給|给|分享|發送|发送)(?:的|之)(?:這份|这份|這篇|这篇|這段|这段)?"
    rf"(?:{_DRAFT_NOUN}|文本|文字|內容|内容|資料|资料|原文|文章|字幕|影片|視頻|视频)"
    rf"|您的{_DRAFT_NOUN}"
    r"|(?:text|transcript|draft|article|notes) (?:that )?you (?:provided|shared|sent|pasted)\b",
    re.IGNORECASE,
)
# done as the requester asked: "根據您的要求進行了…", "as you requested"
_AS_ASKED = re.compile(
    r"(?:根據|根据|按照|依照|依據|依据|應|应|遵照|比照|遵循)您(?:的|所)?(?:要求|指示|指定|需求|規範|规范|意見|意见)"
    r"|as you requested|per your request"
)
# the text saying what it is, and that the work is done: a product "會根據您的需求進行調整" is neither
_THIS_DOC = re.compile(
    rf"報告|报告|本文|本篇|本期|週記|周记|以上|以下|這份|这份|{_DRAFT_NOUN}|\b(?:report|summary|version|draft)\b"
)
# the same with the requester in the third person, said by the document of itself:
# "本報告依照使用者指定的週記規範撰寫" (product news says "依照使用者指定的格式輸出")
_AS_SPECIFIED = re.compile(
    r"本(?:報告|报告|文|篇|期|週記|周记).{0,6}(?:依照|按照|根據|根据|遵照|比照|遵循)(?:使用者|用戶|用户)(?:所)?指定"
)
# a template blank the assistant left for the requester: "[假設當前年份]", "2024年X月X日"
_PLACEHOLDER = re.compile(
    r"[\[［【](?:假設|假设|插入|請填|请填|填入|待補|待补|請補|请补)[^\]］】\n]{0,40}[\]］】]"
    r"|(?<![0-9])[0-9]{4}\s*年\s*[XxＸ]{1,2}\s*月(?:\s*[XxＸ]{1,2}\s*日)?"
    r"|\[(?:Insert|Placeholder|Your (?:name|company|title|email))\b[^\]\n]{0,30}\]"
)
_DONE = re.compile(
    r"(?:進行|进行|做|作|完成|補充|补充|撰寫|撰写|更新|整理|修改|調整|调整|處理|处理|加入|刪除|删除)了"
    r"|已(?:經|经)?(?:完成|進行|进行|將|将|為|为|依|按|根據|根据)|\b(?:revised|updated|rewrote|edited|added|included)\b"
)
_SPEAKER = re.compile(
    r"我(?![們们])|以上|以下|如下|這份|这份|這篇|这篇|\b(?:I|I'(?:ve|m)|here is|here's)\b", re.IGNORECASE
)
_ABOUT_DRAFT = re.compile(
    rf"{_EDIT_VERB}|{_DRAFT_NOUN}|以上|以下|summary|summari[sz]ed|revised|rewritten", re.IGNORECASE
)

# labels: a heading that names the reworked text, or the notes on how it was reworked
_LABEL_STRIP = re.compile(r"^[*_#\s]+|[*_#\s:：]+$")
_PAREN = r"(?:\s*[(（][^()（）\n]{0,30}[)）])?"
_DRAFT_LABEL = re.compile(
    rf"(?:(?:以下|下面)(?:是|為|为)|這是|这是)?(?:經過|经过)?{_TEXT_EDIT_VERB}(?:後|后|過|过)的?"
    rf"(?:{_DRAFT_NOUN}|版本|內容|内容|文本|文章|全文|重點|重点|要點|要点)(?:如下)?{_PAREN}"
    rf"|(?:簡化|简化|精簡|精简|修訂|修订|潤飾|润饰|改寫|改写)版(?:的)?(?:{_DRAFT_NOUN}|內容|内容){_PAREN}"
    r"|(?:here(?:'s| is) )?(?:the |a |your )?(?:revised|rewritten|edited|polished|improved|cleaned[- ]up|refined)"
    r" (?:version|draft|text|article)",
    re.IGNORECASE,
)
_META_HEADING = re.compile(
    r"(?:主要|額外|额外|其他|本次)?的?"
    r"(?:(?:改進|改进|修改|修訂|修订|調整|调整|優化|优化|潤飾|润饰|潤色|润色|編輯|编辑|格式|排版|更動|更动|變更|变更|"
    r"改寫|改写)(?:說明|说明|如下|事項|事项|記錄|记录|細節|细节|之處|之處|重點|重点|要點|要点|內容|内容|摘要|"
    r"總結|总结|清單|清单)"
    r"|整理(?:說明|说明|如下|事項|事项|記錄|记录|細節|细节|原則|原则|方式|思路))"
    r"|主要的?(?:改進|改进|修改|調整|调整|優化|优化|變更|变更|更動|更动)(?:包括|有|如下)?"
    r"|(?:Changes|Edits|Revisions|Improvements|Modifications)(?: (?:I )?made)?"
    r"|Key (?:changes|improvements|edits|revisions)|Summary of (?:changes|edits|revisions)"
    r"|Notes on (?:the |my )?(?:edits|changes|revisions?)|What I changed",
    re.IGNORECASE,
)
# suggestions on the edit: a law or a product has 修改建議 too, so these need other residue
_SUGGESTION_HEADING = re.compile(
    r"(?:額外|额外|其他)?(?:修改|調整|调整|優化|优化|改進|改进|整理|格式|排版|潤飾|润饰|編輯|编辑)(?:建議|建议)"
    r"|(?:建議|建议)(?:修改|調整|调整|優化|优化|改進|改进)(?:方向|之處|之处)?"
)
_OFFER_HEADING = re.compile(
    r"我(?:還|还|也)?可以(?:為您|为您|幫您|帮您)?.{0,8}(?:協助|协助|幫助|帮助|服務|服务|調整|调整|修改)"
)
_OFFER_TO_YOU = re.compile(r"您|進一步|进一步")  # "我可以提供的服務：" on an About page is no offer to a requester
_GENERIC_HEADING = re.compile(
    r"(?:額外|额外|其他|補充|补充|附加|重要)?(?:說明|说明|建議|建议|備註|备注|附註|附注|注意事項|注意事项)"
    r"|(?:總結|总结)(?:與|与|和)(?:潛在用途|潜在用途|建議|建议)|Notes?|Suggestions?",
    re.IGNORECASE,
)
_SUMMARY_HEADING = re.compile(r"總結|总结|小結|小结|結語|结语|Summary")
# an item of a list that describes an edit ("**結構化：** 將文稿分成多個部分")
_EDIT_ITEM = re.compile(
    rf"{_DRAFT_NOUN}|{_TEXT_EDIT_VERB}|原文|段落|分段|章節|章节|標題|标题|粗體|粗体|加粗|項目符號|项目符号|條列|条列|列表|"
    r"編號|编号|格式|口語|口语|書面|书面|冗餘|冗余|冗言|贅字|赘字|重複|重复|簡潔|简洁|語句|语句|用詞|用词|措辭|措辞|"
    r"語氣|语气|可讀|可读|易讀|易读|易於閱讀|易于阅读|結構|结构|表格|圖表|图表|術語|术语|邏輯|逻辑|提煉|提炼|表達|表达|"
    r"刪減|删减|省略|精煉|精炼|"
    r"heading|bullet|paragraph|wording|tone|structure|formatting|concise|clarity|readab",
    re.IGNORECASE,
)
# Cheap gates, searched before the costly checks on lines away from the edges: every
# position-free strong check needs one of these words. Chinese and English apart: one pattern
# mixing CJK with common Latin letters scans six times slower.
_STRONG_GATE_ZH = re.compile(r"您|作[為为]|整理[員员]|指定|[\[［【](?:假|插|請|请|填|待)|年\s*[XxＸ]")
_STRONG_GATE_EN = re.compile(
    r"an AI|you (?:provided|shared|sent|pasted|requested)|your request|\[(?:Insert|Placeh|Your )"
)
# every closer check needs one of these
_CLOSER_GATE = re.compile(
    r"希望|但願|但愿|期望|盼望|願這|愿这|告訴我|告诉我|讓我|让我|告知|聯繫我|联系我|隨時|随时|整理|版本|文稿|文檔|文档|"
    r"[Hh]ope|[Ll]et me|[Ff]eel free|[Ii]f you"
)
_TALK_GATE = re.compile(r"整理|版本|文稿|文檔|文档|稿件|初稿|原稿|草稿")


@dataclass(frozen=True, slots=True)
class _Residue:
    kind: str  # opener, closer, edit notes, draft label, requester, self-reference, draft talk, offer, placeholder
    first: int  # index of the first and the last prose line it covers
    last: int
    strong: bool
    part: tuple[int, int] | None = None  # offsets in a single line's text when only some sentences are residue


def is_opener(text: str) -> bool:
    """An answer to a request: "好的，以下是整理後的文稿：", "我將這份文稿整理如下", "Sure! Here's …:"."""
    if _OPENER_ZH.search(text) or _OPENER_EN.search(text):
        return True
    # first person doing something to the requester's text: "我幫您整理了這篇文稿"
    if _FIRST_PERSON.search(text) and (_YOU.search(text) or _HAS_DRAFT_NOUN.search(text)) and _HAS_EDIT.search(text):
        return True
    # addressed to the requester and about their text: "針對您提供的文稿，以下是整理後的內容："
    # (a product "可一鍵潤飾您的文稿" has no one speaking)
    return bool(_YOU.search(text) and _NOUN_OR_EDITED.search(text) and _SPEAKER.search(text))


def closer_strength(text: str) -> bool | None:
    """True for a strong closer, False for a weak one, None for none."""
    if _CLOSER_EN.search(text):
        return True
    you = _YOU.search(text) is not None
    wish = _WISH.search(text) is not None
    noun = _HAS_DRAFT_NOUN.search(text) is not None  # the requester's 文稿
    product = _PRODUCT.search(text) is not None  # the assistant's 整理後的版本 / 這份整理
    pointer = draft_self_strength(text)  # 這個版本 (False) / 這份整理 (True)
    if _TELL_ME.search(text) and _TELL_ME_CUE.search(text) and (you or _NEED_EDIT.search(text)):
        return True  # "如果需要進一步的修改，請隨時告訴我"
    if _ANYTIME.search(text) and you and _NEED_EDIT.search(text):
        return True  # "如果您對其中任何部分需要進一步的闡述，請隨時提出"
    if wish and you and (product or noun or pointer is not None):
        return True  # "希望這個版本對您有幫助！"
    if wish and product and noun:
        return True  # "希望這樣的整理能讓這篇文稿更易閱讀"
    if pointer and (you or noun or _EFFECT.search(text)):
        return True  # "這份整理報告旨在…方便您快速掌握"
    if wish and ((you and _HELP.search(text)) or product or noun or pointer is not None):
        return False  # "希望能對您有幫助！", "希望这个版本更简洁"
    if _ANYTIME.search(text) and _IF.search(text) and (_NEED.search(text) or _NEED_EDIT.search(text)):
        return False  # "如有其他需求，請隨時提出"
    if pointer is not None and _EFFECT.search(text):
        return False  # "这个版本更易于理解和分享"
    if _HOPE_EN.search(text):
        return False
    return None


def draft_self_strength(text: str) -> bool | None:
    """The text pointing at itself as a reworked draft: True "這份整理", False "這個版本"."""
    best: bool | None = None
    for m in _DRAFT_SELF.finditer(text):
        strong = bool(m.group("edited")) or m.group("noun").startswith("整理")
        if strong:
            return True
        if m.group("noun") == "版本" or _HAS_DRAFT_NOUN.fullmatch(m.group("noun")):
            best = False
    return best


def anywhere_residue(text: str) -> str | None:
    """Residue that needs no position: the assistant speaking of itself or to its requester."""
    if _SELF.search(text):
        return "self-reference"
    if _PLACEHOLDER.search(text):
        return "placeholder"
    if _GIVEN.search(text) and _ABOUT_DRAFT.search(text) and _SPEAKER.search(text):
        return "requester"  # "以上整理基於您提供的文本內容" (a product "根據您提供的資料整理" has no speaker)
    m = _AS_ASKED.search(text)
    if m and _THIS_DOC.search(text) and _DONE.search(text, m.end(), m.end() + 30):
        return "requester"  # "本週技術報告…並根據您的要求進行了全面補充與更新"
    if _AS_SPECIFIED.search(text):
        return "requester"  # "本報告依照使用者指定的週記規範撰寫"
    if _YOU.search(text) and _FIRST_PERSON.search(text) and _HAS_DRAFT_NOUN.search(text):
        return "requester"  # "我將文稿分成了幾個主要部分…方便您快速了解內容"
    return None


def is_draft_talk(text: str) -> bool:
    """A line in the middle of a text describing it as a reworked draft ("这个整理后的文档突出了…")."""
    return bool(draft_self_strength(text)) and (_EFFECT.search(text) or _YOU.search(text)) is not None


def label_kind(text: str) -> str | None:
    """What a label announces: "draft label", "edit notes", "suggestions", "offer" or "generic"."""
    core = _LABEL_STRIP.sub("", text)
    if not core or len(core) > 40:
        return None
    if _DRAFT_LABEL.fullmatch(core):
        return "draft label"
    if _META_HEADING.fullmatch(core):
        return "edit notes"
    if _SUGGESTION_HEADING.fullmatch(core):
        return "suggestions"
    if _OFFER_HEADING.search(core) and _OFFER_TO_YOU.search(core):
        return "offer"
    if _GENERIC_HEADING.fullmatch(core):
        return "generic"
    return None


def _list_after(lines: Sequence[ProseLine], i: int) -> int:
    """Index of the last line of the list right after line i (i itself when none follows)."""
    j = i
    while j + 1 < len(lines) and lines[j + 1].in_list:
        j += 1
    return j


def _edit_share(lines: Sequence[ProseLine], first: int, last: int) -> float:
    if last < first:
        return 0.0
    n = sum(1 for k in range(first, last + 1) if _EDIT_ITEM.search(lines[k].text))
    return n / (last - first + 1)


def _gated(text: str) -> bool:
    """Whether `text` has any word that a position-free strong check needs."""
    return _STRONG_GATE_ZH.search(text) is not None or _STRONG_GATE_EN.search(text) is not None


def find_residue(lines: Sequence[ProseLine], edge: int, *, gated: bool = True) -> list[_Residue]:
    """Residue candidates of one document, strong and weak, in order.

    `gated=False` says that the document has none of the words the position-free checks
    need, so they are skipped. Draft talk in the middle of the text is left to
    `add_draft_talk`, run only on documents that already have strong residue.
    """
    out: list[_Residue] = []
    n = len(lines)
    i = 0
    while i < n:
        line = lines[i]
        text = line.text
        at_start, at_end = i < edge, i >= n - edge
        found: _Residue | None = None
        if line.is_label:
            found = _label_residue(lines, i)
        if found is None and at_start:
            if is_opener(text):
                found = _Residue("opener", i, _opener_end(lines, i), True)
            elif _FIRST_PERSON.search(text) and _HAS_EDIT.search(text):
                found = _Residue("opener", i, i, False)  # "我将其整理如下：" under an opener
        if found is None and gated and _gated(text):
            kind = anywhere_residue(text)
            if kind is not None:
                found = _Residue(kind, i, i, True)
        if found is None and at_end and _CLOSER_GATE.search(text):
            strength = closer_strength(text)
            if strength is not None:
                found = _Residue("closer", i, i, strength)
        if found is not None:
            out.append(found)
            i = found.last + 1
        else:
            i += 1
    return out


def with_headings(lines: Sequence[ProseLine], found: list[_Residue]) -> list[_Residue]:
    """Residue right under a bare heading that has nothing else under it takes the heading in.

    "**說明：**" over a closer, "**總結:**" over "這個整理後的版本，…": once the residue is
    deleted the heading would stand over nothing.
    """
    covered = {k for r in found for k in range(r.first, r.last + 1)}
    out = []
    for r in found:
        above, below = r.first - 1, r.last + 1
        if (
            r.part is None
            and above >= 0
            and above not in covered
            and lines[above].is_label
            and (below >= len(lines) or below in covered or lines[below].is_label)
            and (
                label_kind(lines[above].text) in ("generic", "suggestions", "edit notes")
                or (r.kind in ("closer", "draft talk") and _is_summary_heading(lines[above].text))
            )
        ):
            r = _Residue(r.kind, above, r.last, r.strong)
        out.append(r)
    return out


# a sentence: up to 。！？!? or a full stop followed by a space (not the dot of "v1.5")
_SENTENCE = re.compile(r"(?:[^。！？!?.\n]|\.(?=\S))+(?:[。！？!?]+|\.|$)")


def _sentences(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _SENTENCE.finditer(text):
        a, b = m.start(), m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if any(c.isalnum() for c in text[a:b]):  # not a lone "**" or "—"
            out.append((a, b))
    return out


def residue_part(text: str, kind: str) -> tuple[int, int] | None:
    """The sentences of a line that carry its residue, when the rest of the line is content.

    "並根據您的要求進行了全面補充與更新。AI 領域正從…" keeps its second sentence, and
    "希望以上整理对大家有所帮助。感谢大家观看本期视频，我们下期再见！" the host's sign-off.
    None when the whole line is residue.
    """
    spans = _sentences(text)
    if len(spans) < 2:
        return None
    keep: list[bool]
    if kind == "closer":
        keep = [
            closer_strength(t) is not None or bool(_EDIT_ITEM.search(t) or _YOU.search(t) or _EFFECT.search(t))
            for t in (text[a:b] for a, b in spans)
        ]
    elif kind in ("requester", "self-reference", "placeholder"):
        keep = [anywhere_residue(text[a:b]) is not None for a, b in spans]
    elif kind == "draft talk":
        keep = [is_draft_talk(text[a:b]) for a, b in spans]
    else:
        return None
    if not any(keep) or all(keep):
        return None
    first = keep.index(True)
    last = len(keep) - 1 - keep[::-1].index(True)
    if first == 0 and last == len(keep) - 1:
        return None  # only sentences inside are content: the line as a whole is residue
    return spans[first][0], spans[last][1]


def _is_summary_heading(text: str) -> bool:
    return _SUMMARY_HEADING.fullmatch(_LABEL_STRIP.sub("", text)) is not None


_PREFACE_MAX = 30  # lines between an opener and the label of the reworked text
_PREFACE_END = re.compile(r"文稿|版本|內容|内容|文本|全文|version|draft|text", re.IGNORECASE)  # not 整理後的重點


def _opener_end(lines: Sequence[ProseLine], i: int) -> int:
    """Last line of the preface that an opener at line i starts.

    An opener that announces its edits ("我做了以下調整：") is followed by their list; when
    a label of the reworked text follows ("**整理後的文稿：**") after nothing but lists and
    their headings, everything up to it is the assistant's preface. A paragraph of prose
    on the way ends the search: that is the article, which the preface must not swallow.
    """
    for j in range(i + 1, min(len(lines), i + 1 + _PREFACE_MAX)):
        line = lines[j]
        if line.is_label and label_kind(line.text) == "draft label" and _PREFACE_END.search(line.text):
            return j
        if not (line.in_list or line.is_label):
            break
    if _ANNOUNCES_EDITS.search(lines[i].text):
        block = _list_after(lines, i)
        if block > i and _edit_share(lines, i + 1, block) >= 0.5:
            return block  # "我做了以下調整：" and the list of adjustments
    return i


def add_draft_talk(lines: Sequence[ProseLine], found: list[_Residue]) -> list[_Residue]:
    """`found` plus weak draft talk on the lines it does not cover, in order."""
    covered = {k for r in found for k in range(r.first, r.last + 1)}
    extra = [
        _Residue("draft talk", i, i, False)
        for i, line in enumerate(lines)
        if i not in covered and _TALK_GATE.search(line.text) and is_draft_talk(line.text)
    ]
    return sorted([*found, *extra], key=lambda r: r.first)


def _label_residue(lines: Sequence[ProseLine], i: int) -> _Residue | None:
    kind = label_kind(lines[i].text)
    if kind is None:
        return None
    if kind == "draft label":
        return _Residue("draft label", i, i, True)
    block = _list_after(lines, i)
    share = _edit_share(lines, i + 1, block)
    if kind == "offer":
        return _Residue("offer", i, block, True)
    if kind == "edit notes":
        if share >= 0.5:
            return _Residue("edit notes", i, block, True)
        return _Residue("edit notes", i, i, False)
    if kind == "suggestions" and share >= 0.5 and block > i:  # "修改建議：" over a list of edits
        return _Residue("edit notes", i, block, False)
    if share > 0.5 and block - i >= 2:  # "說明：" / "建議：" over a list that is mostly edits
        return _Residue("edit notes", i, block, False)
    return None


_DESCRIBE = {
    "opener": "an opener answering the request",
    "closer": "a closer addressed to the requester",
    "edit notes": "notes on how the draft was edited",
    "draft label": "a label for the reworked draft",
    "offer": "an offer of further help",
    "requester": "words to whoever asked for the draft",
    "self-reference": "the assistant speaking of itself",
    "draft talk": "the draft talking about itself",
    "placeholder": "a blank left for the requester to fill in",
}


_PROSE = frozenset({SegmentKind.HEADING, SegmentKind.PARAGRAPH})


@dataclass(frozen=True)
class LlmResidueOptions:
    edge_lines: int = 4  # how many prose lines at each end of a document count as its edges


class LlmResidue(DocumentRule):
    """
    What it flags
        Leftover assistant chatter in an AI-assisted draft, as whole lines or blocks:
        openers that answer a request ("好的，以下是整理後的文稿：", "您好！這是一份根據您提供
        的文稿整理出的概要", "Sure! Here's the revised version:"), with the list of edits
        they announce up to the label of the reworked text ("**整理後的文稿：**"); closers
        addressed to the requester ("希望這個版本對您有幫助！", "如果您需要進一步的修改，
        請隨時告訴我", "I hope this helps"); notes on the edit with their list ("改進說明：",
        "整理說明：", "主要修改說明", "Changes made:") and offers of more help; and,
        anywhere, words to the requester ("以上整理基於您提供的文本內容", "根據您的要求進行了
        全面補充"), an assistant speaking of itself ("As an AI language model", "作為您的
        專業文件整理員") and blanks left to fill in ("[假設當前年份]", "2024年X月X日").

        Lines are recognised by their shape, not by a phrase list: where they stand (the
        first or last lines of a document or dated entry, a heading with a list under
        it), whom they address (您, the polite "you" of an assistant to its requester;
        these digests call their readers 你 or 大家) and what they talk about (the draft
        itself: 文稿, 這個版本, 整理後的…, revised version). Weaker shapes ("希望能對您有
        幫助！" without talk of the draft, "說明：" over a list of edits, "这个版本更易于
        理解") count only in a document or entry that also has a strong one. When a line
        mixes residue and content, only the residue sentences are flagged.

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
        entry are searched for openers and closers (default 4). Notes on the edit,
        labels, words to the requester, self-references and blanks are searched
        everywhere.

    Known limits
        An unusual wording away from the edges is missed, and so are titles the
        assistant prefixed ("文稿整理：…") and summaries that call their source "這份文稿".
        A closer can only be told from an author's own sign-off by its talk of the draft
        or by other residue in the same document: "希望這份整理對大家有用" alone passes.
        Promotional lines to readers ("家人们", "为您提供") are not chatter to a requester
        and pass. Quoted chatter inside an article about chatbots is flagged unless
        suppressed.
    """

    meta = RuleMeta(
        "text.llm-residue",
        Severity.ERROR,
        "leftover assistant chatter from an AI-assisted draft (openers, closers, edit notes)",
    )
    Options = LlmResidueOptions

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        lines = prose_lines(doc, _PROSE)
        found = find_residue(lines, self.options.edge_lines, gated=_gated(doc.text))
        strong = next((r for r in found if r.strong), None)
        if strong is None:
            return  # weak shapes alone are not enough
        found = [
            _Residue(r.kind, r.first, r.last, r.strong, residue_part(lines[r.first].text, r.kind))
            if r.first == r.last
            else r
            for r in add_draft_talk(lines, found)
        ]
        found = with_headings(lines, found)
        unit = "entry" if doc.entry_number is not None else "document"
        strong_line = doc.source.line_of(lines[strong.first].span.start)
        edge = self.options.edge_lines
        for r in found:
            count = r.last - r.first + 1
            detail = f"{_DESCRIBE[r.kind]}: prose line {r.first + 1} of {len(lines)} of the {unit}"
            if r.first < edge or r.first >= len(lines) - edge:
                detail += f" ({'opening' if r.first < edge else 'closing'} lines)"
            if count > 1:
                detail += f", with the {count - 1} lines that belong to it"
            if not r.strong:
                detail += f"; counted because the {unit} also has {_DESCRIBE[strong.kind]} (line {strong_line})"
            action = "delete " + ("these lines" if count > 1 else "the flagged sentences" if r.part else "the line")
            if r.kind == "placeholder":
                action = "fill in the blank or delete the line"
            if r.part is not None:
                line = lines[r.first]
                span = line.segment.to_source(line.start + r.part[0], line.start + r.part[1])
                detail += "; the rest of the line is content"
            else:
                span = Span(lines[r.first].span.start, lines[r.last].span.end)
            yield Hit(
                span,
                f"leftover assistant chatter ({r.kind}): {action} before publishing",
                evidence=(Evidence("pattern", detail),),
                verdict=Verdict.SUSPICIOUS,
                confidence=_CONFIDENCE.get(r.kind, 0.9) if r.strong else 0.75,
            )


# the surest shapes: nobody else writes "好的，以下是整理後的文稿：" or "您提供的文稿"
_CONFIDENCE = {"opener": 0.95, "self-reference": 0.95, "requester": 0.95, "draft label": 0.95, "placeholder": 0.95}


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
