"""text.llm-residue's reading: leftover assistant chatter recognised by the shape of a line."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from checker.extract import residue_talk as talk
from checker.extract.prose import ProseLine, prose_lines
from checker.extract.residue_lines import YEAR_X, LineGates, line_gates
from checker.input.documents import Document, SegmentKind
from checker.lexicon import alternation, has_cjk, latin_alternation, words
from checker.text.lazy_regex import lazy_compile
from checker.text.script import HAN
from checker.text.sentences import sentences

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


class _Patterns:
    """The compiled shapes. Built on first use, not at import: the word lists load OpenCC's
    dictionaries, which a run without Chinese residue checks never needs."""

    def __init__(self, cjk: bool) -> None:
        def _w(*lists: str) -> str:
            """A word list of residue.toml as a regex group to embed (both scripts, longest first)."""
            return alternation("residue", *lists) if cjk else latin_alternation("residue", *lists)

        # what an assistant did to the text
        _EDIT_VERB = _w("edit_verb_text", "edit_verb_product")
        # what only an editor does to a text (優化/調整/改進 are also what engineers do to products)
        _TEXT_EDIT_VERB = _w("edit_verb_text")
        _EDITED = rf"(?:{_TEXT_EDIT_VERB}{_w('edited_suffix')}的?|{_w('through')}{_TEXT_EDIT_VERB}的?)"
        # the requester's text (演示文稿 is a slide deck, 演講稿 a speech: not the draft)
        _NOT_DRAFT = "".join(f"(?<!{re.escape(w)})" for w in sorted(words("residue", "not_draft")) if cjk)
        _DRAFT_NOUN = rf"(?:{_NOT_DRAFT}{_w('draft_noun')})"
        # "this version / this tidy-up / the above": the assistant pointing at its own output
        # 此/本 only at the start of a word: 因此整理出…, 基本整理 are not pointers
        _THIS = rf"(?:{_w('this')}|(?<![{HAN}]){_w('this_word_start')})"
        self.DRAFT_SELF = lazy_compile(
            rf"(?:{_THIS})\s*(?P<edited>{_EDITED})?(?P<noun>{_w('self_noun')}|{_DRAFT_NOUN})"
        )
        self.EFFECT = lazy_compile(_w("effect"))
        self.YOU = lazy_compile(_w("you"))
        self.HAS_DRAFT_NOUN = lazy_compile(_DRAFT_NOUN)
        self.HAS_EDIT = lazy_compile(rf"{_EDIT_VERB}|{_DRAFT_NOUN}")
        self.WISH = lazy_compile(_w("wish"))
        self.HELP = lazy_compile(_w("help"))
        self.PRODUCT = lazy_compile(rf"{_EDITED}|(?:{_THIS})\s*整理|{_w('product_noun')}")
        self.NOUN_OR_EDITED = lazy_compile(rf"{_DRAFT_NOUN}|{_EDITED}")

        # openers: an acknowledgement, then talk about the draft or the requester
        _ACK = _w("ack")
        self.OPENER_ZH = lazy_compile(
            rf"^[*_「“\"'\s]*(?:{_ACK}[，,！!。.~～\s]+.{{0,60}}?"
            rf"(?:{_w('you')}|{_DRAFT_NOUN}|{_EDITED}|整理|{_w('opener_first_person')}|{_w('here_is')}.*[：:]\s*\**$)"
            rf"|{_w('this_is')}.{{0,30}}?(?:{_EDITED}|{_DRAFT_NOUN}).{{0,40}}?[：:]\s*\**$)"
        )
        opener_start = (
            rf"[*_「“\"'\s]*(?:{_ACK}|{_w('this_is')}|{_w('first_person')}|{_w('ack_en_sure', 'ack_en_other')}"
            r"|Here|Below|I(?:'ve| have)\b)"
        )
        self.OPENER_START = lazy_compile(opener_start)
        # an assistant says 我; a publisher says 我們 or 本報告 ("我們為您整理了本週新聞" is no residue)
        self.FIRST_PERSON = lazy_compile(_w("first_person"))
        self.ANNOUNCES_EDITS = lazy_compile(
            rf"以下(?:[幾几兩两三四五六七]\s*[個个]?)?{_w('edit_aspect')}"
            rf"|{_w('aim')}{_w('aim_verb')}?\s*[：:]\s*\**$"
        )
        self.OPENER_EN = lazy_compile(
            rf"^[*_\s\"']*(?:{_w('ack_en_sure', 'ack_en_other')}[!,.]\s+.{{0,80}}?{_w('edited_en')}\s+{_w('text_en')}"
            rf"|{_w('ack_en_sure')}[!,.]?\s+(?:here(?:'s| is)|below is)\b[^\n]{{0,120}}:\s*\**$"
            rf"|(?:Here(?:'s| is)|Below is)\s+(?:the|a|your|an)\s+{_w('edited_en')}\s+{_w('text_en')}"
            r"[^\n]{0,80}?:\s*\**$"
            rf"|I(?:'ve| have)? {_w('edited_en_done')}\b"
            rf"[^\n]{{0,60}}?\b(?:your|the|this) {_w('their_text_en')})",
            re.IGNORECASE,
        )

        # closers: the assistant asks to be told, or offers more
        # "告訴我" but not "告訴我們" (a publisher's "如有問題，請告訴我們" is no assistant)
        self.TELL_ME = lazy_compile(_w("tell_me"))
        self.TELL_ME_CUE = lazy_compile(_w("please", "if"))
        self.CLOSER_PROPER = lazy_compile(_w("wish", "tell_me", "anytime", "closer_proper_en"))
        self.ANYTIME = lazy_compile(_w("anytime"))
        # what the requester may want next: more edits, or "anything else"; plain 問題/需要 are a
        # publisher's customer service ("如您有任何問題，歡迎隨時提出") and count only with other signs
        self.NEED_EDIT = lazy_compile(rf"{_EDIT_VERB}|{_w('need_edit')}")
        self.NEED = lazy_compile(_w("need"))
        self.IF = lazy_compile(_w("if"))
        # a blogger ends a tutorial with "Hope this helps!" too: weak
        self.HOPE_EN = lazy_compile(r"\bhope (?:this|it|that) helps\b", re.IGNORECASE)
        self.CLOSER_EN = lazy_compile(
            r"(?:I hope (?:this|these|the (?:revised|new|updated|above))"
            r"[^.!\n]{0,40}(?:helps|helpful|useful|meets your)"
            r"|Let me know if you(?:'d| would)? (?:like|want) me to"
            r"|Let me know if (?:you(?:'d| would)? (?:like|need|want)|there(?:'s| is| are)) (?:any )?"
            rf"(?:further |more |other )?(?:{_w('edits_en')}|tweaks|help)"
            rf"|Feel free to (?:ask|let me know)[^.!\n]{{0,40}}{_w('edits_en')}"
            rf"|If you(?:'d like| would like| need| want)[^.!\n]{{0,40}}(?:further |more |any )?"
            rf"{_w('edits_en')},? (?:just )?(?:let me know|feel free))",
            re.IGNORECASE,
        )

        # anywhere: the assistant talking about itself or about what the requester gave it
        self.SELF = lazy_compile(
            rf"{_w('self_as_en')},? I\b|{_w('self_am_en')}\b"
            rf"|{_w('as_a')}(?:一[個个名位])?{_w('ai')}{_w('language')}?{_w('ai_role')}[，,\s]*我"
            rf"|{_w('as_a')}您的{_w('pro')}?的?{_w('doc_kind')}?{_w('tidier')}"
            rf"|您的{_w('pro')}?的?{_w('doc_kind')}?{_w('tidier_worker')}"
            rf"|{_w('pro')}的?{_w('doc_kind_pro')}{_w('tidier_pro')}",
            re.IGNORECASE,
        )
        self.GIVEN = lazy_compile(
            rf"您(?:所)?{_w('given_verb')}(?:的|之){_w('given_this')}?"
            rf"(?:{_DRAFT_NOUN}|{_w('given_text')})"
            rf"|您的{_DRAFT_NOUN}"
            rf"|{_w('given_text_en')} (?:that )?you {_w('given_verb_en')}\b",
            re.IGNORECASE,
        )
        # done as the requester asked: "根據您的要求進行了…", "as you requested"
        self.AS_ASKED = lazy_compile(
            rf"{_w('according')}您(?:的|所)?{_w('request')}"
            rf"|{_w('as_asked_en')}"
        )
        # the text saying what it is, and that the work is done: a product "會根據您的需求進行調整" is neither
        self.THIS_DOC = lazy_compile(rf"{_w('this_doc')}|{_DRAFT_NOUN}")
        # the same with the requester in the third person, said by the document of itself:
        # "本報告依照使用者指定的週記規範撰寫" (product news says "依照使用者指定的格式輸出")
        self.AS_SPECIFIED = lazy_compile(rf"本{_w('report_kind')}.{{0,6}}{_w('specified_by')}{_w('user')}(?:所)?指定")
        # a template blank the assistant left for the requester: "[假設當前年份]", "2024年X月X日"
        self.PLACEHOLDER = lazy_compile(
            rf"[\[［【]{_w('blank_cue')}[^\]］】\n]{{0,40}}[\]］】]"
            r"|(?<![0-9])[0-9]{4}\s*年\s*[XxＸ]{1,2}\s*月(?:\s*[XxＸ]{1,2}\s*日)?"
            rf"|\[{_w('blank_cue_en')}\b[^\]\n]{{0,30}}\]"
        )
        self.DONE = lazy_compile(rf"{_w('done_verb')}了|{_w('already')}{_w('done_already')}|{_w('done_en')}")
        self.SPEAKER = lazy_compile(_w("speaker"), re.IGNORECASE)
        self.ABOUT_DRAFT = lazy_compile(rf"{_EDIT_VERB}|{_DRAFT_NOUN}|{_w('about_draft')}", re.IGNORECASE)

        # labels: a heading that names the reworked text, or the notes on how it was reworked
        self.LABEL_STRIP = lazy_compile(r"^[*_#\s]+|[*_#\s:：]+$")
        _PAREN = r"(?:\s*[(（][^()（）\n]{0,30}[)）])?"
        self.DRAFT_LABEL = lazy_compile(
            rf"{_w('label_intro')}?{_w('through')}?{_TEXT_EDIT_VERB}{_w('edited_suffix')}的?"
            rf"(?:{_DRAFT_NOUN}|{_w('draft_label_noun')})(?:如下)?{_PAREN}"
            rf"|{_w('short_edit')}版(?:的)?(?:{_DRAFT_NOUN}|{_w('content')}){_PAREN}"
            rf"|(?:here(?:'s| is) )?(?:the |a |your )?{_w('draft_label_edited_en')} {_w('draft_label_noun_en')}",
            re.IGNORECASE,
        )
        self.META_HEADING = lazy_compile(
            rf"{_w('heading_prefix')}?的?"
            rf"(?:{_w('edit_heading_verb')}{_w('edit_heading_noun')}|整理{_w('tidy_heading_noun')})"
            rf"|主要的?{_w('main_change')}(?:包括|有|如下)?"
            rf"|{_w('edit_heading_en')}",
            re.IGNORECASE,
        )
        # suggestions on the edit: a law or a product has 修改建議 too, so these need other residue
        self.SUGGESTION_HEADING = lazy_compile(
            rf"{_w('suggest_prefix')}?{_w('suggest_edit')}{_w('suggestion')}"
            rf"|{_w('suggestion')}{_w('suggest_change')}{_w('suggest_what')}?"
        )
        self.OFFER_HEADING = lazy_compile(rf"我{_w('also')}?可以{_w('for_you')}?.{{0,8}}{_w('offer_help')}")
        self.OFFER_TO_YOU = lazy_compile(
            _w("offer_to_you")
        )  # "我可以提供的服務：" on an About page is no offer to a requester
        self.GENERIC_HEADING = lazy_compile(
            rf"{_w('generic_prefix')}?{_w('generic_heading')}"
            rf"|{_w('summary_and')}{_w('summary_topic')}",
            re.IGNORECASE,
        )
        self.SUMMARY_HEADING = lazy_compile(_w("summary_heading"))
        # an item of a list that describes an edit ("**結構化：** 將文稿分成多個部分")
        self.EDIT_ITEM = lazy_compile(
            rf"{_DRAFT_NOUN}|{_TEXT_EDIT_VERB}|{_w('edit_item', 'edit_item_en')}", re.IGNORECASE
        )
        # Cheap gates, searched before the costly checks on lines away from the edges: every
        # position-free strong check needs one of these words. Chinese and English apart: one pattern
        # mixing CJK with common Latin letters scans six times slower.
        self.STRONG_GATE_ZH = lazy_compile(rf"{_w('strong_gate')}|[\[［【](?:假|插|請|请|填|待)|年\s*[XxＸ]")
        strong_en = ("an AI", rf"you (?:{_w('given_verb_en')}|requested)", "your request", rf"\[{_w('blank_cue_en')}")
        self.STRONG_GATE_EN = lazy_compile("|".join(strong_en))
        # by branch, for whole texts: each opens with a literal (the alternation stopped at each a, y)
        self.STRONG_GATE_EN_PARTS = tuple(lazy_compile(source) for source in strong_en)
        # every closer check needs one of these
        self.CLOSER_GATE = lazy_compile(rf"{_w('closer_gate')}|{_w('closer_gate_en')}")
        self.TALK_GATE = lazy_compile(_w("talk_gate"))
        self.PREFACE_END = lazy_compile(_w("preface_end"), re.IGNORECASE)  # not 整理後的重點


@lru_cache(maxsize=2)
def _pat(cjk: bool) -> _Patterns:
    return _Patterns(cjk)


def _for(text: str) -> _Patterns:
    """The patterns to read `text` with: without Chinese in it, the Latin-only set (same matches there)."""
    return _pat(has_cjk(text))


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(slots=True, unsafe_hash=True)
class Residue:
    """Assistant chatter or draft residue over a range of prose lines."""

    kind: str  # opener, closer, edit notes, draft label, requester, self-reference, draft talk, offer, placeholder
    first: int  # index of the first and the last prose line it covers
    last: int
    strong: bool
    part: tuple[int, int] | None = None  # offsets in a single line's text when only some sentences are residue


def is_opener(text: str) -> bool:
    """An answer to a request: "好的，以下是整理後的文稿：", "我將這份文稿整理如下", "Sure! Here's …:"."""
    p = _for(text)
    if p.OPENER_ZH.search(text) or p.OPENER_EN.search(text):
        return True
    # first person doing something to the requester's text: "我幫您整理了這篇文稿"
    if (
        p.FIRST_PERSON.search(text)
        and (p.YOU.search(text) or p.HAS_DRAFT_NOUN.search(text))
        and p.HAS_EDIT.search(text)
    ):
        return True
    # addressed to the requester and about their text: "針對您提供的文稿，以下是整理後的內容："
    # (a product "可一鍵潤飾您的文稿" has no one speaking)
    return bool(p.YOU.search(text) and p.NOUN_OR_EDITED.search(text) and p.SPEAKER.search(text))


def closer_strength(text: str) -> bool | None:
    """True for a strong closer, False for a weak one, None for none."""
    p = _for(text)
    if p.CLOSER_EN.search(text):
        return True
    wish = p.WISH.search(text) is not None
    # every answer below needs one of these or a pointer at the draft: most gated lines have none
    cued = wish or p.TELL_ME.search(text) or p.ANYTIME.search(text) or p.HOPE_EN.search(text)
    pointer = draft_self_strength(text)  # 這個版本 (False) / 這份整理 (True)
    if not cued and pointer is None:
        return None
    you = p.YOU.search(text) is not None
    noun = p.HAS_DRAFT_NOUN.search(text) is not None  # the requester's 文稿
    product = p.PRODUCT.search(text) is not None  # the assistant's 整理後的版本 / 這份整理
    if p.TELL_ME.search(text) and p.TELL_ME_CUE.search(text) and (you or p.NEED_EDIT.search(text)):
        return True  # "如果需要進一步的修改，請隨時告訴我"
    if p.ANYTIME.search(text) and you and p.NEED_EDIT.search(text):
        return True  # "如果您對其中任何部分需要進一步的闡述，請隨時提出"
    if wish and you and (product or noun or pointer is not None):
        return True  # "希望這個版本對您有幫助！"
    if wish and product and noun:
        return True  # "希望這樣的整理能讓這篇文稿更易閱讀"
    if pointer and (you or noun or p.EFFECT.search(text)):
        return True  # "這份整理報告旨在…方便您快速掌握"
    if wish and ((you and p.HELP.search(text)) or product or noun or pointer is not None):
        return False  # "希望能對您有幫助！", "希望这个版本更简洁"
    if p.ANYTIME.search(text) and p.IF.search(text) and (p.NEED.search(text) or p.NEED_EDIT.search(text)):
        return False  # "如有其他需求，請隨時提出"
    if pointer is not None and p.EFFECT.search(text):
        return False  # "这个版本更易于理解和分享"
    if p.HOPE_EN.search(text):
        return False
    return None


def draft_self_strength(text: str) -> bool | None:
    """The text pointing at itself as a reworked draft: True "這份整理", False "這個版本"."""
    p = _for(text)
    best: bool | None = None
    for m in p.DRAFT_SELF.finditer(text):
        strong = bool(m.group("edited")) or m.group("noun").startswith("整理")
        if strong:
            return True
        if m.group("noun") == "版本" or p.HAS_DRAFT_NOUN.fullmatch(m.group("noun")):
            best = False
    return best


def anywhere_residue(text: str) -> str | None:
    """Residue that needs no position: the assistant speaking of itself or to its requester."""
    p = _for(text)
    if p.SELF.search(text):
        return "self-reference"
    if p.PLACEHOLDER.search(text):
        return "placeholder"
    if p.GIVEN.search(text) and p.ABOUT_DRAFT.search(text) and p.SPEAKER.search(text):
        return "requester"  # "以上整理基於您提供的文本內容" (a product "根據您提供的資料整理" has no speaker)
    m = p.AS_ASKED.search(text)
    if m and p.THIS_DOC.search(text) and p.DONE.search(text, m.end(), m.end() + 30):
        return "requester"  # "本週技術報告…並根據您的要求進行了全面補充與更新"
    if p.AS_SPECIFIED.search(text):
        return "requester"  # "本報告依照使用者指定的週記規範撰寫"
    if p.YOU.search(text) and p.FIRST_PERSON.search(text) and p.HAS_DRAFT_NOUN.search(text):
        return "requester"  # "我將文稿分成了幾個主要部分…方便您快速了解內容"
    return None


def is_draft_talk(text: str) -> bool:
    """A line in the middle of a text describing it as a reworked draft ("这个整理后的文档突出了…")."""
    p = _for(text)
    return bool(draft_self_strength(text)) and (p.EFFECT.search(text) or p.YOU.search(text)) is not None


def label_kind(text: str) -> str | None:
    """What a label announces: "draft label", "edit notes", "suggestions", "offer" or "generic"."""
    # LABEL_STRIP keeps a line whole when neither end is in its class (its \s is str.isspace): too
    # long then, with no regex (headlines as headings: few repeat)
    a, z = text[:1], text[-1:]
    if len(text) > _LABEL_MAX and not (a in "*_#" or a.isspace() or z in "*_#:：" or z.isspace()):
        return None
    return _label_kind(text)


_LABEL_MAX = 40  # characters of a label's core


@lru_cache(maxsize=8192)  # digests repeat their section labels: half of the real corpus's 21,800 are repeats
def _label_kind(text: str) -> str | None:
    p = _for(text)
    core = p.LABEL_STRIP.sub("", text)
    if not core or len(core) > _LABEL_MAX:
        return None
    if p.DRAFT_LABEL.fullmatch(core):
        return "draft label"
    if p.META_HEADING.fullmatch(core):
        return "edit notes"
    if p.SUGGESTION_HEADING.fullmatch(core):
        return "suggestions"
    if p.OFFER_HEADING.search(core) and p.OFFER_TO_YOU.search(core):
        return "offer"
    if p.GENERIC_HEADING.fullmatch(core):
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
    n = sum(1 for k in range(first, last + 1) if _for(lines[k].text).EDIT_ITEM.search(lines[k].text))
    return n / (last - first + 1)


def _gated(text: str) -> bool:
    """Whether `text` has any word that a position-free strong check needs."""
    p = _for(text)
    return p.STRONG_GATE_ZH.search(text) is not None or p.STRONG_GATE_EN.search(text) is not None


def _gated_from(doc: Document, line: ProseLine) -> bool:
    """`_gated(doc.text)` for a line with such a word: searched from that line (a match there is
    one of the text; whole-text searches cost ~0.1 s of the real corpus), then the whole text."""
    text = doc.text
    p = _for(text)
    start = min(max(line.span.start - doc.span.start, 0), len(text))
    patterns = [p.STRONG_GATE_ZH, *p.STRONG_GATE_EN_PARTS]
    if _for(line.text).STRONG_GATE_ZH.search(line.text) is None:
        patterns.reverse()  # the line's word is an English one: those first (the others scan to the end)
    if any(pattern.search(text, start) is not None for pattern in patterns):
        return True
    return _gated(text)


def _mid_opener(text: str) -> bool:
    """An opener away from the start: only one that talks of the draft ("好的，以下是整理後的文稿：");
    "“當然。”他說，“我會等您三天”" in a story is no answer to a requester."""
    p = _for(text)
    if p.OPENER_START.match(text) is None and p.YOU.search(text) is None:
        return False  # a cheap test before the costly ones
    if p.OPENER_EN.search(text):
        return True
    # talk of the draft, or an answer announcing what follows ("好的，我已將您提供的資訊整理如下：")
    announces = text.rstrip("*_ ").endswith(("：", ":"))
    return (announces or p.NOUN_OR_EDITED.search(text) is not None) and is_opener(text)


def find_residue(
    lines: Sequence[ProseLine],
    edge: int,
    *,
    gated: bool | Callable[[], bool] = True,
    gates: LineGates | None = None,
    gated_from: Callable[[int], bool] | None = None,
) -> list[Residue]:
    """Residue candidates of one document, strong and weak, in order.

    `gated=False` says that the document has none of the words the position-free checks
    need, so they are skipped; a callable says so when asked, which happens only for a line
    that has such a word itself (rare: the whole document's search cost more than the lines').
    Draft talk in the middle of the text is left to `add_draft_talk`, run only on documents
    that already have strong residue. `gates` are the lines' gates when the caller has them.
    `gated_from`, when given, is asked in place of `gated`, with the index of the line that asks.
    """
    known: list[bool] = []

    def doc_gated(i: int) -> bool:
        if not known:
            if gated_from is not None:
                known.append(gated_from(i))
            else:
                known.append(gated() if callable(gated) else gated)
        return known[0]

    out: list[Residue] = []
    n = len(lines)
    # the gates of the checks below, each searched once over the whole document: a line no
    # gate hits is only read for its position (labels, the first lines)
    gates = gates or LineGates(lines)
    named = gates.named(line_gates())
    strong = (
        named.get("strong", set()) | gates.hit(YEAR_X) | gates.hit_any(_for(gates.joined).STRONG_GATE_EN_PARTS)
        if gated is not False
        else set()
    )
    closing = named.get("closer", set())
    opening = named.get("opener", set())
    i = 0
    while i < n:
        line = lines[i]
        text = line.text
        at_start, at_end = i < edge, i >= n - edge
        found: Residue | None = None
        if line.is_label:
            found = _label_residue(lines, i)
        if found is None and at_start:
            p = _for(text)
            if is_opener(text):
                found = Residue("opener", i, _opener_end(lines, i), True)
            elif p.FIRST_PERSON.search(text) and p.HAS_EDIT.search(text):
                found = Residue("opener", i, i, False)  # "我将其整理如下：" under an opener
        if found is None and i in strong and _gated(text) and doc_gated(i):
            kind = anywhere_residue(text)
            if kind is not None:
                found = Residue(kind, i, i, True)
        if found is None and i in closing and (p := _for(text)).CLOSER_GATE.search(text):
            strength = closer_strength(text)
            # weak closers only at the end; away from it, only a wish or a request to be told
            # ("這個整理後的文檔突出了…" in the middle is draft talk, left to add_draft_talk)
            if strength is not None and (at_end or (strength and p.CLOSER_PROPER.search(text))):
                found = Residue("closer", i, i, strength)
        if found is None and not at_start and i in opening and _mid_opener(text):
            found = Residue("opener", i, i, True)  # a strong opener is chatter wherever it stands
        if found is not None:
            out.append(found)
            i = found.last + 1
        else:
            i += 1
    return out


def with_headings(lines: Sequence[ProseLine], found: list[Residue]) -> list[Residue]:
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
            r = Residue(r.kind, above, r.last, r.strong)
        out.append(r)
    return out


_STOPS = frozenset("。！？!?.")


def _sentences(text: str) -> list[tuple[int, int]]:
    """The shared splitter's sentences, each with its stop (deleting a sentence takes its 。 along),
    lone marks ("**", "—") left out."""
    out = []
    for a, b in sentences(text):
        while b < len(text) and text[b] in _STOPS:
            b += 1
        if any(c.isalnum() for c in text[a:b]):
            out.append((a, b))
    return out


def _closer_company(text: str) -> bool:
    """A sentence that goes with a closer: talk of the edit, of the requester or of the effect."""
    p = _for(text)
    return bool(p.EDIT_ITEM.search(text) or p.YOU.search(text) or p.EFFECT.search(text))


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
        keep = [closer_strength(t) is not None or _closer_company(t) for t in (text[a:b] for a, b in spans)]
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


_LIST_ITEM = lazy_compile(r"\s*(?:[-*+]|\d{1,3}[.)])\s")


def all_chatter(text: str) -> bool:
    """Whether every sentence of a line is chatter on its own cues (an opener, a closer, the
    assistant or its requester speaking): then deleting the line loses no content. A line
    of several sentences where one only rides along ("這篇文稿介紹了 X 的突破。通過簡化語言，
    更易於理解") may be the article's own summary."""
    item = _LIST_ITEM.match(text) is not None
    for a, b in _sentences(text):
        t = text[a:b]
        if sum(c.isalnum() for c in t) <= 10:
            continue  # "Sure!", "好的！", "Certainly.": an acknowledgement carries no content
        cued = is_opener(t) or closer_strength(t) is not None or anywhere_residue(t) or is_draft_talk(t)
        p = _for(t)
        # an edit note's list item ("* **精簡語句：** 刪除了贅詞") and the label of the reworked text
        # are chatter too; edit words in running prose ("詳細介紹了…") are not
        edit_item = item and p.EDIT_ITEM.search(t) is not None
        if not cued and p.YOU.search(t) is None and not edit_item and label_kind(t) is None:
            return False
    return True


def _is_summary_heading(text: str) -> bool:
    p = _for(text)
    return p.SUMMARY_HEADING.fullmatch(p.LABEL_STRIP.sub("", text)) is not None


_PREFACE_MAX = 30  # lines between an opener and the label of the reworked text


def _opener_end(lines: Sequence[ProseLine], i: int) -> int:
    """Last line of the preface that an opener at line i starts.

    An opener that announces its edits ("我做了以下調整：") is followed by their list; when
    a label of the reworked text follows ("**整理後的文稿：**") after nothing but lists and
    their headings, everything up to it is the assistant's preface. A paragraph of prose
    on the way ends the search: that is the article, which the preface must not swallow.
    """
    for j in range(i + 1, min(len(lines), i + 1 + _PREFACE_MAX)):
        line = lines[j]
        if line.is_label and label_kind(line.text) == "draft label" and _for(line.text).PREFACE_END.search(line.text):
            return j
        if not (line.in_list or line.is_label):
            break
    if _for(lines[i].text).ANNOUNCES_EDITS.search(lines[i].text):
        block = _list_after(lines, i)
        if block > i and _edit_share(lines, i + 1, block) >= 0.5:
            return block  # "我做了以下調整：" and the list of adjustments
    return i


def add_draft_talk(lines: Sequence[ProseLine], found: list[Residue]) -> list[Residue]:
    """`found` plus weak draft talk on the lines it does not cover, in order."""
    covered = {k for r in found for k in range(r.first, r.last + 1)}
    extra = [
        Residue("draft talk", i, i, False)
        for i, line in enumerate(lines)
        if i not in covered and _for(line.text).TALK_GATE.search(line.text) and is_draft_talk(line.text)
    ]
    return sorted([*found, *extra], key=lambda r: r.first)


def _label_residue(lines: Sequence[ProseLine], i: int) -> Residue | None:
    kind = label_kind(lines[i].text)
    if kind is None:
        return None
    if kind == "draft label":
        return Residue("draft label", i, i, True)
    block = _list_after(lines, i)
    share = _edit_share(lines, i + 1, block)
    if kind == "offer":
        return Residue("offer", i, block, True)
    if kind == "edit notes":
        if share >= 0.5:
            return Residue("edit notes", i, block, True)
        return Residue("edit notes", i, i, False)
    if kind == "suggestions" and share >= 0.5 and block > i:  # "修改建議：" over a list of edits
        return Residue("edit notes", i, block, False)
    if share > 0.5 and block - i >= 2:  # "說明：" / "建議：" over a list that is mostly edits
        return Residue("edit notes", i, block, False)
    return None


PROSE = frozenset({SegmentKind.HEADING, SegmentKind.PARAGRAPH})
_CODE = frozenset({SegmentKind.CODE})


def document_residue(
    doc: Document, edge: int, tags: str = "stray"
) -> tuple[list[ProseLine], list[Residue], Residue] | None:
    """The prose lines of `doc`, its residue in order and the first strong residue; None when
    it has no strong residue (weak shapes alone are not enough). `tags` says which generation
    tags count: "all", "stray" (not on the last line) or "off"."""
    lines = prose_lines(doc, PROSE)
    # the lines joined once for the gates of both readings (joining and offsets cost as much as a scan)
    gates: LineGates | None = LineGates(lines)
    found = find_residue(lines, edge, gates=gates, gated_from=lambda i: _gated_from(doc, lines[i]))
    # a fence never closed turns the rest into code, which readers still see: a model's trace
    # pasted after a stray ``` is read there too
    fences = [x.span.start for x in doc.structure_issues if x.kind == "unclosed-fence"]
    if fences:
        lines = lines + [x for x in prose_lines(doc, _CODE) if x.segment.span.end > fences[0]]
        gates = None  # other lines: joined again
    talk = talk_residue(lines, tags, gates)
    if talk:
        covered = {k for r in found for k in range(r.first, r.last + 1)}
        talk = [r for r in talk if not covered.intersection(range(r.first, r.last + 1))]
        found = sorted([*found, *talk], key=lambda r: r.first)
    strong = next((r for r in found if r.strong), None)
    if strong is None:
        return None
    found = [
        Residue(r.kind, r.first, r.last, r.strong, residue_part(lines[r.first].text, r.kind))
        if r.first == r.last and r.part is None
        else r
        for r in add_draft_talk(lines, found)
    ]
    return lines, with_headings(lines, found), strong


def talk_residue(lines: Sequence[ProseLine], tags: str, gates: LineGates | None = None) -> list[Residue]:
    """A pipeline talking about its work (see checker/extract/residue_talk.py): process talk and
    generation tags as the sentence or tag within their line, reasoning traces as blocks."""
    out: list[Residue] = []
    n = len(lines)
    gates = gates or LineGates(lines)
    talking = talk.talk_candidates(gates)
    narrating = gates.hit(_NARRATING)
    # the lines a generation tag is found in (one search over the lines joined, where a search
    # per line with a "[" cost a Python call for each of ~20,000 lines on the real corpus)
    tagged = gates.hit(talk.tag_pattern(gates.joined)) if tags != "off" else set()
    resume = 0
    # only the lines a gate hit can start talk: the others are skipped without a Python step each
    for i in sorted(narrating | talking | tagged):
        if i < resume:
            continue  # inside a trace found before
        text = lines[i].text
        if i in narrating and talk.trace_strength(text) is not None:
            first, last, strong = i, i, False
            while last + 1 < n:
                nxt = lines[last + 1].text
                s = talk.trace_strength(nxt)
                if s is None and last + 2 < n and lines[last + 1].is_label and talk.is_trace_heading(nxt):
                    s = talk.trace_strength(lines[last + 2].text)
                    if s is not None:
                        last += 1  # the next step's heading
                if s is None:
                    break
                last += 1
            strong = any(talk.trace_strength(lines[k].text) for k in range(first, last + 1))
            if first > 0 and lines[first - 1].is_label and talk.is_trace_heading(lines[first - 1].text):
                first -= 1
            if strong:
                out.append(Residue("reasoning trace", first, last, True))
            resume = last + 1
            continue
        m = talk.process_talk(text) if i in talking else None
        if m is not None:
            out.append(Residue("process talk", i, i, True, _sentence_of(text, m.start(), m.end())))
        elif i in tagged and (tags == "all" or i < n - 1) and (m := talk.generation_tag(text)):
            part = None if m.group().strip() == text.strip() else (m.start(), m.end())
            out.append(Residue("generation tag", i, i, True, part))
    return out


_NARRATING = lazy_compile("I'|I’|I am")  # what a trace's first line holds (trace_strength needs one)


def _sentence_of(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The sentences of `text` that hold a..b; None when that is the whole line."""
    spans = [s for s in _sentences(text) if s[1] > a and s[0] < b]
    if not spans or (spans[0][0] == 0 and spans[-1][1] >= len(text.rstrip())):
        return None
    return spans[0][0], spans[-1][1]
