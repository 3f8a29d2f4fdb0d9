"""The knowledge base: loader, schema, lookups, user files, and a cross-check of the
bundled dates against the public reference data sets in ../shared/reference."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from checker.core.config import Config
from checker.core.rule import RunContext
from checker.extract.kb import (
    KBError,
    KnowledgeBase,
    PartialDate,
    bundled_paths,
    get_kb,
    load_file,
    load_kb,
    parse_data,
)
from checker.extract.names.keys import name_key

SCHEMA = Path(__file__).resolve().parent.parent / "checker" / "data" / "kb" / "schema.json"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


# --- loading and schema ------------------------------------------------------------------------


def test_bundled_kb_is_big_versioned_and_sourced(kb: KnowledgeBase) -> None:
    assert len(kb) >= 500
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", kb.version)
    for e in kb:
        assert e.source.startswith(("https://", "http://")), e.name
    kinds = {e.kind for e in kb}
    assert {"company", "model", "chip", "architecture", "framework", "product"} <= kinds


def test_bundled_dates_cover_2017_to_2026(kb: KnowledgeBase) -> None:
    years = {d.year for e in kb for d in (e.announced, e.released) if d}
    assert set(range(2017, 2026)) <= years
    for e in kb:
        for d in (e.announced, e.released):
            assert d is None or dt.date(2000, 1, 1) <= d.earliest() <= dt.date(2026, 12, 31), e.name


# Different things whose names differ only in case share a key on purpose.
SAME_KEY_ON_PURPOSE = {frozenset({"React", "ReAct"})}


def test_no_name_is_claimed_twice_in_the_bundled_files() -> None:
    owners: dict[str, str] = {}
    for path in bundled_paths():
        entries, _ = load_file(path)
        for e in entries:
            for n in e.names:
                other = owners.setdefault(name_key(n), e.name)
                if other != e.name and frozenset({other, e.name}) not in SAME_KEY_ON_PURPOSE:
                    raise AssertionError(f"{n!r} of {e.name!r} ({path.name}) is already a name of {other!r}")


def test_bundled_files_follow_the_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for path in bundled_paths():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        jsonschema.validate(data, schema)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"schema": 2, "entry": []}, "schema"),
        ({"schema": 1, "entry": [{"name": "X", "kind": "model"}]}, "missing `source`"),
        ({"schema": 1, "entry": [{"name": "X", "kind": "robot", "source": "https://x.org"}]}, "unknown kind"),
        ({"schema": 1, "entry": [{"name": "X", "kind": "model", "source": "x.org"}]}, "http(s) URL"),
        (
            {"schema": 1, "entry": [{"name": "X", "kind": "model", "source": "https://x.org", "released": "2025-13"}]},
            "bad month",
        ),
        (
            {
                "schema": 1,
                "entry": [{"name": "X", "kind": "model", "source": "https://x.org", "released": "2025-02-30"}],
            },
            "released",
        ),
        (
            {
                "schema": 1,
                "entry": [
                    {
                        "name": "X",
                        "kind": "model",
                        "source": "https://x.org",
                        "announced": "2025-05",
                        "released": "2025-01-01",
                    }
                ],
            },
            "after released",
        ),
        (
            {"schema": 1, "entry": [{"name": "X", "kind": "model", "source": "https://x.org", "date": "2025"}]},
            "unknown keys",
        ),
        ({"schema": 1, "group": [{"maker": "A", "entries": []}]}, "non-empty list"),
        (
            {"schema": 1, "entry": [{"name": "X", "kind": "model", "source": "https://x.org", "aliases": "Y"}]},
            "aliases",
        ),
    ],
)
def test_schema_violations_name_file_and_entry(data: dict[str, object], message: str) -> None:
    with pytest.raises(KBError) as err:
        parse_data(data, "user-kb.toml")
    assert message in str(err.value)
    assert str(err.value).startswith("user-kb.toml")


def test_groups_give_defaults_and_entries_override_them() -> None:
    entries, version = parse_data(
        {
            "schema": 1,
            "version": "2026-01-01",
            "group": [
                {
                    "maker": "Acme",
                    "kind": "model",
                    "source": "https://acme.example/models",
                    "entries": [
                        {"name": "Acme-1", "released": "2025-03"},
                        {"name": "Acme Chip", "kind": "chip", "source": "https://acme.example/chip"},
                    ],
                }
            ],
        },
        "acme.toml",
    )
    assert version == "2026-01-01"
    one, chip = entries
    assert (one.maker, one.kind, one.source, str(one.released)) == (
        "Acme",
        "model",
        "https://acme.example/models",
        "2025-03",
    )
    assert (chip.kind, chip.source) == ("chip", "https://acme.example/chip")


# --- lookups -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("DeepSeek R1", "DeepSeek-R1"),
        ("deepseek-r1", "DeepSeek-R1"),
        ("英偉達", "NVIDIA"),
        ("英伟达", "NVIDIA"),
        ("輝達", "NVIDIA"),
        ("通義千問", "Qwen"),
        ("ＧＰＴ－４ｏ", "GPT-4o"),
        ("Claude 3.7 Sonnet", "Claude 3.7 Sonnet"),
        ("文心一言", "ERNIE Bot"),
        ("GB300 NVL72", "GB300 NVL72"),
        ("Snapdragon 8 Gen 3", "Snapdragon 8 Gen 3"),
    ],
)
def test_lookup_by_normalised_key(kb: KnowledgeBase, written: str, canonical: str) -> None:
    entry = kb.lookup(written)
    assert entry is not None and entry.name == canonical


def test_versions_are_different_names(kb: KnowledgeBase) -> None:
    assert kb.lookup("GPT-4.1") is not kb.lookup("GPT-4")
    assert kb.lookup("GPT-4.1") is not None and kb.lookup("GPT-41") is None


def test_entry_fields_for_date_rules(kb: KnowledgeBase) -> None:
    r1 = kb.lookup("DeepSeek-R1")
    assert r1 is not None and r1.maker == "DeepSeek" and r1.kind == "model"
    assert r1.released == PartialDate(2025, 1, 20) and r1.released.precision == "day"
    qwen3 = kb.lookup("Qwen3")
    assert qwen3 is not None and qwen3.released is not None and qwen3.released.precision == "month"
    assert qwen3.released.earliest() == dt.date(2025, 4, 1) and qwen3.released.latest() == dt.date(2025, 4, 30)
    ev = r1.evidence()
    assert ev.kind == "knowledge-base" and ev.url and "released 2025-01-20" in ev.detail


def test_family_prefix(kb: KnowledgeBase) -> None:
    entry = kb.family_prefix("Qwen2.5-VL-72B-Instruct")
    # the longest known prefix: the generated KB knows the 72B size itself
    assert entry is not None and name_key(entry.name).startswith(name_key("Qwen2.5-VL"))
    assert kb.family_prefix("Zorblax-7") is None


def test_all_names_lists_aliases(kb: KnowledgeBase) -> None:
    names = {n for n, _ in kb.all_names()}
    assert {"NVIDIA", "英伟达", "輝達", "DeepSeek-R1", "DeepSeek R1"} <= names


def test_partial_dates() -> None:
    assert PartialDate.parse("2024").latest() == dt.date(2024, 12, 31)
    assert PartialDate.parse("2024-02").latest() == dt.date(2024, 2, 29)
    assert PartialDate.parse("2024-12").latest() == dt.date(2024, 12, 31)
    assert str(PartialDate.parse(dt.date(2025, 1, 2))) == "2025-01-02"
    with pytest.raises(ValueError):
        PartialDate.parse("May 2024")


# --- user files through the config ---------------------------------------------------------------


def test_user_file_adds_and_replaces_entries(tmp_path: Path) -> None:
    user = tmp_path / "my-kb.toml"
    user.write_text(
        'schema = 1\nversion = "2099-01-01"\n'
        "[[entry]]\n"
        'name = "Kortexa-9"\nkind = "model"\nmaker = "Kortexa"\nsource = "https://kortexa.example/9"\n'
        'aliases = ["柯特莎9"]\nreleased = "2026-02"\n'
        "[[entry]]\n"
        'name = "DeepSeek-R1"\nkind = "model"\nsource = "https://example.org/r1"\nnote = "house entry"\n',
        encoding="utf-8",
    )
    ctx = RunContext(today=dt.date(2026, 1, 1))
    ctx.services.config = Config(knowledge_base=[str(user)])
    kb = get_kb(ctx)
    assert get_kb(ctx) is kb  # loaded once per run
    assert kb.version == "2099-01-01"
    entry = kb.lookup("柯特莎9")
    assert entry is not None and entry.name == "Kortexa-9"
    r1 = kb.lookup("DeepSeek R1")
    assert r1 is not None and r1.note == "house entry" and r1.released is None
    assert len(kb.lookup_all("DeepSeek-R1")) == 1  # the bundled entry is gone, not shadowed


def test_bad_user_file_is_an_error_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("schema = 1\n[[entry]]\nname = 'X'\n", encoding="utf-8")
    with pytest.raises(KBError) as err:
        load_kb([bad])
    assert "bad.toml" in str(err.value) and "missing" in str(err.value)
    with pytest.raises(KBError):
        load_kb([tmp_path / "missing.toml"])


# --- cross-check against the public reference data sets -----------------------------------------
#
# A disagreement is a reference date outside the KB's date range (announced..released at their
# precision) by more than TOLERANCE. Reviewed disagreements are listed below with the reason the
# KB keeps its date; any new disagreement fails the test, so a wrong date cannot slip in.

TOLERANCE = dt.timedelta(days=10)


@dataclass(frozen=True)
class RefDate:
    name: str
    date: dt.date
    source: str


def _epoch_models(shared: Path) -> list[RefDate]:
    out: list[RefDate] = []
    path = shared / "reference" / "sidx04__karma-police" / "notable_ai_models.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            name = re.sub(r"\s*\([A-Z][a-z]{2} \d{4}\)$", "", row["Model"]).strip()
            if "(" in row["Model"]:
                continue  # "DeepSeek-R1 (May 2025)": a re-release under the same name
            date = row["Publication date"].strip()
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
                out.append(RefDate(name, dt.date.fromisoformat(date), "epoch-notable"))
    return out


def _models_dev(shared: Path) -> list[RefDate]:
    out: list[RefDate] = []
    for path in sorted((shared / "reference" / "anomalyco__models.dev" / "models").glob("*/*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        date = str(data.get("release_date", ""))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) and "name" in data:
            out.append(RefDate(str(data["name"]), dt.date.fromisoformat(date), "models.dev"))
    return out


def _epoch_hardware(shared: Path) -> list[RefDate]:
    out: list[RefDate] = []
    path = shared / "reference" / "joshyou__clod" / "ml_hardware.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            date = row["Release date"].strip()
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
                continue
            name = row["Hardware name"].strip()
            maker = row["Manufacturer"].strip()
            for variant in (name, re.sub(rf"^{re.escape(maker)}\s+", "", name), name.split(" ")[-1]):
                out.append(RefDate(variant, dt.date.fromisoformat(date), "epoch-hardware"))
    return out


def disagreements(kb: KnowledgeBase, refs: list[RefDate]) -> list[str]:
    found: set[str] = set()
    for ref in refs:
        entry = kb.get_canonical(ref.name) or kb.lookup(ref.name)
        if entry is None or entry.kind in ("company", "person", "model-family"):
            continue
        dates = [d for d in (entry.announced, entry.released) if d]
        if not dates:
            continue
        low = min(d.earliest() for d in dates) - TOLERANCE
        high = max(d.latest() for d in dates) + TOLERANCE
        if not low <= ref.date <= high:
            span = " .. ".join(str(d) for d in dates)
            found.add(f"{entry.name}: KB {span}; {ref.source} '{ref.name}' {ref.date}")
    return sorted(found)


# Reviewed: the KB date is the first public announcement or the consumer launch, the reference
# dates an API id, a paper or a later general availability. Keys are "KB name: source".
REVIEWED = {
    "AlphaFold: epoch-notable": "Epoch dates the Nature paper (2020-01-15); AlphaFold 1 was shown at CASP13 2018-12-02",
    # chips: Epoch's "Release date" is often general availability, the KB keeps the announcement
    "A100: epoch-hardware": "Epoch 2020-03-01; announced at the GTC 2020 keynote, 2020-05-14",
    "B100: epoch-hardware": "Epoch dates availability (2024-11); announced at GTC 2024-03-18",
    "B200: epoch-hardware": "Epoch dates availability (2024-11); announced at GTC 2024-03-18",
    "GB200: epoch-hardware": "Epoch dates availability (2025-02); announced at GTC 2024-03-18",
    "GH200: epoch-hardware": "Epoch dates the HBM3e version (SIGGRAPH 2023-08-08); first shown at Computex 2023-05-29",
    "Gaudi 3: epoch-hardware": "Epoch dates availability (2024-09-24); announced at Intel Vision 2024-04-09",
    "Ironwood: epoch-hardware": "Epoch dates general availability (2025-11); announced at Cloud Next 2025-04-09",
    "Trainium2: epoch-hardware": "Epoch dates GA (re:Invent 2024); announced at re:Invent 2023-11-28",
    "Trainium3: epoch-hardware": "Epoch dates GA (re:Invent 2025); announced at re:Invent 2024-12-03",
    "V100: epoch-hardware": "Epoch dates shipping (2017-06); announced at GTC 2017-05-10",
    "TPU v2: epoch-hardware": "Epoch gives month precision (2017-05-01); announced at I/O 2017-05-17",
    # models: Epoch dates papers, models.dev dates API ids; the KB keeps the first public launch
    "AlphaStar: epoch-notable": "Epoch dates the Nature paper (2019-10-30); demonstrated 2019-01-24",
    "DALL-E 3: epoch-notable": "Epoch dates the release in ChatGPT/paper (2023-10); announced 2023-09-20",
    "LaMDA: epoch-notable": "Epoch dates the paper (2022); announced at Google I/O 2021-05-18",
    "GPT-3.5 Turbo: epoch-notable": "Epoch files the ChatGPT model (2022-11-30) here; the API id is of 2023-03-01",
    "GPT-4: models.dev": "models.dev dates a later gpt-4 id (2023-11-06); GPT-4 launched 2023-03-14",
    "GPT-5 Pro: epoch-notable": "Epoch dates the API (DevDay 2025-10-06); in ChatGPT since 2025-08-07",
    "GPT-5 Pro: models.dev": "models.dev dates the API release (2025-10-06); in ChatGPT since 2025-08-07",
    "o1 pro: models.dev": "models.dev dates the API (2025-03-19); o1 pro mode launched in ChatGPT Pro 2024-12-05",
    "Gemini 2.0 Flash-Lite: models.dev": "models.dev gives the 2.0 family date; Flash-Lite announced 2025-02-05",
    "Gemini 2.0 Pro: epoch-notable": "Epoch dates gemini-exp-1206 (2024-12); 2.0 Pro Experimental is 2025-02-05",
    "Claude Opus 4.5: models.dev": "models.dev gives month precision (2025-11-01); released 2025-11-24",
    "Command R: models.dev": "models.dev dates the 08-2024 refresh; Command R launched 2024-03-11",
    "Command R+: models.dev": "models.dev dates the 08-2024 refresh; Command R+ launched 2024-04-04",
    "Mistral Large 3: models.dev": "models.dev maps the 2024-11 mistral-large-latest id here; Large 3 is 2025-12-02",
    "Mistral NeMo: models.dev": "models.dev gives month precision (2024-07-01); released 2024-07-18",
}


def _reviewed(line: str) -> bool:
    name, rest = line.split(":", 1)
    source = rest.split(";")[1].split("'")[0].strip()
    return f"{name}: {source}" in REVIEWED


def test_dates_agree_with_reference_data_sets(kb: KnowledgeBase, shared: Path) -> None:
    refs = [*_epoch_models(shared), *_models_dev(shared), *_epoch_hardware(shared)]
    assert len(refs) > 500
    found = disagreements(kb, refs)
    print("\n".join(["KB date disagreements with ../shared/reference:", *found]))
    new = [line for line in found if not _reviewed(line)]
    assert not new, "unreviewed date disagreements:\n" + "\n".join(new)
