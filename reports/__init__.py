"""Reporters: one module each, all with `render(report, stream, settings)`."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from checker.core.engine import Report
    from checker.core.reporting import ReportSettings

# format name (`--format`) -> reporter module; the one list of formats
FORMATS: dict[str, str] = {
    "terminal": "terminal",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
    "markdown": "markdown",
    "html": "html",
    "concise": "concise",
}

Renderer = Callable[["Report", TextIO, "ReportSettings"], None]


def get_renderer(fmt: str) -> Renderer:
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt]}")
    render: Renderer = module.render
    return render
