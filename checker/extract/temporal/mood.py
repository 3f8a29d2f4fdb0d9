"""Event or plan: what the clause around a date says about it.

Only an event (told as done or happening: 發布, 宣布, 已, released) can be "future-
dated"; a plan, forecast, schedule, deadline or condition (將, 預計, 截至, 若, will,
expected, by) may name any date. The decision reads three places, in this order:

1. a name around the date: inside 《…》, a fiscal year (2025財年), 2025年度, 1990年代;
2. a plan cue anywhere between the start of the clause and the date (將於2026年…,
   預計最快將於 2027 年, 到2030年), or a deadline/condition word right after the
   date (12月15日前, 2026年後, 起);
3. an event cue before the date in the same clause (released on Dec 15, 2025;
   已於2025年…);
4. the first cue after the date within the sentence (2026年底编程AI将… is a plan;
   2025年12月15日，Google 宣布… is an event), else an event cue earlier in the
   sentence (發布日期：…).

A range (3月10日至12日) is classified once, from the start of its first date to the
end of its last.

No cue at all leaves the mood UNKNOWN, which date.future does not flag: precision
first. The cue lists are short on purpose; each entry was seen in the corpus.
"""

from __future__ import annotations

import re

from checker.extract.temporal.model import Mood

_PLAN_ZH = (
    r"将|將|即将|即將|预计|預計|预期|預期|预估|預估|预测|預測|预料|預料|预言|預言|预告|預告|预定|預定|预订|預訂"
    r"|计划|計劃|计画|計畫|规划|規劃|拟|擬|打算|准备|準備|有望|可望|或将|或將|可能|也许|也許|或许|或許"
    r"|(?<![大年晚峰議议討讨協协事員员學学工商都社聚例宴舞博展])(?:会在|會在|会于|會於|会是|會是)"
    r"|不会|不會|将会|將會|要在|要于|要於|需在|需于|须在|須在|应在|應在|应于|應於"
    r"|届时|屆時|截至|截止|直到|直至|为止|為止|最快|最早|最迟|最遲|最晚|最快将|目标|目標|力争|力爭|争取|爭取"
    r"|定于|定於|订于|訂於|排定|安排|定档|定檔|敬请期待|敬請期待|期待|期望|希望|展望|如果|若|假如|一旦|倘若|除非"
    r"|预期|前瞻|瞄准|瞄準|押注|宣称将|宣稱將|承诺|承諾|誓言|规定|規定|要求|限期|期限|之前|以前"
    r"|或于|或於|或在|或会|或會|能否|是否|会否|會否|可否|何时|何時|哪天"
)
_PLAN_EN = (
    r"will|won't|would|'ll|shall|expected|expects?|expecting|plans?|planned|planning|scheduled|slated|set to"
    r"|due|upcoming|forecasts?|forecasted|projected|projects|predicts?|predicted|predictions?|aims?|aiming"
    r"|targets?|targeting|could|may|might|should|going to|intends?|anticipated|anticipates|estimated"
    r"|if|unless|once|deadline|coming|outlook|goal"
)
_EVENT_ZH = (
    r"发布|發布|發佈|发表|發表|宣布|宣佈|推出|上线|上線|开源|開源|生效|亮相|公布|公佈|举行|舉行|召开|召開|举办|舉辦"
    r"|完成|达成|達成|收购|收購|融资|融資|获得|獲得|披露|曝光|签署|簽署|通过|通過|批准|上市|开放|開放|登场|登場"
    r"|面世|问世|問世|首发|首發|揭晓|揭曉|释出|釋出|推送|迎来|迎來|开幕|開幕|落幕|闭幕|閉幕|成立|创立|創立|启动|啟動"
    r"|启用|啟用|交付|发售|發售|开售|開售|遭遇|发生|發生|爆发|爆發|宣告|离职|離職|卸任|任命|签约|簽約|表示|透露"
    r"|指出|报道|報導|报导|證實|证实|确认|確認|提交|起诉|起訴|判决|判決|裁定|罚款|罰款|下跌|上涨|上漲|暴跌|大跌|飙升|飆升"
    r"|突破|刷新|创下|創下|更新了|升级了|升級了|已经|已經|已于|已於|已在|已|了(?![解不])"
)
_EVENT_EN = (
    r"released|launched|announced|unveiled|introduced|published|rolled out|shipped|debuted|opened|went live"
    r"|open-sourced|acquired|raised|reported|revealed|posted|dropped|filed|signed|completed|reached|surged"
    r"|fell|rose|held|hosted|took place|occurred|happened|confirmed|disclosed|hit|closed|began|started|ended"
    r"|has|have|had|did|was|were"
)

