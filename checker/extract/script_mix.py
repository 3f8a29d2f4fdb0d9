"""text.script-mix's reading: characters that OpenCC converts in one direction only, counted
in context (phrase dictionaries, so 皇后 is not Simplified)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from checker.core.model import Span
from checker.input.documents import Segment
from checker.text.script import HAN_RUN


@lru_cache(maxsize=2)
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


# Characters OpenCC converts although Traditional writing (Taiwan, Hong Kong) uses them
# as they are (台灣, 宣布, 才, 周, 系統, 制度, 准許, 著名, 占用, ...): they say nothing about the script.
_SHARED_IN_PRACTICE = frozenset("台布着著里后干只面周系范才冲松征余准制了么彩借托游岩峰群咨汇恒凶占雇秘")


# the Han blocks whose characters are classed (CJK Extension A and the Unified Ideographs)
_HAN_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000))
_CLASS_CHARS = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]*")


@lru_cache(maxsize=1)
def _script_classes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Character classes of the characters OpenCC converts one way, character by character.

    Converting every Han code point both ways costs about 0.1 s of every run that meets Chinese
    text; the two strings depend only on this code and OpenCC's version (in the lexicon store's
    file name), so they are kept in the lexicon store, checked for shape before use."""
    from checker.cachefiles import code_digest
    from checker.lexicon import built
    from checker.text.regex_cache import programs

    digest = code_digest(__name__)
    k = built.key("script-classes", digest) if digest else None
    got = built.stored_value(k) if k else None
    if isinstance(got, list) and _well_formed(got):
        simp, trad = got
    else:
        simp, trad = _classes_by_conversion()
        if k:
            built.keep(k, [simp, trad])
    return programs().compile(f"[{simp}]"), programs().compile(f"[{trad}]")


def _well_formed(value: object) -> bool:
    """A stored [simplified, traditional] pair: two non-empty strings of classed Han characters only
    (so each makes a character class as it is)."""
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, str) and v and _CLASS_CHARS.fullmatch(v) for v in value)
    )


def _classes_by_conversion() -> tuple[str, str]:
    """The Simplified-only and the Traditional-only characters, by converting each one."""
    chars = [chr(c) for a, b in _HAN_BLOCKS for c in range(a, b)]
    joined = "\n".join(chars)
    to_trad = _converter("s2t.json").convert(joined).split("\n")
    to_simp = _converter("t2s.json").convert(joined).split("\n")
    simp = "".join(c for c, t in zip(chars, to_trad, strict=True) if t != c and c not in _SHARED_IN_PRACTICE)
    trad = "".join(c for c, t in zip(chars, to_simp, strict=True) if t != c and c not in _SHARED_IN_PRACTICE)
    return simp, trad


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
class ScriptCount:
    """The Han runs of a document joined by "\\n", and the positions in `joined` of its
    Traditional-only and Simplified-only characters."""

    runs: list[tuple[Segment, int, str]]  # segment, offset in its view, the run
    joined: str
    trad_pos: list[int]
    simp_pos: list[int]

    def span_around(self, i: int, reach: int = 20) -> Span:
        """The stretch of Han characters around joined position `i` (at most 2 * reach), in the source."""
        offset = 0
        for seg, start, run in self.runs:
            if i < offset + len(run):
                k = i - offset
                a, b = max(0, k - reach), min(len(run), k + reach)
                return seg.to_source(start + a, start + b)
            offset += len(run) + 1
        raise IndexError(i)  # pragma: no cover - positions always fall in a run


def script_count(segments: Iterable[Segment], min_chars: int) -> ScriptCount | None:
    """The count of `segments`; None when either script has fewer than `min_chars`
    characters by a cheap character-class test (most documents are in one script) or the
    conversions say nothing."""
    segs = list(segments)
    simp_re, trad_re = _script_classes()
    # both classes hold Han characters only: counting them in the segments' texts counts them
    # in the Han runs, without building the runs of the many documents in one script
    # the Traditional count first and the second only when the first has enough: most documents
    # are Simplified or English, and their one full scan then decides
    if _count(trad_re, segs, min_chars) < min_chars or _count(simp_re, segs, min_chars) < min_chars:
        return None
    runs: list[tuple[Segment, int, str]] = []
    for seg in segs:
        for m in HAN_RUN.finditer(seg.text):
            runs.append((seg, m.start(), m.group(0)))
    if not runs:
        return None
    joined = "\n".join(r[2] for r in runs)
    to_simp = _converter("t2s.json").convert(joined)
    if to_simp == joined:
        return None
    to_trad = _converter("s2t.json").convert(joined)
    if to_trad == joined:
        return None
    if len(to_simp) != len(joined) or len(to_trad) != len(joined):
        return None  # conversions changed lengths: positions cannot be compared
    # a character counts only when both its phrase (皇后 stays) and the character on its own
    # convert: 局限 -> 侷限 and 占用 -> 佔用 are phrase preferences, 局 and 占 are Traditional too
    return ScriptCount(runs, joined, _changed(joined, to_simp, trad_re), _changed(joined, to_trad, simp_re))


def _count(pattern: re.Pattern[str], segments: list[Segment], enough: int) -> int:
    """Matches of `pattern` in the segments' texts, counted up to `enough` (the gate needs no more)."""
    n = 0
    for seg in segments:
        if seg.text.isascii():
            continue  # no Han character (the patterns hold Han only), known without a scan
        n += len(pattern.findall(seg.text))
        if n >= enough:
            break
    return n


def _changed(text: str, converted: str, one_way: re.Pattern[str]) -> list[int]:
    """Positions where `converted` (same length) differs from `text`, not counting the shared
    characters nor those that convert only in a phrase (not matched by `one_way`). The
    characters of `one_way` are found by one scan in C, and only they are compared: a Python
    step per such character, where comparing every character of each block that differs cost
    a step for each of the block's characters."""
    shared = _SHARED_IN_PRACTICE
    out: list[int] = []
    for m in one_way.finditer(text):
        i = m.start()
        a = text[i]
        if a != converted[i] and a not in shared:
            out.append(i)
    return out


def leans_simplified(text: str) -> bool:
    """More Simplified-only than Traditional-only characters in `text`."""
    simp_re, trad_re = _script_classes()
    return len(simp_re.findall(text)) > len(trad_re.findall(text))


def to_simplified(text: str) -> str:
    """`text` in Simplified characters (OpenCC t2s)."""
    return str(_converter("t2s.json").convert(text))
