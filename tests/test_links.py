"""Link extraction (every form, exact source spans) and the offline validity checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checker.core.config import Config
from checker.core.engine import load_inputs
from checker.extract.links import (
    LinkKind,
    arxiv_in_url,
    arxiv_problem,
    doi_in_url,
    extract_links,
    link_problem,
    search_query,
    trim_url,
    url_problem,
)
from checker.input.documents import Document


def _doc(tmp_path: Path, text: str, name: str = "a.md") -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    docs, errors = load_inputs([str(path)], Config(root=tmp_path))
    assert not errors
    return docs[0]


def test_every_form_with_exact_spans(tmp_path: Path) -> None:
    text = (
        "# Links\n\n"
        'See [the post](https://openai.com/index/gpt-5/ "GPT-5") and ![cover](https://cdn.x.org/a.png).\n'
        "Auto <https://pytorch.org/blog/> and bare https://github.com/triton-lang/triton, also www.reddit.com/r/ML.\n"
        "詳見https://arxiv.org/abs/2501.12948這篇，或 arXiv:1706.03762 與 doi:10.1038/s41586-021-03819-2。\n"
        '<a href="https://www.youtube.com/watch?v=NmCPbqlLjzo">video</a>\n\n'
        "[1]: https://huggingface.co/deepseek-ai/DeepSeek-R1\n"
    )
    doc = _doc(tmp_path, text)
    links = extract_links(doc)
    for link in links:
        assert doc.source.slice(link.span) == link.text
    got = [(link.form, link.text) for link in links]
    assert got == [
        ("markdown", "https://openai.com/index/gpt-5/"),
        ("image", "https://cdn.x.org/a.png"),
        ("autolink", "https://pytorch.org/blog/"),
        ("bare", "https://github.com/triton-lang/triton"),
        ("bare", "www.reddit.com/r/ML"),
        ("bare", "https://arxiv.org/abs/2501.12948"),
        ("arxiv", "1706.03762"),
        ("doi", "10.1038/s41586-021-03819-2"),
        ("html", "https://www.youtube.com/watch?v=NmCPbqlLjzo"),
        ("reference", "https://huggingface.co/deepseek-ai/DeepSeek-R1"),
    ]
    assert links[4].target == "http://www.reddit.com/r/ML"
    assert [link.kind for link in links[6:8]] == [LinkKind.ARXIV, LinkKind.DOI]
    assert links[0].label == "the post"


def test_code_comments_and_front_matter_are_not_read(tmp_path: Path) -> None:
    text = (
        "---\ncover: https://example.com/front.png\n---\n"
        "Run `curl https://example.com/inline` first.\n\n"
        "```\nhttps://example.com/block\n```\n\n"
        "<!-- https://example.com/comment -->\n"
        "Real: https://openai.com/\n"
    )
    assert [link.text for link in extract_links(_doc(tmp_path, text))] == ["https://openai.com/"]


def test_destinations_keep_balanced_parentheses_and_raw_cjk(tmp_path: Path) -> None:
    text = (
        "[Triton](https://en.wikipedia.org/wiki/Triton_(programming_language)) and "
        "[輝達](https://www.google.com/search?q=輝達+財報) and (see https://a.org/x).\n"
    )
    got = [link.text for link in extract_links(_doc(tmp_path, text))]
    assert got == [
        "https://en.wikipedia.org/wiki/Triton_(programming_language)",
        "https://www.google.com/search?q=輝達+財報",
        "https://a.org/x",
    ]


def test_markdown_link_with_spaces_in_its_address(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "| 1 | [標題](https://www.google.com/search?q=特斯拉FSD 完成1.3 萬公里環澳) |\n")
    (link,) = extract_links(doc)
    assert link.form == "markdown-spaced" and link.text.endswith("萬公里環澳")
    problem = link_problem(link)
    assert problem is not None and problem.category == "search-page"


def test_html_documents_read_href_and_src(tmp_path: Path) -> None:
    html = (
        '<html><head><script src="https://hypothes.is/embed.js"></script></head><body>'
        "<p>Read <a href='https://openai.com/x'>this</a> and https://pytorch.org/ now.</p>"
        '<img src="https://img.example.org/a.png"></body></html>'
    )
    doc = _doc(tmp_path, html, "page.html")
    got = [(link.form, link.text) for link in extract_links(doc)]
    assert got == [
        ("html", "https://openai.com/x"),
        ("bare", "https://pytorch.org/"),
        ("html", "https://img.example.org/a.png"),
    ]
    for link in extract_links(doc):
        assert doc.source.slice(link.span) == link.text


@pytest.mark.parametrize(
    ("raw", "trimmed"),
    [
        ("https://a.org/x.", "https://a.org/x"),
        ("https://a.org/x)", "https://a.org/x"),
        ("https://a.org/x_(y)", "https://a.org/x_(y)"),
        ("https://a.org/x**", "https://a.org/x"),
        ("https://a.org/x。", "https://a.org/x"),
        ("https://a.org/?q=1,", "https://a.org/?q=1"),
    ],
)
def test_trim(raw: str, trimmed: str) -> None:
    assert trim_url(raw) == trimmed


@pytest.mark.parametrize(
    ("url", "category"),
    [
        ("https://openai.com/index/gpt-5/", None),
        ("htps://openai.com/", "malformed"),
        ("http:/openai.com/", "malformed"),
        ("https://https://openai.com/", "malformed"),
        ("https://openai/blog", "malformed"),
        ("https://a..b.com/", "malformed"),
        ("https://openai.com:99999/", "malformed"),
        ("https://example.com/news", "placeholder"),
        ("https://www.example.org/", "placeholder"),
        ("https://news.test/", "placeholder"),
        ("https://your-domain.com/post", "placeholder"),
        ("https://x.com/a/status/1234567890", "placeholder"),
        ("https://www.ft.com/content/abcde123-4567-89ab-cdef-1234567890ab", "placeholder"),
        ("https://www.xiaohongshu.com/discovery/item/694b8bed000000000d034d47", None),
        ("https://x.com/dotey/status/1993547012370055259", None),
        ("http://localhost:3000/", "local"),
        ("http://10.0.0.8/wiki", "local"),
        ("https://www.google.com/search?q=OpenAI", "search-page"),
        ("https://www.google.com.hk/search?q=x", "search-page"),
        ("https://www.baidu.com/s?wd=AI", "search-page"),
        ("https://duckduckgo.com/?q=ai", "search-page"),
        ("https://www.google.com/maps/place/Taipei", None),
        ("https://vertexaisearch.cloud.google.com/grounding-api-redirect/AUZIYQ", "grounding-redirect"),
    ],
)
def test_url_problems(url: str, category: str | None) -> None:
    problem = url_problem(url)
    assert (problem.category if problem else None) == category


def test_search_query_is_decoded() -> None:
    assert search_query("https://www.google.com/search?q=%E8%BC%9D%E9%81%94+%E8%B2%A1%E5%A0%B1") == "輝達 財報"
    assert search_query("https://www.google.com/search?q=") == ""


@pytest.mark.parametrize(
    ("arxiv_id", "fragment"),
    [
        ("2501.12948", None),
        ("0704.0001", None),
        ("hep-th/9901001", None),
        ("hep-th/9901001v2", None),
        ("2513.01234", "month 13"),
        ("1412.12345", "four digits"),
        ("2403.1234", "five digits"),
        ("0612.1234", "April 2007"),
        ("2501.00000", "start at 1"),
        ("math/0813001", "month 13"),
    ],
)
def test_arxiv_ids(arxiv_id: str, fragment: str | None) -> None:
    problem = arxiv_problem(arxiv_id)
    assert (problem is None) == (fragment is None)
    if fragment:
        assert problem is not None and fragment in problem


def test_arxiv_id_after_the_article_date() -> None:
    problem = arxiv_problem("2511.01234", dt.date(2025, 9, 1))
    assert problem is not None and "after this article's date" in problem
    assert arxiv_problem("2509.01234", dt.date(2025, 9, 1)) is None


@pytest.mark.parametrize(
    ("url", "doi"),
    [
        ("https://doi.org/10.1038/s41586-021-03819-2", "10.1038/s41586-021-03819-2"),
        ("https://www.science.org/doi/10.1126/science.adw1291", "10.1126/science.adw1291"),
        ("https://royalsocietypublishing.org/doi/10.1098/rsif.2024.0674", "10.1098/rsif.2024.0674"),
        ("https://www.biorxiv.org/content/10.1101/2025.10.23.683759v1", "10.1101/2025.10.23.683759"),
        ("https://www.nature.com/articles/s41586-025-01234-5", "10.1038/s41586-025-01234-5"),
        ("https://openai.com/index/x/", None),
    ],
)
def test_doi_in_url(url: str, doi: str | None) -> None:
    assert doi_in_url(url) == doi


def test_arxiv_in_url() -> None:
    assert arxiv_in_url("https://arxiv.org/abs/2501.12948v2") == "2501.12948v2"
    assert arxiv_in_url("https://arxiv.org/pdf/2501.12948.pdf") == "2501.12948"
    assert arxiv_in_url("https://github.com/x/abs/1") is None


def test_real_corpus_search_pages_and_grounding_redirects(shared: Path) -> None:
    folder = shared / "corpus" / "real"
    lazy = folder / "lazyjerry__lazyjerry.github.io" / "2025" / "2025-09-06" / "2025-09-06 科技服務資訊週記_v1.md"
    sunzhi = folder / "SunZhi-Will__sunzhi-will.github.io" / "2025-12-24-011516" / "article.zh-TW.md"
    docs, errors = load_inputs([str(lazy), str(sunzhi)], Config())
    assert not errors
    categories: dict[str, int] = {}
    for doc in docs:
        for link in extract_links(doc):
            problem = link_problem(link, doc.published)
            if problem:
                categories[problem.category] = categories.get(problem.category, 0) + 1
    assert categories.get("search-page", 0) >= 10
    assert categories.get("grounding-redirect", 0) >= 1
    assert set(categories) <= {"search-page", "grounding-redirect"}
