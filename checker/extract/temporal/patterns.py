"""The patterns of the date grammar (checker.extract.temporal.grammar): numbers in words, the
building blocks of each date shape, and the markers that tell the scanner where to look."""

from __future__ import annotations

from checker.extract.temporal.model import Precision
from checker.lexicon import alternation
from checker.text.cjknum import CN_DIGITS
from checker.text.lazy_regex import lazy_compile
from checker.text.script import HAN

# --- numbers ------------------------------------------------------------------------------

_CN_DIGIT = CN_DIGITS
_CN_WORD = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "several": 0,
    "few": 0,
}


def cn_number(s: str) -> int | None:
    """Value of a small Chinese numeral (一 to 九十九) or digits; 二〇二五 digit by digit."""
    s = s.strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if s == "半":
        return None
    if len(s) == 4 and all(c in _CN_DIGIT for c in s):
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _CN_DIGIT.get(tens) if tens else 1
        o = _CN_DIGIT.get(ones) if ones else 0
        if t is None or o is None:
            return None
        return t * 10 + o
    if len(s) == 1 and s in _CN_DIGIT:
        return _CN_DIGIT[s]
    return None


def word_number(s: str) -> int | None:
    s = s.lower()
    if s.isdigit():
        return int(s)
    v = _CN_WORD.get(s)
    return v if v else None


# --- building blocks ----------------------------------------------------------------------

_Y = r"(?:19|20)\d\d"
_CNY = r"[〇零一二三四五六七八九]{4}"
_M = r"1[0-2]|0?[1-9]"
_D = r"3[01]|[12]\d|0?[1-9]"
_CNM = r"十[一二]?|[一二三四五六七八九]"
_CND = r"三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_SP = r"[ \t]*"
_DAYCH = r"[日号號]"

_YEAR_PART = (
    r"(?P<ypart>第?" + _SP + r"[一二三四1-4]" + _SP + r"(?:季度|季)|Q[1-4]|上半年|下半年|前三季度?"
    r"|年?初|年?底|年?末|年内|春季|夏季|秋季|冬季|春天|夏天|秋天|冬天|[春夏秋冬](?![a-zA-Z" + HAN + r"])"
    r"|度)"
)
_MONTH_PART = r"(?P<mpart>上旬|中旬|下旬|初|底|末)"

# --- patterns ----------------------------------------------------------------------------
# Each is tried only at or near a marker found by _HOT (see `scan`).

