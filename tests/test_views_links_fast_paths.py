"""Fast paths of the reader views (kept per file), URL splitting and launch candidates: each
gives what the plain path gives, on random inputs."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path
from urllib.parse import SplitResult, urlsplit

import pytest

from checker.core.config import Config
from checker.core.engine import Engine, RunOptions
from checker.core.runner import check_paths
from checker.extract.url_split import split_url
from checker.text import view
from checker.text.view import reader_view, views_kept
from tests.fixtures import interpreted_only

_URL_ALPHABET = "aZz09.-/?#:@[]%\t\n \x00é_~=&"
_VIEW_ALPHABET = "ab Z9.-/*_`[]()!<>@#&:w。字\n"


def _outcome(url: str, split: Callable[[str], SplitResult] = split_url) -> tuple[object, ...]:
    """`split`'s answer to `url` (or its error), with the host and port read from it."""
    try:
        parts = split(url)
    except ValueError as exc:
        return ("error", str(exc))
    try:
        port: object = parts.port
    except ValueError as exc:
        port = ("error", str(exc))
    return (parts, parts.hostname, port)


def _reference(url: str) -> tuple[object, ...]:
    return _outcome(url, urlsplit)


def test_split_url_is_urlsplit_on_random_urls() -> None:
    rng = random.Random(17)
    fast = 0
    for _ in range(20000):
        head = rng.choice(["http://", "https://", "HTTP://", "HTTPS://", "Https://", "ftp://", "http:/", ""])
        url = head + "".join(rng.choice(_URL_ALPHABET) for _ in range(rng.randint(0, 30)))
        assert _outcome(url) == _reference(url), url
        fast += url.startswith(("http://", "https://"))
    assert fast > 1000  # the plain shape was tried often


def test_split_url_plain_addresses() -> None:
    for url in (
        "https://Example.COM/a/b?q=1&r=2#frag",
        "http://site3.example.org/42",
        "https://a.b-c.d",
        "https://a.b?x#y?z",
        "https://host.com#frag?not-a-query",
        "https://host.com/path\twith-tab",
        "https://host.com:8080/p",
        "https://user@host.com/p",
    ):
        assert _outcome(url) == _reference(url), url


def test_views_kept_give_the_same_views_and_release_them() -> None:
    rng = random.Random(3)
    texts = ["".join(rng.choice(_VIEW_ALPHABET) for _ in range(rng.randint(0, 40))) for _ in range(500)]
    texts += ["[Item 1](https://site1.example.org/1)", "see `code` and **bold** <br> a@b.com docs/x.md"]
    plain = [view._compute_view(t) for t in texts]
    with views_kept() as store:
        kept = [reader_view(t) for t in texts]
        again = [reader_view(t) for t in texts]
        assert set(store) == set(texts)
        with views_kept() as inner:  # nested: one store, the outer's
            assert inner is store
    assert kept == plain
    assert all(a is b for a, b in zip(kept, again, strict=True))  # computed once inside the block
    assert view._kept is None  # released with the block
    assert [reader_view(t) for t in texts] == plain  # outside: the LRU path, same views


@interpreted_only("checker.text.view")
def test_a_file_of_more_segments_than_the_lru_computes_each_view_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [f"- [Item {i}](https://site{i % 7}.example.org/{i})" for i in range(3000)]
    path = tmp_path / "links.md"
    path.write_text("# T\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    computed: list[str] = []
    real = view._compute_view

    def counting(text: str) -> view.ReaderView:
        computed.append(text)
        return real(text)

    view._cached_view.cache_clear()
    monkeypatch.setattr(view, "_compute_view", counting)
    report, errors, _ = check_paths(
        Engine(Config(), RunOptions(today=dt.date(2026, 12, 6))), [str(path)], [], jobs=1, cache_path=None
    )
    assert not errors and report is not None
    assert report.findings  # the example.org links are placeholders: the rules did read the views
    assert len(computed) == len(set(computed))  # no view computed twice in the file
    assert len(computed) >= 3000


def test_path_branch_starts_once_per_run_and_matches_as_before() -> None:
    import re

    exts = ("md", "py", "js", "ts", "json", "yaml", "yml", "toml", "txt", "htm", "html")
    before = re.compile(
        r"\b[\w-]++(?:/[\w.-]++)++" + "(?:" + "|".join(f"(?<=\\.{e})" for e in exts) + r")\b"
    )  # the branch as it was: it started again after every hyphen of a run
    now = re.compile(view.branch_pattern("path"))

    def spans(text: str) -> list[tuple[int, int]]:
        # a run that opens with hyphens is read from its first hyphen; the path starts after them
        return [(m.start() + len(m.group()) - len(m.group().lstrip("-")), m.end()) for m in now.finditer(text)]

    rng = random.Random(5)
    for _ in range(30000):
        text = "".join(rng.choice("ab-/.mdé_ 字x-1") for _ in range(rng.randint(0, 24)))
        assert spans(text) == [m.span() for m in before.finditer(text)], text
    assert now.search("see docs/guide.md now").group() == "docs/guide.md"  # type: ignore[union-attr]


def test_path_branch_is_linear_on_runs_of_three_hyphens() -> None:
    import time

    # "x---x---x...", no path in the run, a path after it: a start after every "---" read the
    # rest of the run again (quadratic: 20,000 units took 11.6 s, this one minutes); now one
    # start per run, and the run stays text
    text = "x---" * 100_000 + " docs/a.md and ---lead/b.md"
    began = time.process_time()
    got = view._compute_view(text)
    assert time.process_time() - began < 5
    assert got.masked.startswith("x---x---")
    assert got.masked.endswith(view.MASK * len("docs/a.md") + " and ---" + view.MASK * len("lead/b.md"))
    assert view._compute_view("x---y/docs/a.md").masked == view.MASK * 15  # one path, from its run's start
