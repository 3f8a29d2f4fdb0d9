"""Cues around a figure: what it is a change of, a comparison with, a count of.

Read by recognise.py once a number is found: the role of the figure (a value, a change, the
start of "from X to Y", a comparison, a value of before) and the noun it counts.
"""

from __future__ import annotations

import re

from checker.extract.quantities.numerals import Suffix

GPU_NOUN = re.compile(r"GPU|显卡|顯卡|芯片|晶片|加速卡|[HAB]\d{2,3}|GB\d{3}|昇腾|昇騰|Ascend|TPU|卡", re.IGNORECASE)
GPU_HOURS = re.compile(r"(?:GPU|卡)\s?(?:小时|小時|时|時|hours?)", re.IGNORECASE)
MAKER = re.compile(r"^\s*(?:英伟达|英偉達|輝達|辉达|NVIDIA|Nvidia|AMD|华为|華為|谷歌|Google)?\s*")
USER_NOUN = re.compile(r"用户|用戶|使用者|users?|订阅|訂閱", re.IGNORECASE)
CLS_PEOPLE = {"人", "名", "位"}
CHANGE_VERB = Suffix(
    "增长 增長 增加 提升 提高 上涨 上漲 上升 飙升 飆升 暴涨 暴漲 跃升 躍升 猛增 大增 激增 涨 漲 增 升 "
    "下降 下跌 降低 减少 減少 缩减 縮減 缩小 縮小 下滑 暴跌 跌 降 减 減 节省 節省 提速 加速 改善 优化 優化 "
    "蒸发 蒸發 缩水 縮水 高 低 高出 快 慢 wiped_out lost "
    "同比 环比 環比 rose rise rises risen grew grow grows grown increase increased increases jump jumped jumps "
    "surge surged soar soared climb climbed fell drop dropped drops decline declined decrease decreased cut "
    "improve improved boost boosted boosts gain gained gains up down by"
)
CHANGE_FILLER = Suffix("了 了约 了約 约 約 近 超 超过 超過 逾 达 達 高达 高達 about nearly over more_than by")
TO_WORD = Suffix("至 到 达 達 为 為 成 to reach reached reaches reaching hit 至了 到了 达了 達了")
# A figure about something else than its subject: a rival, a benchmark opponent, the old way.
COMPARE = re.compile(
    r"比|相比|相较|相較|较之|較之|than|compared|versus|\bvs\b|对比|對比|超出|领先|領先|传统|傳統|traditional|"
    r"媲美|匹敌|匹敵|相当于|相當於|rival|comparable|outperform|beat|击败|擊敗|碾压|碾壓|打平|超越|surpass|"
    r"硬刚|硬剛|对标|對標|挑战|挑戰|合併|合并|combined|加起来|加起來|together",
    re.IGNORECASE,
)
# The start of "from X to Y": 「從 45%」, 「估值从去年的约 4000 亿」.
FROM_AHEAD = re.compile(r"(?:从|從|由|\bfrom)[^，,。；;从從由\d%％]{0,8}$", re.IGNORECASE)
# A comparison opening the sentence: 「相較GPT-5.4，GPT-5.5 … 高23%」.
COMPARE_LEAD = re.compile(r"相較|相较|相比|比起|較之|较之|compared (?:to|with)|relative to", re.IGNORECASE)
# A figure from before (anywhere earlier in the sentence): 「五个月前估值 4000 亿」, "a year ago".
PAST = re.compile(
    r"个月前|個月前|年前|天前|周前|週前|\bago\b|去年|前年|last year|上一轮|上一輪|上轮|上輪|last round|合併前|合并前",
    re.IGNORECASE,
)
# Weaker cues of the past that hold only for their own clause (「原本寂寂無名，但本月…」).
PAST_CLAUSE = re.compile(r"原本|原先|以往|此前|之前|曾经|曾經|曾|previously|earlier|formerly|once", re.IGNORECASE)
CLAUSE_CUES = re.compile(f"(?P<compare>{COMPARE.pattern})|(?P<past>{PAST_CLAUSE.pattern})", re.IGNORECASE)
SENTENCE_CUES = re.compile(f"(?P<compare>{COMPARE_LEAD.pattern})|(?P<past>{PAST.pattern})", re.IGNORECASE)
PER = re.compile(r"\s*(?:/|每|per\b)")
PER_BEFORE = re.compile(r"(?:每|per |/)[^，,。；;\d]{0,8}$")
