"""name.case and name.typo classes: a known brand recased in one mention; one letter slipped in a
name the article uses elsewhere."""

from __future__ import annotations

import random
import re
from collections import Counter

from wild import WildClass, insert_paragraph

from checker.extract.names.index import word_zipf

# brands with an inner capital, and the recasings a pipeline leaves (title case, capitals moved)
_BRANDS = [
    "DeepSeek", "OpenAI", "MiniMax", "SoftBank", "CoreWeave", "ComfyUI", "TypeScript", "DeepMind",
    "SpaceX", "InfiniBand", "ElevenLabs", "JetBrains", "NumPy", "JavaScript", "LeCun",
]  # fmt: skip
_SENTENCES = {
    "hans": [
        "另据报道，{b} 本周更新了开发者文档，并调整了部分接口的计费方式。",
        "业内人士认为，{b} 在这一轮竞争中仍占据先机。",
        "**{b} 动态**：团队表示新版本将在数周内向所有用户开放。",
    ],
    "hant": [
        "另據報導，{b} 本週更新了開發者文件，並調整了部分介面的計費方式。",
        "業內人士認為，{b} 在這一輪競爭中仍佔據先機。",
        "**{b} 動態**：團隊表示新版本將在數週內向所有用戶開放。",
    ],
    "en": [
        "Separately, {b} updated its developer documentation this week and changed how some endpoints are billed.",
        "Analysts say {b} still holds an edge in this round of competition.",
        "**{b} news**: the team says the new version will reach all users within weeks.",
    ],
}


def _recase(brand: str, rng: random.Random) -> str:
    """Title case (Deepseek) or a capital lost inside (Softbank, Elevenlabs, Comfyui)."""
    inner = [i for i in range(1, len(brand)) if brand[i].isupper()]
    if rng.random() < 0.5 or len(inner) < 1:
        return brand[0] + brand[1:].lower()
    i = rng.choice(inner)
    return brand[:i] + brand[i:].lower() if brand[i:].isupper() else brand[:i] + brand[i].lower() + brand[i + 1 :]


def _casing(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    brand = rng.choice(_BRANDS)
    written = _recase(brand, rng)
    sentence = rng.choice(_SENTENCES[script]).format(b=written)
    made = insert_paragraph(text, rng, sentence)
    if made is None:
        return None
    new, at, _end = made
    start = at + sentence.index(written)
    return new, start, start + len(written)


_NAME = re.compile(r"(?<![A-Za-z0-9@/#_.-])[A-Z][a-z]+(?:[A-Z][a-z]+)*(?![A-Za-z0-9_/-])")


def _slip(word: str, rng: random.Random) -> str:
    """A typing slip inside the word: two neighbours swapped or one letter dropped."""
    i = rng.randrange(2, len(word) - 1)
    if rng.random() < 0.5 and word[i] != word[i + 1] and word[i].islower() and word[i + 1].islower():
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + word[i + 1 :]


def _typo(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    """One mention of a name the article writes at least three times, misspelt."""
    body = text.find("\n---", 4) + 4 if text.startswith("---\n") else 0
    found = [m for m in _NAME.finditer(text, body) if len(m.group()) >= 6 and "](" not in text[m.end() : m.end() + 2]]
    counts = Counter(m.group() for m in found)
    # names, not English words a heading capitalises (Search, Frontier)
    names = sorted(n for n, c in counts.items() if c >= 3 and word_zipf(n.casefold()) < 3.0)
    if not names:
        return None
    name = rng.choice(names)
    m = rng.choice([x for x in found if x.group() == name])
    written = _slip(name, rng)
    new = text[: m.start()] + written + text[m.end() :]
    return new, m.start(), m.start() + len(written)


CLASSES = [
    WildClass("case-brand-recased", "name.case", _casing, scripts=("hans", "hant", "en")),
    WildClass("case-typo-name-used-elsewhere", "name.typo", _typo, scripts=("hans", "hant", "en")),
]
