"""text.llm-residue's second reading: a drafting pipeline talking about its own work.

Three shapes that do not address a requester and so escape checker/extract/residue.py:

- process talk: the pipeline speaking of its inputs and its rules ("虽然在今日的搜索中没有发现…",
  "原文摘要未提供具體…", "以下為根據標題的推測", "依照規則不應撰寫評論，建議略過", "the search
  results did not mention …"). The subject is what only a pipeline has: its own search, today's
  batch of news, the summary it was handed, its rules. A report that did not disclose a figure
  ("具體數字報導中尚未揭露") is news and passes.
- a reasoning trace: a model thinking aloud in English ("Okay, I've got a handle on the request's
  core", "I'm now integrating the user feedback"). A line is strong when the narrating I works on
  the request, the user, the prompt or its output; other "I'm now …ing" lines count only beside a
  strong one, and the run of them (with their "**Processing The Core Idea**" headings) is one block.
- a generation tag: "[model=gemini-2.5-flash,0]", the model and its settings appended as text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.extract.literal_scan import GateWords
from checker.extract.residue_lines import PIVOT_LISTS, PIVOT_SOURCE, LineGates, line_gates
from checker.lexicon import alternation, has_cjk, latin_alternation, substring_gate, words
from checker.text.lazy_regex import lazy_compile


class _Talk:
    def __init__(self, cjk: bool) -> None:
        def _w(*lists: str) -> str:
            return alternation("residue", *lists) if cjk else latin_alternation("residue", *lists)

        not_ = _w("process_not")
        # 搜索中没有 / 新聞沒有: the search or the news batch, then a negation
        source_not = rf"{_w(PIVOT_SOURCE)}(?:中|裡|里|当中)?[，,]?\s*(?:并|都|也)?{not_}"
        found = _w("process_found")
        # 今日的搜索中没有发现 / 本次搜尋結果沒有直接提及 / 之前的搜索结果未明确指出
        zh = (
            rf"{_w('process_when')}的?\s*{_w('process_source')}(?:中|裡|里|当中)?[，,]?\s*(?:并|都|也)?"
            rf"{not_}(?:能)?(?:直接|明确|具体)?{found}"
            rf"|{_w('process_search')}(?:中|里)?\s*(?:并|都|也)?{not_}(?:能)?(?:直接|明确|具体)?{found}"
            # 原文摘要未提供具體… / 因原文資訊有限
            rf"|{_w('given_summary')}(?:中|里)?(?:并|也)?{_w('not_given')}"
            rf"|{_w('limited_source')}(?:较为|相当|十分|非常)?有限"
            # 以下為根據標題的推測
            rf"|{_w('by_title')}(?:的|所作的|所做的|进行的|作出的|做出的|而作的)?{_w('guess')}"
            # 依照規則不應撰寫評論 / 此則…建議略過 / 缺乏可用內容
            rf"|{_w('follow')}{_w('rules_word')}[，,]?\s*.{{0,8}}?{_w('should_not')}{_w('write_verb')}"
            rf"|{_w('this_item')}[^。！？\n]{{0,30}}{_w('skip')}"
            rf"|{_w('no_usable')}{_w('usable_what')}"
        )
        adv = _w("en_adverb")
        # the English shapes, each with the words it needs (one of each group, in the lowered line)
        en_shapes: list[tuple[tuple[tuple[str, ...], ...], str]] = [
            (
                # "search" alone is in every "research": the negation every match holds too
                (("search",), _lowered("en_did_not")),
                rf"\b{_w('en_search_owner')} (?:web |news )?search(?:es)?(?: results?)? (?:also )?{_w('en_did_not')} "
                rf"(?:{adv} )?{_w('en_search_verb')}",
            ),
            (
                (("find",), _lowered("en_cannot_find")),
                rf"\bI {_w('en_cannot_find')} (?:to )?find (?:{adv} ){{0,2}}{_w('en_find_what')}",
            ),
            (
                (("based ",), ("title", "headline")),
                rf"\bbased (?:only |solely |purely |entirely |just )?on (?:the|its) {_w('en_headline')}"
                rf"(?: alone| only)?[^.!?\n]{{0,60}}{_w('en_guess')}",
            ),
            (
                ((" is ",), ("title", "headline")),
                rf"\b(?:the following|this section|what follows) is [^.!?\n]{{0,20}}{_w('en_guess')}"
                rf"[^.!?\n]{{0,20}}\b(?:title|headline)",
            ),
            (
                (tuple(f"the {w} " for w in words("residue", "en_given")),),
                rf"\bthe {_w('en_given')} {_w('en_given_text')} (?:does not|doesn't|did not|didn't) "
                rf"(?:{adv} )?{_w('en_give')}",
            ),
            (
                (_lowered("en_rules"), _lowered("en_decline")),
                rf"\b{_w('en_follow')} (?:the|my) {_w('en_rules')},? [^.!?\n]{{0,40}}?{_w('en_decline')} "
                rf"(?:be )?{_w('en_write')}",
            ),
            ((("skip",),), _w("en_skip")),
        ]
        en = "|".join(source for _, source in en_shapes)
        # compiled on first use (and kept in the regex cache): compiling the shapes of both script
        # kinds with IGNORECASE cost ~0.1 s of every run, and most runs try only a few of them
        self.PROCESS_EN_SHAPES = tuple((needs, lazy_compile(source, re.IGNORECASE)) for needs, source in en_shapes)
        self.PROCESS_ZH = lazy_compile(zh if cjk else "(?!)")
        self.PROCESS_EN = lazy_compile(en, re.IGNORECASE)
        # every Chinese shape turns on one of these words: the costly pattern is only tried
        # around them (未/没有 are common, the shapes around them rare)
        pivot = rf"{_w(*PIVOT_LISTS)}|有限|{source_not}"
        # led by the class of the words' first characters: the engine then skips, in C, every
        # position no pivot starts at (6x faster over the corpus's Chinese lines)
        firsts = {w[0] for w in words("residue", *PIVOT_LISTS, PIVOT_SOURCE)} | {"有"}
        lead = "".join(sorted(re.escape(c) for c in firsts))
        self.PIVOT_ZH = lazy_compile(rf"(?=[{lead}])(?:{pivot})" if cjk else "(?!)")
        # a model narrating its own work: "Okay, I've got…", "I'm now diving…", "I've just added…"
        self.TRACE_I = lazy_compile(
            rf"^{_w('trace_ack')}[,.]? (?:so )?I(?:['’]ve|['’]m|['’]ll| have| am| will| need)\b"
            r"|\b(?:I['’]m|I am) (?:now |currently |also |still |really )?[a-z]+ing\b"
            r"|\bI['’]ve (?:just |now |also |already )?(?:re-)?[a-z]+(?:ed|en|got|made|kept)\b"
        )
        self.TRACE_OBJECT = lazy_compile(_w("trace_object_en"), re.IGNORECASE)
        # a trace's own heading: "**Processing The Core Idea**", "**Optimizing the Output**"
        self.TRACE_HEADING = lazy_compile(r"[*_#\s]*[A-Z][a-z]+ing(?: [&A-Za-z'-]+){0,6}[*_\s]*")
        keys = _w("gen_tag_key")
        self.GEN_TAG = lazy_compile(rf"\[\s*{keys}\s*[=:]\s*[\w.:/-]+(?:\s*,\s*[\w.=:/-]+){{0,4}}\s*\]", re.IGNORECASE)
        # a word every English shape holds (search, find, based on, the title, the given text,
        # the rules, skip): the full pattern runs only on lines that have one
        # plain literals searched in the lowered line: with IGNORECASE and word guards the gate
        # cost as much as the pattern it guards
        self.GATE_EN = substring_gate(_gate_en())


def _lowered(key: str) -> tuple[str, ...]:
    """A list's words as a shape's word group: each match of the shape holds one of them, which
    the lowered line then holds (IGNORECASE folds only the characters of _CASE_FOLDS otherwise)."""
    return tuple(sorted(w.lower() for w in words("residue", key)))


@lru_cache(maxsize=2)
def _talk(cjk: bool) -> _Talk:
    return _Talk(cjk)


def _for(text: str) -> _Talk:
    return _talk(has_cjk(text))


_BEFORE, _AFTER = 45, 40  # how far a shape reaches before and after its pivot word


def process_talk(text: str) -> re.Match[str] | None:
    """The pipeline speaking of its inputs or rules."""
    p = _for(text)
    for pivot in p.PIVOT_ZH.finditer(text):
        m = p.PROCESS_ZH.search(text, max(0, pivot.start() - _BEFORE), pivot.end() + _AFTER)
        if m is not None:
            return m
    lowered = text.lower()
    if p.GATE_EN.search(lowered) is None:
        return None
    if _CASE_FOLDS.search(text) is not None:
        return p.PROCESS_EN.search(text)
    return _process_en(p, text, lowered)


# The characters other than A-Z and a-z that IGNORECASE matches to an ASCII letter (U+017F long
# s to s, U+212A Kelvin sign to k, U+0130 and U+0131 to i): only in a line without them does
# every English shape's match leave its words in the lowered line.
_CASE_FOLDS = lazy_compile("[\u017f\u212a\u0130\u0131]")  # a search in C: a set test read each character in Python


def _process_en(p: _Talk, text: str, lowered: str) -> re.Match[str] | None:
    """PROCESS_EN's match, found by trying only the shapes whose words the line has: the
    whole alternation, tried with IGNORECASE at every position of every gated line, cost
    most of this reading. The leftmost match wins, and on a tie the earlier shape, as in the
    alternation."""
    best: re.Match[str] | None = None
    for needs, shape in p.PROCESS_EN_SHAPES:
        # every group of words has one in the line (plain loops: all(any(...)) built two
        # generators per shape and line, more than the shapes' own searches cost)
        for group in needs:
            for w in group:
                if w in lowered:
                    break
            else:
                break  # a group with none of its words in the line: the shape cannot match
        else:
            m = shape.search(text)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
    return best


def talk_lines(gates: LineGates) -> set[int]:
    """The lines `process_talk` can find something in: a Chinese pivot, or an English gate word.
    Both by the lines' Aho-Corasick passes: the pivot's words name the few lines its pattern is
    searched in, and the English gate is plain words (a literal alternation in re tries every
    position; ~0.35 s of the real corpus)."""
    p = _for(gates.joined)
    pivots = gates.confirmed(p.PIVOT_ZH, gates.named(line_gates()).get("pivot", ()))
    return pivots | gates.named(_gate_en_words()).get("en", set())


def talk_candidates(gates: LineGates) -> set[int]:
    """The lines of `talk_lines` in which `process_talk` can find something (a subset, the same
    answers): a pivot line, or an English-gated line that holds every word group of one English
    shape, or a character IGNORECASE folds to ASCII (such a line is searched with the whole
    alternation). The gate's words ("find", "title", "search") are common and one shape's groups
    together rare: one Aho-Corasick pass over the lowered lines names the groups each line holds,
    where `process_talk` on each gated line cost a Python call and a dozen searches."""
    p = _for(gates.joined)
    pivots = gates.confirmed(p.PIVOT_ZH, gates.named(line_gates()).get("pivot", ()))
    named = gates.named(_shape_words(p))
    english = named.get("en", set())
    if not english:
        return pivots
    found: set[int] = set()
    for k, needs in enumerate(_shape_needs(p)):
        lines = set(english)
        for g in range(len(needs)):
            lines &= named.get(f"{k}.{g}", set())
        found |= lines
    return pivots | found | (english & gates.hit(_CASE_FOLDS))


def _shape_needs(p: _Talk) -> list[tuple[tuple[str, ...], ...]]:
    return [needs for needs, _ in p.PROCESS_EN_SHAPES]


_SHAPE_WORDS: dict[int, GateWords] = {}  # by id of the _Talk (two at most, kept for the run)


def _shape_words(p: _Talk) -> GateWords:
    """GATE_EN's words ("en") and each English shape's word groups ("k.g": shape k's group g), as
    `_process_en` looks them up in the lowered line."""
    got = _SHAPE_WORDS.get(id(p))
    if got is None:
        gates: dict[str, list[str]] = {"en": sorted(_gate_en())}
        for k, needs in enumerate(_shape_needs(p)):
            for g, group in enumerate(needs):
                gates[f"{k}.{g}"] = sorted(group)
        got = _SHAPE_WORDS[id(p)] = GateWords(gates, lowered=True)
    return got


@lru_cache(maxsize=1)
def _gate_en_words() -> GateWords:
    """GATE_EN's words, searched in the lowered lines as GATE_EN is."""
    return GateWords({"en": sorted(_gate_en())}, lowered=True)


def _gate_en() -> list[str]:
    """The words every English shape of process talk holds, one of them (plain, lower case)."""
    gate = ["search", "find", "based on", "title", "headline", "skip", *words("residue", "en_rules")]
    return gate + [f"the {w}" for w in words("residue", "en_given")]


def trace_strength(text: str) -> bool | None:
    """True for a line of a reasoning trace that names the model's task, False for a line that only
    narrates in the first person ("I'm now integrating fresh details!"), None for neither."""
    p = _for(text)
    if p.TRACE_I.search(text) is None:
        return None
    return p.TRACE_OBJECT.search(text) is not None


def is_trace_heading(text: str) -> bool:
    return _for(text).TRACE_HEADING.fullmatch(text) is not None


def generation_tag(text: str) -> re.Match[str] | None:
    return _for(text).GEN_TAG.search(text)


def tag_pattern(text: str) -> re.Pattern[str]:
    """The generation-tag pattern `generation_tag` reads `text` with."""
    return _for(text).GEN_TAG