_CUE = re.compile(
    rf"(?P<plan>(?:{_PLAN_ZH})|(?<![A-Za-z])(?:{_PLAN_EN})(?![A-Za-z]))"
    rf"|(?P<event>(?<![为為除到])(?:{_EVENT_ZH})|(?<![A-Za-z])(?:{_EVENT_EN})(?![A-Za-z]))"
)
# deadline, condition or start right after the date: 12月15日前, 2026年後, 2026年起, 2030年以前
_AFTER_PLAN = re.compile(
    r"[ \t*_)）]*(?:之?前(?![三两兩一二十])|以前|以后|以後|之后|之後"
    r"|后(?![，,]?[^，,。]{0,3}[了已])|後(?![，,]?[^，,。]{0,3}[了已])"
    r"|起(?!来|來|初)|开始|開始|为止|為止|到期|截止|内|內)"
)
# "by", "until", "到", "至" right before the date: a deadline or target; "生效日期是",
# "發布日期：": a date given as a schedule field, not told as an event
_BEFORE_PLAN = re.compile(
    r"(?:到|至|截至|截止|直到|直至|最快|最早|最迟|最遲|预计|預計"
    r"|(?:日期|时间|時間|日程|档期|檔期)[ \t*_]*(?:是|為|为|定在|訂在|:|：)?"
    r"|(?<![A-Za-z])(?:by|until|till|before|through|from|starting))"
    r"[ \t*_(（]*(?:於|于|在)?[ \t*_]*$",
    re.IGNORECASE,
)
_FISCAL_AFTER = re.compile(r"[ \t]*(?:財年|财年|財政|财政|會計年度|会计年度|[Ff]iscal|年代)")
_TITLE_OPEN, _TITLE_CLOSE = "《〈", "》〉"

_BACK_LIMIT = 40
_FWD_LIMIT = 40


def inside_title_quote(text: str, start: int, end: int) -> bool:
    """Inside 《…》 (titles of books, reports, laws): a name, not a time."""
    before = text[max(0, start - 60) : start]
    open_at = max(before.rfind(c) for c in _TITLE_OPEN)
    if open_at < 0:
        return False
    if max(before.rfind(c) for c in _TITLE_CLOSE) > open_at:
        return False
    after = text[end : end + 60]
    close_at = min((i for i in (after.find(c) for c in _TITLE_CLOSE) if i >= 0), default=-1)
    return close_at >= 0


class Boundaries:
    """Sentence and clause boundaries around a position, looked up on demand.

    The text before a position is searched reversed, so that the nearest boundary is
    the first match.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    def before(self, pos: int, *, clause: bool) -> int:
        lo = max(0, pos - 200)
        window = self.text[lo:pos][::-1]
        m = (_CLAUSE_REV if clause else _SENTENCE_REV).search(window)
        return pos - m.start() if m else lo

    def after(self, pos: int) -> int:
        hi = min(len(self.text), pos + 200)
        m = _SENTENCE_RE.search(self.text, pos, hi)
        return m.start() if m else hi


_NOT_TOLD = re.compile(r"的|之?前|以前|之?后|之?後|以后|以後|时|時|期间|期間|之际|之際")
_SENTENCE_RE = re.compile(r"[。！？!?；;\n|｜]|\. ")
_SENTENCE_REV = re.compile(r"[。！？!?；;\n|｜]| \.")
_CLAUSE_REV = re.compile(r"[。！？!?；;\n|｜，,、：:]| \.")


def classify(text: str, start: int, end: int, bounds: Boundaries | None = None) -> tuple[Mood, str | None]:
    """The mood of the date at [start, end) of a prepared view, and the deciding cue."""
    if bounds is None:
        bounds = Boundaries(text)
    if inside_title_quote(text, start, end):
        return Mood.LABEL, "《》"
    fiscal = _FISCAL_AFTER.match(text, end)
    if fiscal:
        return Mood.LABEL, fiscal.group(0).strip()
    sent_start = bounds.before(start, clause=False)
    clause_start = bounds.before(start, clause=True)
    back_start = max(sent_start, start - _BACK_LIMIT)
    clause_from = max(clause_start, start - _BACK_LIMIT)
    before = _BEFORE_PLAN.search(text, max(back_start, start - 16), start)
    if before:
        return Mood.PLAN, before.group(0).strip(" \t*_(（於于在")
    fwd_end = min(bounds.after(end), end + _FWD_LIMIT)
    after = _AFTER_PLAN.match(text, end, fwd_end)
    if after:
        return Mood.PLAN, after.group(0).strip(" \t*_)）")
    back = [(m.start(), m.lastgroup, m.group(0)) for m in _CUE.finditer(text, back_start, start)]
    in_clause = [c for c in back if c[0] >= clause_from]
    plan = [c for c in in_clause if c[1] == "plan"]
    if plan:
        return Mood.PLAN, plan[-1][2]
    if in_clause:  # only events left in the clause
        return Mood.EVENT, in_clause[-1][2]
    if text[bounds.after(end) : bounds.after(end) + 1] in ("？", "?"):
        return Mood.PLAN, "？"  # a question: whether it happens is open
    first = _CUE.search(text, end, fwd_end)
    if first:
        if first.lastgroup == "event" and _NOT_TOLD.match(text, first.end()):
            # 在2026年2月舉行的峰會, 在12月16日生效前: a verb that describes or bounds
            # another clause, not one that tells the event
            return Mood.UNKNOWN, None
        return (Mood.PLAN if first.lastgroup == "plan" else Mood.EVENT), first.group(0)
    events = [c for c in back if c[1] == "event"]
    if events:
        return Mood.EVENT, events[-1][2]
    return Mood.UNKNOWN, None
