"""Hugging Face Hub API: model ids and `createdAt`.

`createdAt` is when the repository was created, not when the model was released, and
`2022-03-02T23:29:04.000Z` is a floor given to every older repository: it is never a
date. Unknown, private and gated repositories may all answer 401; only the header
`X-Error-Code: RepoNotFound` says "no such public repository".
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

from checker.references.base import SourceClient
from checker.references.result import LookupResult, Outcome, parse_iso_date

CREATED_FLOOR = "2022-03-02T23:29:04"


def _key(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


# What may follow a model's name in a repository name: sizes and variants
# ("SmolLM2" -> HuggingFaceTB/SmolLM2-1.7B-Instruct), not other words.
_VARIANT = re.compile(
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
        data = got.json()
        if got.status != 200 or not isinstance(data, dict) or "id" not in data:
            return self.result(repo_id, Outcome.UNKNOWN, f"unexpected answer ({got.describe()})", got)
        created = data.get("createdAt")
        released = (
            None if not isinstance(created, str) or created.startswith(CREATED_FLOOR) else parse_iso_date(created)
        )
        detail = f"model {data['id']} exists" + (f" (repository created {released.isoformat()})" if released else "")
        return self.result(
            repo_id,
            Outcome.FOUND,
            detail,
            got,
            released=released,
            facts={"id": data["id"], "date_kind": "repository-created"},
        )

    def search(self, name: str) -> LookupResult:
        """Is there a model repository named exactly `name` (any owner)?"""
        query = name.strip().replace(" ", "-")
        got = self.fetch("/api/models?" + urlencode({"search": query, "limit": 50}))
        failed = self.transport_unknown(name, got)
        if failed:
            return failed
        data = got.json()
        if got.status != 200 or not isinstance(data, list):
            return self.result(name, Outcome.UNKNOWN, f"unexpected answer ({got.describe()})", got)
        exact = [m for m in data if isinstance(m, dict) and names_match(str(m.get("id", "")).rsplit("/", 1)[-1], name)]
        if not exact:
            detail = (
                "no model repository has that name"
                if not data
                else f"{len(data)} repositories contain it, none is named so"
            )
            return self.result(name, Outcome.NOT_FOUND, detail, got)
        dates = [
            d
            for m in exact
            for d in [parse_iso_date(m.get("createdAt"))]
            if d and not str(m.get("createdAt")).startswith(CREATED_FLOOR)
        ]
        ids = [str(m["id"]) for m in exact[:3]]
        return self.result(
            name,
            Outcome.FOUND,
            "found " + ", ".join(ids),
            got,
            released=min(dates) if dates else None,
            facts={"ids": ids, "date_kind": "repository-created"},
        )
