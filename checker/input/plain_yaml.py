"""The common front matter (`key: text` and `key: 2026-12-01` lines) read without PyYAML.

Importing PyYAML and building its loader costs ~15 ms of CPU (its reader compiles a regex over
every non-printable code point at import), 5 % of a one-draft run. Most drafts' front matter is a
few lines of a key and plain text or an ISO date. This reader accepts only lines whose value PyYAML
would surely read the same way (a string that cannot be taken for another type, a valid ISO date, a
plain decimal integer) and declines (None) everything else, which then goes through PyYAML as
before. Hand-written: no
YAML library reads a subset without importing itself; tests/test_plain_yaml.py compares the two.
"""

from __future__ import annotations

import datetime as dt
import re

from checker.text.lazy_regex import lazy_compile

# a key PyYAML reads as the same string: a letter or "_" first (not a number), then word characters
_LINE = lazy_compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?")
_ISO_DAY = lazy_compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# a timestamp in its common full form, "2025-09-01T09:36:13+08:00" (PyYAML: an aware datetime)
_ISO_TIME = lazy_compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(Z|([-+])([0-9]{2}):([0-9]{2}))?"
)
# a flow list of double-quoted texts without quotes or escapes: ["AI", "每日日報"]
_QUOTED = r'"[^"\'\\]*"'
_FLOW_LIST = lazy_compile(rf"\[ *{_QUOTED}(?: *, *{_QUOTED})* *\]")
_ITEM = lazy_compile(r'"([^"]*)"')
# a plain value may not start with one of these (YAML's indicators, and a space)
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@` ")
# PyYAML's implicit resolvers for a plain value that opens with a digit, "." or "+" (float, int,
# timestamp; yaml/resolver.py, YAML 1.1), as written there: a value none of them matches is a
# string ("06-01-Daily", "2025-08-01 08:00:00 +0800"); a plain decimal is an int ("weight: 30")
_NUMERIC_FIRST = frozenset("0123456789.+")
_YAML_FLOAT = lazy_compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_YAML_INT = lazy_compile(
    r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0[0-7_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+
    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""",
    re.X,
)
_YAML_TIMESTAMP = lazy_compile(
    r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
     (?:[Tt]|[ \t]+)[0-9][0-9]?
     :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
    re.X,
)
_BOOLS = {w: True for w in ("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON")} | {
    w: False for w in ("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF")
}
_DECIMAL = lazy_compile(r"0|[1-9][0-9]{0,17}")  # an int PyYAML builds with int(value)
# plain words PyYAML's resolver reads as a bool or null (YAML 1.1), folded; keys and values alike
_RESOLVED_WORDS = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n"})


def read_plain(raw: str) -> dict[str, object] | None:
    """The mapping PyYAML's safe loader would give for `raw`, or None when unsure."""
    if not raw or "\r" in raw or "\t" in raw:
        return None
    data: dict[str, object] = {}
    for line in raw.split("\n"):
        if not line:
            continue
        m = _LINE.fullmatch(line)
        if m is None or m.end(1) > 128:  # YAML limits a simple key to 1024 characters
            return None
        key, value = m.group(1), (m.group(2) or "").rstrip(" ")
        if key.casefold() in _RESOLVED_WORDS:
            return None
        read = _value(value)
        if read is None:
            return None
        data[key] = read
    return data or None


def _value(value: str) -> object | None:
    if _ISO_DAY.fullmatch(value):
        try:
            return dt.date(int(value[:4]), int(value[5:7]), int(value[8:]))
        except ValueError:
            return None  # PyYAML's loader records it as a bad value
    if not value or not value.isprintable():
        return None  # PyYAML refuses some characters that Python prints, never one that it does not
    if _ISO_TIME.fullmatch(value):
        return _timestamp(value)
    if value[0] == "[" and _FLOW_LIST.fullmatch(value):
        return _ITEM.findall(value)
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'" and not any(q in value[1:-1] for q in "\"'\\"):
        return value[1:-1]  # quoted on one line, without escapes or quotes inside: the text itself
    # no ":" or "#" anywhere (a nested mapping, a comment), no indicator first (- ? : [ { # & * ! | > ' " % @ `);
    # a ":" inside a numeric-looking value ("2025-08-01 08:00:00 +0800") is text when no space
    # follows it, and goes to the resolvers below
    if "#" in value or value[0] in _INDICATORS:
        return None
    if ":" in value and (value[0] not in _NUMERIC_FIRST or ": " in value or value[-1] == ":"):
        return None
    flag = _BOOLS.get(value)
    if flag is not None:  # "breadcrumbs: false" (PyYAML's bool spellings, exactly)
        return flag
    # a letter first: no number, date, merge or null; or a character past ASCII anywhere: PyYAML's
    # implicit types (numbers, dates, bools, null) are all spelled in ASCII
    if value[0].isalpha() and value.casefold() not in _RESOLVED_WORDS:
        return value
    if not value.isascii():
        return value
    if value[0] in _NUMERIC_FIRST:  # half the real corpus's front matter: "weight: 30", "06-01-Daily"
        if _DECIMAL.fullmatch(value):
            return int(value)
        if not (_YAML_INT.match(value) or _YAML_FLOAT.match(value) or _YAML_TIMESTAMP.match(value)):
            return value
    return None


def _timestamp(value: str) -> dt.datetime | None:
    """PyYAML's construct_yaml_timestamp for the full form; None for an impossible one (PyYAML's
    loader records it as a bad value)."""
    m = _ISO_TIME.fullmatch(value)
    if m is None:  # pragma: no cover - the caller matched it
        return None
    tz: dt.tzinfo | None = None
    try:
        if m.group(8):
            delta = dt.timedelta(hours=int(m.group(9)), minutes=int(m.group(10)))
            tz = dt.timezone(-delta if m.group(8) == "-" else delta)  # ValueError past 24 hours
        elif m.group(7):
            tz = dt.UTC
        y, mo, d, h, mi, sec = (int(g) for g in m.group(1, 2, 3, 4, 5, 6))
        return dt.datetime(y, mo, d, h, mi, sec, tzinfo=tz)
    except ValueError:
        return None