_YMD = lazy_compile(
    r"(?<![0-9\x00.])(?:(?P<y>" + _Y + r")" + _SP + r"年(?:" + _SP + r"(?P<m>" + _M + r")" + _SP + r"月(?:份)?"
    r"(?:" + _SP + r"(?:(?P<d>" + _D + r")" + _SP + _DAYCH + r"|" + _MONTH_PART + r"))?)?"
    r"|(?P<m2>"
    + _M
    + r")"
    + _SP
    + r"月(?:份)?(?:"
    + _SP
    + r"(?:(?P<d2>"
    + _D
    + r")"
    + _SP
    + _DAYCH
    + r"|(?P<mpart2>上旬|中旬|下旬|初|底|末)))?)"
)
_CN_YMD = lazy_compile(
    r"(?<![〇零一二三四五六七八九十百千万萬兩两])(?:(?P<y>" + _CNY + r")年(?:(?P<m>" + _CNM + r")月(?P<fen>份)?"
    r"(?:(?P<d>" + _CND + r")" + _DAYCH + r"|" + _MONTH_PART + r")?)?"
    r"|(?P<m2>"
    + _CNM
    + r")月(?P<fen2>份)?(?:(?P<d2>"
    + _CND
    + r")"
    + _DAYCH
    + r"|(?P<mpart2>上旬|中旬|下旬|初|底|末))?)"
)
_YEAR_GLUED = lazy_compile(
    r"(?<![0-9A-Za-z\x00.\-/_])(?P<y>" + _Y + r")(?P<ypart>上半年|下半年|Q[1-4]|H[12])(?![0-9A-Za-z])"
)
_DAY_CONT = lazy_compile(
    r"[ \t*_]*(?:[(（][^()（）\n]{1,4}[)）])?[ \t*_]*(?:至|到|~|-|–|—|－)[ \t*_]*(?P<d>" + _D + r")" + _SP + _DAYCH
)
_YEAR_ONLY_TAIL = lazy_compile(_SP + _YEAR_PART)
_ISO = lazy_compile(
    r"(?<![0-9A-Za-z\x00.\-/_#=?&%])(?P<y>"
    + _Y
    + r")(?P<sep>[-/.])(?P<m>"
    + _M
    + r")(?P=sep)(?P<d>"
    + _D
    + r")(?![0-9]|\.[0-9]|[A-Za-z](?<!T)|[-/][0-9])"
)
_ISO_MONTH = lazy_compile(
    r"(?<![0-9A-Za-z\x00.\-/_#=?&%])(?P<y>" + _Y + r")(?P<sep>[-/])(?P<m>0[1-9]|1[0-2])(?![0-9]|[-/.][0-9]|[A-Za-z])"
)
_COMPACT = lazy_compile(
    r"(?<![0-9A-Za-z\x00_\-])(?P<y>" + _Y + r")(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?![0-9A-Za-z])"
)
_MD_SLASH = lazy_compile(r"(?<![0-9/.\x00])(?P<m>" + _M + r")/(?P<d>" + _D + r")[ \t]*$")
_YEAR_RANGE = lazy_compile(
    r"(?<![0-9A-Za-z\x00.\-/_])(?P<y1>"
    + _Y
    + r")"
    + _SP
    + r"(?:年"
    + _SP
    + r")?(?:-|–|—|~|至|到)"
    + _SP
    + r"(?P<y2>"
    + _Y
    + r")(?:"
    + _SP
    + r"年)?(?![0-9]|[-/.][0-9]|"
    + _SP
    + r"\d{1,2}"
    + _SP
    + r"月)"
)
_FISCAL_YEAR = lazy_compile(
    r"(?<![0-9A-Za-z])"
    + _Y
    + _SP
    + r"(?:年"
    + _SP
    + r")?(?:財年|财年|財政年度|财政年度|會計年度|会计年度|年度財|年度财|[Ff]iscal)"
)
_FISCAL_FY = lazy_compile(r"FY" + _SP + r"(?:" + _Y + r"|\d\d)(?![0-9])")

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MON = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_EN_MDY = lazy_compile(
    _MON + r"\.?[ \t]+(?P<d>" + _D + r")(?:st|nd|rd|th)?(?![0-9])(?:,?[ \t]+(?P<y>" + _Y + r")(?![0-9]))?"
)
_EN_DMY = lazy_compile(
    r"(?<![0-9A-Za-z])(?P<d>"
    + _D
    + r")(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?"
    + _MON
    + r"\.?,?[ \t]+(?P<y>"
    + _Y
    + r")(?![0-9])"
)
_EN_MY = lazy_compile(_MON + r"\.?,?[ \t]+(?P<y>" + _Y + r")(?![0-9])")
_EN_Q_LEAD = lazy_compile(r"(?P<q>Q[1-4]|H[12])[ \t]*(?:of[ \t]+)?(?P<y>" + _Y + r")(?![0-9A-Za-z])")
_EN_Q_TRAIL = lazy_compile(r"(?P<y>" + _Y + r")[ \t]*(?P<q>Q[1-4]|H[12])(?![0-9A-Za-z])")
_EN_YEAR_PRE = lazy_compile(
    r"(?<![A-Za-z])(?P<pre>[Ii]n|[Bb]y|[Ss]ince|[Uu]ntil|[Tt]ill|[Tt]hrough|[Dd]uring|[Bb]efore|[Aa]fter"
    r"|[Ee]arly|[Ll]ate|[Mm]id-?|[Ee]nd of|[Ss]tart of|[Bb]eginning of|[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn"
    r"|[Ww]inter)[ \t]+$"
)
_EN_YEAR_AFTER = lazy_compile(r"(?![0-9]|[-/.][0-9]|[A-Za-z])")
_EN_PARTS = {
    "early": "EARLY",
    "late": "LATE",
    "mid": "MID",
    "end of": "LATE",
    "start of": "EARLY",
    "beginning of": "EARLY",
    "spring": "SPRING",
    "summer": "SUMMER",
    "fall": "AUTUMN",
    "autumn": "AUTUMN",
    "winter": "WINTER",
}

