"""text.conversion classes: a Traditional sentence replaced by a naive character-by-character
conversion of its Simplified form, as a drafting pipeline without phrase tables leaves it."""

from __future__ import annotations

import random
import re

from wild import Injector, WildClass, _converter

# What two kinds of naive converter write for a Simplified character (everything else: OpenCC's
# character-level choice). "over" picks the rarer Traditional character (了→瞭, 只→隻, 发→髮);
# "under" leaves characters its table lacks as they are (后, 余, 干, 里, 钟, 松).
_OVER = {"了": "瞭", "只": "隻", "发": "髮"}
_UNDER = {"后": "后", "余": "余", "干": "干", "里": "里", "钟": "鍾", "松": "松"}
# the sentence must hold a character the converter gets wrong
_WANT = {"over": re.compile("[了只發]"), "under": re.compile("[後餘乾裡鐘鬆]")}
_SENTENCE = re.compile(r"[^。！？\n]{12,120}[。！？]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _naive(sentence: str, table: dict[str, str]) -> str:
    simp = _converter("t2s").convert(sentence)
    s2t = _converter("s2t")
    return "".join(table.get(c) or s2t.convert(c) for c in simp)


def _prose_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of prose lines (not front matter, code, tables, HTML or headings)."""
    out: list[tuple[int, int]] = []
    fenced = False
    pos = 0
    lines = text.split("\n")
    front = lines[0].strip() == "---"
    for k, line in enumerate(lines):
        start = pos
        pos += len(line) + 1
        stripped = line.strip()
        if front:
            if k > 0 and stripped == "---":
                front = False
            continue
        if stripped.startswith("```"):
            fenced = not fenced
            continue
        if fenced or stripped.startswith(("|", "<", "#", ">")) or "http" in line or "`" in line:
            continue
        for m in _SENTENCE.finditer(line):
            if len(_HAN.findall(m.group(0))) >= 10:
                out.append((start + m.start(), start + m.end()))
    return out


def _inject(kind: str, table: dict[str, str]) -> Injector:
    def inject(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
        spans = [(a, b) for a, b in _prose_spans(text) if _WANT[kind].search(text, a, b)]
        rng.shuffle(spans)
        for a, b in spans:
            naive = _naive(text[a:b], table)
            if len(naive) == b - a and naive != text[a:b]:
                return text[:a] + naive + text[b:], a, b
        return None

    return inject


CLASSES = [
    WildClass("conversion-over (了→瞭, 只→隻, 发→髮)", "text.conversion", _inject("over", _OVER), scripts=("hant",)),
    WildClass("conversion-under (后, 余, 干, 里 left)", "text.conversion", _inject("under", _UNDER), scripts=("hant",)),
]
