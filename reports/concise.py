"""`--format concise`: one line per finding, `path:line:col: severity rule message`.

For editors' quickfix lists (Vim's errorformat, Emacs compile mode) and CI problem matchers
(`docs/checker-problem-matcher.json`). Untrusted text is one line with controls escaped, and
no line starts with `::` (see checker/core/neutralise.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from checker.core.model import Finding
from checker.core.neutralise import line_start, visible
from checker.core.reporting import ReportSettings

if TYPE_CHECKING:
    from checker.core.engine import Report


def line(f: Finding) -> str:
    loc = f.location
    text = f"{f.path}:{loc.line}:{loc.column}: {f.severity.label} {f.rule} {f.message}"
    if f.suggestion:
        text += f" (suggestion: {f.suggestion})"
    return line_start(text)


def render(report: Report, stream: TextIO, settings: ReportSettings) -> None:
    shown = list(report.findings) + (list(report.suppressed) if settings.show_suppressed else [])
    for f in sorted(shown, key=Finding.sort_key):
        suffix = f"  [suppressed: {visible(f.suppressed_by)}]" if f.suppressed_by else ""
        stream.write(line(f) + suffix + "\n")