# relative (Chinese)
_REL_DAY = {
    "今日": 0,
    "今天": 0,
    "今晨": 0,
    "今早": 0,
    "今晚": 0,
    "今夜": 0,
    "本日": 0,
    "昨日": -1,
    "昨天": -1,
    "昨晚": -1,
    "昨夜": -1,
    "昨晨": -1,
    "前天": -2,
    "明日": 1,
    "明天": 1,
    "明晚": 1,
}
_RE_REL_DAY = lazy_compile(
    r"(?P<w>今日|今天|今晨|今早|今晚|今夜|本日|昨日|昨天|昨晚|昨夜|昨晨|前天|明日|明天|明晚)"
    rf"(?!{alternation('temporal', 'not-day-word')})"  # 今日头条, 明日方舟: names
)
_WEEK_WORD = {"本": 0, "这": 0, "這": 0, "上": -1, "下": 1}
_RE_REL_WEEK = lazy_compile(
    r"(?P<w>本|这|這|上|下)(?:一|个|個)?(?P<u>週|周|星期|禮拜|礼拜)(?P<wd>[一二三四五六日天])?"
    r"(?![年期边邊報报刊記记會会刊])"
)
_RE_REL_MONTH = lazy_compile(
    r"(?P<w>本月|这个月|這個月|上月|上个月|上個月|下月|下个月|下個月)"
    r"(?:(?P<d>"
    + _D
    + r")"
    + _SP
    + _DAYCH
    + r"|(?P<cd>"
    + _CND
    + r")"
    + _DAYCH
    + r"|(?P<mpart>上旬|中旬|下旬|初|底|末))?"
)
_YEAR_WORD = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}
_RE_REL_YEAR = lazy_compile(
    r"(?P<w>今年|去年|前年|明年)(?!轻|輕|份)"
    r"(?:" + _SP + r"(?:(?P<m>" + _M + r")" + _SP + r"月(?:份)?|(?P<cm>" + _CNM + r")月(?:份)?)"
    r"(?:"
    + _SP
    + r"(?:(?P<d>"
    + _D
    + r")"
    + _SP
    + _DAYCH
    + r"|(?P<cd>"
    + _CND
    + r")"
    + _DAYCH
    + r")|"
    + _MONTH_PART
    + r")?"
    r"|" + _SP + r"(?P<ypart>第?[一二三四1-4](?:季度|季)|Q[1-4]|上半年|下半年|前三季度?|年?初|年?底|年?末"
    r"|春季|夏季|秋季|冬季|春天|夏天|秋天|冬天|同期))?"
)
_RE_REL_COUNT = lazy_compile(
    r"(?<![第\d.])(?P<n>\d{1,3}|[一二两兩三四五六七八九十]{1,3}|半)"
    + _SP
    + r"(?P<u>天|周|週|星期|个星期|個星期|个月|個月|年)"
    + _SP
    + r"(?P<dir>以前|之前|以后|以後|之后|之後|前|后|後)(?![天日年])"
)
_CN_UNIT = {
    "天": "day",
    "周": "week",
    "週": "week",
    "星期": "week",
    "个星期": "week",
    "個星期": "week",
    "个月": "month",
    "個月": "month",
    "年": "year",
}
_BEFORE_NOT = {  # a character before a relative word that makes it part of another word
    "rel-day": "的之",
    "rel-month": "一二三四五六七八九十0123456789",
    "rel-year": "过過失前當当目",
}

