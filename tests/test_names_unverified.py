"""name.unverified without the network: the KB horizon, link vouching and independent documents."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checker.extract.kb import KnowledgeBase, load_kb
from checker.extract.names.vouch import near_duplicate, url_names
from tests.fixtures import Case, run_case


def _case(text: str, path: str = "doc.md") -> Case:
    return Case(
        rule="name.unverified",
        name="horizon",
        documents=[{"path": path, "text": text}],
        archive=[],
        expect=[],
        today="2026-12-06",
        options={"unknown-families": True},  # the wide behaviour: any unknown name, offline
        online=False,
    )


def _kb_ending(horizon: dt.date | None) -> KnowledgeBase:
    """The bundled KB with its horizon set (the built KB ends where its data ends)."""
    bundled = load_kb()
    kb = KnowledgeBase(list(bundled), bundled.version)
    kb.horizon = horizon
    return kb


@pytest.fixture(scope="module")
def horizon_kb() -> KnowledgeBase:
    return _kb_ending(dt.date(2026, 6, 30))


def test_a_document_after_the_horizon_says_so_and_is_less_sure(tmp_path: Path, horizon_kb: KnowledgeBase) -> None:
    text = "---\ndate: 2026-08-01\n---\n\nSynapticTech 推出神經元處理器 NP-5。\n"
    report = run_case(_case(text), tmp_path, {"kb": horizon_kb})
    (f,) = [f for f in report.findings if f.rule == "name.unverified"]
    details = " ".join(e.detail for e in f.evidence)
    assert "the knowledge base ends at 2026-06-30" in details
    assert "checker kb update" in details and "--online" in details
    assert f.confidence is not None and f.confidence < 0.6


def test_a_document_before_the_horizon_keeps_its_confidence(tmp_path: Path, horizon_kb: KnowledgeBase) -> None:
    text = "---\ndate: 2026-05-01\n---\n\nSynapticTech 推出神經元處理器 NP-5。\n"
    report = run_case(_case(text), tmp_path, {"kb": horizon_kb})
    (f,) = [f for f in report.findings if f.rule == "name.unverified"]
    assert "ends at" not in " ".join(e.detail for e in f.evidence)
    assert f.confidence == 0.6


def test_a_kb_without_a_horizon_says_nothing_of_it(tmp_path: Path) -> None:
    text = "---\ndate: 2026-08-01\n---\n\nSynapticTech 推出神經元處理器 NP-5。\n"
    report = run_case(_case(text), tmp_path, {"kb": _kb_ending(None)})
    (f,) = [f for f in report.findings if f.rule == "name.unverified"]
    assert "ends at" not in " ".join(e.detail for e in f.evidence)


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://huggingface.co/org/Nova-7B-Instruct", "Nova-7B-Instruct"),
        ("https://huggingface.co/org/Nova-7B-Instruct", "Nova 7B"),
        ("https://github.com/org/nova-2", "Nova 2"),
        ("https://example.com/blog/nova-7b-instruct", "Nova-7B-Instruct"),
        ("https://example.com/news/introducing-qwen3-5", "Qwen3.5"),
        ("https://huggingface.co/LiquidAI/LFM25-Instruct", "LFM2.5"),
    ],
)
def test_urls_that_name_a_product(url: str, name: str) -> None:
    assert url_names(url, name)


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://arxiv.org/abs/2512.12345", "Nova 2512"),
        ("https://www.google.com/search?q=Nova-7B", "Nova-7B"),
        ("https://example.com/news/supernova-7b", "Nova-7B"),
        ("https://example.com/news/gpt-60", "GPT-6"),
        ("https://example.com/p/nova?name=nova-2", "Nova 2"),
        ("not a url", "Nova 2"),
    ],
)
def test_urls_that_do_not_name_it(url: str, name: str) -> None:
    assert not url_names(url, name)


def test_near_duplicates() -> None:
    a = "Hugging Face 今日發布全新開源模型 Hub-Vision-Pro，支援多模態影像基礎模型快速微調"
    assert near_duplicate(a, "例如：" + a + "。")
    assert not near_duplicate(a, "Hub-Vision-Pro 的評測結果出爐，推理速度比上一代快一倍。")


def test_the_summary_names_the_horizon_once(tmp_path: Path) -> None:
    """Terminal and HTML summaries say once that names past the KB's horizon went unchecked."""
    import subprocess
    import sys

    docs = tmp_path / "docs"
    docs.mkdir()

    def write(day_a: str, day_b: str) -> None:
        for name, day in (("a.md", day_a), ("b.md", day_b)):
            text = f"---\ndate: {day}\n---\n\nSynapticTech 推出神經元處理器 NP-5。\n"
            (docs / name).write_text(text, encoding="utf-8")

    write("2026-08-01", "2026-08-02")
    config = tmp_path / "checker.toml"  # the wide behaviour: any unknown name, offline
    config.write_text('[rules."name.unverified"]\nunknown-families = true\n', encoding="utf-8")
    base = [sys.executable, "-m", "checker", "check", str(docs), "--select", "name.unverified", "--color", "never"]
    base += ["--config", str(config)]
    out = subprocess.run(base, capture_output=True, text=True, check=False).stdout
    notes = [line for line in out.splitlines() if line.startswith("note: the knowledge base ends at")]
    assert len(notes) == 1 and "in 2 documents dated after it" in notes[0]
    page = tmp_path / "r.html"
    subprocess.run([*base, "--format", "html", "--output", str(page)], capture_output=True, check=False)
    assert page.read_text(encoding="utf-8").count('"notes":["the knowledge base ends at 2026-06-30') == 1
    write("2026-05-01", "2026-05-01")
    out = subprocess.run(base, capture_output=True, text=True, check=False).stdout
    assert "NP-5" in out and "note: the knowledge base ends at" not in out
