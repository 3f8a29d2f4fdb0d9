"""text.placeholder classes: editorial markers and unrendered templates left in a published digest."""

from __future__ import annotations

import random
import re

from wild import WildClass

# where a drafting pipeline leaves its notes: right before a sentence's end, in a prose line
_SENTENCE_END = {"hans": re.compile(r"(?<=[\u4e00-\u9fff\w）”])。"), "en": re.compile(r"(?<=[a-z0-9)])\.(?= [A-Z])")}
_NOT_PROSE = re.compile(r"^\s*(?:[|#`<!\[>]|---|\{\{)")


def _prose_positions(text: str, script: str) -> list[int]:
    body = 0
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        body = end + 4 if end > 0 else 0
    pattern = _SENTENCE_END["en" if script == "en" else "hans"]
    out: list[int] = []
    fenced = False
    pos = 0
    for line in text.splitlines(keepends=True):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif pos >= body and not fenced and not _NOT_PROSE.match(line):
            for m in pattern.finditer(line):
                before = line[max(0, m.start() - 40) : m.start()]
                if "](" not in before and "http" not in before and "`" not in before:
                    out.append(pos + m.start())
        pos += len(line)
    return out


def _insert(text: str, rng: random.Random, script: str, marker: str) -> tuple[str, int, int] | None:
    spots = _prose_positions(text, script)
    if not spots:
        return None
    at = rng.choice(spots)
    return text[:at] + marker + text[at:], at, at + len(marker)


def _hant(s: str) -> str:
    from opencc import OpenCC  # the project's script converter

    return str(OpenCC("s2twp").convert(s))


_SUBJECTS = ["来源链接", "数据", "发布时间", "具体数字", "原文链接", "价格", "引用来源", "融资金额", "细节"]
_CUES = ["待验证", "待核实", "待补充", "待查证", "需核实", "请确认", "待确认，请核对"]
_BRACKETS = [("（", "）"), ("【", "】"), ("(", ")")]
_ALONE = ["可能有误，请确认", "此处待补充官方公告", "此处插入产品截图", "数据来源待验证", "该数字可能有误，请核对原文"]


def _zh_marker(rng: random.Random) -> str:
    left, right = rng.choice(_BRACKETS)
    if rng.random() < 0.3:
        return left + rng.choice(_ALONE) + right
    return left + rng.choice(_SUBJECTS) + rng.choice(_CUES) + right


_EN_NOTES = ["confirm the figure", "add link", "check date", "verify with the press release", "need source", "update"]


def _en_marker(rng: random.Random) -> str:
    kind = rng.randrange(6)
    if kind == 0:
        return " [citation needed]"
    if kind == 1:
        return f" ({rng.choice(['TODO', 'FIXME', 'TODO', 'XXX'])}: {rng.choice(_EN_NOTES)})"
    if kind == 2:
        return f" [{rng.choice(['TODO', 'TBD', 'FIXME', 'TKTK'])}]"
    if kind == 3:
        return f" [{rng.choice(['Insert link here', 'Insert source', 'insert link to announcement', 'Add source'])}]"
    if kind == 4:
        lead = rng.choice(["Hypothetical source for", "placeholder link for", "hypothetical link to"])
        return f" ({lead} the announcement)"
    return f" [{rng.choice(['source needed', 'Citation needed', 'link needed'])}]"


def _editorial(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    if script == "en":
        marker = _en_marker(rng)
    else:
        marker = _zh_marker(rng)
        if script == "hant":
            marker = _hant(marker)
    return _insert(text, rng, script, marker)


_TEMPLATES_ZH = [
    "，详见{{ source_url }}", "（{{ item.date }}）", "，来源：{source}", "，{公司名称}表示", "{{ news_title }}",
    "，发布于${publish_date}", "{% if image_url %}（配图）{% endif %}", "，作者{{author}}", "（{date}）",
]  # fmt: skip
_TEMPLATES_EN = [
    ", per {{ source_name }}", " ({{ item.date }})", ", says {author}", " on ${publish_date}",
    "{% if link %} (link){% endif %}", " {{ summary }}", " ({date})", ", see {{article_url}}",
]  # fmt: skip


def _template(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    marker = rng.choice(_TEMPLATES_EN if script == "en" else _TEMPLATES_ZH)
    if script == "hant":
        marker = _hant(marker)
    return _insert(text, rng, script, marker)


CLASSES = [
    WildClass("placeholder-editorial-marker", "text.placeholder", _editorial),
    WildClass("placeholder-unrendered-template", "text.placeholder", _template),
]
