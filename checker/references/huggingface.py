"""Hugging Face Hub API: model ids and `createdAt`.

`createdAt` is when the repository was created, not when the model was released, and
`2022-03-02T23:29:04.000Z` is a floor given to every older repository: it is never a
date. Unknown, private and gated repositories may all answer 401; only the header
`X-Error-Code: RepoNotFound` says "no such public repository".
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlencode

from checker.references.base import SourceClient
from checker.references.http import Fetched
from checker.references.result import LookupResult, Outcome, parse_iso_date
from checker.references.shape import as_dict, as_list, dicts, get_str
from checker.text.lazy_regex import lazy_compile

CREATED_FLOOR = "2022-03-02T23:29:04"


def _key(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


# What may follow a model's name in a repository name: sizes and variants
# ("SmolLM2" -> HuggingFaceTB/SmolLM2-1.7B-Instruct), not other words.
_VARIANT = lazy_compile(
    r"^(?:\d+(?:\.\d+)?[bmk]|a\d+(?:\.\d+)?b|\d+x\d+b|v\d+(?:\.\d+)*|\d{4}|instruct|chat|base|it|hf|gguf|awq|gptq"
    r"|fp8|fp16|bf16|int4|int8|mlx|preview|thinking|reasoning|pt|sft|dpo|rl|exp|latest|distill|turbo|mini|flash)$"
)


def names_match(repo_name: str, wanted: str) -> bool:
    """The repository is the model: same name, or the name followed by sizes and variants."""
    if _key(repo_name) == _key(wanted):
        return True
    repo_tokens = [t for t in re.split(r"[-_\s]+", repo_name.lower()) if t]
    want_tokens = [t for t in re.split(r"[-_\s]+", wanted.lower()) if t]
    if not want_tokens or repo_tokens[: len(want_tokens)] != want_tokens:
        return False
    rest = repo_tokens[len(want_tokens) :]
    return bool(rest) and all(_VARIANT.match(t) for t in rest)


class HuggingFaceClient(SourceClient):
    source = "huggingface"

    def model(self, repo_id: str) -> LookupResult:
        got = self.fetch(f"/api/models/{quote(repo_id, safe='/')}")
        failed = self.transport_unknown(repo_id, got)
        if failed:
            return failed
        code = got.header("X-Error-Code")
        if code == "RepoNotFound" or (got.status == 404 and code is None):
            return self.result(
                repo_id,
                Outcome.NOT_FOUND,
                f"no such public repository (HTTP {got.status}{', RepoNotFound' if code else ''})",
                got,
            )
        if got.status in (401, 403):
            return self.result(
                repo_id, Outcome.UNKNOWN, f"access restricted (HTTP {got.status}{', ' + code if code else ''})", got
            )
        if got.status != 200:
            return self.unexpected(repo_id, got, "not a model page")
        return self.shaped(repo_id, got, lambda data: self._model(repo_id, got, as_dict(data)))

    def _model(self, repo_id: str, got: Fetched, data: dict[str, Any]) -> LookupResult:
        model_id = get_str(data, "id", required=True)
        created = get_str(data, "createdAt")
        released = None if created is None or created.startswith(CREATED_FLOOR) else parse_iso_date(created)
        detail = f"model {model_id} exists" + (f" (repository created {released.isoformat()})" if released else "")
        return self.result(
            repo_id,
            Outcome.FOUND,
            detail,
            got,
            released=released,
            facts={"id": model_id, "date_kind": "repository-created"},
        )

    def search(self, name: str) -> LookupResult:
        """Is there a model repository named exactly `name` (any owner)?"""
        query = name.strip().replace(" ", "-")
        got = self.fetch("/api/models?" + urlencode({"search": query, "limit": 50}))
        failed = self.transport_unknown(name, got)
        if failed:
            return failed
        if got.status != 200:
            return self.unexpected(name, got, "not a search answer")
        return self.shaped(name, got, lambda data: self._search(name, got, dicts(as_list(data), "the hits")))

    def _search(self, name: str, got: Fetched, hits: list[dict[str, Any]]) -> LookupResult:
        ids = [get_str(m, "id", required=True) for m in hits]
        exact = [
            (i, get_str(m, "createdAt"))
            for i, m in zip(ids, hits, strict=True)
            if names_match(i.rsplit("/", 1)[-1], name)
        ]
        if not exact:
            detail = (
                "no model repository has that name"
                if not hits
                else f"{len(hits)} repositories contain it, none is named so"
            )
            return self.result(name, Outcome.NOT_FOUND, detail, got)
        dates = [
            d
            for _, created in exact
            if created and not created.startswith(CREATED_FLOOR)
            for d in [parse_iso_date(created)]
            if d
        ]
        shown = [i for i, _ in exact[:3]]
        return self.result(
            name,
            Outcome.FOUND,
            "found " + ", ".join(shown),
            got,
            released=min(dates) if dates else None,
            facts={"ids": shown, "date_kind": "repository-created"},
        )
