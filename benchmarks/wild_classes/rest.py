"""date.mismatch (URL dates) and text.damaged (vowel stripping, mojibake) classes: a reference table
whose publication-date column contradicts a cited URL's date, and text garbled by a pipeline."""

from __future__ import annotations

import datetime as dt
import random
import re

from wild import WildClass, insert_paragraph

_HEAD = {
    "hans": ("| 编号 | 标题 | 发布日期 | 来源 |", "标题"),
    "hant": ("| 編號 | 文章標題 | 發布日期 | 來源資料網址與名稱 |", "標題"),
    "en": ("| # | Title | Published | Source |", "Title"),
}
_TITLES = {
    "hans": ["英伟达财报超预期", "谷歌发布新一代模型", "欧盟推进人工智能法案", "苹果调整芯片供应链"],
    "hant": ["輝達財報優於預期", "Google 推出新一代模型", "歐盟 AI 法案修正", "台積電擴大先進封裝產能"],
    "en": [
        "Nvidia beats estimates",
        "Google ships a new model",
        "EU moves on the AI Act",
        "Apple reshuffles suppliers",
    ],
}
_SITES = [
    ("TechCrunch", "https://techcrunch.com/{y}/{m}/{d}/{slug}/"),
    ("The Verge", "https://www.theverge.com/{y}/{m}/{d}/{slug}"),
    ("Reuters", "https://www.reuters.com/technology/{slug}-{y}-{m}-{d}/"),
    ("中央社 CNA", "https://www.cna.com.tw/news/aipl/{y}{m}{d}0{n}.aspx"),
    ("TechNews 科技新報", "https://technews.tw/{y}/{m}/{d}/{slug}/"),
    ("Business Wire", "https://www.businesswire.com/news/home/{y}{m}{d}5{n}/en/"),
]
_SLUGS = ["ai-chip-demand-rises", "new-model-launch", "regulators-weigh-rules", "supply-chain-shift"]


def _cell_date(date: dt.date, script: str, rng: random.Random) -> str:
    if script != "en" and rng.random() < 0.3:
        return f"{date.year}年{date.month}月{date.day}日"
    return date.isoformat() if rng.random() < 0.8 else date.strftime("%Y/%m/%d")


def _url_table(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    head, _ = _HEAD[script]
    base = dt.date(2026, rng.randint(1, 11), rng.randint(1, 20))
    rows = [head, "|" + "---|" * 4]
    bad = rng.randrange(3)
    bad_cell = ""
    for i in range(3):
        pub = base + dt.timedelta(days=i * 2)
        site, pattern = rng.choice(_SITES)
        url_day = pub - dt.timedelta(days=rng.randint(2, 9)) if i == bad else pub
        url = pattern.format(
            y=url_day.year,
            m=f"{url_day.month:02d}",
            d=f"{url_day.day:02d}",
            slug=rng.choice(_SLUGS),
            n=rng.randint(100, 999),
        )
        cell = _cell_date(pub, script, rng)
        if i == bad:
            bad_cell = cell
        rows.append(f"| {i + 1} | {rng.choice(_TITLES[script])} | {cell} | [{site}]({url}) |")
    table = "\n".join(rows)
    made = insert_paragraph(text, rng, table)
    if made is None:
        return None
    new, at, _ = made
    k = table.index(rows[2 + bad])
    start = at + k + rows[2 + bad].index(bad_cell)
    return new, start, start + len(bad_cell)


_SENTENCES = [
    "The new model was released in June and developers can use it through the API at a lower price.",
    "According to the company, demand for its data center chips remained strong through the quarter.",
    "Researchers said the system could summarize long documents and answer follow-up questions.",
    "The startup raised fresh funding to expand its team and build tools for enterprise customers.",
    "Regulators are expected to publish final guidance on general purpose models later this year.",
]
_FRAMES = {
    "hans": "据报道，{s}该消息发布后股价上涨。",
    "hant": "根據外電報導，{s}消息公布後股價走揚。",
    "en": "{s}",
}


def _strip(sentence: str, rng: random.Random) -> str:
    # a pipeline that drops vowels from most words (some short words survive, as real ones do)
    return " ".join(
        w if (len(w) <= 2 and rng.random() < 0.5) else re.sub(r"[aeiouAEIOU]", "", w) or w for w in sentence.split()
    )


def _vowels(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    s = _strip(rng.choice(_SENTENCES), rng)
    para = _FRAMES[script].format(s=s + (" " if script != "en" else ""))
    made = insert_paragraph(text, rng, para)
    if made is None:
        return None
    new, at, _ = made
    k = para.index(s)
    return new, at + k, at + k + len(s)


_MOJI_SOURCES = {
    "hans": ["中文模型", "人工智能", "大模型训练", "英伟达芯片"],
    "hant": ["人工智慧", "大型語言模型", "輝達晶片", "繁體中文"],
    "en": ["company’s “open” model", "café résumé", "naïve — approach", "Zürich’s lab"],
}


def _mojibake(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    word = rng.choice(_MOJI_SOURCES[script])
    garbled = word.encode("utf-8").decode("cp1252", errors="replace").replace("\ufffd", "\x81")
    frame = {"hans": "据报道，{g}今日发布。", "hant": "根據報導，{g}今日發表。", "en": "The {g} shipped today."}[script]
    para = frame.format(g=garbled)
    made = insert_paragraph(text, rng, para)
    if made is None:
        return None
    new, at, _ = made
    k = para.index(garbled)
    return new, at + k, at + k + len(garbled)


CLASSES = [
    WildClass("rest-url-date-vs-row-date", "date.mismatch", _url_table),
    WildClass("rest-vowel-stripped", "text.damaged", _vowels),
    WildClass("rest-mojibake", "text.damaged", _mojibake),
]
