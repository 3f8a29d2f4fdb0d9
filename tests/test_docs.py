"""docs/rules/*.md are generated from the rule docstrings; stale pages fail here."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from checker.core import registry

ROOT = Path(__file__).resolve().parent.parent


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_rule_docs", ROOT / "scripts" / "gen_rule_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_rule_docs"] = module
    spec.loader.exec_module(module)
    return module


def test_rule_pages_are_current() -> None:
    gen = _generator()
    outdated = gen.stale(gen.render_all())
    assert not outdated, (
        f"stale rule docs: {', '.join(outdated)}; run `.venv/bin/python scripts/gen_rule_docs.py` and commit docs/rules"
    )


def test_every_rule_has_a_page_with_its_sections() -> None:
    gen = _generator()
    pages = gen.render_all()
    index = pages["README.md"]
    for rule in registry.all_rules():
        page = pages[f"{rule.meta.id}.md"]
        assert page.startswith(gen.HEADER)
        assert f"# {rule.meta.id}\n" in page
        assert f"default severity: **{rule.meta.severity.label}**" in page
        assert "## What it flags" in page and "## Suppressing" in page
        assert f"[{rule.meta.id}]({rule.meta.id}.md)" in index


def test_stale_detects_edits_and_orphans(tmp_path: Path) -> None:
    gen = _generator()
    pages = {"a.rule.md": gen.HEADER + "# a.rule\n", "README.md": gen.HEADER + "# Rules\n"}
    gen.write(pages, tmp_path)
    assert gen.stale(pages, tmp_path) == []
    (tmp_path / "a.rule.md").write_text(gen.HEADER + "# edited by hand\n", encoding="utf-8")
    (tmp_path / "gone.rule.md").write_text(gen.HEADER + "# gone\n", encoding="utf-8")
    (tmp_path / "hand-written.md").write_text("# not generated\n", encoding="utf-8")
    assert gen.stale(pages, tmp_path) == ["a.rule.md", "gone.rule.md"]
    gen.write(pages, tmp_path)
    assert not (tmp_path / "gone.rule.md").exists()
    assert (tmp_path / "hand-written.md").exists()
    assert gen.stale(pages, tmp_path) == []


def readme_rule_table() -> dict[str, str]:
    """The README's table of rules ("## What checker finds"): rule id -> default severity."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## What checker finds\n", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, str] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and cells[0].startswith("`") and cells[0].endswith("`"):
            rid = cells[0].strip("`")
            assert rid not in rows, f"README lists {rid} twice"
            rows[rid] = cells[1]
    return rows


def test_readme_table_lists_every_rule_with_its_default_severity() -> None:
    table = readme_rule_table()
    registered = {r.meta.id: r.meta.severity.label for r in registry.all_rules()}
    assert set(table) == set(registered), (
        f"README table: missing {sorted(set(registered) - set(table))}, unknown {sorted(set(table) - set(registered))}"
    )
    wrong = {rid: (table[rid], sev) for rid, sev in registered.items() if table[rid] != sev}
    assert not wrong, f"README severities differ from the rules' defaults (README, rule): {wrong}"


def readme_fix_column() -> dict[str, str]:
    """The README table's "fix" column (the third): rule id -> safe / unsafe / safe or unsafe / none."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## What checker finds\n", 1)[1].split("\n## ", 1)[0]
    header = next(line for line in section.splitlines() if line.startswith("| id |"))
    assert [c.strip() for c in header.strip().strip("|").split("|")][:3] == ["id", "default", "fix"]
    rows: dict[str, str] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = cells[2]
    return rows


def test_every_rule_declares_its_fix_safety_and_the_readme_says_the_same() -> None:
    from checker.core.fixes import FIX_SAFETY, declared_fix

    column = readme_fix_column()
    for rule in registry.all_rules():
        declared = declared_fix(rule.doc_section("Fix"))
        assert declared in FIX_SAFETY, f"{rule.meta.id}: its docstring needs a Fix section starting Safe/Unsafe/None"
        assert column.get(rule.meta.id) == declared, f"README fix column for {rule.meta.id}: {column.get(rule.meta.id)}"


def test_rule_pages_show_the_fix_section() -> None:
    gen = _generator()
    pages = gen.render_all()
    for rule in registry.all_rules():
        assert "\n## Fix\n" in pages[f"{rule.meta.id}.md"], rule.meta.id
