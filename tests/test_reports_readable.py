"""Reports that read well everywhere (issue 13 item 6): carets without colour, snippets cut
by display width, hanging indents, line order in the viewer, plurals, rule docs links, HTML
escaped in Markdown, and a help text for every command-line option."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from checker.reports import get_renderer
from checker.reports.rule_docs import DOCS_BASE, DOCS_ENV, rule_docs_url, with_docs
from rich.cells import cell_len

from checker.cli import build_parser
from checker.core import registry
from checker.core.config import Config
from checker.core.engine import Engine, Report, RunOptions, load_inputs
from checker.core.model import Evidence, Hit, Severity, Span
from checker.core.reporting import ReportSettings
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.input.documents import Document
from checker.viewer.filters import grouped
from checker.viewer.report_io import load_report

from .clihelp import ROOT, run
from .report_fixture import render, write_report

# a long line of Chinese with the flagged phrase in its middle
LEFT = "今天多家公司发布了新的模型和工具，" * 6
PHRASE = "Orion-Flahs 旗舰模型"
RIGHT = "，开发者可以在官方网站下载试用，价格与上一代相同。" * 6


class Flag(DocumentRule):
    """Flags every match of `pattern` (demo)."""

    meta = RuleMeta("demo.flag", Severity.WARNING, "flags a pattern (demo)")
    pattern = re.escape(PHRASE)
    message = "flagged"
    evidence: tuple[Evidence, ...] = ()
    suggestion: str | None = None

    def check(self, doc: Document, ctx: RunContext) -> Iterable[Hit]:
        for m in re.finditer(self.pattern, doc.source.text):
            yield Hit(Span(m.start(), m.end()), self.message, evidence=self.evidence, suggestion=self.suggestion)


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, rule: DocumentRule) -> Report:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.md").write_text(text, encoding="utf-8")
    cfg = Config(root=tmp_path)
    docs, errors = load_inputs(["draft.md"], cfg)
    assert not errors
    return Engine(cfg, RunOptions(today=dt.date(2026, 1, 1)), rules=[rule]).run(docs)


def _terminal(report: Report, *, width: int, color: bool = False) -> str:
    out = io.StringIO()
    get_renderer("terminal")(report, out, ReportSettings(color=color, width=width))
    return out.getvalue()


def _snippet_and_carets(out: str) -> tuple[str, str]:
    lines = out.splitlines()
    i = next(k for k, line in enumerate(lines) if re.match(r"\s+\d+ │ ", line))
    return lines[i], lines[i + 1]


def test_carets_mark_a_span_after_wide_characters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = _run(tmp_path, monkeypatch, f"# 标题\n\n全角文字：{PHRASE}，结束。\n", Flag())
    snippet, carets = _snippet_and_carets(_terminal(report, width=80))
    assert snippet.endswith(f"全角文字：{PHRASE}，结束。")
    assert carets.startswith("       │ ")
    # the carets start under the phrase and are as wide as it, in cells (CJK counts 2)
    before = snippet[: snippet.index(PHRASE)]
    assert carets.index("^") == cell_len(before)
    assert carets.count("^") == cell_len(PHRASE) == len(PHRASE) + 4
    assert set(carets[carets.index("^") :]) == {"^"}


def test_a_flagged_cjk_phrase_gets_two_carets_a_character(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rule = Flag()
    rule.pattern = "旗舰模型"
    report = _run(tmp_path, monkeypatch, f"{PHRASE}\n", rule)
    snippet, carets = _snippet_and_carets(_terminal(report, width=80))
    assert carets.count("^") == 8
    assert carets.index("^") == cell_len(snippet[: snippet.index("旗舰模型")])


def test_with_colour_the_span_is_highlighted_and_no_carets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = _run(tmp_path, monkeypatch, f"前文 {PHRASE} 后文\n", Flag())
    out = _terminal(report, width=80, color=True)
    assert "^" not in out
    assert "\x1b[1;7m" + PHRASE in out  # reverse bold


def test_a_long_cjk_line_is_cut_at_80_columns_around_the_phrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _run(tmp_path, monkeypatch, f"# 标题\n\n{LEFT}{PHRASE}{RIGHT}\n", Flag())
    out = _terminal(report, width=80)
    for line in out.splitlines():
        assert cell_len(line) <= 80, line
    snippet, carets = _snippet_and_carets(out)
    text = snippet.split(" │ ", 1)[1]
    assert PHRASE in text
    # cut at both edges with an ellipsis, and what is shown is the line's own text
    assert text.startswith("…") and text.endswith("…")
    assert (LEFT + PHRASE + RIGHT).find(text[1:-1]) >= 0
    # centred: as much context on the left as on the right (within one wide character)
    left, right = text[1 : text.index(PHRASE)], text[text.index(PHRASE) + len(PHRASE) : -1]
    assert abs(cell_len(left) - cell_len(right)) <= 2
    assert cell_len(snippet) >= 78  # the width is used, not left empty
    assert carets.count("^") == cell_len(PHRASE)
    assert carets.index("^") == cell_len(snippet[: snippet.index(PHRASE)])


def test_a_span_near_the_start_gives_its_room_to_the_right(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = _run(tmp_path, monkeypatch, f"{PHRASE}{RIGHT}\n", Flag())
    snippet, _ = _snippet_and_carets(_terminal(report, width=80))
    text = snippet.split(" │ ", 1)[1]
    assert text.startswith(PHRASE) and text.endswith("…")
    assert 78 <= cell_len(snippet) <= 80


def test_a_span_wider_than_the_screen_shows_its_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rule = Flag()
    rule.pattern = re.escape(RIGHT)
    report = _run(tmp_path, monkeypatch, f"前文{RIGHT}\n", rule)
    snippet, carets = _snippet_and_carets(_terminal(report, width=60))
    assert cell_len(snippet) <= 60
    text = snippet.split(" │ ", 1)[1]
    assert text.startswith("前文，开发者") and text.endswith("…")
    assert carets.index("^") == cell_len(snippet[: snippet.index("，开发者")])
    assert cell_len(snippet) == cell_len(carets)


def test_evidence_and_suggestion_hang_under_their_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rule = Flag()
    rule.message = "a long message " * 8
    rule.suggestion = "Orion-Flash 旗舰模型"
    rule.evidence = (Evidence("knowledge-base", "a very long explanation of what was consulted " * 4),)
    report = _run(tmp_path, monkeypatch, f"前文 {PHRASE} 后文\n", rule)
    lines = _terminal(report, width=60).splitlines()
    assert all(cell_len(line) <= 60 for line in lines)
    ev = next(i for i, line in enumerate(lines) if line.startswith("         · knowledge-base: "))
    # the explanation continues under its own text, not at the left margin
    rest = [line for line in lines[ev + 1 :] if line.strip() and not re.match(r"^\S", line)][:3]
    assert len(rest) >= 3 and all(line.startswith(" " * 11) and line[11] != " " for line in rest)
    head = next(i for i, line in enumerate(lines) if "demo.flag" in line)
    # the message wraps indented too, under the evidence
    assert lines[head + 1].startswith(" " * 11 + "message a long") and lines[head + 1][11] != " "
    assert any(line.startswith("         ╰ suggestion: Orion-Flash") for line in lines)


def test_no_colour_from_the_environment_gives_carets() -> None:
    """NO_COLOR (set by tests/clihelp.run) and a pipe: carets under the span; --color always:
    the highlight instead."""
    args = ("check", "--today", "2026-01-01", "--select", "text", "tests/golden/input/notes.txt")
    plain = run(*args, cwd=ROOT)
    assert "^^^^" in plain.out and "\x1b[" not in plain.out
    coloured = run(*args, "--color", "always", cwd=ROOT)
    assert "\x1b[" in coloured.out and "^^^^" not in coloured.out


def test_counts_are_singular_for_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = _run(tmp_path, monkeypatch, f"{PHRASE}\n", Flag())
    assert "1 finding (0 error, 1 warning, 0 info) in 1 document\n" in _terminal(report, width=80)
    markdown = render(report, "markdown")
    assert "**1 finding** in 1 document:" in markdown
    assert "documents" not in markdown and "1 findings" not in markdown
    html = render(report, "html")
    assert "<title>checker report: 1 finding in 1 document</title>" in html
    assert "plural(active.length" in html  # the page's own summary line counts the same way


def test_the_viewer_lists_a_files_findings_in_line_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    saved = load_report(str(write_report(tmp_path)), lazy=True)  # no file read yet: no offsets
    for _, members in grouped(saved.findings, "file"):
        lines = [(f.location.line, f.location.column) for f in members]
        assert lines == sorted(lines)
    second = dict(grouped(saved.findings, "file"))["articles/2025-03-14-digest.md"]
    assert [f.rule for f in second] == ["demo.typo", "demo.residue"]  # line 8, then line 10
    # a severity group is in line order too
    for _, members in grouped(saved.findings, "severity"):
        keys = [(f.path, f.location.line) for f in members]
        assert keys == sorted(keys)


def test_the_static_view_is_in_line_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = write_report(tmp_path)
    # the file changed since: no offsets can be placed, the order must still follow the lines
    p = tmp_path / "articles/2025-03-14-digest.md"
    p.write_text(p.read_text(encoding="utf-8") + "\n追加一行。\n", encoding="utf-8")
    res = run("view", "--static", str(report), cwd=tmp_path)
    assert res.code == 0, res.err
    part = res.out.split("articles/2025-03-14-digest.md", 1)[1]
    assert part.index("demo.typo") < part.index("demo.residue")


def test_sarif_names_each_rules_docs_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = _run(tmp_path, monkeypatch, f"{PHRASE}\n", Flag())
    sarif = json.loads(render(report, "sarif"))
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert [r["helpUri"] for r in rules] == [DOCS_BASE + "demo.flag.md"]
    data = json.loads(render(report, "json"))
    assert [f["docs"] for f in data["findings"]] == [DOCS_BASE + "demo.flag.md"]
    monkeypatch.setenv(DOCS_ENV, "https://git.example.com/team/checker/-/blob/main/docs/rules")
    sarif = json.loads(render(report, "sarif"))
    uri = sarif["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"]
    assert uri == "https://git.example.com/team/checker/-/blob/main/docs/rules/demo.flag.md"


def test_with_docs_gives_each_finding_its_own_rules_page() -> None:
    # the URL is worked out once per rule: findings of several rules, repeated and interleaved,
    # suppressed ones too, each get their own rule's page (an odd id is quoted)
    rules = ["date.weekday", "date.future", "date.weekday", "x y", "date.future"]
    data = with_docs({"findings": [{"rule": r} for r in rules], "suppressed": [{"rule": "x y"}, {"rule": "name.typo"}]})
    assert [f["docs"] for f in data["findings"]] == [rule_docs_url(r) for r in rules]
    assert [f["docs"] for f in data["suppressed"]] == [DOCS_BASE + "x%20y.md", DOCS_BASE + "name.typo.md"]


def test_the_json_report_with_docs_still_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT.parent / "shared/contracts/report.schema.json").read_text(encoding="utf-8"))
    report = _run(tmp_path, monkeypatch, f"{PHRASE}\n", Flag())
    jsonschema.validate(json.loads(render(report, "json")), schema)


def test_every_rule_docs_url_points_at_a_page_in_the_repository() -> None:
    for rule in registry.all_rules():
        url = rule_docs_url(rule.meta.id)
        assert url.startswith(DOCS_BASE)
        assert (ROOT / "docs" / "rules" / url[len(DOCS_BASE) :]).is_file(), rule.meta.id


def test_markdown_escapes_html_from_messages_and_suggestions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rule = Flag()
    rule.message = "the entry's <details> never closes; <div class='x'> neither"
    rule.suggestion = "</details> | <div>"
    rule.evidence = (Evidence("structure", "<summary>raw</summary>"),)
    report = _run(tmp_path, monkeypatch, f"{PHRASE}\n", rule)
    out = render(report, "markdown")
    prose = re.sub(r"(`+).*?\1", "", out)
    assert not re.search(r"</?(details|div|summary)", prose)
    assert "&lt;details&gt;" in out and "&lt;div class='x'&gt;" in out
    row = next(line for line in out.splitlines() if "demo.flag" in line and "draft.md" in line)
    # a | in the suggestion stays inside its cell: 5 cells, 6 unescaped bars
    assert len(re.findall(r"(?<!\\)\|", row)) == 6


def _actions(parser: argparse.ArgumentParser, where: str) -> Iterable[tuple[str, argparse.Action]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _actions(sub, f"{where} {name}")
        elif not isinstance(action, (argparse._HelpAction, argparse._VersionAction)):
            yield where, action


def test_every_option_of_every_command_has_a_help_text() -> None:
    found = list(_actions(build_parser(), "checker"))
    assert any(where == "checker check" and "--fail-on" in a.option_strings for where, a in found)
    missing = [
        f"{where} {'/'.join(a.option_strings) or a.dest}"
        for where, a in found
        if not a.help or a.help == argparse.SUPPRESS or len(a.help) < 8
    ]
    assert not missing, missing


def test_check_help_names_every_option() -> None:
    res = run("check", "--help")
    assert res.code == 0
    for option in ("--fail-on", "--online", "--offline", "--config", "--select", "--ignore", "--color"):
        block = res.out.split(option, 1)[1][:400]
        assert re.search(r"[a-z]{4,}", block), option
    assert "Exit codes" in res.out and "NO_COLOR" in res.out


def test_window_edges_controls_and_clipped_lines() -> None:
    from checker.reports.snippet import window

    # a control character is shown as its escape and measured as such
    win = window("a\x1bb SPAN c", 4, 8, 40)
    assert (win.left, win.span, win.right) == ("a\\eb ", "SPAN", " c")
    assert win.caret_offset() == 5 and win.caret_width() == 4
    # a piece of a longer line (as the terminal reporter passes for huge lines) is marked cut
    win = window("ab SPAN cd", 3, 7, 40, more_left=True, more_right=True)
    assert win.cut_left and win.cut_right and win.left.endswith("ab ") and win.right.startswith(" cd")
    # an empty span is an insertion point, one caret wide
    win = window("前文后文", 2, 2, 40)
    assert win.span_shown == "⎀" and win.caret_offset() == 4 and win.caret_width() == 1
    # a wide character is never halved: 25 cells of budget around a 2-cell span
    win = window("中" * 100 + "X" + "中" * 100, 100, 101, 25)
    shown = "…" + win.left + win.span + win.right + "…"
    assert cell_len(shown) <= 25 and "X" in shown
