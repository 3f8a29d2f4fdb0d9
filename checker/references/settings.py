"""The `[references]` table of the configuration, validated.

`checker.core.config` accepts the table as a raw dict (Config.references); this module owns
its keys and raises ConfigError("references.<key>") for anything it does not know.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from checker import REPOSITORY_URL
from checker.cachefiles import cache_folder
from checker.core.config import Config, ConfigError

SOURCES: dict[str, str] = {
    "pypi": "https://pypi.org",
    "huggingface": "https://huggingface.co",
    "github": "https://api.github.com",
    "wikidata": "https://www.wikidata.org",
    # {lang} is replaced by the wiki's language ("en", "zh"); a base without it is used as is
    "wikipedia": "https://{lang}.wikipedia.org",
    "arxiv": "https://export.arxiv.org",
    "crossref": "https://api.crossref.org",
    "doi": "https://doi.org",
    # `checker kb update` (checker/kb/update.py): models.dev's api.json, Epoch AI's CSVs
    "modelsdev": "https://models.dev",
    "epoch": "https://epoch.ai",
}

# Seconds between two requests to one host (the services' own etiquette, see
# shared/guides/reference-apis.md): arXiv asks for one request every 3 s.
DEFAULT_INTERVALS: dict[str, float] = {
    "arxiv": 3.0,
    "wikidata": 0.2,
    "wikipedia": 0.1,
    "github": 0.2,
    "huggingface": 0.1,
    "crossref": 0.1,
    "doi": 0.1,
    "pypi": 0.05,
    "links": 0.2,
}

# How long answers are kept, in days, per source ("links" = plain URL liveness).
DEFAULT_EXPIRY_DAYS: dict[str, float] = {
    "pypi": 7,
    "huggingface": 7,
    "github": 7,
    "wikidata": 14,
    "wikipedia": 14,
    "arxiv": 30,
    "crossref": 30,
    "doi": 30,
    "links": 3,
}

# Hosts that answer scripts with bot walls or JavaScript shells: a look-up says nothing
# about the page, so they are never fetched and their links stay "unknown".
DEFAULT_UNCHECKED_HOSTS: tuple[str, ...] = (
    "x.com",
    "twitter.com",
    "mp.weixin.qq.com",
    "xiaohongshu.com",
    "douyin.com",
    "linkedin.com",
    "instagram.com",
    "facebook.com",
    "threads.net",
    "weibo.com",
    "zhihu.com",
    "okjike.com",
    "vertexaisearch.cloud.google.com",
)

KEYS = frozenset(
    {
        *SOURCES,
        "allow-hosts",
        "contact",
        "project-url",
        "timeout",
        "connect-timeout",
        "deadline",
        "run-deadline",
        "retries",
        "backoff",
        "max-retry-wait",
        "rate-limits",
        "host-concurrency",
        "workers",
        "max-redirects",
        "max-body",
        "cache",
        "cache-dir",
        "expire-days",
        "unchecked-hosts",
        "url-map",
    }
)


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
class ReferenceSettings:
    """Where and how online look-ups go: base URLs, hosts, contact, limits."""

    bases: dict[str, str] = field(default_factory=lambda: dict(SOURCES))
    allow_hosts: tuple[str, ...] = ()
    contact: str | None = None
    project_url: str = REPOSITORY_URL
    # `timeout` bounds each socket read; a host that drips one byte at a time never trips
    # it, so `deadline` bounds one look-up (all its requests, redirects, retries and body
    # reads, not the time it waits for its turn under the rate limits) and `run_deadline`
    # all look-ups of a run from the first one: once spent, the rest end "unknown" unasked.
    timeout: float = 10.0
    connect_timeout: float = 5.0
    deadline: float = 20.0
    run_deadline: float = 300.0
    retries: int = 2
    backoff: float = 0.5
    max_retry_wait: float = 30.0
    intervals: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_INTERVALS))
    host_concurrency: int = 2
    workers: int = 8
    max_redirects: int = 10
    max_body: int = 2 * 1024 * 1024
    cache: bool = True
    cache_dir: str | None = None
    expire_days: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_EXPIRY_DAYS))
    unchecked_hosts: tuple[str, ...] = DEFAULT_UNCHECKED_HOSTS
    url_map: dict[str, str] = field(default_factory=dict)

    def base(self, source: str) -> str:
        return self.bases[source].rstrip("/")

    def cache_path(self) -> Path:
        """The SQLite file of the HTTP cache (the user's cache directory unless configured)."""
        if self.cache_dir:
            return Path(self.cache_dir) / "http_cache.sqlite"
        return cache_folder() / "http_cache.sqlite"


def _number(path: str, key: str, value: Any, *, minimum: float = 0.0, maximum: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value >= minimum:  # NaN too
        raise ConfigError(path, f"references.{key}", f"must be a number >= {minimum:g}")
    if maximum is not None and value > maximum:
        raise ConfigError(path, f"references.{key}", f"must be a number <= {maximum:g}")
    return float(value)


# Seconds: a socket or timer wait past this overflows the platform's time_t (inf does).
MAX_SECONDS = 1_000_000.0


def _integer(path: str, key: str, value: Any, *, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ConfigError(path, f"references.{key}", f"must be a whole number >= {minimum}")
    return value


def _strings(path: str, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(path, f"references.{key}", "must be a list of strings")
    return tuple(v.strip() for v in value)


def _base_url(path: str, key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ConfigError(path, f"references.{key}", "must be a URL string")
    parts = urlsplit(value.replace("{lang}", "en"))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(path, f"references.{key}", f"must be an http(s) URL, not {value!r}")
    return value.rstrip("/")


def _allow_host(path: str, value: str) -> str:
    host = value.lower().strip("[]")
    if "/" in host:  # a network such as 10.0.0.0/8
        try:
            ipaddress.ip_network(host, strict=False)
        except ValueError:
            raise ConfigError(path, "references.allow-hosts", f"not a host or network: {value!r}") from None
    elif ":" in host and not _is_ip(host):
        raise ConfigError(path, "references.allow-hosts", f"give a host without port or scheme: {value!r}")
    return host


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _per_source(path: str, key: str, value: Any, defaults: dict[str, float]) -> dict[str, float]:
    """Per-source numbers; "default" sets every source, a named source overrides it."""
    if not isinstance(value, dict):
        raise ConfigError(path, f"references.{key}", "must be a table of source = number")
    out = dict(defaults)
    if "default" in value:
        number = _number(path, f"{key}.default", value["default"])
        out = dict.fromkeys(out, number)
    for name, number in value.items():
        if name == "default":
            continue
        if name not in defaults:
            known = ", ".join(sorted([*defaults, "default"]))
            raise ConfigError(path, f"references.{key}.{name}", f"unknown source (known: {known})")
        out[name] = _number(path, f"{key}.{name}", number)
    return out


def parse_settings(raw: Mapping[str, Any], path: str | None = None) -> ReferenceSettings:
    """Validate the `[references]` table. Unknown keys are a ConfigError naming the key."""
    where = path or "<config>"
    for key in raw:
        if key not in KEYS:
            raise ConfigError(where, f"references.{key}", f"unknown key (known: {', '.join(sorted(KEYS))})")
    bases = dict(SOURCES)
    for source in SOURCES:
        if source in raw:
            bases[source] = _base_url(where, source, raw[source])
    kwargs: dict[str, Any] = {"bases": bases}
    if "allow-hosts" in raw:
        kwargs["allow_hosts"] = tuple(_allow_host(where, h) for h in _strings(where, "allow-hosts", raw["allow-hosts"]))
    for key in ("contact", "project-url", "cache-dir"):
        if key in raw:
            if not isinstance(raw[key], str) or not raw[key].strip():
                raise ConfigError(where, f"references.{key}", "must be a non-empty string")
            kwargs[key.replace("-", "_")] = raw[key].strip()
    for key in ("timeout", "connect-timeout", "deadline", "run-deadline"):
        if key in raw:
            kwargs[key.replace("-", "_")] = _number(where, key, raw[key], minimum=0.001, maximum=MAX_SECONDS)
    for key in ("backoff", "max-retry-wait"):
        if key in raw:
            kwargs[key.replace("-", "_")] = _number(where, key, raw[key])
    for key, minimum in (
        ("retries", 0),
        ("host-concurrency", 1),
        ("workers", 1),
        ("max-redirects", 0),
        ("max-body", 1),
    ):
        if key in raw:
            kwargs[key.replace("-", "_")] = _integer(where, key, raw[key], minimum=minimum)
    if "rate-limits" in raw:
        kwargs["intervals"] = _per_source(where, "rate-limits", raw["rate-limits"], DEFAULT_INTERVALS)
    if "expire-days" in raw:
        kwargs["expire_days"] = _per_source(where, "expire-days", raw["expire-days"], DEFAULT_EXPIRY_DAYS)
    if "cache" in raw:
        if not isinstance(raw["cache"], bool):
            raise ConfigError(where, "references.cache", "must be true or false")
        kwargs["cache"] = raw["cache"]
    if "unchecked-hosts" in raw:
        kwargs["unchecked_hosts"] = tuple(h.lower() for h in _strings(where, "unchecked-hosts", raw["unchecked-hosts"]))
    if "url-map" in raw:
        table = raw["url-map"]
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise ConfigError(where, "references.url-map", "must be a table of URL prefix = replacement prefix")
        for prefix, target in table.items():
            _base_url(where, f"url-map.{prefix}", prefix)
            _base_url(where, f"url-map.{prefix}", target)
        kwargs["url_map"] = dict(table)
    return ReferenceSettings(**kwargs)


def settings_from_config(cfg: Config) -> ReferenceSettings:
    return parse_settings(cfg.references, cfg.path)