# relative (English)
_RE_EN_DAY = lazy_compile(r"(?P<w>today|Today|yesterday|Yesterday|tomorrow|Tomorrow|tonight|Tonight)(?![A-Za-z])")
_EN_DAY = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
_EN_WD = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_RE_EN_REL = lazy_compile(
    r"(?P<w>this|This|last|Last|next|Next)[ \t]+(?P<u>week|month|year|" + _EN_WD + r")(?![A-Za-z])"
)
_RE_EN_AGO = lazy_compile(
    r"(?<![A-Za-z])(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)[ \t]+"
    r"(?P<u>day|week|month|year)s?[ \t]+ago(?![A-Za-z])"
)

EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ZH_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_UNIT_PRECISION = {"day": Precision.DAY, "week": Precision.WEEK, "month": Precision.MONTH, "year": Precision.YEAR}

# --- markers -----------------------------------------------------------------------------
# One pass over the text finds every place where a date may be. Every alternative starts
# with a literal character, so the engine jumps from candidate to candidate in C (a
# pattern that starts with a lookbehind or an optional part costs a step at every
# position: ten such patterns took ten seconds on the real corpus). What follows the
# marker decides which patterns are tried, and where.


def _by_first_character(alternatives: list[str]) -> str:
    """The alternation of `alternatives` (each led by one literal character, maybe escaped),
    grouped by that character in their order: at a position the engine then tries only the
    branches that start with its character (re does not build such a trie itself), and the
    first of them that matches is the one the flat alternation would take."""
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        n = 2 if alt.startswith("\\") else 1
        groups.setdefault(alt[:n], []).append(alt[n:])
    return "|".join(lead + (f"(?:{'|'.join(rest)})" if rest != [""] else "") for lead, rest in groups.items())


_HOT_MARKERS = [
    "天前",
    "天后",
    "天後",
    "周前",
    "周后",
    "周後",
    "週前",
    "週后",
    "週後",
    "期前",
    "期后",
    "期後",
    "月前",
    "月后",
    "月後",
    "年前",
    "年后",
    "年後",
    "天以",
    "天之",
    "周以",
    "周之",
    "週以",
    "週之",
    "期以",
    "期之",
    "月以",
    "月之",
    "年以",
    "年之",
    "前天",
    "前年",
    "年",
    "月",
    "19[0-9][0-9]",
    "20[0-9][0-9]",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
    "Q[1-4]",
    "H[12]",
    "FY",
    "今[日天晨早晚夜]",
    "昨[日天晚夜晨]",
    "明[日天晚]",
    "本日",
    "本[週周星礼禮]",
    "这[一个個]?[週周星礼禮]",
    "這[一个個]?[週周星礼禮]",
    "上[一个個]?[週周星礼禮]",
    "下[一个個]?[週周星礼禮]",
    "本月",
    "这个月",
    "這個月",
    "上[个個]?月",
    "下[个個]?月",
    "今年",
    "去年",
    "明年",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Tonight",
    "This ",
    "Last ",
    "Next ",
    "\\((?:週|周|星期)?[一二三四五六日天]\\)",
    "（(?:週|周|星期)?[一二三四五六日天]）",
]
_HOT = lazy_compile(_by_first_character(_HOT_MARKERS))
# lower-case English words are common letters: looked for only where a quick test finds them
_HOT_EN = lazy_compile(r"today|yesterday|tomorrow|tonight|this |last |next ")
_HOT_EN_WORDS = ("today", "yesterday", "tomorrow", "tonight", "this ", "last ", "next ")
_CN_NUMERALS = frozenset("〇零一二三四五六七八九十")
