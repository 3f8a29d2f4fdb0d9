"""text.llm-residue classes: assistant chatter and pipeline talk left in a published digest."""

from __future__ import annotations

import random

from wild import WildClass, insert_paragraph

_CLOSERS = {
    "hans": [
        "希望这个版本对您有帮助！",
        "以上内容已为您整理完毕，如需调整请随时告诉我。",
        "如果您需要进一步修改或补充，请随时告诉我。",
    ],
    "hant": [
        "希望這個版本對您有幫助！",
        "以上內容已為您整理完畢，如需調整請隨時告訴我。",
        "若您還需要調整格式或補充細節，請隨時告訴我。",
    ],
    "en": [
        "I hope this version helps! Let me know if you'd like any changes.",
        "Let me know if you'd like me to shorten any of the items.",
    ],
}
_OPENERS = {
    "hans": ["好的，以下是整理后的文稿：", "好的，我已将您提供的资讯整理如下："],
    "hant": ["好的，以下是整理後的文稿：", "沒問題，我將您提供的文稿整理如下："],
    "en": ["Sure! Here's the revised version of your digest:", "Certainly! Here is the rewritten summary:"],
}
_SUBJECTS = ["Mistral", "Perplexity", "xAI", "Runway", "Cohere", "Figure", "Scale AI", "Character.AI"]
_PROCESS = {
    "hans": [
        "虽然在今日的搜索中没有发现{x}的具体新闻，但这一领域仍在快速发展。",
        "（由于之前的搜索结果未明确指出{x}的新功能，此处根据已有信息进行总结）",
        "原文摘要未提供{x}的具体融资金额。",
        "因原文资讯有限，以下为根据标题的推测：{x}可能在近期发布新产品。",
    ],
    "hant": [
        "雖然本次搜尋結果沒有直接提及{x}的最新動態，但整體趨勢值得關注。",
        "雖然今日新聞沒有直接提到{x}，但業界普遍看好其前景。",
        "此則缺乏可用內容，依照規則不應撰寫評論，建議略過。",
        "原文摘要未提供具體的發布時間，{x}尚未回應。",
    ],
    "en": [
        "Although today's search results did not mention {x} directly, the trend is clear.",
        "I couldn't find any specific news about {x} in today's sources.",
        "The original summary does not provide {x}'s funding figures.",
        "Based on the headline alone, this is speculation: {x} may ship a new model soon.",
    ],
}
_TRACE = [
    [
        "**Refining The Daily Brief**",
        "Okay, I've got a handle on the request's core. I'm focusing on a lively tone for the {x} item.",
        "I'm now weighing the raw input against the constraints, and {x} goes to the top.",
    ],
    [
        "**Structuring The Output**",
        "I'm now generating the response and trimming the {x} section.",
        "I've re-written the intro to keep the user engaged.",
    ],
    ["I'm now integrating the user feedback on the {x} story and tightening the headlines."],
]


def _closer(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    return insert_paragraph(text, rng, rng.choice(_CLOSERS[script]))


def _opener_at_end(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    para = rng.choice(_OPENERS[script])
    body = text.rstrip("\n")
    new = body + "\n\n" + para + "\n"
    return new, len(body) + 2, len(body) + 2 + len(para)


def _process(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    return insert_paragraph(text, rng, rng.choice(_PROCESS[script]).format(x=rng.choice(_SUBJECTS)))


def _trace(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    x = rng.choice(_SUBJECTS)
    return insert_paragraph(text, rng, "\n\n".join(line.format(x=x) for line in rng.choice(_TRACE)))


def _tag(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    tag = rng.choice(["[model=gemini-2.5-flash,0]", "[model=gpt-4o-mini,0.7]", "[model=claude-3-5-sonnet]"])
    return insert_paragraph(text, rng, tag)


CLASSES = [
    WildClass("residue-closer-anywhere", "text.llm-residue", _closer),
    WildClass("residue-opener-at-end", "text.llm-residue", _opener_at_end),
    WildClass("residue-process-talk", "text.llm-residue", _process),
    WildClass("residue-reasoning-trace", "text.llm-residue", _trace, scripts=("hans", "hant", "en")),
    WildClass("residue-generation-tag", "text.llm-residue", _tag),
]
