"""`checker server`: positions in UTF-16, what a check reads (config, corpus, archive), and the
server driven by a real LSP client over stdio (tests/lsp_client.py)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")

from checker.core.model import Span
from checker.input.source import SourceFile
from checker.server.convert import rule_docs_url
from checker.server.positions import UTF8, UTF32, Position, position, span_range
from checker.server.session import Buffer, Session, SessionError

from .lsp_client import LspClient

TODAY = dt.date(2026, 1, 1)
DATED = "---\ntitle: 模型更新\ndate: 2025-12-01\n---\n# 模型更新\n\n"


# --- positions ------------------------------------------------------------------------------


def test_positions_count_utf16_code_units() -> None:
    text = "第一行\r\n🚀 新消息：Deepseek 𠀋字\rend"
    src = SourceFile("x.md", text)
    start = text.index("Deepseek")
    # 🚀 is two UTF-16 units, each Chinese character of the BMP one
    assert position(src, start) == Position(1, 7)
    assert position(src, start, UTF32) == Position(1, 6)
    assert position(src, start, UTF8) == Position(1, 4 + 1 + 12)
    ext_b = text.index("𠀋")
    assert span_range(src, Span(ext_b, ext_b + 2)) == (Position(1, 16), Position(1, 19))
    # a lone CR ends a line too, and an offset between CR and LF stays on its line
    assert position(src, text.index("end")) == Position(2, 0)
    assert position(src, text.index("\n")) == Position(0, 3)


def test_rule_docs_url() -> None:
    assert rule_docs_url("name.case").endswith("/docs/rules/name.case.md")
    assert rule_docs_url("name.case", "https://example.org/rules/") == "https://example.org/rules/name.case.md"


# --- what a check reads ---------------------------------------------------------------------


def _buffer(path: Path, text: str, language_id: str = "markdown") -> Buffer:
    return Buffer(path.as_uri(), path, text, language_id, 1)


def test_the_folders_articles_are_the_corpus_and_the_buffer_is_read_not_the_file(tmp_path: Path) -> None:
    for name, verb in (("a", "發布"), ("b", "更新"), ("c", "很好用")):
        (tmp_path / f"{name}.md").write_text(f"Kortexa-Zelvin 框架{verb}。\n", encoding="utf-8")
    target = tmp_path / "d.md"
    target.write_text("我們試用了 Kortexa-Zelvin 框架。\n", encoding="utf-8")  # on disk: right
    result = Session(today=TODAY).check(_buffer(target, "我們試用了 Kortexa-Zelvni 框架。\n"))
    typos = [f for f in result.findings if f.rule == "name.typo"]
    assert [(f.text, f.suggestion, f.path) for f in typos] == [("Kortexa-Zelvni", "Kortexa-Zelvin", "d.md")]
    assert any(e.path in ("a.md", "b.md", "c.md") and e.line == 1 for e in typos[0].evidence)
    # findings of the corpus files are not the buffer's
    assert {f.path for f in result.findings} == {"d.md"}


def test_an_open_buffer_replaces_its_file_in_the_corpus(tmp_path: Path) -> None:
    for name in "abc":
        (tmp_path / f"{name}.md").write_text("Kortexa-Zelvin 框架發布。\n", encoding="utf-8")
    target = tmp_path / "d.md"
    text = "我們試用了 Kortexa-Zelvni 框架。\n"
    session = Session(today=TODAY)
    assert any(f.rule == "name.typo" for f in session.check(_buffer(target, text)).findings)
    # the editor has the three others open with another name: the typo has nothing to be near
    others = {tmp_path / f"{n}.md": _buffer(tmp_path / f"{n}.md", "Quorvix 框架發布。\n") for n in "abc"}
    assert not any(f.rule == "name.typo" for f in session.check(_buffer(target, text), others).findings)


def test_the_nearest_config_of_the_files_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "checker.toml").write_text('ignore = ["date"]\n', encoding="utf-8")
    sub = tmp_path / "drafts"
    sub.mkdir()
    (sub / "checker.toml").write_text('ignore = ["name"]\n[severity]\n"date.undated" = "warning"\n', encoding="utf-8")
    text = "Deepseek 今天更新了模型。\n"
    session = Session(today=TODAY)
    top = session.check(_buffer(tmp_path / "a.md", text))
    assert [f.rule for f in top.findings] == ["name.case"]
    nested = session.check(_buffer(sub / "a.md", text))
    assert [(f.rule, f.severity.label) for f in nested.findings] == [("date.undated", "warning")]
    # an edited config is read again
    (sub / "checker.toml").write_text('select = ["name.case"]\n', encoding="utf-8")
    assert [f.rule for f in session.check(_buffer(sub / "a.md", text)).findings] == ["name.case"]


def test_config_exclude_and_archive(tmp_path: Path) -> None:
    (tmp_path / "checker.toml").write_text(
        'exclude = ["drafts/**"]\narchive = ["published"]\nselect = ["name.typo"]\n', encoding="utf-8"
    )
    (tmp_path / "published").mkdir()
    for n in range(3):
        (tmp_path / "published" / f"{n}.md").write_text("Kortexa-Zelvin 框架發布。\n", encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    text = "我們試用了 Kortexa-Zelvni 框架。\n"
    session = Session(today=TODAY)
    excluded = session.check(_buffer(tmp_path / "drafts" / "a.md", text))
    assert excluded.excluded and excluded.findings == []
    found = session.check(_buffer(tmp_path / "new.md", text))
    assert [f.suggestion for f in found.findings] == ["Kortexa-Zelvin"]
    assert any(e.path and e.path.startswith("published") for e in found.findings[0].evidence)


def test_a_broken_config_is_a_session_error(tmp_path: Path) -> None:
    (tmp_path / "checker.toml").write_text("colour = 1\n", encoding="utf-8")
    with pytest.raises(SessionError, match="colour"):
        Session(today=TODAY).check(_buffer(tmp_path / "a.md", "text\n"))


def test_languages_other_than_articles_are_not_checked(tmp_path: Path) -> None:
    result = Session(today=TODAY).check(_buffer(tmp_path / "x.py", "Deepseek = 1\n", "python"))
    assert result.source is None and result.findings == []
    # an untitled Markdown buffer is checked by its languageId
    untitled = Buffer("untitled:Untitled-1", None, DATED + "Deepseek 更新了模型。\n", "markdown", 1)
    assert [f.rule for f in Session(today=TODAY, default_root=tmp_path).check(untitled).findings] == ["name.case"]


# --- the server over stdio ------------------------------------------------------------------


def _open(client: LspClient, uri: str, text: str, language_id: str = "markdown", version: int = 1) -> None:
    doc = {"uri": uri, "languageId": language_id, "version": version, "text": text}
    client.notify("textDocument/didOpen", {"textDocument": doc})


def _diagnostics(client: LspClient, uri: str, version: int) -> list[dict[str, Any]]:
    params = client.wait_for(
        "textDocument/publishDiagnostics", lambda p: p["uri"] == uri and p.get("version") == version, timeout=120
    )
    diags: list[dict[str, Any]] = params["diagnostics"]
    return diags


def _apply(text: str, edit: dict[str, Any]) -> str:
    """Apply one LSP TextEdit (UTF-16 positions) to `text`."""
    src = SourceFile("x", text)

    def offset(pos: dict[str, int]) -> int:
        start = src.line_starts[pos["line"]]
        line = text[start : src.line_ends[pos["line"]]]
        units = 0
        for k, ch in enumerate(line):
            if units >= pos["character"]:
                return start + k
            units += 2 if ord(ch) > 0xFFFF else 1
        return start + len(line)

    a, b = offset(edit["range"]["start"]), offset(edit["range"]["end"])
    return text[:a] + edit["newText"] + text[b:]


def test_server_over_stdio(tmp_path: Path) -> None:
    (tmp_path / "checker.toml").write_text('select = ["name", "date"]\n', encoding="utf-8")
    for name in "abc":
        (tmp_path / f"{name}.md").write_text(DATED + "Kortexa-Zelvin 框架發布。\n", encoding="utf-8")
    client = LspClient(tmp_path)
    try:
        init = client.initialize(tmp_path, {"today": "2026-01-01", "debounce": 0.05})
        caps = init["capabilities"]
        assert caps["positionEncoding"] == "utf-16"
        assert caps["textDocumentSync"]["change"] == 1 and caps["textDocumentSync"]["openClose"]
        assert "quickfix" in caps["codeActionProvider"]["codeActionKinds"]

        uri = (tmp_path / "d.md").as_uri()
        text = DATED + "🚀 新消息：Deepseek 更新了模型。\n\n我們試用了 Kortexa-Zelvni 框架。\n"
        _open(client, uri, text)
        diags = {d["code"]: d for d in _diagnostics(client, uri, 1)}
        assert set(diags) == {"name.case", "name.typo"}
        case = diags["name.case"]
        # line 7 of the file; 🚀 counts two UTF-16 units: the name starts at character 7
        assert case["range"] == {"start": {"line": 6, "character": 7}, "end": {"line": 6, "character": 15}}
        assert case["severity"] == 3 and case["source"] == "checker"
        assert "DeepSeek" in case["message"]
        assert case["codeDescription"]["href"].endswith("name.case.md")
        typo = diags["name.typo"]
        assert typo["severity"] == 2 and "Kortexa-Zelvin" in typo["message"]
        assert typo["range"]["start"] == {"line": 8, "character": 6}
        related = typo["relatedInformation"]
        assert {r["location"]["uri"] for r in related} <= {(tmp_path / f"{n}.md").as_uri() for n in "abc"}
        assert related and related[0]["location"]["range"]["start"]["line"] == 6

        actions = client.request(
            "textDocument/codeAction",
            {"textDocument": {"uri": uri}, "range": case["range"], "context": {"diagnostics": [case]}},
        )
        fix = next(a for a in actions if a.get("isPreferred"))
        assert fix["kind"] == "quickfix" and fix["diagnostics"][0]["code"] == "name.case"
        doc_edit = fix["edit"]["documentChanges"][0]
        assert doc_edit["textDocument"] == {"uri": uri, "version": 1}
        fixed = _apply(text, doc_edit["edits"][0])
        assert fixed == text.replace("Deepseek", "DeepSeek")
        ignore = next(a for a in actions if "ignore" in a["title"])
        suppressed = _apply(text, ignore["edit"]["documentChanges"][0]["edits"][0])
        assert "模型。 <!-- checker: ignore name.case -->\n" in suppressed

        # typing: several quick changes, one check of the last text
        for version, body in ((2, fixed), (3, fixed + "x"), (4, suppressed.replace("Zelvni", "Zelvin"))):
            client.notify(
                "textDocument/didChange",
                {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": body}]},
            )
        assert _diagnostics(client, uri, 4) == []  # suppressed by the comment, the typo corrected
        # saving checks again (same version, same answer)
        client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        assert _diagnostics(client, uri, 4) == []

        # plain text and HTML by languageId / extension; other languages are left alone
        txt = (tmp_path / "e.txt").as_uri()
        _open(client, txt, "2025年12月1日\n\nOpenai 發布了新模型。\n", "plaintext")
        assert [d["code"] for d in _diagnostics(client, txt, 1)] == ["name.case"]
        html = (tmp_path / "f.html").as_uri()
        _open(client, html, "<html><body><h1>2025年12月1日</h1><p>Openai 發布了新模型。</p></body></html>\n", "html")
        assert [d["code"] for d in _diagnostics(client, html, 1)] == ["name.case"]
        py = (tmp_path / "g.py").as_uri()
        _open(client, py, "Openai = 1\n", "python")
        assert _diagnostics(client, py, 1) == []

        client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        assert client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)["diagnostics"] == []
    finally:
        code = client.close()
    assert code == 0


def test_server_reports_a_broken_config(tmp_path: Path) -> None:
    (tmp_path / "checker.toml").write_text("colour = 1\n", encoding="utf-8")
    client = LspClient(tmp_path)
    try:
        client.send_body(b"{not json")  # a broken frame is reported, the server carries on
        client.initialize(tmp_path, {"today": "2026-01-01"})
        uri = (tmp_path / "a.md").as_uri()
        _open(client, uri, "Deepseek 更新了模型。\n")
        shown = client.wait_for("window/showMessage", lambda p: "colour" in p["message"], timeout=120)
        assert shown["type"] == 1 and "checker.toml" in shown["message"]
        [diag] = _diagnostics(client, uri, 1)
        assert "colour" in diag["message"] and diag["severity"] == 1
    finally:
        code = client.close()
    assert code == 0
    assert b"Traceback" not in client.stderr


def test_server_without_pygls_says_how_to_install_it() -> None:
    script = "import sys; sys.modules['pygls'] = None; from checker.cli import main; sys.exit(main(['server']))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "pip install 'checker[server]'" in done.stderr
    assert done.stdout == ""
