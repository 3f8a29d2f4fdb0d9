"""`--format github`: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from checker.core.neutralise import visible
from checker.core.reporting import ReportSettings

if TYPE_CHECKING:
    from checker.core.engine import Report

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(value: str) -> str:
    # line breaks as the runner's own escapes; every other control character (ESC from an
    # article would colour or rewrite the log) as a visible escape
    return visible(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_prop(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, stream: TextIO, settings: ReportSettings) -> None:
    for f in report.findings:
        loc = f.location
        props = (
            f"file={_escape_prop(f.path)},line={loc.line},endLine={loc.end_line},"
            f"col={loc.column},endColumn={loc.end_column},title={_escape_prop(f.rule)}"
        )
        message = f.message
        if f.suggestion:
            message += f" (suggestion: {f.suggestion})"
        stream.write(f"::{_LEVEL[f.severity.label]} {props}::{_escape_data(message)}\n")
