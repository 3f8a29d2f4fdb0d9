"""link.invalid classes: invented links, bare anchors, local and dead relative targets."""

from __future__ import annotations

import random

from wild import WildClass, insert_paragraph

_LEADS = {
    "hans": ["据{src}报道，{co}已开放新模型的测试，详见", "{co}在官方博客中介绍了这项更新，原文见", "更多细节可参考"],
    "hant": ["據{src}報導，{co}已開放新模型的測試，詳見", "{co}在官方部落格中介紹了這項更新，原文見", "更多細節可參考"],
    "en": [
        "{co} opened the new model to testers, according to {src}; see",
        "Details are in",
        "{co} explained the update in",
    ],
}
_LABELS = {
    "hans": ["官方公告", "原文链接", "技术报告", "发布说明", "论文"],
    "hant": ["官方公告", "原文連結", "技術報告", "發布說明", "論文"],
    "en": ["the announcement", "the original post", "the technical report", "the release notes", "the paper"],
}
_COS = ["OpenAI", "Anthropic", "Google DeepMind", "Mistral", "智谱", "月之暗面", "NVIDIA", "Meta"]
_SRCS = ["TechCrunch", "The Verge", "Reuters", "36氪", "机器之心", "Bloomberg"]
_END = {"hans": "。", "hant": "。", "en": "."}


def _sentence(rng: random.Random, script: str, link: str) -> str:
    lead = rng.choice(_LEADS[script]).format(co=rng.choice(_COS), src=rng.choice(_SRCS))
    sep = " " if script == "en" else ""
    return f"{lead}{sep}{link}{_END[script]}"


def _run(rng: random.Random, n: int, start: int) -> str:
    """n digits counting up from `start`, wrapping 9 to 0."""
    return "".join(str((start + i) % 10) for i in range(n))


def _placeholder_url(rng: random.Random) -> str:
    year = rng.choice(["24", "25", "26"])
    return rng.choice(
        [
            f"https://www.nature.com/articles/s41586-0{year}-XXXXX-{rng.choice('XYZ0123')}",
            f"https://arxiv.org/abs/25{rng.randint(1, 12):02d}.XXXXX",
            f"https://www.ft.com/content/{rng.randint(1000, 9999)}abcd-efgh-ijkl-mnop-qrstuvwxyz{rng.randint(10, 99)}",
            f"https://www.reuters.com/technology/{rng.choice(['openai', 'nvidia', 'ai'])}-2025-XX-XX/",
            f"https://techcrunch.com/2025/{rng.randint(1, 12):02d}/xx/{rng.choice(['ai-agents', 'new-model'])}/",
        ]
    )


def _sequential_url(rng: random.Random) -> str:
    head = str(rng.choice([19, 18, 17])) + "".join(str(rng.randint(0, 9)) for _ in range(rng.randint(2, 6)))
    tail = (
        _run(rng, 19 - len(head), rng.randint(0, 9))
        if rng.random() < 0.8
        else str(rng.randint(1, 9)) * (19 - len(head))
    )
    user = rng.choice(["OpenAI", "AnthropicAI", "sama", "GoogleDeepMind", "karpathy", "Zhipu_AI"])
    host = rng.choice(["x.com", "twitter.com"])
    return f"https://{host}/{user}/status/{head}{tail}"


def _link_class(make: object) -> object:
    def inject(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
        url = make(rng)  # type: ignore[operator]
        label = rng.choice(_LABELS[script])
        return insert_paragraph(text, rng, _sentence(rng, script, f"[{label}]({url})"))

    return inject


def _bare_anchor(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    tag = {"hans": "（AI资讯）", "hant": "（AI資訊）", "en": " (AI News)"}[script]
    label = rng.choice(_LABELS[script]) + tag
    if rng.random() < 0.3:
        anchor = f"**[{label}]**(https://github.com/{rng.choice(['acme', 'lab'])}/{rng.choice(['agent', 'kit'])})"
    else:
        anchor = f"[{label}]"
    return insert_paragraph(text, rng, _sentence(rng, script, anchor))


def _local_path(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    name = rng.choice(["chart", "screenshot", "arch", "benchmark", "cover"]) + f"-{rng.randint(1, 99)}.png"
    where = rng.choice(
        [
            f"/tmp/daily-screenshots/{name}",
            f"/Users/{rng.choice(['alice', 'chen', 'editor'])}/Desktop/{name}",
            f"file:///home/{rng.choice(['ubuntu', 'runner'])}/out/{name}",
            f"C:\\Users\\{rng.choice(['lin', 'admin'])}\\Pictures\\{name}",
        ]
    )
    alt = {"hans": "示意图", "hant": "示意圖", "en": "figure"}[script]
    return insert_paragraph(text, rng, f"![{alt}]({where})")


def _dead_relative(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    target = rng.choice(
        [
            f"../2025-{month:02d}/2025-{month:02d}-{day:02d}.md",
            f"./2025-{month:02d}-{day:02d}-weekly.md",
            f"notes/ai-{rng.randint(100, 999)}.md",
        ]
    )
    return insert_paragraph(text, rng, _sentence(rng, script, f"[{rng.choice(_LABELS[script])}]({target})"))


_TITLES = {
    "hans": ["{co}发布新一代推理模型", "{co}开放企业版智能体平台", "{co}公布第三季度财报"],
    "hant": ["{co}發表新一代推理模型", "{co}開放企業版代理平台", "{co}公布第三季財報"],
    "en": ["{co} ships a new reasoning model", "{co} opens its agent platform to enterprises", "{co} posts Q3 results"],
}
_SEARCHES = [
    "https://www.google.com/search?q={q}",
    "https://www.bing.com/search?q={q}&form=QBLH",
    "https://www.baidu.com/s?wd={q}",
    "https://www.google.com.hk/search?q={q}&hl=zh-TW",
]


def _search_only(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    """A list item whose title links a search page and whose source is named, not linked."""
    co = rng.choice(_COS)
    title = rng.choice(_TITLES[script]).format(co=co)
    url = rng.choice(_SEARCHES).format(q=title.replace(" ", "+"))
    src = rng.choice(_SRCS)
    tails = {"hans": f"：要点整理，来源：{src}", "hant": f"：重點整理，來源：{src}", "en": f" — summary via {src}"}
    tail = tails[script]
    marker = rng.choice(["- ", "1. ", "* "])
    return insert_paragraph(text, rng, f"{marker}[{title}]({url}){tail}")


CLASSES = [
    WildClass("links-invented-placeholder", "link.invalid", _link_class(_placeholder_url)),  # type: ignore[arg-type]
    WildClass("links-invented-sequential", "link.invalid", _link_class(_sequential_url)),  # type: ignore[arg-type]
    WildClass("links-bare-anchor", "link.invalid", _bare_anchor),
    WildClass("links-local-path", "link.invalid", _local_path),
    WildClass("links-dead-relative", "link.invalid", _dead_relative),
    WildClass("links-search-only", "link.invalid", _search_only),
]
