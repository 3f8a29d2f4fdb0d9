"""The position invariant: a finding's text is the file's text at its line/column span.

Lines are split the way editors split them (CRLF, LF, lone CR); columns count code points.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

_BREAK = re.compile(r"\r\n|\n|\r")


def text_at(path: Path, finding: dict[str, Any]) -> str:
    text = path.read_bytes().decode("utf-8")
    lines = _BREAK.split(text)
    breaks = _BREAK.findall(text)
    line, col, end_line, end_col = (finding[k] for k in ("line", "column", "end_line", "end_column"))
    if line == end_line:
        return lines[line - 1][col - 1 : end_col - 1]
    parts = [lines[line - 1][col - 1 :] + breaks[line - 1]]
    for k in range(line, end_line - 1):
        parts.append(lines[k] + breaks[k])
    parts.append(lines[end_line - 1][: end_col - 1])
    return "".join(parts)
