"""Article text and file names are untrusted: no output format may pass them raw to its sink.

A demo rule quotes the flagged line (as name and residue rules quote names and phrases) and
puts it in its message, suggestion and evidence; the article carries the payloads of terminal
escapes, GitHub workflow commands, HTML and @mentions, and its file name holds them too.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from checker.reports import FORMATS, get_renderer

from checker.core.config import Config
from checker.core.engine import Engine, Report, RunOptions, load_inputs
from checker.core.model import Evidence, Hit, Severity, Span
from checker.core.neutralise import line_start, markdown_code, markdown_text, visible
from checker.core.reporting import ReportSettings
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.input.documents import Document

PAYLOADS = (
    "::error file=README.md,line=1::pwned",
    "::add-mask::secret",
    "clear \x1b[2J screen",
    "title \x1b]0;owned\x07 set",
    "link \x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\",
    "<img src=x onerror=alert(1)> <details>",
    "ping @octocat and @github/security",
)


class Quote(DocumentRule):
    """Quotes every line that holds the word PAYLOAD (demo)."""

    meta = RuleMeta("demo.quote", Severity.ERROR, "quotes a line (demo)")

    def check(self, doc: Document, ctx: RunContext) -> Iterable[Hit]:
        for m in re.finditer(r"PAYLOAD (.*)", doc.source.text):
            line = m.group(1)
            yield Hit(
                Span(m.start(), m.end()),
                f"quoted:\n{line}",
                evidence=(Evidence("mention", f"the line was:\n{line}", url="https://x.example/?q=%0A::error::x"),),
                suggestion=f"\n{line}",
            )


def _report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    monkeypatch.chdir(tmp_path)
    name = "draft\n::error file=a,line=1::name\x1b[31m.md"
    (tmp_path / name).write_text("".join(f"PAYLOAD {p}\n" for p in PAYLOADS), encoding="utf-8")
    cfg = Config(root=tmp_path)
    docs, errors = load_inputs([name], cfg)
    assert not errors
    return Engine(cfg, RunOptions(today=dt.date(2026, 1, 1)), rules=[Quote()]).run(docs)


def _render(report: Report, fmt: str, color: bool) -> str:
    out = io.StringIO()
    get_renderer(fmt)(report, out, ReportSettings(color=color))
    return out.getvalue()


@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "html"])
def test_no_payload_reaches_a_sink_raw(fmt: str, color: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = _report(tmp_path, monkeypatch)
    assert len(report.findings) == len(PAYLOADS)
    out = _render(report, fmt, color)
    # the text we printed ourselves may hold ESC for colours; none may come from the article
    for bad in ("\x1b[2J", "\x1b]0;", "\x1b]8;;https://evil", "\x07"):
        assert bad not in out, (fmt, bad)
    for line in out.splitlines():
        if fmt == "github":
            # one annotation a line: an article's line break is %0A inside it, never a new command
            assert line.startswith(("::error ", "::warning ", "::notice ")), line
        else:
            assert not line.lstrip().startswith("::"), (fmt, line)
    if fmt == "markdown":
        # inside code spans nothing renders and nobody is mentioned; outside, nothing raw
        prose = re.sub(r"(`+).*?\1", "", out)
        assert "<img" not in prose and "<details>" not in prose
        assert "@octocat" not in prose and "@github" not in prose
    if fmt in ("json", "sarif"):
        json.loads(out)  # escaped by the JSON encoder, and still valid


def test_neutralisers() -> None:
    assert visible("a\x1b[2Jb\nc\u202ed") == "a\\e[2Jb\\nc\\u202ed"
    assert line_start("  ::error::x") == "  \\::error::x"
    assert line_start("a::b") == "a::b"
    assert markdown_text("<b>@me</b> | x") == "&lt;b&gt;@\u2060me&lt;/b&gt; \\| x"
    assert markdown_code("a`b") == "``a`b``"
    assert markdown_code("`x") == "`` `x ``"
