"""name.unverified classes: invented products a drafting pipeline writes as launched."""

from __future__ import annotations

import random

from wild import WildClass, insert_paragraph

_ONSETS = ["Kr", "Zh", "V", "Qu", "Th", "Br", "X", "Sk", "Fl", "Dr", "Gl", "Tr", "Pl", "Str", "Nyx", "Ors"]
_NUCLEI = ["a", "e", "i", "o", "u", "ae", "io", "ea", "y"]
_CODAS = ["rix", "vane", "lor", "thos", "mera", "quen", "dax", "lume", "vyn", "zor", "nex", "tral", "mir"]
_SUFFIXES = ["", " Pro", "-Turbo", " Ultra", "-Vision", "-Coder", " Max", "-Edge", " Omni"]
_MAKERS = {
    "hans": ["字节跳动", "阿里巴巴", "腾讯", "百度", "华为", "英伟达", "智谱", "月之暗面", "一家初创公司"],
    "hant": ["字節跳動", "阿里巴巴", "騰訊", "百度", "華為", "輝達", "聯發科", "一家新創公司", "台積電"],
    "en": ["Google DeepMind", "Meta", "NVIDIA", "Alibaba", "a Paris startup", "Samsung", "Anthropic", "Mistral"],
}
_KINDS = {
    "hans": ["多模态大模型", "推理芯片", "开源代码模型", "视频生成模型", "端侧 AI 芯片", "智能体框架"],
    "hant": ["多模態大模型", "推理晶片", "開源程式碼模型", "影片生成模型", "邊緣 AI 晶片", "代理框架"],
    "en": ["multimodal model", "new inference chip", "small coding model", "video model", "compact edge AI chip"],
}
_LAUNCH = {
    "hans": [
        "{maker}今日正式发布{kind} {name}，{claim}。",
        "{maker}开源了{kind} {name}，{claim}。",
        "**{name}**：{maker}推出新一代{kind}，{claim}。",
        "据悉，{maker}于本周上线 {name}（{kind}），{claim}。",
    ],
    "hant": [
        "{maker}今日正式發布{kind} {name}，{claim}。",
        "{maker}開源了{kind} {name}，{claim}。",
        "**{name}**：{maker}推出新一代{kind}，{claim}。",
        "據悉，{maker}於本週上線 {name}（{kind}），{claim}。",
    ],
    "en": [
        "{maker} today released {name}, a new {kind} that {claim}.",
        "{maker} unveiled the {name} {kind} this week; the company says it {claim}.",
        "**{name}**: {maker} launched a {kind} that {claim}.",
        "In a surprise move, {maker} open-sourced {name}, a {kind} that {claim}.",
    ],
}
_CLAIMS = {
    "hans": ["推理速度提升 40%", "在多项基准上超越 GPT-4o", "支持 128K 上下文", "功耗降低一半"],
    "hant": ["推理速度提升 40%", "在多項基準上超越 GPT-4o", "支援 128K 上下文", "功耗降低一半"],
    "en": ["is 40% faster at inference", "beats GPT-4o on several benchmarks", "handles a 128K context"],
}
# a link a pipeline leaves beside the item: a news page whose URL does not name the product
_NEWS_LINKS = [
    "https://www.aibase.com/zh/news/{n}",
    "https://www.ithome.com/0/{n}.htm",
    "https://techcrunch.com/2026/03/{d}/ai-roundup/",
    "https://36kr.com/p/{n}",
]


def _invented(rng: random.Random) -> str:
    word = rng.choice(_ONSETS) + rng.choice(_NUCLEI) + rng.choice(_CODAS)
    version = rng.choice(["-{a}", " {a}.{b}", "-{a}B", " {a}", "-V{a}", "{a}"]).format(
        a=rng.randint(2, 9), b=rng.randint(0, 9)
    )
    return word + version + rng.choice(_SUFFIXES)


def _sentence(rng: random.Random, script: str) -> str:
    return rng.choice(_LAUNCH[script]).format(
        maker=rng.choice(_MAKERS[script]),
        kind=rng.choice(_KINDS[script]),
        name=_invented(rng),
        claim=rng.choice(_CLAIMS[script]),
    )


def _launched(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    return insert_paragraph(text, rng, _sentence(rng, script))


def _with_unrelated_link(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    link = rng.choice(_NEWS_LINKS).format(n=rng.randint(10000, 99999999), d=rng.randint(10, 28))
    label = {"hans": "来源", "hant": "來源", "en": "source"}[script]
    return insert_paragraph(text, rng, f"- {_sentence(rng, script)} ([{label}]({link}))")


# members no maker released, of lines the KB lists well (checked with `checker kb lookup`: all
# unknown); offline, name.unverified reports only such names by default (closed world)
_LINE_MEMBERS = {
    "Google": ["Gemini 2.7 Pro", "Gemini 1.7 Pro", "Gemini 2.3 Flash"],
    "Anthropic": ["Claude Sonnet 3.9", "Claude Sonnet 3.2", "Claude Opus 4.3"],
    "OpenAI": ["GPT-4.3", "GPT-4.7"],
    "Meta": ["Llama 3.6", "Llama 3.9"],
}
_LINE_LAUNCH = {
    "hans": ["{maker}今日正式发布 {name}，{claim}。", "**{name}**：{maker}推出新模型 {name}，{claim}。"],
    "hant": ["{maker}今日正式發布 {name}，{claim}。", "**{name}**：{maker}推出新模型 {name}，{claim}。"],
    "en": ["{maker} today released {name}, which {claim}.", "**{name}**: {maker} launched {name}, which {claim}."],
}


def _line_member(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    maker = rng.choice(sorted(_LINE_MEMBERS))
    sentence = rng.choice(_LINE_LAUNCH[script]).format(
        maker=maker, name=rng.choice(_LINE_MEMBERS[maker]), claim=rng.choice(_CLAIMS[script])
    )
    return insert_paragraph(text, rng, sentence)


_WIDE = {"unknown-families": True}  # names of lines the KB does not know: the option's behaviour

CLASSES = [
    WildClass("names-invented-line-member", "name.unverified", _line_member),
    WildClass("names-invented-launched", "name.unverified", _launched, options=_WIDE),
    WildClass("names-invented-beside-unrelated-link", "name.unverified", _with_unrelated_link, options=_WIDE),
]
