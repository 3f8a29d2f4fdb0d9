"""On real files with CRLF, NUL bytes, zero-width joiners, HTML and dated entries, every
finding's `text` equals the file's text at its line/column span, whatever rules run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .clihelp import run
from .positions import text_at

SAMPLES = [
    "corpus/seeds/000_0ca78439a81582af.txt",
    "corpus/seeds/003_ac231d0ff860caab.txt",
    "corpus/seeds/004_8b6096422b91fe77.txt",
    "corpus/real/dongyu19920904__Hextra-AI-Insight-Daily/2025-08/2025-08-19.md",  # CRLF
    "corpus/real/aitechdaily__aitechdaily.github.io/2025-09-03-daily-ai-news.md",  # NUL bytes
    "corpus/real/Rebornbugkiller__Hextra-AI-Insight-Daily/2025-08/2025-08-09.md",  # U+200D
    "corpus/real/redleafluan__ai_daily_report/daily_report_2026-01-26.html",  # HTML
    "corpus/real/SunZhi-Will__sunzhi-will.github.io/20251216-011650/article.zh-TW.md",
]


@pytest.mark.parametrize("rel", SAMPLES)
def test_finding_text_is_the_file_text_at_its_span(shared: Path, rel: str) -> None:
    path = shared / rel
    res = run("check", "--format", "json", "--today", "2026-11-23", "--fail-on", "never", str(path))
    assert res.code == 0, res.err
    report = json.loads(res.out)
    for f in report["findings"]:
        assert text_at(path, f) == f["text"], f


def test_dated_entries_become_documents(shared: Path) -> None:
    res = run("check", "--format", "json", "--today", "2026-11-23", "--fail-on", "never", str(shared / SAMPLES[1]))
    docs = json.loads(res.out)["documents"]
    assert len(docs) == 100
    assert docs[0]["id"].endswith("#600") and docs[0]["published"] == "2025-03-23"
    assert docs[0]["published_source"] == "entry-header"
    assert all(d["line_start"] <= d["line_end"] for d in docs)
    ids = [d["id"] for d in docs]
    assert len(set(ids)) == len(ids)
