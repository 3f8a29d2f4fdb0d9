"""models.dev (MIT): the repository's TOML tree (`models/`, `providers/`) or its `api.json`.

Caveats from shared/reference/anomalyco__models.dev/PROVENANCE.md, applied here:
- `models/<lab>/<id>.toml` is the lab's own fact sheet: its `release_date` is trusted first;
- a provider entry of the maker itself (`providers/anthropic/...`) comes second;
- aggregators' entries (openrouter, nano-gpt, ...) prove that a name exists, but their dates
  are listing dates, and an alias id's date moves with the model behind it: such dates are
  never taken;
- display names carry host decorations ("OpenAI: o3 Pro", "(EU)", "FP8", "Groq-Llama-4-..."),
  and ids carry region prefixes, versions and hashes: `clean_name` / `clean_id` keep only
  what a writer would write.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from checker.kb.record import RANKS, Record, parse_date
from checker.kb.sources import epoch
from checker.text.lazy_regex import lazy_compile

SITE = "https://models.dev"
REPO = "https://github.com/anomalyco/models.dev/blob/dev"

# provider ids that are the same maker under another name (the maker's own API)
_SAME_MAKER = {
    "alibaba-cn": "alibaba",
    "moonshotai-cn": "moonshotai",
    "minimax-cn": "minimax",
    "zai": "zhipuai",
    "google-vertex": "google",
    "mistralai": "mistral",
    "meta-llama": "meta",
    "qwen": "alibaba",
    "z-ai": "zhipuai",
    "x-ai": "xai",
    "deepseek-ai": "deepseek",
}

# the labs of models.dev's `models/` folder: their own API listings are first-party
LABS = frozenset(
    {
        *("alibaba", "anthropic", "cohere", "deepreinforce", "deepseek", "google", "meta", "minimax", "mistral"),
        *("moonshotai", "nvidia", "openai", "perplexity", "sakana", "sarvam", "stepfun", "tencent", "xai"),
        *("xiaomi", "zhipuai"),
    }
)

# brands that name their lab: a lab's API serving another lab's model ("DeepSeek R1" on
# alibaba-cn) is not the maker's own listing
BRANDS = {
    "claude": "anthropic",
    "deepseek": "deepseek",
    "gemini": "google",
    "gemma": "google",
    "glm": "zhipuai",
    "gpt": "openai",
    "grok": "xai",
    "kimi": "moonshotai",
    "llama": "meta",
    "minimax": "minimax",
    "mistral": "mistral",
    "nemotron": "nvidia",
    "qwen": "alibaba",
}

_PAREN = lazy_compile(r"\s*[(（\[][^)）\]]*[)）\]]")
_HOST_PREFIX = lazy_compile(r"^[^:：]{2,30}[:：]\s+")
_QUANT = lazy_compile(r"(?:[\s\-_](?:FP8|FP16|BF16|FP4|INT4|INT8|AWQ|GPTQ|GGUF|MLX|TEE|NVFP4|W4A16|W8A8))+$", re.I)
_SNAPSHOT = lazy_compile(r"-(?:20\d{6}|\d{4})(?:-|$)")
_LONG_DIGITS = lazy_compile(r"\d{6,}")
_DATED_ID = lazy_compile(r"-20\d{6}$")
_HASHY = lazy_compile(r"(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{8,}", re.I)
_BAD_CHARS = lazy_compile(r"[/:@#$%=+,;|\\<>{}\"'`~!?*]")
_ID_OK = lazy_compile(r"^[A-Za-z][A-Za-z0-9.\-_]*$")


def clean_name(name: str, host: str | None = None) -> str | None:
    """The name a writer would use, or None when `name` is junk."""
    s = _HOST_PREFIX.sub("", name.strip())
    s = _PAREN.sub("", s).strip()
    s = _QUANT.sub("", s).strip()
    if host:
        # hosting prefixes such as "Groq-Llama-4-Maverick" or "Cerebras Llama 4 Scout"
        m = re.match(rf"^{re.escape(host)}[\s\-_]+(?=[A-Za-z]{{2}})", s, re.I)
        if m:
            s = s[m.end() :]
    s = re.sub(r"\s+", " ", s)
    if not s or len(s) > 60 or len(s.split()) > 8 or not re.search(r"[A-Za-z]", s):
        return None
    if "--" in s or _BAD_CHARS.search(s) or _LONG_DIGITS.search(s) or _HASHY.search(s):
        return None
    return s


def clean_id(model_id: str) -> list[str]:
    """The spellings of an API id a writer may use: `claude-opus-4-7`, `anthropic/claude-opus-4.7`."""
    parts = model_id.strip().split("/")
    if len(parts) > 2 or any(not p for p in parts):
        return []
    last = parts[-1]
    if not _ID_OK.match(last) or re.search(r"\.[A-Za-z]", last) or _HASHY.search(last):
        return []  # Bedrock region ids (eu.anthropic...), fine-tune hashes, version pins (:0)
    if _LONG_DIGITS.search(_DATED_ID.sub("", last)):
        return []  # yymmdd snapshots (doubao-seed-...-251028) are not names a writer uses
    head, _, rest = last.partition("-")
    if head.casefold() in LABS and any(rest.casefold().startswith(b) for b in BRANDS):
        return []  # "openai-gpt-5" has the key of "OpenAI GPT-5": the maker and the name, not one name
    out = [last]
    if len(parts) == 2 and _ID_OK.match(parts[0]):
        out.append(model_id.strip())
    return out


def _load(path: Path) -> dict[str, Any] | None:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None


def _text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _maker_of(provider: str, model_id: str, labs: set[str]) -> str | None:
    """The maker slug of a provider entry: the provider itself when it is a lab, else the
    organisation folder of the id (`openrouter/models/anthropic/...`)."""
    own = _SAME_MAKER.get(provider, provider)
    if own in labs:
        return own
    if "/" in model_id:
        org = model_id.split("/", 1)[0].lower()
        org = _SAME_MAKER.get(org, org)
        if org in labs:
            return org
    return None


def from_tree(root: Path) -> Iterator[Record]:
    """Records of a models.dev checkout (`models/`, `providers/`)."""
    root = Path(root)
    labs = {p.name for p in (root / "models").iterdir() if p.is_dir()} if (root / "models").is_dir() else set()
    providers = root / "providers"
    display: dict[str, str] = {}
    for pdir in sorted(providers.iterdir()) if providers.is_dir() else []:
        meta = _load(pdir / "provider.toml") or {}
        display[pdir.name] = _text(meta, "name") or pdir.name
    labs |= {_SAME_MAKER.get(p, p) for p in display if _SAME_MAKER.get(p, p) in labs}

    def maker_name(slug: str | None) -> str | None:
        return display.get(slug, slug) if slug else None

    by_id: dict[str, Record] = {}
    for lab in sorted(labs):
        for path in sorted((root / "models" / lab).rglob("*.toml")):
            data = _load(path)
            if data is None:
                continue
            model_id = path.relative_to(root / "models" / lab).with_suffix("").as_posix()
            name = clean_name(_text(data, "name") or "")
            if name is None:
                continue
            # a dated snapshot id (grok-4.20-0309, ...-20251101): its date is the snapshot's,
            # not the day the model first appeared
            snapshot = _SNAPSHOT.search(model_id) is not None
            rec = Record(
                name=name,
                kind="model",
                source=f"{REPO}/models/{lab}/{model_id}.toml",
                dataset="models.dev",
                rank=9 if snapshot else RANKS["models.dev/models"],
                maker=maker_name(lab),
                family=_text(data, "family"),
                ids=[*clean_id(model_id), *clean_id(f"{lab}/{model_id}")],
                released=None if snapshot else parse_date(data.get("release_date")),
            )
            by_id[f"{lab}/{model_id}"] = rec
            yield rec
    for prov in sorted(display):
        folder = providers / prov / "models"
        for path in sorted(folder.rglob("*.toml")) if folder.is_dir() else []:
            data = _load(path)
            if data is None:
                continue
            model_id = path.relative_to(folder).with_suffix("").as_posix()
            base = _text(data, "base_model")
            if base and base in by_id:
                by_id[base].ids.extend(clean_id(model_id))
                continue
            rel = f"providers/{prov}/models/{model_id}.toml"
            yield from _provider_record(data, prov, model_id, f"{REPO}/{rel}", labs, maker_name, display.get(prov))


def _provider_record(
    data: Mapping[str, Any],
    prov: str,
    model_id: str,
    source: str,
    labs: set[str],
    maker_name: Any,
    host: str | None,
) -> Iterator[Record]:
    maker = _maker_of(prov, model_id, labs)
    first_party = _SAME_MAKER.get(prov, prov) in labs
    name = clean_name(_text(data, "name") or "", None if first_party else host)
    raw = (_text(data, "name") or model_id).casefold()
    for lab in sorted(labs, key=len, reverse=True):  # "Anthropic Claude Fable 5" -> "Claude Fable 5"
        if name and re.match(rf"{re.escape(lab)}[\s\-_]+(?:{'|'.join(BRANDS)})", name, re.I):
            name = clean_name(name, lab)
            break
    if name is not None and not epoch.good_name(name):
        return  # a host's one-word label ("Auto", "Chat", "Greg") is no model name
    if not first_party and "/" not in model_id and model_id.casefold().startswith(prov.casefold()):
        first_party, maker = True, prov  # a lab models.dev has no folder for, listing its own models
    brands = {lab for brand, lab in BRANDS.items() if re.search(rf"(?<![a-z]){brand}", raw)}
    if brands and maker not in brands:
        # another lab's model served by this one (or by an aggregator): its maker, no date
        first_party = False
        maker = min(brands) if len(brands) == 1 else None
    if name is None:
        return
    yield Record(
        name=name,
        kind="model",
        source=source,
        dataset="models.dev",
        rank=RANKS["models.dev/maker"] if first_party else 9,
        maker=maker_name(maker),
        family=_text(data, "family"),
        ids=clean_id(model_id),
        # a snapshot id's date is the snapshot's, not the model's first day
        released=parse_date(data.get("release_date")) if first_party and not _SNAPSHOT.search(model_id) else None,
    )


def from_api(data: Any) -> Iterator[Record]:
    """Records of models.dev's `api.json` ({provider: {name, models: {id: {...}}}});
    anything not of that shape is skipped."""
    if not isinstance(data, dict):
        return
    display = {
        p: (v.get("name") if isinstance(v, dict) and isinstance(v.get("name"), str) else p) for p, v in data.items()
    }

    def maker_name(slug: str | None) -> str | None:
        return display.get(slug, slug) if slug else None

    for prov, body in sorted(data.items()):
        models = body.get("models") if isinstance(body, dict) else None
        if not isinstance(prov, str) or not isinstance(models, dict):
            continue
        for model_id, entry in sorted(models.items()):
            if not isinstance(model_id, str) or not isinstance(entry, dict):
                continue
            first = _SAME_MAKER.get(prov, prov) in LABS
            yield from _provider_record(
                entry,
                prov,
                model_id,
                f"{SITE}/#{prov}" if first else f"{SITE}/",
                set(LABS),
                maker_name,
                display.get(prov),
            )
