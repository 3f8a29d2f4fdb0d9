"""Answers of the wrong shape from every reference API end "unknown" with the reason,
never an exception: wrong types, missing keys, a list for an object, 10,000-deep nesting,
an empty body, huge numbers. Served over real HTTP on 127.0.0.1 (no mock of requests)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.cli import main
from checker.references import ReferenceServices, parse_settings
from checker.references.result import LookupResult, Outcome
from checker.references.shape import ShapeError, get_str, loads

from .recorded.server import HERE, Answer, FixtureServer, reference_config

DEEP = b"[" * 10_000 + b"]" * 10_000
DEEP_OBJECT = b'{"a":' * 10_000 + b"1" + b"}" * 10_000
HUGE_INT = b"1" * 5_000  # past Python's 4300-digit conversion limit


def _leaves(value: Any, leaf: Callable[[Any], Any]) -> Any:
    if isinstance(value, dict):
        return {k: _leaves(v, leaf) for k, v in value.items()}
    if isinstance(value, list):
        return [_leaves(v, leaf) for v in value]
    return leaf(value)


def _recorded(source: str, path: str) -> Any:
    for raw in json.loads((HERE / f"{source}.json").read_text(encoding="utf-8")):
        if raw["path"] == path:
            return raw["body"]
    raise KeyError(path)


# One question per client method, with the recorded answer it normally reads.
Call = Callable[[ReferenceServices], LookupResult]
QUESTIONS: list[tuple[str, str, str, Call]] = [
    ("pypi", "pypi", "/pypi/triton/json", lambda r: r.pypi.version("triton", "2.3")),
    ("pypi-project", "pypi", "/pypi/torch/json", lambda r: r.pypi.project("torch")[0]),
    (
        "hf-model",
        "huggingface",
        "/api/models/deepseek-ai/DeepSeek-R1",
        lambda r: r.huggingface.model("deepseek-ai/DeepSeek-R1"),
    ),
    ("hf-search", "huggingface", "/api/models?search=SmolLM2&limit=50", lambda r: r.huggingface.search("SmolLM2")),
    ("github-repo", "github", "/repos/triton-lang/triton", lambda r: r.github.repo("triton-lang/triton")),
    (
        "github-release",
        "github",
        "/repos/triton-lang/triton/releases?per_page=100",
        lambda r: r.github.release("triton-lang/triton", "2.3"),
    ),
    (
        "wikidata-search",
        "wikidata",
        "/w/api.php?action=wbsearchentities&search=GPT-5&language=en&uselang=en&type=item&limit=10&format=json",
        lambda r: r.wikidata.search("GPT-5", ("en",)),
    ),
    ("wikipedia", "wikipedia", "/api/rest_v1/page/summary/GPT-5", lambda r: r.wikipedia.summary("GPT-5")),
    (
        "crossref",
        "crossref",
        "/works/10.1038%2Fs41586-021-03819-2",
        lambda r: r.crossref.work("10.1038/s41586-021-03819-2"),
    ),
    ("doi", "doi", "/api/handles/10.1038/s41586-021-03819-2", lambda r: r.doi.handle("10.1038/s41586-021-03819-2")),
]
IDS = [q[0] for q in QUESTIONS]


def _bodies(source: str, path: str) -> dict[str, bytes]:
    """The wrong shapes served in place of the recorded answer."""
    good = _recorded(source, path)
    dumps: Callable[[Any], bytes] = lambda v: json.dumps(v).encode()  # noqa: E731
    return {
        "list-for-object": dumps([good]) if isinstance(good, dict) else dumps({"items": good}),
        "missing-keys": dumps({} if isinstance(good, dict) else [{}]),
        "numbers-for-strings": dumps(_leaves(good, lambda v: 12345 if isinstance(v, str) else v)),
        "lists-for-everything": dumps(_leaves(good, lambda v: [v])),
        "objects-for-everything": dumps(_leaves(good, lambda v: {"v": v})),
        "a-string": b'"text"',
        "null": b"null",
        "deep-list": DEEP,
        "deep-object": DEEP_OBJECT,
        "empty": b"",
        "huge-int": HUGE_INT,
        "huge-numbers": dumps(_leaves(good, lambda v: 10**400 if isinstance(v, int | str) else v)),
        "not-utf8": b"\xff\xfe{",
    }


@pytest.fixture(scope="module")
def server() -> Iterator[FixtureServer]:
    srv = FixtureServer().load().start()
    yield srv
    srv.stop()


@pytest.fixture
def refs(server: FixtureServer) -> ReferenceServices:
    return ReferenceServices(parse_settings(reference_config(server, None, retries=0)))


@pytest.mark.parametrize(("name", "source", "path", "ask"), QUESTIONS, ids=IDS)
def test_wrong_shapes_are_unknown(
    name: str, source: str, path: str, ask: Call, server: FixtureServer, refs: ReferenceServices
) -> None:
    good = _recorded(source, path)
    try:
        for kind, body in _bodies(source, path).items():
            server.add("GET", f"/{source}{path}", Answer(200, {"Content-Type": "application/json"}, body))
            result = ask(refs)
            assert result.outcome is Outcome.UNKNOWN, (kind, result.detail)
            assert "unexpected answer" in result.detail, (kind, result.detail)
    finally:
        server.add_json("GET", f"/{source}{path}", 200, good)
    assert ask(refs).found  # the recorded answer still reads


def test_wikidata_claims_of_the_wrong_shape_keep_the_item_without_a_date(
    server: FixtureServer, refs: ReferenceServices
) -> None:
    path = (
        "/wikidata/w/api.php?action=wbgetentities&ids=Q900000001"
        "&props=labels%7Cdescriptions%7Cclaims&languages=en%7Czh&format=json"
    )
    good = _recorded("wikidata", path.removeprefix("/wikidata"))
    try:
        for body in (DEEP, b"", b'{"entities": []}', json.dumps(_leaves(good, lambda v: [v])).encode()):
            server.add("GET", path, Answer(200, {}, body))
            result = refs.wikidata.entity_dates("GPT-5", ["Q900000001"])
            # the search matched a label: the item exists, its claims did not load
            assert result.found and result.released is None and "no dates: unexpected answer" in result.detail
    finally:
        server.add_json("GET", path, 200, good)


@pytest.mark.parametrize(
    "body",
    [b"", DEEP, b'{"feed": 1}', b'<?xml version="1.0" encoding="bogus"?><feed/>', b"<a>" * 10_000 + b"</a>" * 10_000],
    ids=["empty", "deep-json", "json", "unknown-encoding", "deep-xml"],
)
def test_arxiv_answers_that_are_not_a_feed_are_unknown(
    body: bytes, server: FixtureServer, refs: ReferenceServices
) -> None:
    path = "/arxiv/api/query?id_list=2601.00001"
    server.add("GET", path, Answer(200, {"Content-Type": "application/atom+xml"}, body))
    result = refs.arxiv.paper("2601.00001")
    assert result.outcome is Outcome.UNKNOWN and "unexpected answer" in result.detail


def _mutations(value: Any) -> Iterator[Any]:
    """Each node of a JSON document replaced by each wrong kind of value, and each key removed."""
    replacements: list[Any] = [None, 7, -1, 10**400, 1.5e308, "x", "", [], {}, True, [1], {"k": "v"}]

    def walk(node: Any, set_: Callable[[Any], None], remove: Callable[[], None] | None) -> Iterator[None]:
        # restore the node itself (not a copy), so that the walk below changes the document
        for r in replacements:
            if r != node or type(r) is not type(node):
                set_(r)
                yield
        set_(node)
        if remove is not None:
            remove()
            yield
            set_(node)
        if isinstance(node, dict):
            for key in list(node):

                def put(v: Any, node: dict[str, Any] = node, key: str = key) -> None:
                    node[key] = v

                def drop(node: dict[str, Any] = node, key: str = key) -> None:
                    del node[key]

                yield from walk(node[key], put, drop)
        elif isinstance(node, list):
            for i in range(len(node)):

                def put_item(v: Any, node: list[Any] = node, i: int = i) -> None:
                    node[i] = v

                yield from walk(node[i], put_item, None)

    root = {"doc": copy.deepcopy(value)}

    def put_root(v: Any) -> None:
        root["doc"] = v

    for _ in walk(root["doc"], put_root, None):
        yield copy.deepcopy(root["doc"])


@pytest.mark.parametrize(("name", "source", "path", "ask"), QUESTIONS, ids=IDS)
def test_every_node_of_the_wrong_type_never_raises(
    name: str, source: str, path: str, ask: Call, server: FixtureServer, refs: ReferenceServices
) -> None:
    """Every value and key of the recorded answer, changed one at a time: the look-up ends
    found, not found or unknown, and never raises."""
    good = _recorded(source, path)
    seen = 0
    try:
        for mutated in _mutations(good):
            server.add("GET", f"/{source}{path}", Answer(200, {}, json.dumps(mutated).encode()))
            result = ask(refs)
            assert isinstance(result.outcome, Outcome)
            seen += 1
    finally:
        server.add_json("GET", f"/{source}{path}", 200, good)
    assert seen > 20


def test_shape_accessors() -> None:
    assert get_str({"a": "x"}, "a") == "x" and get_str({}, "a") is None and get_str({"a": None}, "a") is None
    with pytest.raises(ShapeError, match="`a` is a number, not a string"):
        get_str({"a": 1}, "a")
    with pytest.raises(ShapeError, match="`a` is missing"):
        get_str({}, "a", required=True)
    with pytest.raises(ShapeError, match="nested too deeply"):
        loads(DEEP)
    with pytest.raises(ShapeError, match="malformed JSON"):
        loads(HUGE_INT)
    with pytest.raises(ShapeError, match="empty body"):
        loads(b" \n")


# --- a whole run ---------------------------------------------------------------------------

ARTICLE = """---
date: 2025-09-01
---
# AI news

