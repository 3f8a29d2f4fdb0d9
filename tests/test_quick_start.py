"""Start-up: what a run imports, and the regex and lexicon stores kept between runs."""

from __future__ import annotations

import json
from pathlib import Path

from .clihelp import python_snippet as _python

HEAVY = (
    "textual",
    "requests",
    "urllib3",
    "dateparser",
    "checker.viewer",
    "checker.references.services",
    "pathspec",
    "rich",
)


def _check_then(draft: Path, tmp_path: Path, today: str, then: str, *extra: str) -> str:
    """Check `draft` in a fresh process (JSON report, one document), then run `then` there: the
    last line it prints."""
    report = tmp_path / "r.json"
    args = ["check", str(draft), "--today", today, "--format", "json", "--output", str(report), "--quiet", *extra]
    got = _python(f"import sys\nfrom checker.cli import main\nmain({args!r})\n{then}", tmp_path)
    assert got.returncode == 0, got.stderr
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["documents"] == 1
    return got.stdout.strip().splitlines()[-1]


def test_importing_the_cli_loads_no_viewer_network_or_dateparser(tmp_path: Path) -> None:
    got = _python(
        f"import sys, checker.cli; print([m for m in {HEAVY!r} if m in sys.modules])",
        tmp_path,
    )
    assert got.returncode == 0, got.stderr
    assert got.stdout.strip() == "[]"


def test_an_offline_check_loads_no_viewer_or_network(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("# OpenAI 发布 GPT-5\n\nOpenAI 于 2025年8月7日发布了 GPT-5。\n", encoding="utf-8")
    assert _check_then(draft, tmp_path, "2025-09-01", f"print([m for m in {HEAVY!r} if m in sys.modules])") == "[]"


def test_an_english_markdown_draft_loads_no_markdown_it_metadata_or_opencc_tables(tmp_path: Path) -> None:
    """pulldown-cmark reads such a draft alone, nothing in it asks for OpenCC's s2t table, and
    rapidfuzz loads only where two names or frames are compared (none are here), platformdirs
    only when CHECKER_CACHE_DIR does not name the cache folder."""
    draft = tmp_path / "draft.md"
    draft.write_text(
        "---\ntitle: AI weekly\ndate: 2026-12-01\n---\n# This week\n\n"
        "OpenAI released GPT-5 on August 7, 2025, and said it cut errors by 45%.\n",
        encoding="utf-8",
    )
    then = (
        "from checker.extract.conversion import table\n"
        "print([m for m in ('markdown_it', 'importlib.metadata', 'rapidfuzz', 'platformdirs') if m in sys.modules],"
        " 'default' in vars(table()))"
    )
    assert _check_then(draft, tmp_path, "2026-12-06", then, "--no-cache") == "[] False"


_WORDS = """
from checker.lexicon import words
print(sorted(words("mood", "plan", "forecast")))
"""


def test_stored_lexicon_spellings_equal_opencc_and_a_poisoned_store_is_ignored(tmp_path: Path) -> None:
    plain = _python(_WORDS, tmp_path / "off", CHECKER_LEXICON_CACHE="0")
    first = _python(_WORDS, tmp_path / "on")
    (path,) = (tmp_path / "on" / "lexicon").glob("*.json")
    second = _python(_WORDS, tmp_path / "on")
    assert plain.stdout == first.stdout == second.stdout and "预计" in plain.stdout and "預計" in plain.stdout
    data = json.loads(path.read_text(encoding="utf-8"))
    data["预计"] = ["坏"]  # a list without the word itself is not a spelling list: recomputed
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert _python(_WORDS, tmp_path / "on").stdout == plain.stdout


def test_a_draft_without_front_matter_loads_no_yaml(tmp_path: Path) -> None:
    """PyYAML (~0.02 s of a start) is loaded by the first front matter, not by every run."""
    draft = tmp_path / "draft.md"
    draft.write_text("# OpenAI 发布 GPT-5\n\nOpenAI 于 2025年8月7日发布了 GPT-5。\n", encoding="utf-8")
    assert _check_then(draft, tmp_path, "2025-09-01", "print('yaml' in sys.modules)", "--no-cache") == "False"
    with_front_matter = tmp_path / "fm.md"
    with_front_matter.write_text("---\ndate: 2025-02-30\n---\n# GPT-5\n\nOpenAI 发布了 GPT-5。\n", encoding="utf-8")
    assert (
        _check_then(with_front_matter, tmp_path, "2025-09-01", "print('yaml' in sys.modules)", "--no-cache") == "True"
    )


def test_a_markdown_draft_without_the_cache_loads_no_sqlite_or_html_parser(tmp_path: Path) -> None:
    """sqlite3 belongs to the cache of unchanged files, html.parser to HTML input."""
    draft = tmp_path / "draft.md"
    draft.write_text("# GPT-5\n\nOpenAI 于 2025年8月7日发布了 GPT-5。\n", encoding="utf-8")
    then = "print([m for m in ('sqlite3', 'html.parser', 'checker.core.resultcache') if m in sys.modules])"
    assert _check_then(draft, tmp_path, "2025-09-01", then, "--no-cache") == "[]"
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>OpenAI 发布了 GPT-5。</p></body></html>", encoding="utf-8")
    assert _check_then(page, tmp_path, "2025-09-01", "print('html.parser' in sys.modules)", "--no-cache") == "True"
