"""The command line as editors and CI use it (through a subprocess)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from .clihelp import ROOT, run
from .positions import text_at

RESIDUE = "# 標題\n\n好的，以下是整理後的文稿：\n\n正文內容。\n"


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    p = tmp_path / "draft.md"
    p.write_text(RESIDUE, encoding="utf-8")
    return p


def _json(*args: str, cwd: Path | None = None) -> dict:
    res = run("check", "--format", "json", "--today", "2026-01-01", *args, cwd=cwd)
    assert res.code in (0, 1), res.err
    return json.loads(res.out)


def test_examples_json_validates_against_the_shared_schema(shared: Path) -> None:
    schema = json.loads((shared / "contracts" / "report.schema.json").read_text(encoding="utf-8"))
    report = _json("--fail-on", "never", str(ROOT / "examples"))
    jsonschema.Draft202012Validator(schema).validate(report)
    assert report["summary"]["findings"] == len(report["findings"]) > 0
    for f in report["findings"]:
        assert text_at(Path(f["path"]), f) == f["text"]


def test_json_is_byte_identical_across_runs_but_elapsed() -> None:
    outs = []
    for _ in range(2):
        res = run("check", "--format", "json", "--today", "2026-01-01", "examples")
        outs.append(re.sub(r'"elapsed_s": [0-9.e-]+', '"elapsed_s": 0', res.out))
    assert outs[0] == outs[1]


def test_sarif_validates_and_carries_fingerprints(shared: Path) -> None:
    schema = json.loads((shared / "contracts" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    res = run("check", "--format", "sarif", "--today", "2026-01-01", "examples")
    sarif = json.loads(res.out)
    jsonschema.Draft7Validator(schema).validate(sarif)
    run0 = sarif["runs"][0]
    assert run0["columnKind"] == "unicodeCodePoints"
    ids = [r["id"] for r in run0["tool"]["driver"]["rules"]]
    assert "text.llm-residue" in ids and ids == sorted(ids)
    for rule in run0["tool"]["driver"]["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
    for result in run0["results"]:
        assert result["partialFingerprints"]["checkerFingerprint/v1"]
        assert ids[result["ruleIndex"]] == result["ruleId"]


def test_github_annotations(draft: Path) -> None:
    res = run("check", "--format", "github", str(draft))
    assert res.code == 1
    line = res.out.splitlines()[0]
    assert re.match(r"^::error file=.*draft\.md,line=3,endLine=3,col=1,endColumn=\d+,title=text\.llm-residue::", line)


def test_markdown_summary(draft: Path) -> None:
    res = run("check", "--format", "markdown", str(draft))
    assert "## checker report" in res.out and "`text.llm-residue`" in res.out


def test_terminal_shows_span_in_context_without_colour(draft: Path) -> None:
    res = run("check", str(draft))
    assert res.code == 1
    assert "\x1b[" not in res.out  # not a TTY: no colour
    assert "3:1" in res.out and "text.llm-residue" in res.out
    assert "好的，以下是整理後的文稿：" in res.out
    assert "1 finding (1 error, 0 warning, 0 info) in 1 document" in res.out


def test_colour_can_be_forced(draft: Path) -> None:
    res = run("check", "--color", "always", str(draft), env={"NO_COLOR": ""})
    assert "\x1b[" in res.out


@pytest.mark.parametrize(("fail_on", "code"), [("error", 1), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on(draft: Path, fail_on: str, code: int) -> None:
    assert run("check", "--fail-on", fail_on, str(draft)).code == code


def test_clean_file_exits_0(tmp_path: Path) -> None:
    p = tmp_path / "clean.md"
    p.write_text("# 標題\n\n正文內容。\n", encoding="utf-8")
    assert run("check", str(p)).code == 0


def test_select_and_ignore(draft: Path) -> None:
    assert run("check", "--ignore", "text", str(draft)).code == 0
    assert run("check", "--select", "markdown", str(draft)).code == 0
    assert run("check", "--select", "text.llm-residue", str(draft)).code == 1
    res = run("check", "--select", "nosuch.rule", str(draft))
    assert res.code == 2 and "nosuch.rule" in res.err


def test_output_file(draft: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    res = run("check", "--format", "json", "--output", str(out), str(draft))
    assert res.code == 1 and res.out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["findings"] == 1


def test_bad_today_is_a_usage_error(draft: Path) -> None:
    res = run("check", "--today", "2026-13-40", str(draft))
    assert res.code == 2 and "YYYY-MM-DD" in res.err


# --- configuration ----------------------------------------------------------------------------


def test_config_found_upward_and_applied(tmp_path: Path) -> None:
    (tmp_path / "checker.toml").write_text('[severity]\n"text.llm-residue" = "warning"\n', encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (sub / "d.md").write_text(RESIDUE, encoding="utf-8")
    report = _json("d.md", cwd=sub)
    assert report["findings"][0]["severity"] == "warning"
    assert report["run"]["config"].endswith("checker.toml")
    assert run("check", "d.md", cwd=sub).code == 0  # warnings do not fail by default


def test_pyproject_tool_checker_section(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.checker]\nignore = ["text"]\n', encoding="utf-8")
    (tmp_path / "d.md").write_text(RESIDUE, encoding="utf-8")
    assert run("check", "d.md", cwd=tmp_path).code == 0


@pytest.mark.parametrize(
    ("toml", "needle"),
    [
        ("colour = true\n", "colour"),
        ('select = ["nosuch"]\n', "select"),
        ('[severity]\n"nosuch.rule" = "error"\n', "severity.nosuch.rule"),
        ('[severity]\n"text.llm-residue" = "fatal"\n', "severity.text.llm-residue"),
        ('[rules."text.llm-residue"]\nedge-lines = "four"\n', "rules.text.llm-residue"),
        ('[rules."text.llm-residue"]\nno-such-option = 1\n', "no-such-option"),
        ("fail-on = 3\n", "fail-on"),
        ("this is not toml", "not valid TOML"),
    ],
)
def test_bad_config_exits_2_naming_file_and_key(tmp_path: Path, toml: str, needle: str) -> None:
    (tmp_path / "checker.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "d.md").write_text(RESIDUE, encoding="utf-8")
    res = run("check", "d.md", cwd=tmp_path)
    assert res.code == 2
    assert "checker.toml" in res.err and needle in res.err
    assert "Traceback" not in res.err


def test_per_file_ignores_and_rule_options(tmp_path: Path) -> None:
    (tmp_path / "checker.toml").write_text('[per-file-ignores]\n"drafts/**" = ["text.llm-residue"]\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d.md").write_text(RESIDUE, encoding="utf-8")
    (tmp_path / "p.md").write_text(RESIDUE, encoding="utf-8")
    report = _json(".", cwd=tmp_path)
    assert [Path(f["path"]).name for f in report["findings"]] == ["p.md"]


def test_explicit_config_flag(tmp_path: Path, draft: Path) -> None:
    cfg = tmp_path / "custom.toml"
    cfg.write_text('ignore = ["text.llm-residue"]\n', encoding="utf-8")
    assert run("check", "--config", str(cfg), str(draft)).code == 0
    res = run("check", "--config", str(tmp_path / "missing.toml"), str(draft))
    assert res.code == 2 and "missing.toml" in res.err


# --- suppressions and baselines -----------------------------------------------------------


def test_inline_ignore_on_the_line_before_and_at_the_end(tmp_path: Path) -> None:
    p = tmp_path / "d.md"
    p.write_text(
        "# 標題\n\n<!-- checker: ignore text.llm-residue -->\n好的，以下是整理後的文稿：\n\n正文。\n\n"
        "希望這個版本對您有幫助！ <!-- checker: ignore text -->\n",
        encoding="utf-8",
    )
    report = _json(str(p))
    assert report["findings"] == []
    assert report["summary"]["suppressed"] == 2
    assert {f["suppressed_by"] for f in report["suppressed"]} == {"inline"}


def test_inline_ignore_of_another_rule_does_not_suppress(tmp_path: Path) -> None:
    p = tmp_path / "d.md"
    p.write_text("<!-- checker: ignore markdown.broken -->\n好的，以下是整理後的文稿：\n", encoding="utf-8")
    assert len(_json(str(p))["findings"]) == 1


def test_disable_enable_region(tmp_path: Path) -> None:
    p = tmp_path / "d.md"
    p.write_text(
        "<!-- checker: disable text.llm-residue -->\n好的，以下是整理後的文稿：\n"
        "<!-- checker: enable text.llm-residue -->\n\n"
        "正文。\n\n希望這個版本對您有幫助！\n",
        encoding="utf-8",
    )
    report = _json(str(p))
    assert [f["line"] for f in report["findings"]] == [7]
    assert report["summary"]["suppressed"] == 1


def test_directive_inside_code_is_not_a_directive(tmp_path: Path) -> None:
    p = tmp_path / "d.md"
    p.write_text("```\n<!-- checker: disable all -->\n```\n\n好的，以下是整理後的文稿：\n", encoding="utf-8")
    assert len(_json(str(p))["findings"]) == 1


def test_baseline_round_trip(tmp_path: Path, draft: Path) -> None:
    base = tmp_path / "baseline.json"
    res = run("check", "--write-baseline", str(base), str(draft))
    assert res.code == 1 and base.exists()
    res = run("check", "--baseline", str(base), str(draft))
    assert res.code == 0
    report = _json("--baseline", str(base), str(draft))
    assert report["findings"] == [] and report["summary"]["suppressed"] == 1
    assert report["suppressed"][0]["suppressed_by"] == "baseline"
    # a new problem is still reported
    with draft.open("a", encoding="utf-8") as fh:
        fh.write("\n希望這個版本對您有幫助！\n")
    report = _json("--baseline", str(base), str(draft))
    assert len(report["findings"]) == 1 and report["findings"][0]["text"].startswith("希望")


def test_fingerprint_survives_unrelated_edits(tmp_path: Path, draft: Path) -> None:
    before = _json(str(draft))["findings"][0]["fingerprint"]
    draft.write_text("# 標題\n\n新增的一段導言。\n\n" + RESIDUE.split("\n", 2)[2], encoding="utf-8")
    after = _json(str(draft))["findings"][0]
    assert after["line"] == 5 and after["fingerprint"] == before


def test_bad_baseline_is_a_usage_error(tmp_path: Path, draft: Path) -> None:
    bad = tmp_path / "b.json"
    bad.write_text("[1, 2", encoding="utf-8")
    res = run("check", "--baseline", str(bad), str(draft))
    assert res.code == 2 and "b.json" in res.err


# --- rules and view -------------------------------------------------------------------------


def test_rules_lists_and_explains() -> None:
    res = run("rules")
    assert res.code == 0
    for rid in ("text.llm-residue", "text.script-mix", "markdown.broken"):
        assert rid in res.out
    res = run("rules", "text.llm-residue")
    for heading in ("What it flags", "Why it matters", "Flagged", "Passes", "Options", "Known limits"):
        assert heading in res.out
    assert run("rules", "no.such").code == 2


def test_view_renders_a_saved_report_with_filters(tmp_path: Path, draft: Path) -> None:
    out = tmp_path / "r.json"
    run("check", "--format", "json", "--output", str(out), str(draft))
    res = run("view", str(out), "--static")
    assert res.code == 0 and "好的，以下是整理後的文稿" in res.out
    res = run("view", str(out), "--static", "--rule", "markdown")
    assert "text.llm-residue" not in res.out
    draft.write_text("changed\n", encoding="utf-8")
    res = run("view", str(out), "--static")
    assert "changed since the report" in res.err
    assert run("view", str(tmp_path / "none.json")).code == 2


def test_python_dash_m_and_version() -> None:
    res = run("--version")
    assert res.code == 0 and res.out.startswith("checker ")


def test_broken_user_knowledge_base_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "checker.toml").write_text('knowledge-base = ["kb.toml"]\n', encoding="utf-8")
    (tmp_path / "kb.toml").write_text("schema = 1\n[[entry]]\nname = 3\n", encoding="utf-8")
    (tmp_path / "d.md").write_text(RESIDUE, encoding="utf-8")
    res = run("check", "d.md", cwd=tmp_path)
    assert res.code == 2 and "kb.toml" in res.err and "Traceback" not in res.err


def test_checker_log_debug_names_the_veto_that_silenced_a_candidate(tmp_path: Path) -> None:
    (tmp_path / "v.md").write_text("OpenAI and OpenAI and OpenI released.\n", encoding="utf-8")
    quiet = run("check", str(tmp_path / "v.md"), "--today", "2026-01-01", "-q")
    assert "silenced by veto" not in quiet.err
    res = run("check", str(tmp_path / "v.md"), "--today", "2026-01-01", "-q", env={"CHECKER_LOG": "debug"})
    assert "checker.names: name.typo: 'OpenI' for 'OpenAI' silenced by veto" in res.err


def test_also_output_writes_more_formats_from_one_run(draft: Path, tmp_path: Path) -> None:
    sarif, notes = tmp_path / "r.sarif", tmp_path / "annotations.txt"
    res = run(
        "check", "--format", "markdown", "--today", "2026-01-01", "--also-output", f"sarif={sarif}",
        "--also-output", f"github={notes}", str(draft),
    )  # fmt: skip
    assert res.code == 1, res.err
    alone = run("check", "--format", "github", "--today", "2026-01-01", str(draft))
    assert notes.read_text(encoding="utf-8") == alone.out and alone.out.startswith("::")
    rules = {r["ruleId"] for r in json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]}
    assert rules == {"text.llm-residue"}
    assert "text.llm-residue" in res.out  # the main report is still the Markdown one, on stdout


@pytest.mark.parametrize("value", ["sarif", "nosuch=x.txt", "json="])
def test_also_output_needs_a_known_format_and_a_file(draft: Path, value: str) -> None:
    res = run("check", "--also-output", value, str(draft))
    assert res.code == 2 and "FORMAT=FILE" in res.err


def test_also_output_never_overwrites_a_checked_file(draft: Path) -> None:
    res = run("check", "--also-output", f"json={draft}", str(draft))
    assert res.code == 2 and "refusing to write" in res.err
    assert draft.read_text(encoding="utf-8") == RESIDUE


def test_an_unwritable_also_output_stops_the_run_before_any_report(draft: Path, tmp_path: Path) -> None:
    main = tmp_path / "main.json"
    res = run("check", "--format", "json", "-o", str(main), "--also-output", f"sarif={tmp_path / 'nope' / 'x.sarif'}",
              str(draft))  # fmt: skip
    assert res.code == 2 and "no such folder" in res.err
    assert not main.exists() and res.out == ""