1. NVIDIA 今日發布專為能效優化設計的新一代推理晶片 Hopper-Eco。
2. Open Thoughts 今日發布 OpenThinker-32B 推理模型，基於 Triton 2.3。
3. The paper is [on arXiv](https://arxiv.org/abs/2501.12948), DOI [10.1038/s41586-021-03819-2](https://doi.org/10.1038/s41586-021-03819-2).
4. Code: https://github.com/triton-lang/triton and https://huggingface.co/deepseek-ai/DeepSeek-R1 and https://pypi.org/project/triton/
"""


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + "}"


@pytest.mark.parametrize(
    "body",
    [DEEP, b"", HUGE_INT, b"[1, 2]", b'{"info": [], "search": 5, "message": "x", "responseCode": 1, "values": 3}'],
    ids=["deep", "empty", "huge-int", "list", "wrong-types"],
)
def test_a_whole_online_run_never_ends_in_an_internal_error(
    body: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    srv = FixtureServer().start()
    srv.fallbacks.append(("/", Answer(200, {"Content-Type": "application/json"}, body)))
    try:
        public = {
            f"https://{host}/": f"{srv.url}/web/"
            for host in ("github.com", "huggingface.co", "pypi.org", "arxiv.org", "doi.org")
        }
        table = reference_config(srv, None, retries=0, **{"url-map": public})
        config = tmp_path / "checker.toml"
        config.write_text(
            "[references]\n" + "".join(f"{json.dumps(k)} = {_toml(v)}\n" for k, v in table.items()), encoding="utf-8"
        )
        doc = tmp_path / "a.md"
        doc.write_text(ARTICLE, encoding="utf-8")
        code = main(
            ["check", str(doc), "--config", str(config), "--online", "--format", "json", "--today", "2025-09-02"]
        )
        out = capsys.readouterr()
        assert code in (0, 1), out.err
        assert "internal error" not in out.err and "Traceback" not in out.err
        report = json.loads(out.out)
        assert report["findings"] is not None
        assert srv.count() > 0  # the sources were asked
    finally:
        srv.stop()
