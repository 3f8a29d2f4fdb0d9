"""text.damaged's reading: characters that show text was lost or mangled in extraction."""

from __future__ import annotations

import re

# C0 controls other than tab/LF/CR, DEL, C1 controls, and U+FFFD (an undecodable byte upstream)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
# Kangxi radicals and CJK radical supplements that PDF extraction puts in place of ideographs
RADICAL = re.compile(r"[\u2e80-\u2eff\u2f00-\u2fdf]")


def char_name(ch: str) -> str:
    if ch == "\x00":
        return "NUL"
    if ch == "\ufffd":
        return "U+FFFD"
    return f"U+{ord(ch):04X}"


def line_list(lines: list[int], most: int = 12) -> str:
    shown = ", ".join(str(n) for n in lines[:most])
    return shown + (f" and {len(lines) - most} more" if len(lines) > most else "")
